import Datasets
import Foundation
import LabMath
import Optimizers
import Recurrent

/// The recurrent network a long-lag experiment trains: a tanh RNN or an LSTM with a given forget-gate bias, both with
/// Keras's initialisation (glorot-uniform W, orthogonal U, zero bias; the LSTM's forget-gate bias replaced).
public enum TemporalOrderModel: Sendable, Equatable, Hashable {
  case rnn
  case lstm(forgetBias: Double)

  /// The name in a results file: "rnn", "lstm-bf1", "lstm-bf2.5".
  public var key: String {
    switch self {
    case .rnn: return "rnn"
    case .lstm(let bias): return "lstm-bf" + (bias == bias.rounded() ? "\(Int(bias))" : "\(bias)")
    }
  }

  /// Reads a `key` back.
  public init(key: String) throws {
    if key == "rnn" {
      self = .rnn
    } else if key.hasPrefix("lstm-bf"), let bias = Double(key.dropFirst("lstm-bf".count)) {
      self = .lstm(forgetBias: bias)
    } else {
      throw TrainingError.invalidArgument(call: "TemporalOrderModel(key:)", argument: "model", value: key, expected: "rnn or lstm-bf<forget bias>")
    }
  }

  /// "tanh RNN", "LSTM, b_f = 1".
  public var name: String {
    switch self {
    case .rnn: return "tanh RNN"
    case .lstm(let bias): return "LSTM, b_f = \(Self.number(bias))"
    }
  }

  /// "RNN", "LSTM b_f=1": for crowded labels.
  public var shortName: String {
    switch self {
    case .rnn: return "RNN"
    case .lstm(let bias): return "LSTM b_f=\(Self.number(bias))"
    }
  }

  /// "1", "2.5": a forget-gate bias as it appears in a key or a name.
  public static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? "\(Int(x))" : "\(x)" }
}

/// Where the two marks of the temporal-order task go, and how long the sequences are.
public enum TemporalOrderPlacement: Sendable, Equatable {
  /// The second mark exactly L steps before the answer, the first among the `margin - 2` steps before it:
  /// T = L + margin for every batch.
  case lag(Int, margin: Int)
  /// Hochreiter & Schmidhuber's experiment 6a: T drawn uniformly from 100 ... 110 for each training batch, marks at
  /// [T/10, 2T/10) and [T/2, 6T/10) (`MarkPlacement.scaledWithLength`: the paper's 10 ... 20 and 50 ... 60 at T = 100);
  /// the held-out and test sets use the longest, T = 110.
  case paper6a

  /// The task generator.
  public var task: TemporalOrderTask {
    switch self {
    case .lag(let lag, _): return TemporalOrderTask(lag: lag)
    case .paper6a: return TemporalOrderTask(placement: .scaledWithLength)
    }
  }

  /// T of the held-out and test sets (and of every training batch for `.lag`).
  public var evaluationSteps: Int {
    switch self {
    case .lag(let lag, let margin): return lag + margin
    case .paper6a: return 110
    }
  }

  /// T of the next training batch.
  func trainingSteps(using rng: inout SeededGenerator) -> Int {
    switch self {
    case .lag: return evaluationSteps
    case .paper6a: return 100 + rng.nextInt(below: 11)
    }
  }

  /// A number that names the placement in seeds of the fixed held-out and test sets.
  var setKey: UInt64 {
    switch self {
    case .lag(let lag, let margin): return UInt64(1000 * margin + lag)
    case .paper6a: return 999_999
    }
  }
}

/// What one run of a `TemporalOrderRecipe` did: the budgeted run, the test accuracy after it stopped, its time.
public struct TemporalOrderRun: Sendable {
  public var run: BudgetedRun
  /// Accuracy on the placement's fixed test set, after the run stopped.
  public var testAccuracy: Double
  /// Wall-clock seconds of the run (one thread).
  public var seconds: Double

