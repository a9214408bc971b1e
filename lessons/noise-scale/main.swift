// noise-scale: the gradient noise scale B_simple = tr(Sigma) / |G|^2 (McCandlish et al. 2018), checked against exact
// per-sequence gradients, then measured along training at several sequence lengths T: the predicted critical batch.
// Run: swift run -c release noise-scale [--lengths 10 20 50 100 200] [--seeds 3] [--full] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct NoiseScale: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "noise-scale",
    abstract: "The gradient noise scale B_simple = tr(Sigma)/|G|^2 from two batch sizes, checked against exact "
      + "per-sequence gradients, and measured along training as a function of the sequence length T.")

  @OptionGroup var options: LessonOptions

  // `--full` (one of the flags every lesson shares, in `options`) runs the larger study: T up to 500, 5 seeds, 12 epochs, 4096 sequences, H = 32.

  @Option(help: "The task: volatility (regimes of GARCH returns; longer windows hold more evidence) or temporal-order (the order of two symbols --lag steps before the end; longer windows only add distractors).")
  var task: TaskChoice = .volatility

  @Option(help: "Temporal order only: steps from the second relevant symbol to the end.")
  var lag = 10

  @Option(parsing: .upToNextOption, help: "Sequence lengths T (default 10 20 50 100 200; --full adds 500).")
  var lengths: [Int] = []

  @Option(help: "B, the training batch size (default 32).")
  var batch: Int?

  @Option(help: "Adam's learning rate.")
  var learningRate = 3e-3

  @Option(help: "Training epochs per T (default 6; --full: 12).")
  var epochs: Int?

  @Option(help: "N, training sequences (default 2048; --full: 4096).")
  var train: Int?

  @Option(help: "H, hidden units (default 16; --full: 32).")
  var hidden: Int?

  @Option(help: "B_small of the two-batch estimator (default 16).")
  var smallBatch: Int?

  @Option(help: "k: the big-batch gradient is the mean of k small-batch gradients (B_big = k B_small) (default 8).")
  var batchesPerMeasurement: Int?

  @Option(help: "Updates between two noise measurements (default 8).")
  var measureEvery: Int?

  @Option(help: "Seeds per T (default 4; --full: 5).")
  var seeds: Int?

  @Option(help: "T of the exact check (part 1) (default 50).")
  var checkSteps: Int?

  @Option(help: "Seed of the data and the first weights (seed s of the sweep uses seed + s - 1).")
  var seed: UInt64 = 1

  @Option(help: "Training runs at once (each on its own thread).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Recompute every run instead of resuming from the results file of an earlier run with the same settings.")
  var fresh = false

  mutating func validate() throws {
    for (flag, value) in [("--batch", batch ?? 1), ("--small-batch", smallBatch ?? 1), ("--measure-every", measureEvery ?? 1),
                          ("--check-steps", checkSteps ?? 1), ("--workers", workers), ("--epochs", epochs ?? 1),
                          ("--train", train ?? 1), ("--hidden", hidden ?? 1), ("--seeds", seeds ?? 1), ("--lag", lag)]
    where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    guard (batchesPerMeasurement ?? 2) >= 2 else { throw ValidationError("--batches-per-measurement must be at least 2 (B_big > B_small)") }
    guard lengths.allSatisfy({ $0 >= 1 }), Set(lengths).count == lengths.count else {
      throw ValidationError("--lengths must be different positive numbers, not \(lengths)")
    }
    guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
  }

  func run() throws {
    var book = try Notebook(lesson: "noise-scale", title: "The gradient noise scale and the critical batch", options: options)
    // MARK: The settings of this run, resolved once for the tier (--quick, the class tier, --full); flags win
    var lengths = (self.lengths.isEmpty
      ? book.size(quick: [10, 20], class: [10, 20, 50, 100, 200], full: [10, 20, 50, 100, 200, 500]) : self.lengths).sorted()
    let task = self.task.make(lag: lag)
    lengths = lengths.filter { $0 >= task.minimumSteps }
    guard !lengths.isEmpty else { throw ValidationError("--lengths: \(task.name) needs T >= \(task.minimumSteps)") }
    let checkSteps = max(self.checkSteps ?? book.size(quick: 10, class: 50, full: 50), task.minimumSteps)
    let settings = NoiseRunSettings(
      task: self.task, lag: lag, trainCount: train ?? book.size(quick: 256, class: 2048, full: 4096),
      validationCount: book.size(quick: 64, class: 512, full: 512),
      hidden: hidden ?? book.size(quick: 8, class: 16, full: 32), batch: batch ?? book.size(quick: 16, class: 32, full: 32),
      learningRate: learningRate, epochs: epochs ?? book.size(quick: 2, class: 6, full: 12),
      smallBatch: smallBatch ?? book.size(quick: 4, class: 16, full: 16),
      batchesPerMeasurement: batchesPerMeasurement ?? book.size(quick: 4, class: 8, full: 8),
      measureEvery: measureEvery ?? book.size(quick: 4, class: 8, full: 8), seed: seed)
    let seedCount = seeds ?? book.size(quick: 1, class: 4, full: 5)
    book.markdown(
      """
      A minibatch gradient is the true gradient G plus noise. If one sequence's gradient has covariance Σ, the mean
      over B sequences has covariance Σ / B, so

          E |g_B|² = |G|² + tr(Σ) / B.

      The noise equals the signal at B = B_simple = tr(Σ) / |G|², the **gradient noise scale** of McCandlish et al.
      (2018). Below it a bigger batch mostly removes noise, so doubling B nearly halves the updates needed; well above
      it the gradient is already clean and a bigger batch buys little. B_simple predicts the critical batch size B_crit
      where that trade-off bends, and it can be measured during training from two batch sizes alone:

          |G|²  ≈ (B_big |g_big|² - B_small |g_small|²) / (B_big - B_small)
          tr(Σ) ≈ (|g_small|² - |g_big|²) / (1/B_small - 1/B_big)

      (their Appendix A), averaging numerator and denominator separately before dividing. Part 1 checks this on an
      LSTM against exact per-sequence gradients; part 2 measures B_simple along training for several sequence lengths T.
      """)

    // MARK: Part 1: the estimator against exact per-sequence gradients
    let probe = try settings.probeModel(steps: checkSteps)
    let data = probe.data.train
    book.experiment(
      "Part 1: E |g_B|² against 1/B at T = \(checkSteps), and the two-batch estimator against the exact B_simple",
      details: """
        \(task.name), \(data.count) training sequences, model LSTM(H = \(settings.hidden)) -> Dense(softmax) after 1 epoch of Adam (lr \(learningRate), B = \(settings.batch)) from seed \(seed)
        exact: the gradient of every one of the \(data.count) sequences: G = their mean, tr(Σ) = mean |g_i - G|²
        measured: |g_B|² of batches drawn with replacement, averaged over max(16, \(data.count)/B) batches per B
        """)
    let exact = try PerExampleGradientStatistics(model: probe.model, data: data)
    var rng = SeededGenerator.derived(seed: seed, stream: 201)
    let probeBatches = (0...10).map { 1 << $0 }.filter { $0 <= data.count / 2 }
    var measured: [(b: Int, mean: Double, standardError: Double)] = []
    for b in probeBatches {
      let repeats = max(16, data.count / b)
      var values: [Double] = []
      for _ in 0..<repeats {
        let indices = (0..<b).map { _ in rng.nextInt(below: data.count) }
        let (x, steps, labels) = try data.timeMajorBatch(indices: indices)
        values.append(squaredNorm(try probe.model.lossAndGradients(x: x, steps: steps, labels: labels).gradients))
      }
      let m = mean(values)
      measured.append((b, m, standardError(values)))
    }
    var lineChart = Chart(
      title: "E |g_B|² = |G|² + tr(Σ)/B: noise falls like 1/B until it meets the signal",
      x: Axis("batch size B (log scale)", scale: .log(base: 2)),
      y: Axis("mean squared gradient norm |g_B|² (log scale)", scale: .log()))
    lineChart.add(Series(
      "measured (mean ± standard error)", x: measured.map(\.b), y: measured.map(\.mean),
      errors: measured.map(\.standardError), style: .points))
    let bs = (0...40).map { Foundation.pow(2, Double($0) * Foundation.log2(Double(probeBatches.last!)) / 40) }
    lineChart.add(Series(
      "exact |G|² + tr(Σ)/B (all \(data.count) per-sequence gradients)", x: bs,
      y: bs.map { exact.gradientSquaredNorm + exact.traceCovariance / $0 }, style: .lines))
    lineChart.add(Series("noise alone, tr(Σ)/B", x: bs, y: bs.map { exact.traceCovariance / $0 }, style: .lines))
    lineChart.addReference(y: exact.gradientSquaredNorm, title: "signal alone, |G|² (they cross at B = B_simple)")

    // The two-batch estimator on the same frozen model: B_small = --small-batch, B_big = k B_small (the mean of k
    // small-batch gradients), many samples, running means of the two estimates.
    var estimator = try GradientNoiseScaleEstimator<Double>(
      smallBatch: settings.smallBatch, bigBatch: settings.smallBatch * settings.batchesPerMeasurement, averaging: .runningMean)
    var estimates: [(samples: Int, bSimple: Double)] = []
    let samples = book.size(quick: 16, class: 128, full: 128)
    for sample in 1...samples {
      let pair = try settings.measure(model: probe.model, data: data, using: &rng)
      try estimator.add(smallSquaredNorm: pair.small, bigSquaredNorm: pair.big)
      estimates.append((sample, estimator.simpleNoiseScale ?? .nan))
    }
    var estimatorChart = Chart(
      title: "Two-batch estimate of B_simple as samples accumulate", x: Axis("samples (pairs of gradients)", scale: .log(base: 2)),
      y: Axis("B_simple (sequences; gaps: |G|² estimate still negative)", range: 0...(5 * exact.simpleNoiseScale)))
    estimatorChart.add(Series("running-mean estimate after each sample", x: estimates.map(\.samples), y: estimates.map(\.bSimple), style: .lines))
    estimatorChart.addReference(y: exact.simpleNoiseScale, title: "exact tr(Σ)/|G|² over the training set")
    try book.chart(
      Figure(name: "estimator-check", panels: [.chart(lineChart), .chart(estimatorChart)], columns: 2, width: 1300, height: 520),
      caption: "Left: the mean squared norm of a batch gradient against 1/B, with the exact line from per-sequence gradients. "
        + "Right: the two-batch estimator converging on the exact B_simple")
    // The line |g_B|² = a + b/B through the measured means, each weighted by 1/(standard error)²: a estimates |G|², b tr(Σ).
    let fitted = fitLine(
      x: measured.map { 1 / Double($0.b) }, y: measured.map(\.mean),
      weights: measured.map { 1 / max($0.standardError * $0.standardError, 1e-300) })
    let finalEstimate = estimator.simpleNoiseScale ?? .nan
    var checkTable = Table("Part 1: exact and estimated statistics at T = \(checkSteps)", columns: [
      .init("quantity", alignment: .left), .init("exact (all sequences)", format: .significant(4)),
      .init("weighted line fit of |g_B|² on 1/B", format: .significant(4)), .init("two-batch estimator", format: .significant(4)),
    ])
    checkTable.append(["|G|²", .number(exact.gradientSquaredNorm), .number(fitted.intercept), .number(estimator.gradientSquaredNorm ?? .nan)])
    checkTable.append(["tr(Σ)", .number(exact.traceCovariance), .number(fitted.slope), .number(estimator.traceCovariance ?? .nan)])
    checkTable.append([
      "B_simple = tr(Σ)/|G|²", .number(exact.simpleNoiseScale), .number(fitted.slope / fitted.intercept), .number(finalEstimate),
    ])
    try book.table(checkTable)
    book.finding(
      "On an LSTM after one epoch at T = \(checkSteps), the exact noise scale over the \(data.count) training sequences is "
        + "B_simple = \(NumberText.significant(exact.simpleNoiseScale, digits: 3)); the line through the measured |g_B|² gives "
        + "\(NumberText.significant(fitted.slope / fitted.intercept, digits: 3)) and the two-batch estimator "
        + "(B_small = \(settings.smallBatch), B_big = \(settings.smallBatch * settings.batchesPerMeasurement), \(samples) samples) "
        + (finalEstimate.isFinite
          ? "\(NumberText.significant(finalEstimate, digits: 3)) (\(NumberText.fixed(100 * abs(finalEstimate / exact.simpleNoiseScale - 1), decimals: 0))% "
            + (finalEstimate >= exact.simpleNoiseScale ? "above" : "below") + " the exact value)."
          : "no estimate yet (the averaged |G|² estimate is not positive: more samples needed)."))

    // MARK: Part 2: B_simple along training, for each T
    book.experiment(
      "Part 2: B_simple along training for T = \(lengths.map(String.init).joined(separator: ", "))",
      details: """
        \(task.name); \(settings.trainCount) training and \(settings.validationCount) validation sequences per T; LSTM(H = \(settings.hidden)) -> Dense(softmax)
        Adam lr \(learningRate), B = \(settings.batch), \(settings.epochs) epochs; \(seedCount) seeds per T
        every \(settings.measureEvery) updates: \(settings.batchesPerMeasurement) batches of B_small = \(settings.smallBatch) (drawn with replacement) -> |g_small|² and |g_big|² (B_big = \(settings.smallBatch * settings.batchesPerMeasurement))
        two-batch B_simple per epoch = ratio of that epoch's mean tr(Σ) and mean |G|² estimates
        after epochs \(settings.exactEpochs.map(String.init).joined(separator: ", ")): per-sequence gradients of all \(settings.trainCount) training sequences -> |G|², tr(Σ), B_simple
        """)
    let grid = try SweepGrid([SweepAxis("T", lengths), SweepAxis("seed", Array(1...seedCount))])
    // The runs (T x seed) are the cells of a sweep; book.sweep keys its results file on the settings and on this
    // build of the code, so changed settings or edited code never resume from stale results.
    let report = try book.sweep(
      "noise", grid: grid, metrics: settings.metricNames, settings: settings.fingerprint, fresh: fresh, workers: workers
    ) { cell in
      try settings.train(steps: try cell.int("T"), seedIndex: try cell.int("seed"))
    }

    let rows = report.results.rows
    let checkpoints = settings.exactEpochs
    var summary: [(t: Int, runs: [NoiseRun])] = []
    for t in lengths {
      let rs = rows.filter { $0.number("T") == Double(t) }.map { NoiseRun(row: $0, settings: settings) }
      if !rs.isEmpty { summary.append((t, rs)) }
    }
    let ts = summary.map(\.t)
    /// Mean and standard deviation over seeds of a per-run number, for every T.
    func stat(_ value: (NoiseRun) -> Double) -> (mean: [Double], sd: [Double]) {
      (summary.map { mean($0.runs.map(value)) }, summary.map { standardDeviation($0.runs.map(value), whenFewerThanTwo: 0) })
    }

    var byEpoch = Chart(
      title: "B_simple along training", x: Axis("epoch"), y: Axis("B_simple (sequences, log scale)", scale: .log()))
    var byLoss = Chart(
      title: "B_simple against the training loss", x: Axis("training loss (nats, log scale)", scale: .log()),
      y: Axis("B_simple (sequences, log scale)", scale: .log()))
    for (t, rs) in summary {
      let b = checkpoints.indices.map { c in geometricMean(rs.map { $0.exact[c].bSimple }) }
      let loss = checkpoints.indices.map { c in mean(rs.map { $0.exact[c].loss }) }
      byEpoch.add(Series("T = \(t)", x: checkpoints, y: b))
      byLoss.add(Series("T = \(t)", x: loss, y: b))
    }
    // The in-training two-batch estimate of epoch e against the per-sequence value at the end of epoch e.
    var pairs: [(exact: Double, estimate: Double)] = []
    for run in summary.flatMap(\.runs) {
      for (c, epoch) in checkpoints.enumerated() {
        let pair = (exact: run.exact[c].bSimple, estimate: run.bSimple[epoch - 1])
        if pair.exact > 0, pair.estimate > 0, pair.exact.isFinite, pair.estimate.isFinite { pairs.append(pair) }
      }
    }
    var agreement = Chart(
      title: "The cheap estimator against per-sequence gradients", x: Axis("per-sequence B_simple at the end of the epoch (log)", scale: .log()),
      y: Axis("two-batch estimate during the epoch (log)", scale: .log()))
    agreement.add(Series("one run, one epoch", x: pairs.map(\.exact), y: pairs.map(\.estimate), style: .points))
    if let low = pairs.map({ min($0.exact, $0.estimate) }).min(), let high = pairs.map({ max($0.exact, $0.estimate) }).max() {
      agreement.add(Series("equal", x: [low, high], y: [low, high], style: .lines))
    }
    try book.chart(
      Figure(name: "along-training", panels: [.chart(byEpoch), .chart(byLoss), .chart(agreement)], columns: 3, width: 1650, height: 520),
      caption: "B_simple from per-sequence gradients of the whole training set after epochs \(checkpoints.map(String.init).joined(separator: ", ")) "
        + "(geometric mean over seeds), against the epoch and against the training loss; right: the two-batch estimate "
        + "measured during each of those epochs against the per-sequence value at its end")

    // Every per-sequence measurement (each seed, each checkpoint epoch) is one point; their geometric mean is the typical
    // noise scale during training at that T, and the spread of log B_simple gives its standard error.
    let points = summary.map { s in s.runs.flatMap { r in r.exact.map(\.bSimple) }.filter { $0 > 0 && $0.isFinite } }
    let typical = points.map(geometricMean)
    let factor = points.map { p in Foundation.exp(standardDeviation(p.map { Foundation.log($0) }, whenFewerThanTwo: 0) / Double(max(p.count, 1)).squareRoot()) }
    let early = stat { $0.exact[0].bSimple }, late = stat { $0.exact[checkpoints.count - 1].bSimple }
    let lastEpoch = checkpoints[checkpoints.count - 1]
    var versusT = Chart(
      title: "Predicted critical batch B_crit ≈ B_simple", x: Axis("sequence length T (log scale)", scale: .log()),
      y: Axis("B_simple (sequences, log scale)", scale: .log()))
    let scatter = zip(ts, points).flatMap { t, p in p.map { (t, $0) } }
    versusT.add(Series("one seed after one of epochs \(checkpoints.map(String.init).joined(separator: ", "))", x: scatter.map(\.0), y: scatter.map(\.1), style: .points))
    versusT.add(Series("geometric mean", x: ts, y: typical))
    versusT.addReference(y: Double(settings.batch), title: "training batch B = \(settings.batch)")
    var parts = Chart(
      title: "Its numerator and denominator (geometric means)", x: Axis("sequence length T (log scale)", scale: .log()),
      y: Axis("value (log scale)", scale: .log()))
    parts.add(Series("tr(Σ), the noise of one sequence's gradient", x: ts, y: summary.map { geometricMean($0.runs.flatMap { $0.exact.map(\.trace) }) }))
    parts.add(Series("|G|², the signal", x: ts, y: summary.map { geometricMean($0.runs.flatMap { $0.exact.map(\.gradient) }) }))
    try book.chart(
      Figure(name: "versus-length", panels: [.chart(versusT), .chart(parts)], columns: 2, width: 1300, height: 520),
      caption: "Left: every per-sequence measurement of the noise scale (\(seedCount) seeds x \(checkpoints.count) points in training) "
        + "against T, and their geometric mean: the critical batch size it predicts. Right: tr(Σ) and |G|²", isKey: true)

    var table = Table("Part 2: the noise scale per T (per-sequence gradients over the training set)", columns: [
      .init("T"), .init("B_simple (geo. mean)", format: .significant(3)), .init("x/÷ (std. error)", format: .fixed(decimals: 2)),
      .init("lowest", format: .significant(3)), .init("highest", format: .significant(3)),
      .init("ep \(checkpoints[0]) mean", format: .significant(3)), .init("ep \(lastEpoch) mean", format: .significant(3)),
      .init("loss ep \(checkpoints[0])", format: .fixed(decimals: 3)), .init("loss ep \(lastEpoch)", format: .fixed(decimals: 3)),
      .init("val accuracy", format: .fixed(decimals: 3)),
    ])
    let earlyLoss = stat { $0.exact[0].loss }, lateLoss = stat { $0.exact[checkpoints.count - 1].loss }
    let accuracy = stat(\.validationAccuracy)
    for i in summary.indices {
      table.append([
        .number(ts[i]), .number(typical[i]), .number(factor[i]), .number(points[i].min() ?? .nan), .number(points[i].max() ?? .nan),
        .number(early.mean[i]), .number(late.mean[i]), .number(earlyLoss.mean[i]), .number(lateLoss.mean[i]), .number(accuracy.mean[i]),
      ])
    }
    try book.table(table)

    // MARK: Findings
    if summary.count >= 2 {
      let (first, last) = (0, summary.count - 1)
      // log B_simple = a + b log T through every point; b's standard error from the residuals.
      let x = scatter.map { Foundation.log(Double($0.0)) }, y = scatter.map { Foundation.log($0.1) }
      let fit = LineFit(x: x, y: y)
      let line = (intercept: fit?.intercept ?? .nan, slope: fit?.slope ?? .nan)
      let trend = (fit?.trend() ?? 0) == 0
        ? "no trend that stands out of the scatter (the slope's 95% interval "
          + "\(fit.map { "\($0.slopeInterval())" } ?? "is undefined") includes zero; the smallest slope this design detects "
          + "with 80% power is \(fit.map { NumberText.significant(Power.minimumDetectableSlope(of: $0), digits: 2) } ?? "unknown"))"
        : (line.slope > 0 ? "it grows with T" : "it falls with T") + " (slope \(fit!.slopeInterval()), 95% interval)"
      let gradientT = summary.map { geometricMean($0.runs.flatMap { $0.exact.map(\.gradient) }) }
      let traceT = summary.map { geometricMean($0.runs.flatMap { $0.exact.map(\.trace) }) }
      book.finding(
        "The typical noise scale was B_simple = \(NumberText.significant(typical[first], digits: 3)) (x/÷ "
          + "\(NumberText.fixed(factor[first], decimals: 2))) at T = \(ts[first]) and \(NumberText.significant(typical[last], digits: 3)) "
          + "(x/÷ \(NumberText.fixed(factor[last], decimals: 2))) at T = \(ts[last]); single measurements ranged from "
          + "\(NumberText.significant(scatter.map(\.1).min() ?? .nan, digits: 2)) to \(NumberText.significant(scatter.map(\.1).max() ?? .nan, digits: 2)). "
          + "A power law through all \(scatter.count) points gives B_simple ∝ T^\(NumberText.fixed(line.slope, decimals: 2)) ± "
          + "\(NumberText.fixed(fit?.slopeStandardError ?? .nan, decimals: 2)) (SE): \(trend). Signal and noise both grow with T (|G|² "
          + "x\(NumberText.significant(gradientT[last] / gradientT[first], digits: 2)), tr(Σ) x\(NumberText.significant(traceT[last] / traceT[first], digits: 2)) "
          + "from T = \(ts[first]) to \(ts[last])): the gradient of a longer sequence sums more steps, for every sequence alike, "
          + "so their ratio moves far less than either.",
        isKey: true)
      let grew = summary.indices.filter { late.mean[$0] > early.mean[$0] }
      book.finding(
        "Between epochs \(checkpoints[0]) and \(lastEpoch) the mean B_simple grew at \(grew.count) of \(summary.count) lengths while the "
          + "training loss fell at every one (from \(NumberText.fixed(earlyLoss.mean.min() ?? .nan, decimals: 2))–"
          + "\(NumberText.fixed(earlyLoss.mean.max() ?? .nan, decimals: 2)) to \(NumberText.fixed(lateLoss.mean.min() ?? .nan, decimals: 2))–"
          + "\(NumberText.fixed(lateLoss.mean.max() ?? .nan, decimals: 2)) nats). McCandlish et al. found the noise scale grows as the "
          + "loss falls; with a constant Adam learning rate the gradient at the current weights also jumps from step to step, "
          + "which is why single measurements scatter so much.")
      let logErrors = pairs.map { abs(Foundation.log($0.estimate / $0.exact)) }
      book.finding(
        "The two-batch estimates measured during an epoch (\(settings.trainCount / settings.batch / settings.measureEvery) pairs each) were within "
          + "a factor \(NumberText.fixed(Foundation.exp(median(logErrors)), decimals: 2)) of the per-sequence value at the epoch's end "
          + "in half of the \(pairs.count) cases: usable during training when averaged over many pairs.")
      book.finding(
        "Prediction for `optimal-batch`: a batch below B_simple buys nearly proportionally fewer updates, one well above "
          + "it buys little. Here the bend is predicted near B ≈ \(NumberText.significant(typical[first], digits: 2)) at T = \(ts[first]) and "
          + "B ≈ \(NumberText.significant(typical[last], digits: 2)) at T = \(ts[last]), with the uncertainty above.")
    }
    try book.finish()
  }
}

