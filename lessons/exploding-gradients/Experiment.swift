import ArgumentParser
import Foundation
import LSTMLab

// The machinery of exploding-gradients: the settings, a training log per run, the clipping rules and small helpers.

/// One way of training: a clipping rule with its threshold as a multiple of the typical norm, and η as a fraction.
struct Setting {
  enum Kind: Equatable {
    case none
    case global(Double)
    case perTensor(Double)
    case elementwise(Double)
  }
  var name: String
  var kind: Kind
  /// η of this setting = rateFactor × the lesson's η.
  var rateFactor: Double

  var isGlobal: Bool { if case .global = kind { return true } else { return false } }
  var isPerTensor: Bool { if case .perTensor = kind { return true } else { return false } }
  var isElementwise: Bool { if case .elementwise = kind { return true } else { return false } }
  var multiple: Double {
    switch kind {
    case .none: return .infinity
    case .global(let m), .perTensor(let m), .elementwise(let m): return m
    }
  }

  /// The clipping rule for a run whose unclipped twin had median gradient norm `typical`.
  func rule(typical: Double) -> GradientClipping {
    switch kind {
    case .none: return .none
    case .global(let m): return .globalNorm(m * typical)
    case .perTensor(let m): return .perTensorNorm(m * typical)
    case .elementwise(let m): return .elementwise(m * typical)
    }
  }
}

/// A setting's runs over all seeds, summarised.
struct Summary {
  var setting: Setting
  var runs: [TrainingLog]

  var clippedFraction: Double { mean(runs.map(\.clippedFraction)) }
  var meanCosine: Double { mean(runs.map(\.meanCosine)) }
  var largestStep: Double { runs.map(\.largestStep).filter(\.isFinite).max() ?? .nan }
  /// The largest ‖Δθ‖ / ‖θ‖ of any update of any run.
  var largestRelativeStep: Double { runs.flatMap(\.relativeSteps).filter(\.isFinite).max() ?? .nan }
  /// The largest factor by which one update raised the loss of its own batch, over all runs.
  var largestJump: Double { runs.map(\.largestJump).max() ?? .nan }
  var meanSpikes: Double { mean(runs.map { Double($0.spikes) }) }
  var diverged: Int { runs.filter(\.diverged).count }
  var blewUp: Int { runs.filter { !$0.blowUps.isEmpty }.count }
  var solved: Int { runs.filter { $0.updatesToSolve != nil }.count }
  var medianUpdatesToSolve: Int? {
    let solvedAt = runs.compactMap(\.updatesToSolve).map(Double.init)
    return solvedAt.isEmpty ? nil : Int(median(solvedAt).rounded())
  }
  /// Mean test accuracy; a diverged run counts as chance (0.25).
  var meanAccuracy: Double { mean(runs.map { $0.testAccuracy.isFinite ? $0.testAccuracy : 0.25 }) }
}

/// What one training run recorded, update by update.
struct TrainingLog {
  var losses: [Double] = []
  /// The loss of the same batch right after the update: a step that went over a cliff makes it jump.
  var lossesAfter: [Double] = []
  /// ‖Δθ‖ / ‖θ‖ of every update: the step's length relative to the weights it moves.
  var relativeSteps: [Double] = []
  var accuracies: [Double] = []
  var rawNorms: [Double] = []
  var clippedNorms: [Double] = []
  var cosines: [Double] = []
  var divergedAt: Int?
  var testAccuracy = 0.0
  var spikeNats = 1.0
  var jumpFactor = 10.0
  var learningRate = 0.0

  var clippedFraction: Double {
    Double(zip(rawNorms, clippedNorms).filter { $0.isFinite && $1 < $0 * (1 - 1e-6) }.count) / Double(max(1, rawNorms.count))
  }
  var meanCosine: Double {
    let finite = cosines.filter(\.isFinite)
    return finite.reduce(0, +) / Double(max(1, finite.count))
  }
  /// The largest SGD step, η ‖clipped g‖.
  var largestStep: Double { learningRate * (clippedNorms.filter(\.isFinite).max() ?? .nan) }
  /// Updates whose loss is non-finite or more than spikeNats above the median of the 20 before.
  var spikes: Int {
    losses.indices.filter { i in
      guard i >= 20 else { return false }
      return !losses[i].isFinite || losses[i] > median(Array(losses[(i - 20)..<i])) + spikeNats
    }.count
  }
  /// Updates (1-based) at which the training loss, averaged over the last 10 updates, first stands at least
  /// jumpFactor times above its lowest earlier 10-update mean and within jumpFactor of chance (at least ln 4 /
  /// jumpFactor), or the loss is not finite: a run that had learned something and was thrown back by an order of
  /// magnitude towards guessing (Pascanu et al. 2013's cliff), not the jitter of a loss near 0. Empty if none.
  var blowUps: [Int] { blowUp.map { [$0.update] } ?? [] }
  /// The first blow-up: its update, the lowest 10-update mean loss before it and the 10-update mean loss there.
  var blowUp: (update: Int, from: Double, to: Double)? {
    if let divergedAt { return (divergedAt, .nan, .infinity) }
    let smooth = runningMean(losses, window: 10)
    var lowest = Double.infinity
    for i in 9..<max(9, smooth.count) {
      if smooth[i] >= jumpFactor * lowest && smooth[i] >= Double.log(4) / jumpFactor { return (i + 1, lowest, smooth[i]) }
      lowest = min(lowest, smooth[i])
    }
    return nil
  }
  /// Training accuracy over the last 20 updates.
  var finalTrainingAccuracy: Double { accuracies.suffix(20).reduce(0, +) / Double(max(1, min(20, accuracies.count))) }
  /// The largest factor by which one step raised the loss of its own batch (infinity if it became non-finite).
  var largestJump: Double {
    if divergedAt != nil { return .infinity }
    return zip(losses, lossesAfter).map { $1.isFinite ? $1 / $0 : .infinity }.max() ?? 1
  }
  /// Diverged: a blow-up (or a non-finite loss), and the run ended unsolved (training accuracy over the last 20
  /// updates below 0.9).
  var diverged: Bool {
    !blowUps.isEmpty && (divergedAt != nil || !(finalTrainingAccuracy >= 0.9))
  }
  /// The first update at which the training accuracy averaged over the last 20 batches reached 0.9, if any.
  var updatesToSolve: Int? {
    guard accuracies.count >= 20 else { return nil }
    var sum = accuracies[0..<20].reduce(0, +)
    for i in 19..<accuracies.count {
      if i > 19 { sum += accuracies[i] - accuracies[i - 20] }
      if sum / 20 >= 0.9 { return i + 1 }
    }
    return nil
  }
  /// The mean training loss of the last 20 updates (NaN after a divergence).
  var finalLoss: Double { divergedAt != nil ? .nan : losses.suffix(20).reduce(0, +) / Double(min(20, losses.count)) }
}