  /// The run as a results-file row, under `TemporalOrderRecipe.metricNames` (updates_to_solve is nan when unsolved).
  public var metrics: [String: Double] {
    [
      "updates_to_solve": run.updatesToSolve.map(Double.init) ?? .nan, "updates": Double(run.updates),
      "held_out_accuracy": run.heldOutAccuracy, "test_accuracy": testAccuracy, "clipped_fraction": run.clippedFraction,
      "final_loss": run.finalTrainingLoss, "diverged": run.diverged ? 1 : 0, "seconds": seconds,
    ]
  }
}

/// One recipe for "can this network learn the temporal-order task at this lag, within this budget?", shared by the
/// lessons that ask it (long-lags, truncated-bptt) so that they train the same way:
///
/// - the network (`TemporalOrderModel`, H = `hidden`) with a Dense softmax head on h_T, Float, weights from `seed`;
/// - Adam (Keras's betas and epsilon) at `learningRate`, global-norm clipping at `clip` (0: none);
/// - every update a fresh batch of `batch` sequences drawn from a stream of `seed`;
/// - `TrainingBudget(maximumUpdates, checkEvery, solvedAccuracy)` judged on `heldOutCount` fixed held-out sequences,
///   and the test accuracy on `testCount` other fixed sequences (the same sets for every run of a placement).
public struct TemporalOrderRecipe: Sendable, Equatable {
  /// Steps up to and including the second mark in `.lag` placements (T = L + margin).
  public var margin: Int
  public var hidden: Int
  public var batch: Int
  public var learningRate: Double
  /// Global-norm clipping threshold; 0 turns clipping off.
  public var clip: Double
  public var maximumUpdates: Int
  public var checkEvery: Int
  public var solvedAccuracy: Double
  public var heldOutCount: Int
  public var testCount: Int

  public init(
    margin: Int, hidden: Int, batch: Int, learningRate: Double, clip: Double, maximumUpdates: Int, checkEvery: Int,
    solvedAccuracy: Double, heldOutCount: Int, testCount: Int
  ) {
    (self.margin, self.hidden, self.batch, self.learningRate, self.clip) = (margin, hidden, batch, learningRate, clip)
    (self.maximumUpdates, self.checkEvery, self.solvedAccuracy) = (maximumUpdates, checkEvery, solvedAccuracy)
    (self.heldOutCount, self.testCount) = (heldOutCount, testCount)
  }

  /// The settings both long-lag lessons start from (each tier sets `maximumUpdates`).
  public static let standard = TemporalOrderRecipe(
    margin: 5, hidden: 16, batch: 16, learningRate: 0.003, clip: 1, maximumUpdates: 10_000, checkEvery: 50,
    solvedAccuracy: 0.99, heldOutCount: 256, testCount: 1024)

  /// The metric names of `TemporalOrderRun.metrics`, in a fixed order.
  public static let metricNames = [
    "updates_to_solve", "updates", "held_out_accuracy", "test_accuracy", "clipped_fraction", "final_loss", "diverged", "seconds",
  ]

  /// Every setting as text, for a results file's key.
  public var fingerprint: String {
    "margin=\(margin) H=\(hidden) B=\(batch) lr=\(learningRate) clip=\(clip) updates=\(maximumUpdates) check=\(checkEvery) "
      + "solved=\(solvedAccuracy) heldOut=\(heldOutCount) test=\(testCount)"
  }

  /// One line for a report: "Adam(lr 0.003), global-norm clipping at 1, B = 16 fresh sequences per update, at most ...".
  public var trainingText: String {
    "Adam(lr \(learningRate), Keras betas and epsilon), "
      + (clip > 0 ? "global-norm clipping at \(clip)" : "no clipping")
      + ", B = \(batch) fresh sequences per update, at most \(maximumUpdates) updates"
  }

  /// The budget of a run.
  public var budget: TrainingBudget {
    TrainingBudget(maximumUpdates: maximumUpdates, checkEvery: checkEvery, solvedAccuracy: solvedAccuracy)
  }

