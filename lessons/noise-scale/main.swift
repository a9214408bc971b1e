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

  // `--full` (one of the flags every lesson shares, in `options`) runs the study behind the gallery: 12 seeds per T and
  // 8 epochs (N = 2048 and H = 16 as in the class tier and in batch-tradeoffs, so the cross-check compares one model).

  @Option(help: "The task: volatility (regimes of GARCH returns; longer windows hold more evidence) or temporal-order (the order of two symbols --lag steps before the end; longer windows only add distractors).")
  var task: TaskChoice = .volatility

  @Option(help: "Temporal order only: steps from the second relevant symbol to the end.")
  var lag = 10

  @Option(parsing: .upToNextOption, help: "Sequence lengths T (default 10 20 50 100 200).")
  var lengths: [Int] = []

  @Option(help: "B, the training batch size (default 32).")
  var batch: Int?

  @Option(help: "Adam's learning rate.")
  var learningRate = 3e-3

  @Option(help: "Training epochs per T (default 6; --full: 8).")
  var epochs: Int?

  @Option(help: "N, training sequences (default 2048).")
  var train: Int?

  @Option(help: "H, hidden units (default 16).")
  var hidden: Int?

  @Option(help: "B_small of the two-batch estimator (default 16).")
  var smallBatch: Int?

  @Option(help: "k: the big-batch gradient is the mean of k small-batch gradients (B_big = k B_small) (default 8).")
  var batchesPerMeasurement: Int?

  @Option(help: "Updates between two noise measurements (default 8).")
  var measureEvery: Int?

  @Option(help: "Seeds per T (default 4; --full: 12); seed s draws its own data, initial weights and batch order.")
  var seeds: Int?

  @Option(help: "T of the exact check (part 1) (default 50).")
  var checkSteps: Int?

  @Option(help: "T of the cross-check with batch-tradeoffs, which runs at T = 50 by default (--steps there).")
  var sharedSteps = 50

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
      ? book.size(quick: [10, 20], class: [10, 20, 50, 100, 200], full: [10, 20, 50, 100, 200]) : self.lengths).sorted()
    let task = self.task.make(lag: lag)
    lengths = lengths.filter { $0 >= task.minimumSteps }
    guard !lengths.isEmpty else { throw ValidationError("--lengths: \(task.name) needs T >= \(task.minimumSteps)") }
    let checkSteps = max(self.checkSteps ?? book.size(quick: 10, class: 50, full: 50), task.minimumSteps)
    let settings = NoiseRunSettings(
      task: self.task, lag: lag, trainCount: train ?? book.size(quick: 256, class: 2048, full: 2048),
      validationCount: book.size(quick: 64, class: 512, full: 512),
      hidden: hidden ?? book.size(quick: 8, class: 16, full: 16), batch: batch ?? book.size(quick: 16, class: 32, full: 32),
      learningRate: learningRate, epochs: epochs ?? book.size(quick: 2, class: 6, full: 8),
      smallBatch: smallBatch ?? book.size(quick: 4, class: 16, full: 16),
      batchesPerMeasurement: batchesPerMeasurement ?? book.size(quick: 4, class: 8, full: 8),
      measureEvery: measureEvery ?? book.size(quick: 4, class: 8, full: 8), seed: seed)
    let seedCount = seeds ?? book.size(quick: 2, class: 4, full: 12)
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
    let checkpoints = settings.exactCheckpoints
    book.experiment(
      "Part 2: B_simple along training for T = \(lengths.map(String.init).joined(separator: ", "))",
      details: """
        \(task.name); \(settings.trainCount) training and \(settings.validationCount) validation sequences per T; LSTM(H = \(settings.hidden)) -> Dense(softmax)
        Adam lr \(learningRate), B = \(settings.batch), \(settings.epochs) epochs; \(seedCount) seeds per T (seed s draws its own data, weights and batch order)
        every \(settings.measureEvery) updates: \(settings.batchesPerMeasurement) batches of B_small = \(settings.smallBatch) (drawn with replacement) -> |g_small|² and |g_big|² (B_big = \(settings.smallBatch * settings.batchesPerMeasurement))
        two-batch B_simple per epoch = ratio of that epoch's mean tr(Σ) and mean |G|² estimates
        at epochs \(checkpoints.map { NumberText.significant($0, digits: 3) }.joined(separator: ", ")): per-sequence gradients of all \(settings.trainCount) training sequences -> |G|², tr(Σ), B_simple and the training loss
        """)
    let grid = try SweepGrid([SweepAxis("T", lengths), SweepAxis("seed", Array(1...seedCount))])
    // The runs (T x seed) are the cells of a sweep; book.sweep keys its results file on the settings and on this
    // build of the code, so changed settings or edited code never resume from stale results.
    let report = try book.sweep(
      "noise", grid: grid, metrics: settings.metricNames, settings: settings.fingerprint, fresh: fresh, workers: workers
    ) { cell in
      try settings.train(steps: try cell.int("T"), seedIndex: try cell.int("seed"))
    }
    let runs = report.results.rows.map { NoiseRun(row: $0, settings: settings) }
    let ts = lengths.filter { t in runs.contains { $0.steps == t } }
    func runsAt(_ t: Int) -> [NoiseRun] { runs.filter { $0.steps == t }.sorted { $0.seedIndex < $1.seedIndex } }
    let last = checkpoints.count - 1

    // MARK: Matched training losses: levels every run of the compared lengths passes through
    /// The geometric middle of the loss range that every run of `lengths` crossed between two checkpoints (from its
    /// first checkpoint down to its lowest loss), or nil when their ranges do not overlap.
    /// With `reachedBy` < 1 the bottom is the loss that that fraction of the runs got below (runs that stalled above
    /// it then drop out of the comparison, and the table's point count shows how many).
    func matchedLoss(_ lengths: [Int], reachedBy fraction: Double = 1) -> Double? {
      let rs = runs.filter { lengths.contains($0.steps) }
      guard !rs.isEmpty else { return nil }
      let top = rs.compactMap { $0.exactLoss.first(where: \.isFinite) }.min() ?? .nan
      let lows = rs.map { $0.exactLoss.filter(\.isFinite).min() ?? .infinity }
      let bottom = fraction >= 1 ? (lows.max() ?? .nan) : quantile(lows, fraction)
      guard top.isFinite, bottom.isFinite, bottom < top else { return nil }
      return (top * bottom).squareRoot()
    }
    var comparisons: [(name: String, lengths: [Int], points: [(t: Int, b: Double)])] = []
    comparisons.append(("at the end of training (epoch \(settings.epochs))", ts, runs.map { ($0.steps, $0.exactBSimple[last]) }))
    if let one = settings.checkpoint(atEpoch: 1), one != last {
      comparisons.append(("after epoch 1", ts, runs.map { ($0.steps, $0.exactBSimple[one]) }))
    }
    var levels: [(loss: Double, lengths: [Int])] = []
    if let all = matchedLoss(ts) { levels.append((all, ts)) }
    // A second, lower level over the lengths after the shortest, which 3 in 4 of their runs passed through.
    if ts.count >= 4, let lower = matchedLoss(Array(ts.dropFirst()), reachedBy: 0.75), lower < (levels.first?.loss ?? .infinity) * 0.8 {
      levels.append((lower, Array(ts.dropFirst())))
    }
    for level in levels {
      let points = runs.filter { level.lengths.contains($0.steps) }.compactMap { r in r.bSimple(atLoss: level.loss).map { (r.steps, $0) } }
      comparisons.append(("at training loss \(NumberText.fixed(level.loss, decimals: 3)) nats", level.lengths, points))
    }
    /// log B_simple = a + b log T through one point per run (seed-level points: the runs are independent).
    func slopeFit(_ points: [(t: Int, b: Double)]) -> LineFit? {
      let valid = points.filter { $0.b > 0 && $0.b.isFinite }
      return LineFit(x: valid.map { Foundation.log(Double($0.t)) }, y: valid.map { Foundation.log($0.b) })
    }

    // MARK: Charts along training and against T
    var byEpoch = Chart(
      title: "B_simple along training (geometric mean over seeds)", x: Axis("epoch (log scale)", scale: .log(base: 2)),
      y: Axis("B_simple (sequences, log scale)", scale: .log()), key: .bottomRight)
    var byLoss = Chart(
      title: "B_simple against the training loss, matched levels dashed", x: Axis("training loss (nats, log scale)", scale: .log()),
      y: Axis("B_simple (sequences, log scale)", scale: .log()), key: .bottomLeft)
    for t in ts {
      let rs = runsAt(t)
      let b = checkpoints.indices.map { c in geometricMean(rs.map { $0.exactBSimple[c] }) }
      let loss = checkpoints.indices.map { c in mean(rs.map { $0.exactLoss[c] }) }
      byEpoch.add(Series("T = \(t)", x: checkpoints, y: b))
      byLoss.add(Series("T = \(t)", x: loss, y: b))
    }
    let allB = runs.flatMap(\.exactBSimple).filter { $0 > 0 && $0.isFinite }
    if let low = allB.min(), let high = allB.max() {
      for level in levels {
        byLoss.add(Series(
          "matched loss \(NumberText.fixed(level.loss, decimals: 3)) (T ≥ \(level.lengths.first!))", x: [level.loss, level.loss],
          y: [low, high], style: .reference(.level)))
      }
    }
    // The in-training two-batch estimate of epoch e against the per-sequence value at the end of epoch e.
    var pairs: [(exact: Double, estimate: Double)] = []
    for run in runs {
      for epoch in 1...settings.epochs {
        guard let c = settings.checkpoint(atEpoch: epoch) else { continue }
        let pair = (exact: run.exactBSimple[c], estimate: run.bSimple[epoch - 1])
        if pair.exact > 0, pair.estimate > 0, pair.exact.isFinite, pair.estimate.isFinite { pairs.append(pair) }
      }
    }
    var agreement = Chart(
      title: "The cheap estimator against per-sequence gradients", x: Axis("per-sequence B_simple at the end of the epoch (log)", scale: .log()),
      y: Axis("two-batch estimate during the epoch (log)", scale: .log()), key: .topLeft)
    agreement.add(Series("one run, one epoch", x: pairs.map(\.exact), y: pairs.map(\.estimate), style: .points))
    if let low = pairs.map({ min($0.exact, $0.estimate) }).min(), let high = pairs.map({ max($0.exact, $0.estimate) }).max() {
      agreement.add(Series("equal", x: [low, high], y: [low, high], style: .reference(.bound)))
    }
    try book.chart(
      Figure(name: "along-training", panels: [.chart(byEpoch), .chart(byLoss), .chart(agreement)], columns: 3, width: 1650, height: 520),
      caption: "B_simple from per-sequence gradients of the whole training set at epochs "
        + "\(checkpoints.map { NumberText.significant($0, digits: 3) }.joined(separator: ", ")) (geometric mean over seeds), against the epoch and "
        + "against the training loss, with the matched loss levels; right: the two-batch estimate measured during an epoch "
        + "against the per-sequence value at its end")

    var panels: [Figure.Panel] = []
    for (index, comparison) in comparisons.enumerated() where index == 0 || comparison.name.hasPrefix("at training loss") {
      var chart = Chart(
        title: "B_simple \(comparison.name)", x: Axis("sequence length T (log scale)", scale: .log()),
        y: Axis("B_simple (sequences, log scale)", scale: .log()), key: .below)
      let valid = comparison.points.filter { $0.b > 0 && $0.b.isFinite }
      chart.add(Series("one seed", x: valid.map(\.t), y: valid.map(\.b), style: .points))
      let means = comparison.lengths.map { t in ConfidenceInterval.geometricMean(of: valid.filter { $0.t == t }.map(\.b)) }
      chart.add(Series(
        "geometric mean, 95% interval", x: comparison.lengths, y: means.map(\.estimate), lower: means.map(\.lower), upper: means.map(\.upper),
        style: .points))
      if let fit = slopeFit(valid) {
        let xs = comparison.lengths.map(Double.init)
        chart.add(Series(
          "fit: slope \(NumberText.fixed(fit.slope, decimals: 2)) ± \(NumberText.fixed(fit.slopeStandardError, decimals: 2)) (SE)", x: xs,
          y: xs.map { Foundation.exp(fit(Foundation.log($0))) }, style: .reference(.fitted)))
      }
      chart.addReference(y: Double(settings.batch), title: "training batch B = \(settings.batch)")
      panels.append(.chart(chart))
    }
    var parts = Chart(
      title: "Its numerator and denominator at the end (geometric means)", x: Axis("sequence length T (log scale)", scale: .log()),
      y: Axis("value (log scale)", scale: .log()), key: .below)
    let traceT = ts.map { t in geometricMean(runsAt(t).map { $0.exactTrace[last] }) }
    let gradientT = ts.map { t in geometricMean(runsAt(t).map { $0.exactGradient[last] }) }
    parts.add(Series("tr(Σ), the noise of one sequence's gradient", x: ts, y: traceT))
    parts.add(Series("|G|², the signal", x: ts, y: gradientT))
    panels.append(.chart(parts))
    try book.chart(
      Figure(name: "versus-length", panels: panels, columns: panels.count, width: 560 * panels.count, height: 540),
      caption: "The noise scale against T, one point per seed (\(seedCount) seeds per T), at matched epochs (left) and at matched "
        + "training losses (middle), with the geometric mean and its 95% interval per T and the least-squares line through the seed-level "
        + "points; right: tr(Σ) and |G|² at the end of training", isKey: true)

    var table = Table(
      "Part 2: the slope b of log B_simple = a + b log T through one point per run (seeds are the independent units)", columns: [
        .init("compared", alignment: .left), .init("lengths", alignment: .left), .init("points"),
        .init("slope b", format: .fixed(decimals: 2)), .init("95% interval", alignment: .left),
        .init("detectable |b| (80% power)", format: .fixed(decimals: 2)), .init("verdict", alignment: .left),
      ])
    var fits: [String: LineFit] = [:]
    for comparison in comparisons {
      guard let fit = slopeFit(comparison.points) else { continue }
      fits[comparison.name] = fit
      let interval = fit.slopeInterval()
      // A matched loss level is measured, so replicates name it by its place (the level every length passed first).
      let stableName = comparison.name.hasPrefix("at training loss")
        ? "at the matched training loss over T = \(comparison.lengths.map(String.init).joined(separator: ", "))" : comparison.name
      book.finding("slope of log B_simple on log T, \(stableName)", interval)
      table.append([
        .text(comparison.name), .text(comparison.lengths.map(String.init).joined(separator: ", ")), .number(fit.count),
        .number(fit.slope), .text("[\(NumberText.fixed(interval.lower, decimals: 2)), \(NumberText.fixed(interval.upper, decimals: 2))]"),
        .number(Power.minimumDetectableSlope(of: fit)),
        .text(fit.trend() == 0 ? "no trend resolved" : (fit.slope > 0 ? "grows with T" : "falls with T")),
      ])
    }
    try book.table(table)

    var perT = Table("Part 2: the noise scale per T (geometric mean over seeds [95% interval])", columns: [
      .init("T"), .init("B_simple, end", alignment: .left), .init("B_simple, epoch 1", alignment: .left),
      .init("loss after 1/8 epoch", format: .fixed(decimals: 3)), .init("loss, end", format: .fixed(decimals: 3)),
      .init("val accuracy", format: .fixed(decimals: 3)),
    ])
    let one = settings.checkpoint(atEpoch: 1) ?? last
    for t in ts {
      let rs = runsAt(t)
      perT.append([
        .number(t), .text("\(ConfidenceInterval.geometricMean(of: rs.map { $0.exactBSimple[last] }))"),
        .text("\(ConfidenceInterval.geometricMean(of: rs.map { $0.exactBSimple[one] }))"),
        .number(mean(rs.map { $0.exactLoss[0] })), .number(mean(rs.map { $0.exactLoss[last] })), .number(mean(rs.map(\.validationAccuracy))),
      ])
    }
    try book.table(perT)

    // MARK: Findings
    /// "slope b [lower, upper]" and what the design could have detected.
    func slopeText(_ name: String) -> String {
      guard let fit = fits[name] else { return "no fit" }
      let interval = fit.slopeInterval()
      let detectable = Power.minimumDetectableSlope(of: fit)
      return "b = \(NumberText.fixed(fit.slope, decimals: 2)) [\(NumberText.fixed(interval.lower, decimals: 2)), "
        + "\(NumberText.fixed(interval.upper, decimals: 2))] from \(fit.count) seed-level points"
        + (fit.trend() == 0
          ? " (no trend resolved; the design detects |b| ≥ \(NumberText.fixed(detectable, decimals: 2)) with 80% power)"
          : " (" + (fit.slope > 0 ? "grows" : "falls") + " with T; detectable |b| \(NumberText.fixed(detectable, decimals: 2)))")
    }
    if ts.count >= 2 {
      let epochName = comparisons[0].name
      var text = "Fitting B_simple ∝ T^b to one point per run: \(epochName), \(slopeText(epochName))."
      for comparison in comparisons where comparison.name.hasPrefix("at training loss") {
        text += " Compared at a matched training loss, \(comparison.name.dropFirst(3)) (T = \(comparison.lengths.map(String.init).joined(separator: ", "))): "
          + "\(slopeText(comparison.name))."
      }
      if levels.isEmpty {
        text += " No training loss was passed by every length (their loss ranges do not overlap), so no matched-loss comparison was possible."
      }
      let lossFirst = ts.map { t in mean(runsAt(t).map { $0.exactLoss[last] }) }
      text += " At a fixed epoch the lengths sit at different losses (from \(NumberText.fixed(lossFirst.max() ?? .nan, decimals: 2)) to "
        + "\(NumberText.fixed(lossFirst.min() ?? .nan, decimals: 2)) nats at the end) and the noise scale grows as the loss falls, so the "
        + "matched-loss slopes are the comparison of like with like."
      book.finding(text, isKey: true)

      let growth = runs.map { $0.exactBSimple[last] / $0.exactBSimple[one] }
      let interval = ConfidenceInterval.geometricMean(of: growth)
      book.finding("growth of B_simple from epoch 1 to the end (factor)", interval)
      book.finding(
        "From epoch 1 to epoch \(settings.epochs) B_simple changed by a factor \(interval) (geometric mean over all \(runs.count) runs, "
          + "95% interval) while the training loss fell from \(NumberText.fixed(mean(runs.map { $0.exactLoss[one] }), decimals: 2)) to "
          + "\(NumberText.fixed(mean(runs.map { $0.exactLoss[last] }), decimals: 2)) nats (means). McCandlish et al. found the noise scale "
          + "grows as the loss falls; with a constant Adam learning rate the weights also jitter from step to step, which is why "
          + "single measurements scatter. Signal and noise both grow with T (|G|² x\(NumberText.significant(gradientT.last! / gradientT[0], digits: 2)), "
          + "tr(Σ) x\(NumberText.significant(traceT.last! / traceT[0], digits: 2)) from T = \(ts[0]) to \(ts.last!) at the end): the gradient of a "
          + "longer sequence sums more steps, for every sequence alike, so their ratio moves far less than either.")
      let logErrors = pairs.map { abs(Foundation.log($0.estimate / $0.exact)) }
      book.finding(
        "The two-batch estimates measured during an epoch (about \(settings.updatesPerEpoch / settings.measureEvery) pairs each) were within "
          + "a factor \(NumberText.fixed(Foundation.exp(median(logErrors)), decimals: 2)) of the per-sequence value at the epoch's end "
          + "in half of the \(pairs.count) cases: usable during training when averaged over many pairs.")
    }

    // MARK: Cross-check with batch-tradeoffs: B_crit from updates-to-target against B_simple at the same T
    let shared = sharedSteps
    let sharedRuns = runsAt(shared)
    if !sharedRuns.isEmpty {
      let atEnd = ConfidenceInterval.geometricMean(of: sharedRuns.map { $0.exactBSimple[last] })
      book.record("sharedSteps", Double(shared))
      book.finding("B_simple at the shared length, end of training", atEnd)
      let folder = book.directory.deletingLastPathComponent().appendingPathComponent("batch-tradeoffs")
      // batch-tradeoffs records its critical batch as a finding under this name, and its setting as measurements.
      if let crit = LessonSummary.finding("critical batch B_crit from updates to target", in: folder),
        let interval = crit.finding.interval, let m = crit.summary.measurements, m["sharedSteps"] == Double(shared)
      {
        let lossLevel = m["trainLossAtTarget"] ?? .nan
        let atLevel = ConfidenceInterval.geometricMean(of: sharedRuns.compactMap { $0.bSimple(atLoss: lossLevel) })
        let sameModel = m["hidden"] == Double(settings.hidden) && m["trainCount"] == Double(settings.trainCount) && self.task == .volatility
        var text = "Cross-check with `batch-tradeoffs` (its last run, \(crit.summary.tier.map { "\($0)" } ?? "unknown") tier, read from its "
          + "summary.json; \(sameModel ? "the same task, H and N as this run" : "a different task, H or N from this run's: compare with care")): "
          + "its critical batch fitted from the updates needed to reach its accuracy target at T = \(shared) is B_crit = \(interval) "
          + "(geometric mean over \(Int(m["criticalBatchSeeds"] ?? 0)) seeds [95% interval]). This run's B_simple at T = \(shared) is "
          + "\(atEnd) at the end of training"
        if atLevel.estimate.isFinite {
          book.finding("B_simple at the shared length, at batch-tradeoffs' target loss", atLevel)
          text += " and \(atLevel) at the training loss where batch-tradeoffs' runs reached that target (\(NumberText.fixed(lossLevel, decimals: 3)) nats; "
            + "\(sharedRuns.compactMap { $0.bSimple(atLoss: lossLevel) }.count) seeds; the interval is over this lesson's seeds at that loss, "
            + "taken as fixed: it leaves out the target loss's own spread over batch-tradeoffs' seeds, and B_simple grows as the loss falls, "
            + "so a replicate of both lessons moves this number by more than its interval says)"
          let ratio = interval.estimate / atLevel.estimate
          text += ". B_crit / B_simple = \(NumberText.fixed(ratio, decimals: 2)): "
            + (interval.overlaps(atLevel)
              ? "the two intervals overlap, consistent with McCandlish et al.'s B_crit ≈ B_simple at this resolution."
              : "the intervals do not overlap: B_simple " + (ratio > 1 ? "underestimates" : "overestimates")
                + " the bend here (B_simple ignores the curvature that B_noise = tr(HΣ)/GᵀHG weighs in).")
        } else {
          text += "; it never passed batch-tradeoffs' target loss (\(NumberText.fixed(lossLevel, decimals: 3)) nats) between two checkpoints, so no matched comparison."
        }
        book.finding(text)
      } else {
        book.finding(
          "Cross-check: this run's B_simple at T = \(shared) is \(atEnd) at the end of training (geometric mean over seeds [95% interval]). "
            + "No critical batch from `batch-tradeoffs` at T = \(shared) was found in this output folder to set beside it: run "
            + "`batch-tradeoffs` first (its summary.json records B_crit when its fit succeeds), then this lesson.")
      }
    }
    if let fit = fits[comparisons[0].name] {
      book.finding(
        "What this design can and cannot detect: with \(seedCount) seeds at each of \(ts.count) lengths (T = \(ts.first!) to \(ts.last!), a factor "
          + "\(ts.last! / ts.first!)), the slope of log B_simple on log T has a standard error of about \(NumberText.fixed(fit.slopeStandardError, decimals: 2)), "
          + "so a power law shallower than |b| ≈ \(NumberText.fixed(Power.minimumDetectableSlope(of: fit), decimals: 2)) is missed more than one time in five; "
          + "the seeds are the independent units (the checkpoints of one run are correlated and are not pooled). Matched losses exist only where "
          + "the lengths' loss ranges overlap, which for short T means early training. B_simple is the noise scale without curvature: it predicts "
          + "the critical batch only up to the factor by which B_noise differs from it, which this lesson does not measure.")
    }
    try book.finish()
  }
}

NoiseScale.main()