/// The shared set-up: every run starts from the same weights and sees the same batches.
struct Experiment {
  var hidden: Int, batch: Int, lag: Int, steps: Int, radius: Double, updates: Int
  var testCount: Int, spikeNats: Double, jumpFactor: Double, seed: UInt64

  func train(_ clipping: GradientClipping, learningRate: Double) throws -> TrainingLog {
    var model = Sequential {
      Layers.SimpleRNN(units: hidden, initializer: RecurrentInitializer.keras.withSpectralRadius(radius))
      Layers.Dense(units: 4, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: SGD<Float>(learningRate: learningRate))
    try model.build(inputFeatures: TemporalOrderTask.symbols.count, seed: seed)
    var optimizer = SGD<Float>(learningRate: learningRate)
    let task = TemporalOrderTask(lag: lag)
    var dataRNG = SeededGenerator.derived(seed: seed, stream: 1)
    var log = TrainingLog(spikeNats: spikeNats, jumpFactor: jumpFactor, learningRate: learningRate)
    for update in 1...updates {
      let part = try task.generate(count: batch, steps: steps, using: &dataRNG)
      let data = try part.timeMajorBatch(indices: Array(0..<batch))
      var result = try model.lossAndGradients(x: data.x, steps: steps, labels: data.labels)
      let raw = result.gradients
      let norm = clipping.clip(&result.gradients)  // the norm before clipping
      log.losses.append(Double(result.loss))
      log.accuracies.append(Double(result.correct) / Double(batch))
      log.rawNorms.append(norm)
      log.clippedNorms.append(GradientClipping.globalNorm(of: result.gradients))
      log.cosines.append(cosine(raw, result.gradients))
      guard Double(result.loss).isFinite, norm.isFinite else {
        log.divergedAt = update
        break
      }
      var parameters = model.parameters
      log.relativeSteps.append(
        learningRate * GradientClipping.globalNorm(of: result.gradients) / GradientClipping.globalNorm(of: parameters))
      try optimizer.update(&parameters, gradients: result.gradients)
      model.parameters = parameters
      log.lossesAfter.append(Double(try model.lossAndGradients(x: data.x, steps: steps, labels: data.labels).loss))
    }
    if log.divergedAt == nil {
      var testRNG = SeededGenerator.derived(seed: seed, stream: 2)
      let test = try task.generate(count: testCount, steps: steps, using: &testRNG)
      log.testAccuracy = try model.evaluate(test, batchSize: 256).accuracy
    } else {
      log.testAccuracy = .nan
    }
    return log
  }
}

/// The threshold of a clipping rule (infinity for none).
func thresholdOf(_ rule: GradientClipping) -> Double {
  switch rule {
  case .none: return .infinity
  case .globalNorm(let c), .perTensorNorm(let c), .elementwise(let c): return c
  }
}

/// cos of the angle between two gradients (all tensors as one vector), in Double.
func cosine(_ a: [Matrix<Float>], _ b: [Matrix<Float>]) -> Double {
  var dot = 0.0, na = 0.0, nb = 0.0
  for (p, q) in zip(a, b) {
    for (x, y) in zip(p.scalars, q.scalars) {
      dot += Double(x) * Double(y)
      na += Double(x) * Double(x)
      nb += Double(y) * Double(y)
    }
  }
  return dot / (na.squareRoot() * nb.squareRoot())
}

/// The mean of the last `window` values at each point (fewer at the start).
func runningMean(_ values: [Double], window: Int) -> [Double] {
  values.indices.map { i in
    let slice = values[max(0, i - window + 1)...i]
    return slice.reduce(0, +) / Double(slice.count)
  }
}
