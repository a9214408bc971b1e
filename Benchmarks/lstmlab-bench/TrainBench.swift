import ArgumentParser
import Dispatch
import LSTMLab

/// The seed article's classifier: LSTM(64) over 5 features, Dense(2) on h_T, softmax cross-entropy, Adam with
/// Keras's defaults. `step` is one full training step on one batch.
struct Classifier {
  var lstm: LSTM<Float>
  var dense: Dense<Float>
  var optimizer = Adam<Float>(learningRate: 1e-3)

  init(features: Int, hidden: Int, classes: Int, seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    lstm = LSTM(inputSize: features, hiddenSize: hidden, using: &rng)
    dense = Dense(inputSize: hidden, outputSize: classes, using: &rng)
  }

  /// Forward, loss, backward, update on one time-major batch; returns the loss.
  mutating func step(x: Matrix<Float>, steps: Int, labels: [Int]) throws -> Float {
    let batch = labels.count
    let tape = try lstm.forward(x, steps: steps)
    let last = tape.lastHidden
    let logits = try dense.forward(last)
    let (loss, dLogits) = try softmaxCrossEntropy(logits: logits, labels: labels)
    let denseGradients = dense.backward(x: last, outputGradient: dLogits)
    var dH = Matrix<Float>(rows: steps * batch, columns: lstm.hiddenSize)
    dH.setRows(startingAt: (steps - 1) * batch, to: denseGradients.dX)
    let lstmGradients = lstm.backward(tape, hiddenGradient: dH, inputGradient: false)
    var parameters = lstm.parameters + dense.parameters
    try optimizer.update(&parameters, gradients: lstmGradients.parameterGradients + [denseGradients.dW, denseGradients.db])
    lstm.parameters = Array(parameters[0..<3])
    dense.parameters = Array(parameters[3..<5])
    return loss
  }

  /// One epoch over `data` in shuffled batches of `batch` (the last one smaller); returns the mean loss.
  mutating func epoch(_ data: LabeledSequences, batch: Int, using rng: inout SeededGenerator) throws -> Float {
    let order = rng.permutation(data.count)
    var total: Float = 0
    for start in stride(from: 0, to: order.count, by: batch) {
      let indices = Array(order[start..<min(start + batch, order.count)])
      let (x, steps, labels) = try data.timeMajorBatch(indices: indices)
      total += try step(x: x, steps: steps, labels: labels) * Float(indices.count)
    }
    return total / Float(order.count)
  }
}

/// A seed configuration with the anchors (seconds per epoch of 1000 samples, 2-core machine, AVX2+FMA).
struct SeedConfig {
  var name: String, steps: Int, batch: Int
  var pytorchAnchor: Double, kerasAnchor: Double

  static let all = [
    SeedConfig(name: "Example 1", steps: 20, batch: 64, pytorchAnchor: 0.084, kerasAnchor: 0.18),
    SeedConfig(name: "Example 2", steps: 200, batch: 16, pytorchAnchor: 0.89, kerasAnchor: 2.8),
  ]
}

/// 1000 random sequences (T x 5, standard normal) with random labels 0/1: the seed's data shape.
func seedData(steps: Int, samples: Int = 1000, seed: UInt64 = 3) -> LabeledSequences {
  var rng = SeededGenerator(seed: seed)
  let sequences: [Matrix<Float>] = (0..<samples).map { _ in rng.normalMatrix(rows: steps, columns: 5) }
  let labels = (0..<samples).map { _ in rng.nextInt(below: 2) }
  return LabeledSequences(name: "bench T=\(steps)", sequences: sequences, labels: labels, classNames: ["0", "1"])
}

/// Seconds of each of `epochs` epochs of one training (a fresh model).
func epochTimes(_ config: SeedConfig, data: LabeledSequences, epochs: Int, seed: UInt64) throws -> [Double] {
  var model = Classifier(features: 5, hidden: 64, classes: 2, seed: seed)
  var rng = SeededGenerator(seed: seed &+ 100)
  var times: [Double] = []
  for _ in 0..<epochs {
    let start = now()
    let loss = try model.epoch(data, batch: config.batch, using: &rng)
    times.append(now() - start)
    precondition(loss.isFinite, "training benchmark: the loss diverged")
  }
  return times
}

