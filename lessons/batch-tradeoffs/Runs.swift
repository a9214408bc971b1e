// The training runs behind batch-tradeoffs' sweeps: one (rule, B, seed) run evaluated on a geometric schedule of
// updates, and one noise probe per seed that measures the exact gradient noise scale along training.
import ArgumentParser
import Foundation
import LSTMLab

/// How the learning rate follows the batch size: lr(B) = lr0 (B/B0)^p with p = 0 (constant), 1 (linear) or 1/2
/// (square root); `above`, one more factor sqrt(B/B0) beyond the highest of those three (lr0 (B/B0)^1.5 above B0,
/// lr0 (B0/B)^0.5 below it); and `beyond`, `further` and `furthest`, one to three factors further still, run only at the batch
/// sizes where the rate below them needed the fewest updates, and at B0 (where every rule gives lr0, one factor
/// sqrt 2 and two above it), so that the best rate tried at a B lies between two that needed more.
enum LearningRateRule: String, CaseIterable, ExpressibleByArgument, Sendable {
  case constant, linear, sqrt, above, beyond, further, furthest

  /// The rates every batch size runs.
  static let grid: [LearningRateRule] = [.constant, .linear, .sqrt, .above]
  /// The rates past the grid's top, each run where the one before it needed the fewest updates.
  static let extensions: [LearningRateRule] = [.beyond, .further, .furthest]

  /// lr for batch size `batch` when `base` holds at `baseBatch`.
  func rate(base: Double, baseBatch: Int, batch: Int) throws -> Double {
    switch self {
    case .constant: return base
    case .linear: return try BatchSizeScaling.linear.learningRate(base, tunedAt: baseBatch, for: batch)
    case .sqrt: return try BatchSizeScaling.squareRoot.learningRate(base, tunedAt: baseBatch, for: batch)
    case .above:
      let highest = max(base, try BatchSizeScaling.linear.learningRate(base, tunedAt: baseBatch, for: batch))
      let step = Double(max(batch, baseBatch)) / Double(min(batch, baseBatch))
      return highest * step.squareRoot()
    case .beyond, .further, .furthest:
      // At B0, where every rule gives lr0, the step is a factor sqrt 2 (B/B0 = 2 on either side).
      let step = max(2, Double(max(batch, baseBatch)) / Double(min(batch, baseBatch)))
      let below: LearningRateRule = self == .beyond ? .above : self == .further ? .beyond : .further
      return try below.rate(base: base, baseBatch: baseBatch, batch: batch) * step.squareRoot()
    }
  }
}

/// Which clock the time axis reads.
enum TrainingClock: String, CaseIterable, ExpressibleByArgument, Sendable, CustomStringConvertible {
  case cpu, wall

  /// Seconds since an arbitrary origin: the calling thread's CPU time, or the wall clock.
  func now() -> Double {
    switch self {
    case .cpu:
      return threadCPUSeconds()
    case .wall:
      return Date().timeIntervalSinceReferenceDate
    }
  }

  var description: String {
    switch self {
    case .cpu: "CPU time of the training thread (equals wall-clock time on an idle machine; evaluation excluded)"
    case .wall: "wall-clock time (evaluation excluded)"
    }
  }
}

/// Everything a run needs besides its batch size, rule and seed.
struct RunSettings: Sendable {
  var steps: Int
  var trainCount: Int
  var validationCount: Int
  var epochs: Int
  /// d: evaluations per doubling of the update count (the schedule's ratio is 2^(1/d)).
  var evaluationsPerDoubling: Int
  var hidden: Int
  var baseRate: Double
  var baseBatch: Int
  var seed: UInt64
  var clock: TrainingClock

  /// Everything that changes the results, for the results file's name.
  var fingerprint: String {
    "\(VolatilityRegimeTask().name) T=\(steps) N=\(trainCount) V=\(validationCount) H=\(hidden) E=\(epochs) "
      + "d=\(evaluationsPerDoubling) lr0=\(baseRate) B0=\(baseBatch) seed=\(seed) clock=\(clock.rawValue) threads=1"
  }

  /// The seed of replicate s (1, 2, ...): it draws the data, the initial weights and the batch order.
  func runSeed(_ s: Int) -> UInt64 { seed &+ UInt64(s - 1) }

  /// The data of replicate s: training and validation windows drawn afresh for every seed.
  func data(seedIndex s: Int) throws -> Dataset {
    try VolatilityRegimeTask().dataset(trainCount: trainCount, testCount: validationCount, steps: steps, seed: runSeed(s))
  }

  /// Updates in `epochs` epochs at batch size B (the last batch of an epoch may be smaller).
  func totalUpdates(batch: Int) -> Int { epochs * ((trainCount + batch - 1) / batch) }

  /// The update counts at which the validation set is evaluated: 0, 1, 2, ... and then, once consecutive counts are
  /// closer than the ratio r = 2^(1/d), the next count is floor(r u): two consecutive evaluations are either one update
  /// apart (the crossing of a target is known to the update) or at most a factor r apart (9% for d = 8). And the end.
  func evaluationUpdates(total: Int) -> [Int] {
    let r = Foundation.pow(2, 1 / Double(evaluationsPerDoubling))
    var points = [0]
    var u = 1
    while u < total {
      points.append(u)
      u = max(u + 1, Int((Double(u) * r).rounded(.down)))
    }
    return points + [total]
  }