  /// Trains `model` with full BPTT on `placement` from `seed` and tests it.
  public func run(model: TemporalOrderModel, task placement: TemporalOrderPlacement, seed: UInt64) throws -> TemporalOrderRun {
    var rng = SeededGenerator(seed: seed)
    switch model {
    case .rnn:
      let layer = RNN<Float>(inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden, using: &rng)
      return try train(LastStepClassifier(recurrent: layer, classes: 4, using: &rng), placement: placement, seed: seed, gradients: nil)
    case .lstm(let bias):
      return try runLSTM(forgetBias: bias, task: placement, seed: seed, initialWeights: &rng, gradients: nil)
    }
  }

  /// Trains an LSTM with forget-gate bias `forgetBias` on `placement` from `seed`, with `gradients` computing each
  /// update's gradients (nil: full BPTT), and tests it: the entry point for truncated BPTT.
  public func runLSTM(
    forgetBias: Double, task placement: TemporalOrderPlacement, seed: UInt64,
    gradients: ((LastStepClassifier<LSTM<Float>>, ClassifierBatch<Float>) throws -> ClassifierGradients<Float>)?
  ) throws -> TemporalOrderRun {
    var rng = SeededGenerator(seed: seed)
    return try runLSTM(forgetBias: forgetBias, task: placement, seed: seed, initialWeights: &rng, gradients: gradients)
  }

  func runLSTM(
    forgetBias: Double, task placement: TemporalOrderPlacement, seed: UInt64, initialWeights rng: inout SeededGenerator,
    gradients: ((LastStepClassifier<LSTM<Float>>, ClassifierBatch<Float>) throws -> ClassifierGradients<Float>)?
  ) throws -> TemporalOrderRun {
    let layer = LSTM<Float>(
      inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden, initializer: RecurrentInitializer.keras.withForgetBias(forgetBias),
      using: &rng)
    return try train(LastStepClassifier(recurrent: layer, classes: 4, using: &rng), placement: placement, seed: seed, gradients: gradients)
  }

  /// A fixed set of `count` sequences of the placement (stream 2: test, stream 3: held out).
  public func fixedSet(_ placement: TemporalOrderPlacement, count: Int, stream: UInt64) throws -> ClassifierBatch<Float> {
    var rng = SeededGenerator.derived(seed: placement.setKey, stream: stream)
    let steps = placement.evaluationSteps
    let data = try placement.task.generate(count: count, steps: steps, using: &rng)
    return try data.timeMajorBatch(indices: Array(0..<count))
  }

  func train<Layer: ClassifierRecurrence>(
    _ initial: LastStepClassifier<Layer>, placement: TemporalOrderPlacement, seed: UInt64,
    gradients: ((LastStepClassifier<Layer>, ClassifierBatch<Float>) throws -> ClassifierGradients<Float>)?
  ) throws -> TemporalOrderRun where Layer.Scalar == Float {
    let start = Date()
    var net = initial
    var optimizer = Adam<Float>(learningRate: learningRate)
    var dataRNG = SeededGenerator.derived(seed: seed, stream: 1)
    let heldOut = try fixedSet(placement, count: heldOutCount, stream: 3)
    let task = placement.task
    let batch = self.batch
    let run = try net.trainUntilSolved(
      optimizer: &optimizer, clipping: clip > 0 ? .globalNorm(clip) : .none, budget: budget, heldOut: heldOut,
      nextBatch: { _ in
        let steps = placement.trainingSteps(using: &dataRNG)
        return try task.generate(count: batch, steps: steps, using: &dataRNG).timeMajorBatch(indices: Array(0..<batch))
      }, gradients: gradients)
    let test = try fixedSet(placement, count: testCount, stream: 2)
    let accuracy = try net.accuracy(test.x, steps: test.steps, labels: test.labels)
    return TemporalOrderRun(run: run, testAccuracy: accuracy, seconds: Date().timeIntervalSince(start))
  }
}
