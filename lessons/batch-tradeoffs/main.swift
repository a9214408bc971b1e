// batch-tradeoffs: what the batch size B buys and costs at a fixed sequence length T, counted three ways (per epoch,
// per update, per second of training), under three learning-rate rules, over several seeds; the critical batch B_crit
// from the updates needed to reach a target, cross-checked against the gradient noise scale B_simple at the same T.
// Run: swift run -c release batch-tradeoffs [--batch-sizes 4 16 64 256] [--seeds 3] [--full] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct BatchTradeoffs: ParsableCommand {
  /// The name under which summary.json records the critical batch (`noise-scale` reads it by this name).
  static let criticalBatchFinding = "critical batch B_crit from updates to target"
  static let configuration = CommandConfiguration(
    commandName: "batch-tradeoffs",
    abstract: "Loss and accuracy against epochs, updates and seconds for batch sizes 4 to 512, with constant, "
      + "linear-scaled and square-root-scaled Adam learning rates, over several seeds; the critical batch from "
      + "updates-to-target against the gradient noise scale.")

  @OptionGroup var options: LessonOptions

  // `--full` (one of the flags every lesson shares, in `options`) runs the study behind the gallery:
  // B = 4, 8, ..., 512, 6 seeds, 16 epochs (2048 training sequences, as in the class tier and in noise-scale).

  @Option(parsing: .upToNextOption, help: "Batch sizes B to compare (default 4 16 64 256; --full: 4 8 ... 512).")
  var batchSizes: [Int] = []

  @Option(parsing: .upToNextOption, help: "Learning-rate rules: constant (lr0 at every B), linear (lr0 B/B0), sqrt (lr0 sqrt(B/B0)), above (a factor sqrt(B/B0) above the highest of those: the edge check; where it wins, `beyond`, `further` and `furthest`, one to three factors further, run in turn), and those three (at every B).")
  var rules: [LearningRateRule] = LearningRateRule.grid

  // lr0 = 1e-2: with 5e-3 the full tier's best rate at B0 was 2 sqrt 2 lr0 (the highest tried), and from B = 4 to 64 the
  // winning rate was 2-2.8 times the best rule's, so the rules started from an under-tuned rate. 1e-2 starts them within
  // a factor sqrt 2 of B0's best, with lr0 itself the rate below it there.
  @Option(help: "lr0, Adam's learning rate at the base batch size B0.")
  var learningRate = 1e-2

  @Option(help: "B0, the batch size at which lr0 holds (the scaling rules start from it).")
  var baseBatch = 32

  @Option(help: "T, the sequence length (days in each window of the volatility-regime task; default 50).")
  var steps: Int?

  @Option(help: "Passes over the training set (default 8; --full: 16).")
  var epochs: Int?

  @Option(help: "d, validation evaluations per doubling of the update count (default 8: consecutive evaluations 9% apart).")
  var evaluationsPerDoubling: Int?

  @Option(help: "N, training sequences (default 2048).")
  var train: Int?

  @Option(help: "Validation sequences (a fresh draw from the same task; default 1024).")
  var validation: Int?

  @Option(help: "H, hidden units of the LSTM (default 16).")
  var hidden: Int?

  @Option(help: "Replicates (default 3; --full: 6): seed s draws its own data, initial weights and batch order.")
  var seeds: Int?

  @Option(help: "Seed of the first replicate (replicate s uses seed + s - 1).")
  var seed: UInt64 = 1

  @Option(help: "Runs trained at once (each on its own thread).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Recompute every run instead of resuming from the results file of an earlier run with the same settings.")
  var fresh = false

  @Option(help: "The clock of the time axis: cpu (the training thread's CPU time: not inflated by other programs) or wall.")
  var clock: TrainingClock = .cpu

  mutating func validate() throws {
    for (flag, value) in [("--base-batch", baseBatch), ("--steps", steps ?? 1), ("--evaluations-per-doubling", evaluationsPerDoubling ?? 1),
                          ("--validation", validation ?? 1), ("--hidden", hidden ?? 1), ("--workers", workers),
                          ("--epochs", epochs ?? 1), ("--train", train ?? 1), ("--seeds", seeds ?? 1)] where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    guard batchSizes.allSatisfy({ $0 >= 1 }), Set(batchSizes).count == batchSizes.count else {
      throw ValidationError("--batch-sizes must be different positive numbers, not \(batchSizes)")
    }
    guard !rules.isEmpty, Set(rules).count == rules.count else { throw ValidationError("--rules lists a rule twice or none") }
    guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
  }

  func run() throws {
    var book = try Notebook(lesson: "batch-tradeoffs", title: "What the batch size buys and costs", options: options)
    // MARK: The settings of this run, resolved once for the tier (--quick, the class tier, --full); flags win
    let batchSizes = (self.batchSizes.isEmpty
      ? book.size(quick: [4, 16, 32], class: [4, 16, 64, 256], full: [4, 8, 16, 32, 64, 128, 256, 512]) : self.batchSizes).sorted()
    let settings = RunSettings(
      steps: steps ?? book.size(quick: 10, class: 50, full: 50), trainCount: train ?? book.size(quick: 128, class: 2048, full: 2048),
      validationCount: validation ?? book.size(quick: 64, class: 1024, full: 1024), epochs: epochs ?? book.size(quick: 2, class: 8, full: 16),
      evaluationsPerDoubling: evaluationsPerDoubling ?? book.size(quick: 4, class: 8, full: 8),
      hidden: hidden ?? book.size(quick: 8, class: 16, full: 16), baseRate: learningRate, baseBatch: baseBatch, seed: seed, clock: clock)
    let seedCount = seeds ?? book.size(quick: 2, class: 3, full: 6)
    guard batchSizes.last! <= settings.trainCount else {
      throw ValidationError("--batch-sizes go up to \(batchSizes.last!) but --train is \(settings.trainCount): a batch cannot exceed the training set")
    }
    let task = VolatilityRegimeTask()

    book.markdown(
      """
      A batch of B sequences gives one gradient, the mean of B per-sequence gradients, and one update. So B sets two
      things at once: how *good* each update's gradient is (its noise shrinks like 1/B) and how *many* updates an
      epoch makes (N/B). Whether a big batch is fast or slow depends on what you count:

      - **per epoch** (examples seen), small batches win: they update N/B times per pass;
      - **per update**, big batches win until B reaches the *critical batch* B_crit: each step follows a cleaner gradient;
      - **per second**, it depends on the hardware: how much cheaper one example is inside a big batch.

      McCandlish et al. (2018) model the updates S and examples E needed to reach a target as S = S_min (1 + B_crit/B)
      and E = E_min (1 + B/B_crit), and predict B_crit from the gradient noise scale B_simple = tr(Σ)/|G|² (the lesson
      `noise-scale`). This lesson measures both at the same T and sets them side by side.

      The learning rate must move with B. **Linear scaling** (lr = lr0 B/B0, Goyal et al. 2017) is a rule for SGD: it
      keeps SGD's noise scale lr N/B fixed. For **Adam** the rule with theoretical support is the **square root**
      (lr = lr0 sqrt(B/B0); Malladi et al. 2022, from stochastic differential equations for adaptive methods): Adam
      divides each step by the root of its running squared gradient, so the step no longer grows with a cleaner
      gradient, and a linearly scaled rate can overshoot at large B. Both rules only hold while the gradient noise
      dominates (B below B_crit); beyond it Shallue et al. (2019) found no fixed rule and tuned the rate at every B.
      Here the rules are learning rates per B: constant, square root, linear, and `above`, one more factor sqrt(B/B0)
      beyond the highest of the three, which shows whether the best rate lies past the edge; where `above` wins, one
      more factor (`beyond`) runs too, so that the best rate at each B lies between two worse ones. The fewest updates
      any of them needs at each B is the tuned envelope from which B_crit is fitted.
      """)

    // MARK: Experiment: one LSTM, several B, three learning-rate rules, several seeds
    // Every run trains on one thread: the thread's CPU clock would miss the half of a large batch's recurrence that
    // the kernels otherwise hand to a helper thread, and B would be compared on different numbers of cores.
    KernelThreads.current = .one
    let ratio = Foundation.pow(2, 1 / Double(settings.evaluationsPerDoubling))
    book.experiment(
      "\(task.name) at T = \(settings.steps): B = \(batchSizes.map(String.init).joined(separator: ", ")) under "
        + "\(rules.map(\.rawValue).joined(separator: ", ")) learning rates, \(seedCount) seeds",
      details: """
        model: LSTM(H = \(settings.hidden)) -> Dense(\(task.classNames.count), softmax), Adam, lr0 = \(learningRate) at B0 = \(baseBatch)
        data: \(settings.trainCount) training and \(settings.validationCount) validation windows of T = \(settings.steps) days, F = \(task.featureCount) assets; seed s draws its own data, weights and batch order (seeds \(seed)...\(settings.runSeed(seedCount)))
        \(settings.epochs) epochs; validation loss and accuracy after 0, 1, 2, 3, ... updates and then every factor \(NumberText.fixed(ratio, decimals: 3)) (\(settings.evaluationsPerDoubling) per doubling); train loss on \(min(settings.trainCount, settings.validationCount)) training windows after each epoch
        time axis: \(clock.description); every run on one thread (the kernels' helper thread off)
        noise probe: for each seed, the run at B0 with lr0 stopped after \(settings.probeUpdates.map(String.init).joined(separator: ", ")) updates: per-sequence gradients of all \(settings.trainCount) training windows -> exact B_simple
        """)
    book.markdown(
      """
      The task: each window holds T daily returns of \(task.featureCount) assets simulated by a GARCH(1,1) model whose variance level
      is calm, normal or turbulent; the class is the regime (chance \(NumberText.fixed(task.chanceAccuracy, decimals: 2))). Within one seed every run
      starts from the same weights and runs with the same B see the same batches, so two rules differ only by their
      learning rate (common random numbers); the seeds are the independent replicates behind every interval.
      """)

    let grid = try SweepGrid([
      SweepAxis("rule", rules.map(\.rawValue)), SweepAxis("B", batchSizes), SweepAxis("seed", Array(1...seedCount)),
    ])
    // The results file is keyed on these settings and on this build of the code (book.sweep): interrupt the lesson
    // and start it again to see it resume; `--fresh` recomputes everything.
    let report = try book.sweep(
      "runs", grid: grid, metrics: settings.metricNames, settings: settings.fingerprint, fresh: fresh, workers: workers
    ) { cell in
      let rule = LearningRateRule(rawValue: try cell.string("rule"))!
      return try settings.train(batchSize: try cell.int("B"), rule: rule, seedIndex: try cell.int("seed"))
    }
    let probeReport = try book.sweep(
      "noise", grid: try SweepGrid([SweepAxis("seed", Array(1...seedCount))]), metrics: settings.probeMetricNames,
      settings: settings.fingerprint, fresh: fresh, workers: workers
    ) { cell in
      try settings.probe(seedIndex: try cell.int("seed"))
    }
    var runs = try report.results.rows.map { try Run(row: $0, settings: settings) }
    let probes = probeReport.results.rows.map { NoiseProbe(row: $0, settings: settings) }
    func group(_ rule: LearningRateRule, _ b: Int) -> [Run] {
      runs.filter { $0.rule == rule && $0.batchSize == b }.sorted { $0.seedIndex < $1.seedIndex }
    }

    // MARK: Curves: the same runs against three clocks (means over seeds)
    let curves = curveFigures(rules: rules, batchSizes: batchSizes, group: group, chance: task.chanceAccuracy, seedCount: seedCount)
    try book.chart(
      curves.loss,
      caption: "Validation loss against epochs (left), updates (middle, log) and training time (right, log), the mean "
        + "over \(seedCount) seeds at each evaluation; one row per learning-rate rule", isKey: true)
    try book.chart(curves.accuracy, caption: "The same runs as validation accuracy")

    // MARK: What each B reaches, and how fast: updates to a target, located between evaluations
    let bestFinal = rules.flatMap { rule in batchSizes.map { mean(group(rule, $0).map(\.finalValidationAccuracy)) } }
      .filter(\.isFinite).max() ?? task.chanceAccuracy
    let target = task.chanceAccuracy + 0.8 * (bestFinal - task.chanceAccuracy)
    /// Per run of a group: the updates, epochs and seconds at which the validation accuracy first reached the target
    /// (interpolated linearly between the two evaluations around the crossing), nil when it never did.
    struct ToTarget { var updates: Double, epochs: Double, seconds: Double, bracket: Double }
    func toTarget(_ r: Run) -> ToTarget? {
      guard let c = r.crossing(target) else { return nil }
      let (low, high) = c.bracket(of: r.updates)
      return ToTarget(
        updates: c.value(of: r.updates), epochs: c.value(of: r.epochs), seconds: c.value(of: r.seconds),
        bracket: c.previous == nil ? .nan : (high - low <= 1 ? 1 : high / low))
    }
    // Where `above`, the highest rate of the grid, needed the fewest updates (every seed reaching the target), the best
    // rate may lie beyond the grid: `beyond`, one factor further, runs at those B, then `further` and `furthest` where the
    // rate below them won, so that the envelope's rate lies between two worse ones (or the report says it still does
    // not). At B0 every rule gives lr0, so `beyond` runs there too.
    func meanUpdates(_ rule: LearningRateRule, _ b: Int) -> Double? {
      let hits = group(rule, b).compactMap(toTarget)
      return hits.count == seedCount && seedCount > 0 ? geometricMean(hits.map(\.updates)) : nil
    }
    // Every rate tried: the rules asked for, then `beyond`, `further` and `furthest` where they ran. extended[rule]: the B where it ran.
    var tried = rules
    var extended: [LearningRateRule: [Int]] = [:]
    /// The rate with the fewest updates at B among those tried there, and whether it is interior (RateChoice).
    func choice(_ b: Int) -> RateChoice<LearningRateRule>? {
      RateChoice(
        tried: tried.compactMap { r in group(r, b).first.map { (label: r, rate: $0.learningRate, score: meanUpdates(r, b)) } },
        better: <)
    }
    func best(_ b: Int) -> LearningRateRule? { choice(b)?.label }
    var top = LearningRateRule.above
    for rule in LearningRateRule.extensions where tried.contains(top) && !rules.contains(rule) {
      // Where the highest rate tried won, one factor further. At B0 every rule gives lr0, the one rate there (both the
      // lowest and the highest), so `beyond` runs at B0 too.
      let edge = batchSizes.filter { choice($0)?.atHighest == true }
      guard !edge.isEmpty else { break }
      let sweep = try book.sweep(
        rule.rawValue, grid: try SweepGrid([SweepAxis("rule", [rule.rawValue]), SweepAxis("B", edge), SweepAxis("seed", Array(1...seedCount))]),
        metrics: settings.metricNames, settings: settings.fingerprint, fresh: fresh, workers: workers
      ) { cell in
        try settings.train(batchSize: try cell.int("B"), rule: rule, seedIndex: try cell.int("seed"))
      }
      runs += try sweep.results.rows.map { try Run(row: $0, settings: settings) }
      tried.append(rule)
      extended[rule] = edge
      top = rule
    }
    let brackets = runs.compactMap { toTarget($0)?.bracket }.filter(\.isFinite)
    let widest = brackets.max() ?? .nan
    let toTheUpdate = brackets.filter { $0 == 1 }.count
    var table = Table(
      "Mean over \(seedCount) seeds after \(settings.epochs) epochs, and the cost of reaching \(NumberText.fixed(target, decimals: 3)) "
        + "validation accuracy (chance + 80% of the way to the best mean): geometric means with 95% intervals over the seeds that reached it",
      columns: [
        .init("rule", alignment: .left), .init("B"), .init("lr", format: .significant(3)),
        .init("val acc", format: .fixed(decimals: 3)), .init("± (95%)", format: .fixed(decimals: 3)),
        .init("gap (loss)", format: .fixed(decimals: 3)), .init("reached", alignment: .left),
        .init("updates to target", format: .significant(3)), .init("95% interval", alignment: .left),
        .init("epochs to target", format: .fixed(decimals: 2)), .init("seconds to target", format: .significant(3)),
        .init("s per epoch", format: .significant(3)),
      ])
    for rule in tried {
      for b in batchSizes {
        let rs = group(rule, b)
        guard !rs.isEmpty else { continue }
        let hits = rs.compactMap(toTarget)
        let final = ConfidenceInterval.mean(of: rs.map(\.finalValidationAccuracy))
        let updates = ConfidenceInterval.geometricMean(of: hits.map(\.updates))
        table.append([
          .text(rule.rawValue), .number(b), .number(rs[0].learningRate), .number(final.estimate), .number(final.halfWidth),
          .number(mean(rs.map(\.lossGap))), .text("\(hits.count)/\(rs.count)"),
          hits.isEmpty ? "-" : .number(updates.estimate),
          .text(hits.count >= 2 ? "[\(NumberText.significant(updates.lower, digits: 3)), \(NumberText.significant(updates.upper, digits: 3))]" : "-"),
          hits.isEmpty ? "-" : .number(geometricMean(hits.map(\.epochs))), hits.isEmpty ? "-" : .number(geometricMean(hits.map(\.seconds))),
          .number(mean(rs.map(\.secondsPerEpoch))),
        ])
      }
    }
    try book.table(table)
    book.markdown(
      "*Updates to target are read between evaluations: the validation accuracy is taken as a straight line between the "
        + "last evaluation below the target and the first at or above it, and the updates at the crossing are read off "
        + "that line. Of the \(brackets.count) crossings, \(toTheUpdate) lay between evaluations one update apart (known to the update); "
        + "the two evaluations around every other crossing were at most "
        + "\(NumberText.fixed(100 * (max(widest, 1) - 1), decimals: 1))% apart, so every updates-to-target is measured to better than that.*")

    // The tuned envelope: at each B the rate whose runs needed the fewest updates (geometric mean over seeds, every
    // seed reaching the target) among all rates tried there, `above` and its extensions included (McCandlish et al. fit
    // S(B) through the best-tuned run at each B; leaving out a rate that did better would overstate S at that B), then
    // the fit S(B) = S_min (1 + B_crit / B) through that rate's updates, seed by seed.
    let tunedRule: [(b: Int, rule: LearningRateRule)] = batchSizes.compactMap { b in best(b).map { (b, $0) } }
    var fits: [Int: CriticalBatchFit] = [:]
    for s in 1...seedCount {
      let points = tunedRule.compactMap { b, rule in
        group(rule, b).first { $0.seedIndex == s }.flatMap(toTarget).map { (Double(b), $0.updates) }
      }
      if let fit = CriticalBatchFit(batchSizes: points.map(\.0), steps: points.map(\.1)) { fits[s] = fit }
    }
    // In seed order: a Dictionary's order changes from process to process, and so would the last bits of the mean.
    let criticalBatch = ConfidenceInterval.geometricMean(of: fits.keys.sorted().map { fits[$0]!.criticalBatch })
    let envelope = tunedRule.map { b, rule in (b: Double(b), updates: geometricMean(group(rule, b).compactMap(toTarget).map(\.updates))) }
    let meanFit = CriticalBatchFit(batchSizes: envelope.map(\.b), steps: envelope.map(\.updates))

    // The noise probe: B_simple of the run at B0 at the moment its validation accuracy reached the target
    // (interpolated in log B_simple between the two checkpoints around it), and its training loss there.
    let probeAtTarget: [(seed: Int, bSimple: Double, trainLoss: Double)] = zip(probeReport.results.rows, probes).compactMap { row, p in
      guard let c = LevelCrossing(values: p.validationAccuracy, level: target, direction: .rising), let s = row.number("seed") else { return nil }
      return (Int(s), c.value(of: p.bSimple, geometric: true), c.value(of: p.trainLoss))
    }
    let bSimple = ConfidenceInterval.geometricMean(of: probeAtTarget.map(\.bSimple))
    let lossAtTarget = mean(probeAtTarget.map(\.trainLoss))
    let pairedRatios = probeAtTarget.compactMap { p in fits[p.seed].map { $0.criticalBatch / p.bSimple } }
    let ratioInterval = ConfidenceInterval.geometricMean(of: pairedRatios)

    // MARK: Summary chart
    let log2Axis = Axis("batch size B (log scale; rules drawn slightly apart)", scale: .log(base: 2))
    var finalChart = Chart(
      title: "Validation accuracy after \(settings.epochs) epochs (mean, 95% interval)", x: log2Axis, y: .fraction("validation accuracy"),
      key: .bottomLeft)
    var gapChart = Chart(
      title: "Generalisation gap after \(settings.epochs) epochs (mean, 95% interval)", x: log2Axis,
      y: Axis("validation loss - train loss (nats)"), key: .hidden)
    var updatesChart = Chart(
      title: "Updates to reach \(NumberText.fixed(target, decimals: 3)) (geometric mean, 95% interval)", x: log2Axis,
      y: Axis("updates (log scale)", scale: .log()))
    var epochsChart = Chart(
      title: "Epochs to reach the target (geometric mean, 95% interval)", x: log2Axis,
      y: Axis("epochs (log scale)", scale: .log()), key: .hidden)
    for (offset, rule) in rules.enumerated() {
      let shift = Foundation.pow(1.07, Double(offset) - Double(rules.count - 1) / 2)
      let bs = batchSizes.filter { !group(rule, $0).isEmpty }
      let finals = bs.map { ConfidenceInterval.mean(of: group(rule, $0).map(\.finalValidationAccuracy)) }
      let gaps = bs.map { ConfidenceInterval.mean(of: group(rule, $0).map(\.lossGap)) }
      finalChart.add(Series(rule.rawValue, x: bs.map { Double($0) * shift }, y: finals.map(\.estimate), lower: finals.map(\.lower), upper: finals.map(\.upper)))
      gapChart.add(Series(rule.rawValue, x: bs.map { Double($0) * shift }, y: gaps.map(\.estimate), lower: gaps.map(\.lower), upper: gaps.map(\.upper)))
      // Only where every seed reached the target: a mean over the seeds that did would flatter the rule.
      let reached = bs.filter { group(rule, $0).compactMap(toTarget).count == seedCount }
      guard !reached.isEmpty else { continue }
      let u = reached.map { ConfidenceInterval.geometricMean(of: group(rule, $0).compactMap(toTarget).map(\.updates)) }
      let e = reached.map { ConfidenceInterval.geometricMean(of: group(rule, $0).compactMap(toTarget).map(\.epochs)) }
      // The rules' colours are those of the top panels' legend; this panel's legend lists its two lines only.
      var updates = Series(rule.rawValue, x: reached.map { Double($0) * shift }, y: u.map(\.estimate), lower: u.map(\.lower), upper: u.map(\.upper))
      updates.inKey = false
      updatesChart.add(updates)
      epochsChart.add(Series(rule.rawValue, x: reached.map { Double($0) * shift }, y: e.map(\.estimate), lower: e.map(\.lower), upper: e.map(\.upper)))
    }
    if let first = envelope.first, envelope.count >= 2 {
      // The points the fit runs through: at each B the best rate tried, the extensions included (not drawn above).
      updatesChart.add(Series("tuned envelope (best rate at each B)", x: envelope.map(\.b), y: envelope.map(\.updates), style: .points))
      let dense = (0...40).map { first.b * Foundation.pow(envelope.last!.b / first.b, Double($0) / 40) }
      updatesChart.add(Series("perfect scaling (x 1/B)", x: dense, y: dense.map { first.updates * first.b / $0 }, style: .reference(.bound)))
      if let meanFit {
        updatesChart.add(Series(
          "fit S_min (1 + B_crit/B), B_crit = \(NumberText.significant(meanFit.criticalBatch, digits: 2))", x: dense,
          y: dense.map { meanFit.steps(batch: $0) }, style: .reference(.fitted)))
      }
    }
    finalChart.addReference(y: task.chanceAccuracy, title: "chance")
    gapChart.addReference(y: 0, title: "no gap")
    let reachedPanels: [Figure.Panel] = updatesChart.series.isEmpty ? [] : [.chart(updatesChart), .chart(epochsChart)]
    try book.chart(
      Figure(
        name: "summary", title: "What each batch size reaches, and what it costs to get there (\(seedCount) seeds)",
        panels: [.chart(finalChart), .chart(gapChart)] + reachedPanels,
        columns: 2, width: 1300, height: reachedPanels.isEmpty ? 500 : 950),
      caption: "Top: final validation accuracy and the train/validation loss gap against B (mean over seeds, 95% t interval). "
        + "Bottom: updates and epochs needed to reach the target accuracy (geometric mean over seeds, 95% interval), "
        + "drawn only where every seed reached it; the dashed lines are perfect scaling from the smallest B and the "
        + "McCandlish fit through the tuned envelope")

    /// The updates at which seed s's probe run reached the target.
    func probeCrossingUpdates(_ s: Int) -> Double? {
      guard let i = probeReport.results.rows.firstIndex(where: { $0.number("seed") == Double(s) }),
        let c = LevelCrossing(values: probes[i].validationAccuracy, level: target, direction: .rising)
      else { return nil }
      return c.value(of: probes[i].updates, geometric: true)
    }
    var noiseChart = Chart(
      title: "B_simple along the B0 run (T = \(settings.steps))", x: Axis("updates at B0 = \(baseBatch) (log scale)", scale: .log(base: 2)),
      y: Axis("B_simple = tr(Σ)/|G|² (sequences, log scale)", scale: .log()), key: .below)
    for (row, p) in zip(probeReport.results.rows, probes) {
      noiseChart.add(Series("seed \(row.value("seed") ?? "?")", x: p.updates, y: p.bSimple, style: .linesPoints))
    }
    if criticalBatch.estimate.isFinite {
      noiseChart.addReference(y: criticalBatch.estimate, title: "B_crit fitted from updates to target (geometric mean over seeds)", kind: .fitted)
    }
    noiseChart.add(Series(
      "B_simple where the run reached the target", x: probeAtTarget.compactMap { probeCrossingUpdates($0.seed) },
      y: probeAtTarget.map(\.bSimple), style: .points))
    try book.chart(
      Figure(name: "critical-batch", chart: noiseChart, width: 900, height: 640),
      caption: "The exact gradient noise scale along each seed's run at B0 (per-sequence gradients of the whole training set), "
        + "the value where each run reached the target, and the critical batch fitted from the updates to target")

    // MARK: Findings, from the numbers above
    let first = batchSizes.first!, last = batchSizes.last!
    let constantRule = rules.contains(.constant) ? LearningRateRule.constant : rules[0]
    let small = group(constantRule, first), large = group(constantRule, last)
    if !small.isEmpty, !large.isEmpty, first != last {
      let smallFinal = ConfidenceInterval.mean(of: small.map(\.finalValidationAccuracy))
      let largeFinal = ConfidenceInterval.mean(of: large.map(\.finalValidationAccuracy))
      let smallHits = small.compactMap(toTarget), largeHits = large.compactMap(toTarget)
      var text = "After \(settings.epochs) epochs with the \(constantRule.rawValue) rule, B = \(first) reached "
        + "\(smallFinal) validation accuracy and B = \(last) \(largeFinal) (mean [95% interval] over \(seedCount) seeds; "
        + "\(small[0].totalUpdates) vs \(large[0].totalUpdates) updates)."
      if !smallHits.isEmpty, !largeHits.isEmpty {
        let su = geometricMean(smallHits.map(\.updates)), lu = geometricMean(largeHits.map(\.updates))
        text += " To reach \(NumberText.fixed(target, decimals: 3)), B = \(last) needed \(NumberText.significant(lu, digits: 3)) updates "
          + "(\(largeHits.count)/\(large.count) seeds) against \(NumberText.significant(su, digits: 3)) for B = \(first) "
          + "(\(smallHits.count)/\(small.count)): \(NumberText.fixed(su / lu, decimals: 1))x fewer updates, but "
          + "\(NumberText.fixed(geometricMean(largeHits.map(\.epochs)), decimals: 2)) epochs against "
          + "\(NumberText.fixed(geometricMean(smallHits.map(\.epochs)), decimals: 2))."
      } else {
        text += " B = \(first) reached the target in \(smallHits.count)/\(small.count) seeds, B = \(last) in \(largeHits.count)/\(large.count)."
      }
      let ratio = mean(large.map(\.secondsPerEpoch)) / mean(small.map(\.secondsPerEpoch))
      text += " One epoch took \(NumberText.significant(mean(small.map(\.secondsPerEpoch)), digits: 2)) s at B = \(first) and "
        + "\(NumberText.significant(mean(large.map(\.secondsPerEpoch)), digits: 2)) s at B = \(last) (one thread): "
        + (ratio < 0.75 ? "a big batch processes each example faster, so time favours big batches more than epochs do."
          : ratio > 1.33 ? "a big batch processes each example more slowly here, so time favours small batches even more."
          : "an example costs about the same in any batch, so the time curves look like the epoch curves.")
      book.finding(text)
    }

    // The rules at the largest B: linear against square root, paired by seed (common random numbers).
    if rules.contains(.linear), rules.contains(.sqrt), last > baseBatch {
      let linear = group(.linear, last), root = group(.sqrt, last)
      let logRatios = zip(linear, root).compactMap { l, r -> Double? in
        guard let a = toTarget(l), let b = toTarget(r) else { return nil }
        return Foundation.log(a.updates / b.updates)
      }
      let diverged = runs.filter(\.diverged).map { "\($0.rule.rawValue) B = \($0.batchSize) seed \($0.seedIndex)" }
      var text = "Adam at B = \(last) (lr0 x \(NumberText.significant(Double(last) / Double(baseBatch), digits: 3)) linear, "
        + "x \(NumberText.significant((Double(last) / Double(baseBatch)).squareRoot(), digits: 3)) square root): "
        + "final validation accuracy \(ConfidenceInterval.mean(of: linear.map(\.finalValidationAccuracy))) with the linear rule and "
        + "\(ConfidenceInterval.mean(of: root.map(\.finalValidationAccuracy))) with the square-root rule; the target was reached by "
        + "\(linear.compactMap(toTarget).count)/\(linear.count) and \(root.compactMap(toTarget).count)/\(root.count) seeds."
      if logRatios.count >= 2 {
        let interval = ConfidenceInterval.mean(of: logRatios)
        let detectable = Power.pairedMinimumDifference(pairs: logRatios.count, sdOfDifferences: standardDeviation(logRatios))
        text += " Updates to target, linear over square root, paired by seed: x\(NumberText.fixed(Foundation.exp(interval.estimate), decimals: 2)) "
          + "[\(NumberText.fixed(Foundation.exp(interval.lower), decimals: 2)), \(NumberText.fixed(Foundation.exp(interval.upper), decimals: 2))] "
          + "(\(logRatios.count) seeds; this design detects a ratio beyond x/÷ \(NumberText.fixed(Foundation.exp(detectable), decimals: 2)) with 80% power)."
      }
      text += diverged.isEmpty ? " No run diverged." : " Diverged (loss not finite, stopped): \(diverged.joined(separator: ", "))."
      book.finding(text)
    }
    // Which rate served each B, and whether it is the lowest or highest of two or more rates tried there (not bracketed).
    let edges = batchSizes.filter { b in choice(b).map { $0.distinctRates > 1 && !$0.interior } ?? false }
    func list(_ bs: [Int]) -> String { bs.map { "B = \($0)" }.joined(separator: ", ") }
    var beyondText = ""
    if rules.contains(.above), extended.isEmpty, !rules.contains(.beyond) {
      beyondText = " The edge check `above` (one factor sqrt(B/B0) beyond the highest rule) was never the best: the envelope is not limited by the grid's top."
    }
    var below = LearningRateRule.above
    for rule in LearningRateRule.extensions {
      guard let edge = extended[rule] else { break }
      let won = rule == .beyond ? edge.filter { $0 != baseBatch } : edge
      if !won.isEmpty {
        beyondText += " `\(below.rawValue)` needed the fewest updates at \(list(won)), so one factor further (`\(rule.rawValue)`) ran there."
      }
      if rule == .beyond, edge.contains(baseBatch) {
        beyondText += " At B0 = \(baseBatch), where every rule gives lr0, `beyond` ran at lr0 sqrt 2 (and the next rates, a factor sqrt 2 apart, as long as the highest won)."
      }
      below = rule
    }
    let tunedAtB0 = extended[.beyond]?.contains(baseBatch) == true
    book.finding(
      "Fewest updates to the target (geometric mean over seeds) per batch size among the rates tried: "
        + tunedRule.map { b, rule in "B = \(b): \(rule.rawValue) (lr \(NumberText.significant(group(rule, b)[0].learningRate, digits: 2)))" }
          .joined(separator: "; ") + "." + beyondText
        + (edges.isEmpty
          ? " At every B\(tunedAtB0 || !batchSizes.contains(baseBatch) ? "" : " but B0") the best rate tried lies between two that needed more updates: the envelope is tuned to the grid's step."
          : " At \(list(edges)) the best is the lowest or highest rate tried: there the envelope is not bracketed, and the "
            + "B_crit fitted through it is approximate.")
        + (tunedAtB0 || !batchSizes.contains(baseBatch) ? ""
          : " At B0 = \(baseBatch) every rule gives lr0, the one rate tried there: that point of the envelope is not tuned."))

    if criticalBatch.estimate.isFinite {
      var text = "Critical batch at T = \(settings.steps): fitting S(B) = S_min (1 + B_crit / B) to each seed's updates to "
        + "\(NumberText.fixed(target, decimals: 3)) along the tuned envelope gives B_crit = \(criticalBatch) (geometric mean "
        + "[95% interval], \(fits.count) of \(seedCount) seeds fitted). The gradient noise scale of the same runs' recipe (B0 = \(baseBatch), "
        + "lr0) at the moment the validation accuracy reached the target (training loss \(NumberText.fixed(lossAtTarget, decimals: 3)) nats) was "
        + "B_simple = \(bSimple) (\(probeAtTarget.count) seeds, exact per-sequence gradients)."
      if pairedRatios.count >= 2 {
        text += " Seed by seed, B_crit / B_simple = \(ratioInterval): "
          + (ratioInterval.contains(1)
            ? "consistent with McCandlish et al.'s prediction B_crit ≈ B_simple at this resolution (the interval spans a factor "
              + "\(NumberText.significant(ratioInterval.upper / ratioInterval.lower, digits: 2)), so it cannot tell agreement within that factor from exact agreement)."
            : (ratioInterval.lower > 1 ? "B_crit is larger than B_simple" : "B_crit is smaller than B_simple")
              + " by more than the seeds' spread (McCandlish et al. expect B_crit ≈ B_noise, which differs from B_simple by the curvature of the loss).")
      }
      if let other = LessonSummary.finding("B_simple at the shared length, end of training", in: book.directory.deletingLastPathComponent().appendingPathComponent("noise-scale")),
        let t = other.summary.measurements?["sharedSteps"]
      {
        text += " The `noise-scale` lesson's last run (\(other.summary.tier.map { "\($0)" } ?? "unknown") tier, read from its summary.json) measured "
          + "B_simple = \(other.finding.text) at T = \(Int(t)) at the end of its training"
          + (Int(t) == settings.steps ? "." : " (a different T from this run's).")
      }
      book.finding(text, isKey: true)
    } else {
      book.finding(
        "No critical batch could be fitted: the tuned envelope reached the target at \(envelope.count) batch sizes with every seed"
          + (envelope.count >= 3 ? ", and its updates did not fall like S_min (1 + B_crit/B) with a positive S_min." : " (three are needed)."),
        isKey: true)
    }

    // The generalisation gap, smallest against largest B, paired by seed.
    if let rule = rules.first, first != last {
      let a = group(rule, first), b = group(rule, last)
      let differences = zip(a, b).map { $1.lossGap - $0.lossGap }.filter(\.isFinite)
      if differences.count >= 2 {
        let interval = ConfidenceInterval.mean(of: differences)
        book.finding("generalisation gap, largest minus smallest B, paired by seed", interval, unit: "nats")
        let detectable = Power.pairedMinimumDifference(pairs: differences.count, sdOfDifferences: standardDeviation(differences))
        book.finding(
          "Generalisation gap (validation minus training loss) with the \(rule.rawValue) rule: \(NumberText.fixed(mean(a.map(\.lossGap)), decimals: 3)) "
            + "at B = \(first) and \(NumberText.fixed(mean(b.map(\.lossGap)), decimals: 3)) at B = \(last); the difference, paired by seed, "
            + "\(interval) nats, " + (interval.contains(0) ? "is not resolved"
              : "is resolved: the gap is " + (interval.upper < 0 ? "narrower" : "wider") + " at B = \(last)")
            + " (this design detects a difference of \(NumberText.fixed(detectable, decimals: 3)) nats with 80% power). "
            + "A large-batch penalty that comes from fewer updates shows up as a higher *train* loss too; Keskar's sharp-minimum "
            + "effect would show as a wider gap at equal train loss.")
      }
    }
    book.finding(
      "What this design can and cannot detect: with \(seedCount) seeds the critical batch is known to within the factor of its interval "
        + (criticalBatch.lower.isFinite ? "(x/÷ \(NumberText.significant((criticalBatch.upper / criticalBatch.estimate), digits: 3)))" : "(undefined: too few fitted seeds)")
        + ", so it resolves B_crit against B_simple only when they differ by more than that; the learning rates per B are "
        + "a coarse tuning (factors sqrt(B/B0) apart), which can overstate the updates where none of them is near the best rate; "
        + "the updates to target are read to one update or to better than \(NumberText.fixed(100 * (max(widest, 1) - 1), decimals: 1))% between evaluations, "
        + "well below the seed-to-seed spread. One task at one T: the lesson says nothing about how B_crit moves with T (`optimal-batch` asks that).")

    book.record("sharedSteps", Double(settings.steps))
    book.record("hidden", Double(settings.hidden))
    book.record("trainCount", Double(settings.trainCount))
    book.record("targetAccuracy", target)
    book.record("criticalBatchSeeds", Double(fits.count))
    book.record("trainLossAtTarget", lossAtTarget)
    // The headline numbers, for the replication check and for noise-scale's cross-check (geometric means over seeds).
    book.finding(Self.criticalBatchFinding, criticalBatch)
    book.finding("B_simple of the run at B0 where it reached the target", bSimple)
    book.finding("B_crit / B_simple, paired by seed", ratioInterval)
    book.markdown(
      """
      Read the three columns of `curves` together: a batch size is not fast or slow by itself. Per epoch the small
      batches lead; per update the large ones do, up to B_crit; per second the answer is the ratio of the two, set by
      how much a bigger batch speeds up each example on this machine. `noise-scale` measures B_simple along training
      at several T, and `optimal-batch` asks whether the best batch moves with T.
      """)
    try book.finish()
  }
}

BatchTradeoffs.main()