  /// The most evaluations any run makes (a run at B = 1): the columns of the results file.
  var maximumEvaluations: Int { evaluationUpdates(total: epochs * trainCount).count }

  /// The columns a run writes: at evaluation k the validation loss and accuracy, the updates, examples and seconds so
  /// far (nan past the run's last evaluation); after epoch e the loss and accuracy on the training probe; the learning
  /// rate and a divergence flag.
  var metricNames: [String] {
    let checkpoints = (0..<maximumEvaluations).flatMap { k in
      ["valLoss_\(k)", "valAcc_\(k)", "updates_\(k)", "examples_\(k)", "seconds_\(k)"]
    }
    let perEpoch = (1...epochs).flatMap { e in ["trainLoss_\(e)", "trainAcc_\(e)"] }
    return checkpoints + perEpoch + ["lr", "diverged"]
  }

  func model(rate: Double, classes: Int) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: classes, activation: .softmax)
    }
    model.compile(optimizer: Adam<Float>(learningRate: rate))
    return model
  }

  /// Trains LSTM(H) -> Dense(softmax) with Adam for `epochs` epochs of shuffled minibatches of `batchSize` on replicate
  /// `seedIndex`'s data, evaluating the validation set after every update count of `evaluationUpdates` (the clock is
  /// paused while it evaluates). Runs of one seed start from the same weights, and runs of one seed and one B see the
  /// same batches: rules are compared on common random numbers.
  func train(batchSize: Int, rule: LearningRateRule, seedIndex: Int) throws -> [String: Double] {
    let data = try self.data(seedIndex: seedIndex)
    let trainProbe = try data.train.subset(Array(0..<min(trainCount, validationCount)))
    var initRNG = SeededGenerator.derived(seed: runSeed(seedIndex), stream: 101)
    var rng = SeededGenerator.derived(seed: runSeed(seedIndex), stream: 102)
    let rate = try rule.rate(base: baseRate, baseBatch: baseBatch, batch: batchSize)
    var model = self.model(rate: rate, classes: data.train.classNames.count)
    try model.build(inputFeatures: data.train.featureCount, using: &initRNG)

    let schedule = evaluationUpdates(total: totalUpdates(batch: batchSize))
    var metrics: [String: Double] = ["lr": rate, "diverged": 0]
    for name in metricNames where metrics[name] == nil { metrics[name] = .nan }
    var updates = 0, examples = 0, seconds = 0.0, next = 0, diverged = false
    func evaluateIfDue() throws {
      guard next < schedule.count, updates == schedule[next] else { return }
      let result = diverged ? nil : try model.evaluate(data.test, batchSize: 256)
      metrics["valLoss_\(next)"] = result?.loss ?? .nan
      metrics["valAcc_\(next)"] = result?.accuracy ?? .nan
      metrics["updates_\(next)"] = Double(updates)
      metrics["examples_\(next)"] = Double(examples)
      metrics["seconds_\(next)"] = seconds
      next += 1
    }
    try evaluateIfDue()
    for epoch in 1...epochs {
      for batch in try minibatches(count: data.train.count, batchSize: batchSize, using: &rng) {
        if !diverged {
          let start = clock.now()
          let (x, steps, labels) = try data.train.timeMajorBatch(indices: batch)
          do {
            try model.trainStep(x: x, steps: steps, labels: labels)
          } catch is Divergence {
            diverged = true
          }
          seconds += clock.now() - start
        }
        updates += 1
        examples += batch.count
        try evaluateIfDue()
      }
      let probe = diverged ? nil : try model.evaluate(trainProbe, batchSize: 256)
      metrics["trainLoss_\(epoch)"] = probe?.loss ?? .nan
      metrics["trainAcc_\(epoch)"] = probe?.accuracy ?? .nan
    }
    metrics["diverged"] = diverged ? 1 : 0
    return metrics
  }

  /// The noise probe's checkpoints: the update counts 2, 4, 8, ... of a run at B0, and its end.
  var probeUpdates: [Int] {
    let total = totalUpdates(batch: baseBatch)
    return Array(Set(sequence(first: 2, next: { $0 * 2 }).prefix { $0 < total }).union([total])).sorted()
  }

  /// The noise probe's columns: at each checkpoint the exact |G|^2, tr(Sigma) and training loss over the whole
  /// training set (per-sequence gradients), and the validation accuracy.
  var probeMetricNames: [String] {
    probeUpdates.indices.flatMap { k in ["gradient_\(k)", "trace_\(k)", "trainLoss_\(k)", "valAcc_\(k)"] }
  }

  /// Replicate `seedIndex`'s run at B0 with lr0 (the run every rule shares), stopped at each of `probeUpdates` to
  /// measure the gradient noise scale B_simple = tr(Sigma) / |G|^2 exactly from the gradient of every training
  /// sequence (`PerExampleGradientStatistics`).
  func probe(seedIndex: Int) throws -> [String: Double] {
    let data = try self.data(seedIndex: seedIndex)
    var initRNG = SeededGenerator.derived(seed: runSeed(seedIndex), stream: 101)
    var rng = SeededGenerator.derived(seed: runSeed(seedIndex), stream: 102)
    var model = self.model(rate: baseRate, classes: data.train.classNames.count)
    try model.build(inputFeatures: data.train.featureCount, using: &initRNG)
    let checkpoints = probeUpdates
    var metrics: [String: Double] = [:]
    for name in probeMetricNames { metrics[name] = .nan }  // left nan past a divergence
    var updates = 0, next = 0
    training: for _ in 1...epochs {
      for batch in try minibatches(count: data.train.count, batchSize: baseBatch, using: &rng) {
        let (x, steps, labels) = try data.train.timeMajorBatch(indices: batch)
        do {
          try model.trainStep(x: x, steps: steps, labels: labels)
        } catch is Divergence {
          break training
        }
        updates += 1
        if next < checkpoints.count, updates == checkpoints[next] {
          let exact = try PerExampleGradientStatistics(model: model, data: data.train)
          metrics["gradient_\(next)"] = exact.gradientSquaredNorm
          metrics["trace_\(next)"] = exact.traceCovariance
          metrics["trainLoss_\(next)"] = exact.meanLoss
          metrics["valAcc_\(next)"] = try model.evaluate(data.test, batchSize: 256).accuracy
          next += 1
        }
      }
    }
    return metrics
  }
}

