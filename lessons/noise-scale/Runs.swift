// The training runs behind noise-scale's part 2: one run per (T, seed), measuring the gradient noise scale with two
// batch sizes during training and exactly, from per-sequence gradients, at checkpoints along it.
import ArgumentParser
import Foundation
import LSTMLab

/// Which synthetic task the lesson runs.
enum TaskChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
  case volatility
  case temporalOrder = "temporal-order"

  func make(lag: Int) -> any SyntheticTask {
    switch self {
    case .volatility: VolatilityRegimeTask()
    case .temporalOrder: TemporalOrderTask(lag: lag)
    }
  }
}

/// Everything a training run of part 2 needs besides T and the seed.
struct NoiseRunSettings: Sendable {
  var task: TaskChoice
  var lag: Int
  var trainCount: Int
  var validationCount: Int
  var hidden: Int
  var batch: Int
  var learningRate: Double
  var epochs: Int
  var smallBatch: Int
  var batchesPerMeasurement: Int
  var measureEvery: Int
  var seed: UInt64

  /// Where the per-sequence statistics are computed, in epochs: 1/8, 1/4 and 1/2 of the first epoch (so that every T
  /// is seen at high training losses too, where the lengths' loss ranges overlap), then epochs 1, 2, 4, 8, ... and the last.
  var exactCheckpoints: [Double] {
    var points: [Double] = [0.125, 0.25, 0.5]
    var e = 1
    while e < epochs {
      points.append(Double(e))
      e *= 2
    }
    return points + [Double(epochs)]
  }

  /// Updates per epoch, ceil(N / B).
  var updatesPerEpoch: Int { (trainCount + batch - 1) / batch }

  /// The update after which checkpoint k is measured.
  var checkpointUpdates: [Int] { exactCheckpoints.map { max(1, Int(($0 * Double(updatesPerEpoch)).rounded())) } }

  /// The checkpoint index at the end of epoch e, if there is one.
  func checkpoint(atEpoch e: Int) -> Int? { exactCheckpoints.firstIndex(of: Double(e)) }

  /// Everything that changes the results, for the results file's name.
  var fingerprint: String {
    "\(task.make(lag: lag).name) N=\(trainCount) V=\(validationCount) H=\(hidden) B=\(batch) lr=\(learningRate) E=\(epochs) "
      + "Bs=\(smallBatch) k=\(batchesPerMeasurement) every=\(measureEvery) seed=\(seed) checkpoints=\(exactCheckpoints)"
  }

  /// Per epoch e: the mean loss of the measured batches, the mean |G|^2 and tr(Sigma) two-batch estimates and their
  /// ratio; at each checkpoint k of `exactCheckpoints`: |G|^2, tr(Sigma) and the loss over the whole training set
  /// from per-sequence gradients; the validation accuracy at the end.
  var metricNames: [String] {
    (1...epochs).flatMap { e in ["loss_\(e)", "gradient_\(e)", "trace_\(e)", "bSimple_\(e)"] }
      + exactCheckpoints.indices.flatMap { k in ["exactGradient_\(k)", "exactTrace_\(k)", "exactLoss_\(k)"] } + ["validationAccuracy"]
  }