/// Seconds of each epoch of the same model trained by the Training module (`Sequential.fit`: what users run, with its
/// batching, loss and accuracy bookkeeping and divergence checks).
func fitEpochTimes(_ config: SeedConfig, data: LabeledSequences, epochs: Int, seed: UInt64) throws -> [Double] {
  var model = Sequential {
    Layers.LSTM(units: 64)
    Layers.Dense(units: 2, activation: .softmax)
  }
  model.compile(loss: .categoricalCrossEntropy, optimizer: Adam<Float>(learningRate: 1e-3))
  let history = try model.fit(data, batchSize: config.batch, epochs: epochs, seed: seed, progress: .silent)
  return history.epochs.map(\.seconds)
}

/// The first error thrown on any thread.
final class FirstError: @unchecked Sendable {
  private var error: (any Error)?
  private let queue = DispatchQueue(label: "lstmlab-bench.error")
  func record(_ e: any Error) { queue.sync { if error == nil { error = e } } }
  func rethrow() throws { if let e = queue.sync(execute: { error }) { throw e } }
}

/// Seconds per epoch (median of the epochs after the first, as the anchors), one training and two at once.
func benchTrain(quick: Bool, pytorch: PyTorchFigures?) throws -> String {
  let epochs = quick ? 2 : 6
  var table = TextTable(["config", "s/epoch", "sequences/s", "ms/step", "Sequential.fit s/epoch", "2 trainings at once: sequences/s",
    "PyTorch anchor s/epoch", "x PyTorch anchor", "Keras anchor s/epoch"])
  if pytorch != nil { table.header += ["PyTorch here s/epoch", "x PyTorch here"] }
  for config in SeedConfig.all {
    let data = seedData(steps: config.steps)
    let times = try epochTimes(config, data: data, epochs: epochs, seed: 5)
    let perEpoch = Timing(seconds: Array(times.dropFirst())).median
    let steps = (data.count + config.batch - 1) / config.batch
    let fitPerEpoch = Timing(seconds: Array(try fitEpochTimes(config, data: data, epochs: epochs, seed: 5).dropFirst())).median
    // Two independent trainings (a sweep's two cells) on the two cores.
    let errors = FirstError()
    let start = now()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      do { _ = try epochTimes(config, data: data, epochs: epochs, seed: 6 + UInt64(index)) } catch { errors.record(error) }
    }
    let parallel = Double(2 * epochs * data.count) / (now() - start)
    try errors.rethrow()
    var row = [
      "\(config.name): T=\(config.steps) B=\(config.batch)", NumberText.fixed(perEpoch, decimals: 3), NumberText.grouped(Double(data.count) / perEpoch),
      NumberText.fixed(perEpoch / Double(steps) * 1e3, decimals: 2), NumberText.fixed(fitPerEpoch, decimals: 3), NumberText.grouped(parallel), NumberText.fixed(config.pytorchAnchor, decimals: 3),
      NumberText.fixed(config.pytorchAnchor / perEpoch, decimals: 2) + "x", NumberText.fixed(config.kerasAnchor, decimals: 2),
    ]
    if let pytorch {
      let theirs = pytorch.train.first { $0.batch == config.batch && $0.steps == config.steps }?.secondsPerEpoch
      row += [theirs.map { NumberText.fixed($0, decimals: 3) } ?? "-", theirs.map { NumberText.fixed($0 / perEpoch, decimals: 2) + "x" } ?? "-"]
    }
    table.append(row)
  }
  return table.markdown
}

/// `count` training steps of seed configuration `example` (1 or 2) on one fixed batch, for a profiler
/// (valgrind --tool=callgrind) to watch.
func runProfileSteps(_ count: Int, example: Int) throws {
  guard SeedConfig.all.indices.contains(example - 1) else {
    throw ValidationError("--profile-example \(example): there are seed configurations 1 and 2")
  }
  let config = SeedConfig.all[example - 1]
  let data = seedData(steps: config.steps, samples: config.batch)
  let (x, steps, labels) = try data.timeMajorBatch(indices: Array(0..<config.batch))
  var model = Classifier(features: 5, hidden: 64, classes: 2, seed: 5)
  var loss: Float = 0
  for _ in 0..<count { loss = try model.step(x: x, steps: steps, labels: labels) }
  print("\(count) training steps of \(config.name) (T=\(config.steps), B=\(config.batch)), final loss \(loss)")
}