// MARK: - The task, the model and one measurement

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

  /// The epochs after which the per-sequence statistics are computed: 1, 2, 4, 8, ... and the last.
  var exactEpochs: [Int] {
    var points: [Int] = []
    var e = 1
    while e < epochs {
      points.append(e)
      e *= 2
    }
    return points + [epochs]
  }

  /// Everything that changes the results, for the results file's name.
  var fingerprint: String {
    "\(task.make(lag: lag).name) N=\(trainCount) V=\(validationCount) H=\(hidden) B=\(batch) lr=\(learningRate) E=\(epochs) "
      + "Bs=\(smallBatch) k=\(batchesPerMeasurement) every=\(measureEvery) seed=\(seed)"
  }

  /// Per epoch e: the mean loss of the measured batches, the mean |G|^2 and tr(Sigma) two-batch estimates and their
  /// ratio; after each epoch c of `exactEpochs`: |G|^2, tr(Sigma) and the loss over the whole training set from
  /// per-sequence gradients; the validation accuracy at the end.
  var metricNames: [String] {
    (1...epochs).flatMap { e in ["loss_\(e)", "gradient_\(e)", "trace_\(e)", "bSimple_\(e)"] }
      + exactEpochs.flatMap { c in ["exactGradient_\(c)", "exactTrace_\(c)", "exactLoss_\(c)"] } + ["validationAccuracy"]
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
  /// updates and with per-sequence gradients after each epoch of `exactEpochs`.
  func train(steps: Int, seedIndex: Int) throws -> [String: Double] {
    let runSeed = seed &+ UInt64(seedIndex - 1)
    let data = try task.make(lag: lag).dataset(trainCount: trainCount, testCount: validationCount, steps: steps, seed: runSeed)
    var model = self.model()
    var initRNG = SeededGenerator.derived(seed: runSeed, stream: 101)
    var batchRNG = SeededGenerator.derived(seed: runSeed, stream: 102)
    var measureRNG = SeededGenerator.derived(seed: runSeed, stream: 103)
    try model.build(inputFeatures: data.train.featureCount, using: &initRNG)
    let pair = (small: smallBatch, big: smallBatch * batchesPerMeasurement)
    var metrics: [String: Double] = [:]
    var updates = 0
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
      }
      metrics["loss_\(epoch)"] = mean(losses)
      metrics["gradient_\(epoch)"] = perEpoch.gradientSquaredNorm ?? .nan
      metrics["trace_\(epoch)"] = perEpoch.traceCovariance ?? .nan
      metrics["bSimple_\(epoch)"] = perEpoch.simpleNoiseScale ?? .nan
      if exactEpochs.contains(epoch) {
        let exact = try PerExampleGradientStatistics(model: model, data: data.train)
        metrics["exactGradient_\(epoch)"] = exact.gradientSquaredNorm
        metrics["exactTrace_\(epoch)"] = exact.traceCovariance
        metrics["exactLoss_\(epoch)"] = exact.meanLoss
      }
    }
    metrics["validationAccuracy"] = try model.evaluate(data.test, batchSize: 256).accuracy
    return metrics
  }
}