  func model() -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: task.make(lag: lag).classNames.count, activation: .softmax)
    }
    model.compile(optimizer: Adam<Float>(learningRate: learningRate))
    return model
  }

  /// One measurement at the model's current weights: k batches of B_small drawn with replacement; |g_small|^2 is the
  /// mean of their squared norms (each is a B_small-batch gradient), |g_big|^2 the squared norm of their mean (a
  /// gradient over k B_small sequences). Also returns the mean loss of the batches.
  func measure(model: Sequential, data: LabeledSequences, using rng: inout SeededGenerator) throws -> (small: Double, big: Double, loss: Double) {
    var sum: [Matrix<Float>] = [], small = 0.0, loss = 0.0
    for _ in 0..<batchesPerMeasurement {
      let indices = (0..<smallBatch).map { _ in rng.nextInt(below: data.count) }
      let (x, steps, labels) = try data.timeMajorBatch(indices: indices)
      let result = try model.lossAndGradients(x: x, steps: steps, labels: labels)
      small += squaredNorm(result.gradients)
      loss += Double(result.loss)
      sum = sum.isEmpty ? result.gradients : zip(sum, result.gradients).map { $0 + $1 }
    }
    let k = Double(batchesPerMeasurement)
    return (small / k, squaredNorm(sum) / (k * k), loss / k)
  }

  /// The model of part 1: trained for one epoch at `steps`, then frozen.
  func probeModel(steps: Int) throws -> (model: Sequential, data: Dataset) {
    let data = try task.make(lag: lag).dataset(trainCount: trainCount, testCount: validationCount, steps: steps, seed: seed)
    var model = self.model()
    try model.build(inputFeatures: data.train.featureCount, seed: seed)
    try model.fit(data.train, batchSize: batch, epochs: 1, seed: seed, progress: .silent)
    return (model, data)
  }

  /// Part 2's run for one T and seed: trains for `epochs` epochs, measuring with two batch sizes every `measureEvery`
  /// updates and with per-sequence gradients at each checkpoint of `exactCheckpoints`.
  func train(steps: Int, seedIndex: Int) throws -> [String: Double] {
    let runSeed = seed &+ UInt64(seedIndex - 1)
    let data = try task.make(lag: lag).dataset(trainCount: trainCount, testCount: validationCount, steps: steps, seed: runSeed)
    var model = self.model()
    var initRNG = SeededGenerator.derived(seed: runSeed, stream: 101)
    var batchRNG = SeededGenerator.derived(seed: runSeed, stream: 102)
    var measureRNG = SeededGenerator.derived(seed: runSeed, stream: 103)
    try model.build(inputFeatures: data.train.featureCount, using: &initRNG)
    let pair = (small: smallBatch, big: smallBatch * batchesPerMeasurement)
    let exactAt = checkpointUpdates
    var metrics: [String: Double] = [:]
    var updates = 0, next = 0
    for epoch in 1...epochs {
      var perEpoch = try GradientNoiseScaleEstimator<Double>(smallBatch: pair.small, bigBatch: pair.big, averaging: .runningMean)
      var losses: [Double] = []
      for batch in try minibatches(count: data.train.count, batchSize: batch, using: &batchRNG) {
        let (x, steps, labels) = try data.train.timeMajorBatch(indices: batch)
        try model.trainStep(x: x, steps: steps, labels: labels)
        updates += 1
        if updates % measureEvery == 0 {
          let m = try measure(model: model, data: data.train, using: &measureRNG)
          try perEpoch.add(smallSquaredNorm: m.small, bigSquaredNorm: m.big)
          losses.append(m.loss)
        }
        while next < exactAt.count, updates == exactAt[next] {
          let exact = try PerExampleGradientStatistics(model: model, data: data.train)
          metrics["exactGradient_\(next)"] = exact.gradientSquaredNorm
          metrics["exactTrace_\(next)"] = exact.traceCovariance
          metrics["exactLoss_\(next)"] = exact.meanLoss
          next += 1
        }
      }
      metrics["loss_\(epoch)"] = mean(losses)
      metrics["gradient_\(epoch)"] = perEpoch.gradientSquaredNorm ?? .nan
      metrics["trace_\(epoch)"] = perEpoch.traceCovariance ?? .nan
      metrics["bSimple_\(epoch)"] = perEpoch.simpleNoiseScale ?? .nan
    }
    for name in metricNames where metrics[name] == nil { metrics[name] = .nan }
    metrics["validationAccuracy"] = try model.evaluate(data.test, batchSize: 256).accuracy
    return metrics
  }
}

/// One run of part 2 read back from the results file.
struct NoiseRun {
  var steps: Int
  var seedIndex: Int
  /// Per epoch: the mean loss of the measured batches and the two-batch estimates.
  var loss: [Double], gradient: [Double], trace: [Double], bSimple: [Double]
  /// At each checkpoint of `exactCheckpoints`: the per-sequence statistics over the training set.
  var exactGradient: [Double], exactTrace: [Double], exactLoss: [Double], exactBSimple: [Double]
  var validationAccuracy: Double

  init(row: SweepRow, settings: NoiseRunSettings) {
    steps = Int(row.number("T") ?? .nan)
    seedIndex = Int(row.number("seed") ?? .nan)
    let epochs = 1...settings.epochs
    loss = epochs.map { row.metric("loss_\($0)") ?? .nan }
    gradient = epochs.map { row.metric("gradient_\($0)") ?? .nan }
    trace = epochs.map { row.metric("trace_\($0)") ?? .nan }
    bSimple = epochs.map { row.metric("bSimple_\($0)") ?? .nan }
    let k = settings.exactCheckpoints.indices
    exactGradient = k.map { row.metric("exactGradient_\($0)") ?? .nan }
    exactTrace = k.map { row.metric("exactTrace_\($0)") ?? .nan }
    exactLoss = k.map { row.metric("exactLoss_\($0)") ?? .nan }
    exactBSimple = zip(exactTrace, exactGradient).map { $0 / $1 }
    validationAccuracy = row.metric("validationAccuracy") ?? .nan
  }

  /// B_simple where the training loss first fell to `level`, interpolated in log B_simple between the two checkpoints
  /// around it; nil when the run never got there, or was already below it at its first checkpoint.
  func bSimple(atLoss level: Double) -> Double? {
    guard let c = LevelCrossing(values: exactLoss, level: level, direction: .falling), c.previous != nil else { return nil }
    let value = c.value(of: exactBSimple, geometric: true)
    return value.isFinite ? value : nil
  }
}

func squaredNorm(_ gradients: [Matrix<Float>]) -> Double {
  gradients.reduce(0) { total, g in total + g.scalars.reduce(0) { $0 + Double($1) * Double($1) } }
}