/// One finished run read back from the results file: its evaluations and its end point.
struct Run {
  var rule: LearningRateRule
  var batchSize: Int
  var seedIndex: Int
  var learningRate: Double
  var diverged: Bool
  /// At each evaluation: epochs of examples seen, updates, seconds, validation loss and accuracy.
  var epochs: [Double], updates: [Double], seconds: [Double], validationLoss: [Double], validationAccuracy: [Double]
  /// After each epoch: loss and accuracy on the training probe.
  var trainLoss: [Double], trainAccuracy: [Double]

  init(row: SweepRow, settings: RunSettings) throws {
    guard let rule = row.value("rule").flatMap(LearningRateRule.init(rawValue:)), let b = row.number("B"),
      let s = row.number("seed")
    else {
      throw LessonError.malformedRow(cell: row.cellID, reason: "no rule, B or seed column")
    }
    self.rule = rule
    batchSize = Int(b)
    seedIndex = Int(s)
    let count = settings.evaluationUpdates(total: settings.totalUpdates(batch: batchSize)).count
    func column(_ name: String, from first: Int, _ n: Int) -> [Double] { (first..<(first + n)).map { row.metric("\(name)_\($0)") ?? .nan } }
    learningRate = row.metric("lr") ?? .nan
    diverged = row.metric("diverged") == 1
    epochs = column("examples", from: 0, count).map { $0 / Double(settings.trainCount) }
    updates = column("updates", from: 0, count)
    seconds = column("seconds", from: 0, count)
    validationLoss = column("valLoss", from: 0, count)
    validationAccuracy = column("valAcc", from: 0, count)
    trainLoss = column("trainLoss", from: 1, settings.epochs)
    trainAccuracy = column("trainAcc", from: 1, settings.epochs)
  }

  var finalValidationLoss: Double { validationLoss.last ?? .nan }
  var finalValidationAccuracy: Double { validationAccuracy.last ?? .nan }
  var finalTrainLoss: Double { trainLoss.last ?? .nan }
  /// Validation loss minus training loss at the end.
  var lossGap: Double { finalValidationLoss - finalTrainLoss }
  var totalUpdates: Int { Int(updates.last ?? 0) }
  /// Training seconds per epoch, over the whole run.
  var secondsPerEpoch: Double { (seconds.last ?? .nan) / max(epochs.last ?? 1, 1e-9) }

  /// Where the validation accuracy first reaches `target`, located between the two evaluations around it.
  func crossing(_ target: Double) -> LevelCrossing? { LevelCrossing(values: validationAccuracy, level: target, direction: .rising) }
}

/// One run of the noise probe read back from its results file.
struct NoiseProbe {
  var updates: [Double], bSimple: [Double], trainLoss: [Double], validationAccuracy: [Double]

  init(row: SweepRow, settings: RunSettings) {
    let k = settings.probeUpdates.indices
    updates = settings.probeUpdates.map(Double.init)
    bSimple = k.map { (row.metric("trace_\($0)") ?? .nan) / (row.metric("gradient_\($0)") ?? .nan) }
    trainLoss = k.map { row.metric("trainLoss_\($0)") ?? .nan }
    validationAccuracy = k.map { row.metric("valAcc_\($0)") ?? .nan }
  }
}

/// A results file that does not hold what this lesson wrote.
enum LessonError: Error, CustomStringConvertible {
  case malformedRow(cell: String, reason: String)

  var description: String {
    switch self {
    case let .malformedRow(cell, reason):
      return "batch-tradeoffs: results row '\(cell)': \(reason). Run again with --fresh to recompute the results file."
    }
  }
}