/// One run of part 2 read back from the results file.
struct NoiseRun {
  /// Per epoch: the mean loss of the measured batches and the two-batch B_simple.
  var loss: [Double], gradient: [Double], trace: [Double], bSimple: [Double]
  /// After each epoch of `exactEpochs`: the per-sequence statistics over the training set.
  var exact: [(gradient: Double, trace: Double, loss: Double, bSimple: Double)]
  var validationAccuracy: Double

  init(row: SweepRow, settings: NoiseRunSettings) {
    let epochs = 1...settings.epochs
    loss = epochs.map { row.metric("loss_\($0)") ?? .nan }
    gradient = epochs.map { row.metric("gradient_\($0)") ?? .nan }
    trace = epochs.map { row.metric("trace_\($0)") ?? .nan }
    bSimple = epochs.map { row.metric("bSimple_\($0)") ?? .nan }
    exact = settings.exactEpochs.map { c in
      let g = row.metric("exactGradient_\(c)") ?? .nan, tr = row.metric("exactTrace_\(c)") ?? .nan
      return (g, tr, row.metric("exactLoss_\(c)") ?? .nan, tr / g)
    }
    validationAccuracy = row.metric("validationAccuracy") ?? .nan
  }
}

func squaredNorm(_ gradients: [Matrix<Float>]) -> Double {
  gradients.reduce(0) { total, g in total + g.scalars.reduce(0) { $0 + Double($1) * Double($1) } }
}

NoiseScale.main()
