// batch-tradeoffs: what the batch size B buys and costs at a fixed sequence length T, counted three ways (per epoch,
// per update, per second of training), under three learning-rate rules, and the train/validation gap.
// Run: swift run -c release batch-tradeoffs [--batch-sizes 4 16 64 256] [--steps 50] [--full] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct BatchTradeoffs: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch-tradeoffs",
    abstract: "Loss and accuracy against epochs, updates and seconds for batch sizes 4 to 512, with constant, "
      + "linear-scaled and square-root-scaled learning rates, and the train/validation gap.")

  @OptionGroup var options: LessonOptions

  // `--full` (one of the flags every lesson shares, in `options`) runs the larger study: B = 4, 8, ..., 512, 16 epochs, 4096 training sequences (about 10 times the default).

  @Option(parsing: .upToNextOption, help: "Batch sizes B to compare (default 4 16 64 256; --full: 4 8 ... 512).")
  var batchSizes: [Int] = []

  @Option(parsing: .upToNextOption, help: "Learning-rate rules: constant (lr0 at every B), linear (lr0 B/B0), sqrt (lr0 sqrt(B/B0)).")
  var rules: [LearningRateRule] = LearningRateRule.allCases

  @Option(help: "lr0, Adam's learning rate at the base batch size B0.")
  var learningRate = 5e-3

  @Option(help: "B0, the batch size at which lr0 holds (the scaling rules start from it).")
  var baseBatch = 32

  @Option(help: "T, the sequence length (days in each window of the volatility-regime task; default 50).")
  var steps: Int?

  @Option(help: "Passes over the training set (default 8; --full: 16).")
  var epochs: Int?

  @Option(help: "Validation checkpoints per epoch (points on each curve; default 4).")
  var evaluationsPerEpoch: Int?

  @Option(help: "N, training sequences (default 2048; --full: 4096).")
  var train: Int?

  @Option(help: "Validation sequences (a fresh draw from the same task; default 1024).")
  var validation: Int?

  @Option(help: "H, hidden units of the LSTM (default 16).")
  var hidden: Int?

  @Option(help: "Seed of the data, the weights and the batch order.")
  var seed: UInt64 = 1

  @Option(help: "Runs trained at once (each on its own thread).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Recompute every run instead of resuming from the results file of an earlier run with the same settings.")
  var fresh = false

  @Option(help: "The clock of the time axis: cpu (the training thread's CPU time: not inflated by other programs) or wall.")
  var clock: TrainingClock = .cpu

  mutating func validate() throws {
    for (flag, value) in [("--base-batch", baseBatch), ("--steps", steps ?? 1), ("--evaluations-per-epoch", evaluationsPerEpoch ?? 1),
                          ("--validation", validation ?? 1), ("--hidden", hidden ?? 1), ("--workers", workers),
                          ("--epochs", epochs ?? 1), ("--train", train ?? 1)] where value < 1 {
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
      ? book.size(quick: [4, 32], class: [4, 16, 64, 256], full: [4, 8, 16, 32, 64, 128, 256, 512]) : self.batchSizes).sorted()
    let steps = self.steps ?? book.size(quick: 10, class: 50, full: 50)
    let epochs = self.epochs ?? book.size(quick: 2, class: 8, full: 16)
    let trainCount = train ?? book.size(quick: 128, class: 2048, full: 4096)
    let validationCount = validation ?? book.size(quick: 64, class: 1024, full: 1024)
    let checkpointsPerEpoch = evaluationsPerEpoch ?? book.size(quick: 2, class: 4, full: 4)
    let hidden = self.hidden ?? book.size(quick: 8, class: 16, full: 16)
    guard batchSizes.last! <= trainCount else {
      throw ValidationError("--batch-sizes go up to \(batchSizes.last!) but --train is \(trainCount): a batch cannot exceed the training set")
    }

    book.markdown(
      """
      A batch of B sequences gives one gradient, the mean of B per-sequence gradients, and one update. So B sets two
      things at once: how *good* each update's gradient is (its noise shrinks like 1/B) and how *many* updates an
      epoch makes (N/B). Whether a big batch is fast or slow depends on what you count:

      - **per epoch** (examples seen), small batches win: they update N/B times per pass;
      - **per update**, big batches win: each step follows a cleaner gradient;
      - **per second**, it depends on the hardware: how much cheaper one example is inside a big batch.

      And the learning rate should move with B: Goyal et al. (2017) scale it linearly (lr = lr0 B/B0), others by the
      square root (lr = lr0 sqrt(B/B0)). This lesson trains the same LSTM at several B under each rule and plots the
      same runs against all three clocks. Keskar et al. (2017) reported that large batches generalise worse (a larger
      train/validation gap); the last experiment measures that gap here.
      """)

    // MARK: Experiment: one LSTM, several B, three learning-rate rules
    // Every run trains on one thread: the thread's CPU clock would miss the half of a large batch's recurrence that
    // the kernels otherwise hand to a helper thread, and B would be compared on different numbers of cores.
    KernelThreads.current = .one
    let task = VolatilityRegimeTask()
    let data = try task.dataset(trainCount: trainCount, testCount: validationCount, steps: steps, seed: seed)
    let trainProbe = try data.train.subset(Array(0..<min(trainCount, validationCount)))
    let settings = RunSettings(
      steps: steps, epochs: epochs, checkpointsPerEpoch: checkpointsPerEpoch, hidden: hidden,
      baseRate: learningRate, baseBatch: baseBatch, seed: seed, clock: clock)
    book.experiment(
      "\(task.name) at T = \(steps): B = \(batchSizes.map(String.init).joined(separator: ", ")) under \(rules.map(\.rawValue).joined(separator: ", ")) learning rates",
      details: """
        model: LSTM(H = \(hidden)) -> Dense(\(task.classNames.count), softmax), Adam, lr0 = \(learningRate) at B0 = \(baseBatch)
        data: \(trainCount) training and \(validationCount) validation windows of T = \(steps) days, F = \(task.featureCount) assets, seed \(seed)
        \(epochs) epochs, validation loss and accuracy \(checkpointsPerEpoch) times per epoch; train loss on \(trainProbe.count) training windows after each epoch
        time axis: \(clock.description); every run on one thread (the kernels' helper thread off)
        """)
    book.markdown(
      """
      The task: each window holds T daily returns of \(task.featureCount) assets simulated by a GARCH(1,1) model whose variance level
      is calm, normal or turbulent; the class is the regime (chance \(NumberText.fixed(task.chanceAccuracy, decimals: 2))). It is small on purpose
      (H = \(hidden) hidden units, \(epochs) epochs) so the whole lesson runs in about a minute; `--full` runs a larger version.
      """)

    let grid = try SweepGrid([
      SweepAxis("rule", rules.map(\.rawValue)), SweepAxis("B", batchSizes),
    ])
    let metrics = settings.metricNames
    // The results file is keyed on these settings and on this build of the code (book.sweep): interrupt the lesson
    // and start it again to see it resume; `--fresh` recomputes everything.
    let report = try book.sweep(
      "runs", grid: grid, metrics: metrics,
      settings: "\(task.name) T=\(steps) N=\(trainCount) V=\(validationCount) H=\(hidden) E=\(epochs) K=\(checkpointsPerEpoch) "
        + "lr0=\(learningRate) B0=\(baseBatch) seed=\(seed) clock=\(clock.rawValue) threads=1",
      fresh: fresh, workers: workers
    ) { cell in
      // Every run starts from the same weights and, for equal B, sees the same batches: the rules are compared on
      // common random numbers, so a difference between two runs comes from the learning rate alone.
      let rule = LearningRateRule(rawValue: try cell.string("rule"))!
      return try settings.train(data: data, trainProbe: trainProbe, batchSize: try cell.int("B"), rule: rule)
    }
    // MARK: Curves: the same runs against three clocks
    let runs = try report.results.rows.map { try Run(row: $0, settings: settings, trainCount: trainCount) }
    func run(_ rule: LearningRateRule, _ b: Int) -> Run? { runs.first { $0.rule == rule && $0.batchSize == b } }

    var lossPanels: [Figure.Panel] = [], accuracyPanels: [Figure.Panel] = []
    for rule in rules {
      let clocks: [(String, Axis, KeyPath<Run, [Double]>, Bool)] = [
        ("epochs", Axis("epochs (examples seen / N)"), \.epochs, false),
        ("updates", Axis("updates (log scale)", scale: .log()), \.updates, true),
        ("time", Axis("training time (s, \(clock.rawValue), log scale)", scale: .log()), \.seconds, true),
      ]
      for (index, (name, axis, x, isLog)) in clocks.enumerated() {
        var loss = Chart(
          title: "\(rule.rawValue) lr: loss vs \(name)", x: axis, y: Axis("validation loss (nats)"),
          key: index == 0 ? .topRight : .hidden)
        var accuracy = Chart(
          title: "\(rule.rawValue) lr: accuracy vs \(name)", x: axis, y: Axis("validation accuracy", range: 0...1),
          key: index == 0 ? .bottomRight : .hidden)
        for b in batchSizes {
          guard let r = run(rule, b) else { continue }
          let lossCurve = r.curve(x, \.validationLoss, positiveOnly: isLog)
          let accuracyCurve = r.curve(x, \.validationAccuracy, positiveOnly: isLog)
          loss.add(Series("B = \(b)", x: lossCurve.x, y: lossCurve.y, style: .lines))
          accuracy.add(Series("B = \(b)", x: accuracyCurve.x, y: accuracyCurve.y, style: .lines))
        }
        accuracy.addReference(y: task.chanceAccuracy, title: "chance")
        lossPanels.append(.chart(loss))
        accuracyPanels.append(.chart(accuracy))
      }
    }
    try book.chart(
      Figure(
        name: "curves", title: "The same runs against three clocks: epochs, updates, seconds", panels: lossPanels,
        columns: 3, width: 1500, height: 420 * rules.count),
      caption: "Validation loss of every run against epochs (left), updates (middle, log) and training time (right, log); "
        + "one row per learning-rate rule", isKey: true)
    try book.chart(
      Figure(
        name: "accuracy-curves", title: "Validation accuracy against three clocks", panels: accuracyPanels,
        columns: 3, width: 1500, height: 420 * rules.count),
      caption: "The same runs as validation accuracy")

    // MARK: What each B reaches, and how fast
    let bestFinal = runs.map(\.finalValidationAccuracy).filter(\.isFinite).max() ?? task.chanceAccuracy
    let target = task.chanceAccuracy + 0.8 * (bestFinal - task.chanceAccuracy)
    var table = Table(
      "After \(epochs) epochs, and the cost of reaching \(NumberText.fixed(target, decimals: 3)) validation accuracy "
        + "(chance + 80% of the way to the best run)",
      columns: [
        .init("rule", alignment: .left), .init("B"), .init("lr", format: .significant(3)),
        .init("val acc", format: .fixed(decimals: 3)), .init("val loss", format: .fixed(decimals: 3)),
        .init("train loss", format: .fixed(decimals: 3)), .init("gap (loss)", format: .fixed(decimals: 3)),
        .init("gap (acc)", format: .fixed(decimals: 3)), .init("epochs to target", format: .fixed(decimals: 2)),
        .init("updates to target"), .init("seconds to target", format: .significant(3)),
        .init("s per epoch", format: .significant(3)),
      ])
    for rule in rules {
      for b in batchSizes {
        guard let r = run(rule, b) else { continue }
        let hit = r.firstCheckpoint(reaching: target)
        table.append([
          .text(rule.rawValue), .number(b), .number(r.learningRate), .number(r.finalValidationAccuracy),
          .number(r.finalValidationLoss), .number(r.finalTrainLoss), .number(r.lossGap), .number(r.accuracyGap),
          hit.map { .number(r.epochs[$0]) } ?? "not reached", hit.map { .number(r.updates[$0]) } ?? "-",
          hit.map { .number(r.seconds[$0]) } ?? "-", .number(r.secondsPerEpoch),
        ])
      }
    }
    try book.table(table)

    let log2Axis = Axis("batch size B (log scale)", scale: .log(base: 2))
    var finalChart = Chart(title: "Validation accuracy after \(epochs) epochs", x: log2Axis, y: .fraction("validation accuracy"))
    var gapChart = Chart(title: "Generalisation gap after \(epochs) epochs", x: log2Axis, y: Axis("validation loss - train loss (nats)"))
    var updatesChart = Chart(
      title: "Updates to reach the target", x: log2Axis, y: Axis("updates (log scale)", scale: .log()))
    var epochsChart = Chart(
      title: "Epochs to reach the target", x: log2Axis, y: Axis("epochs (log scale)", scale: .log()))
    for rule in rules {
      let rs = batchSizes.compactMap { run(rule, $0) }
      finalChart.add(Series(rule.rawValue, x: rs.map(\.batchSize), y: rs.map(\.finalValidationAccuracy)))
      gapChart.add(Series(rule.rawValue, x: rs.map(\.batchSize), y: rs.map(\.lossGap)))
      let reached = rs.compactMap { r in r.firstCheckpoint(reaching: target).map { (r, $0) } }
      guard !reached.isEmpty else { continue }
      updatesChart.add(Series(rule.rawValue, x: reached.map { $0.0.batchSize }, y: reached.map { $0.0.updates[$0.1] }))
      epochsChart.add(Series(rule.rawValue, x: reached.map { $0.0.batchSize }, y: reached.map { $0.0.epochs[$0.1] }))
    }
    // The tuned envelope: for each B the fewest updates any rule needed (Shallue's protocol: tune lr per B), and the
    // fit S(B) = S_min (1 + B_crit / B) of McCandlish et al. through it.
    let tuned: [(b: Int, updates: Double, epochs: Double)] = batchSizes.compactMap { b in
      rules.compactMap { run($0, b) }.compactMap { r in r.firstCheckpoint(reaching: target).map { (b, r.updates[$0], r.epochs[$0]) } }
        .min { $0.1 < $1.1 }
    }
    let fit = CriticalBatchFit(batchSizes: tuned.map { Double($0.b) }, steps: tuned.map(\.updates))
    if let first = tuned.first, tuned.count >= 2 {
      let bs = tuned.map { Double($0.b) }
      updatesChart.add(Series("perfect scaling (updates x 1/B)", x: bs, y: bs.map { first.updates * Double(first.b) / $0 }, style: .lines))
      epochsChart.add(Series("perfect scaling (same epochs)", x: bs, y: bs.map { _ in first.epochs }, style: .lines))
      if let fit {
        let dense = (0...40).map { Double(tuned.first!.b) * Foundation.pow(Double(tuned.last!.b) / Double(tuned.first!.b), Double($0) / 40) }
        updatesChart.add(Series(
          "fit S_min (1 + B_crit/B), B_crit = \(NumberText.significant(fit.criticalBatch, digits: 2))", x: dense,
          y: dense.map { fit.steps(batch: $0) }, style: .lines))
      }
    }
    // A panel needs at least one point: leave out the bottom row when no run reached the target.
    let reachedPanels: [Figure.Panel] = updatesChart.series.isEmpty ? [] : [.chart(updatesChart), .chart(epochsChart)]
    finalChart.addReference(y: task.chanceAccuracy, title: "chance")
    gapChart.addReference(y: 0, title: "no gap")
    try book.chart(
      Figure(
        name: "summary", title: "What each batch size reaches, and what it costs to get there",
        panels: [.chart(finalChart), .chart(gapChart)] + reachedPanels,
        columns: 2, width: 1300, height: reachedPanels.isEmpty ? 500 : 950),
      caption: "Top: final validation accuracy and the train/validation loss gap against B. Bottom: updates and epochs "
        + "needed to reach the target accuracy (runs that never reached it are missing)")

    // MARK: Findings, from the numbers above
    let constantRuns = batchSizes.compactMap { run(rules.contains(.constant) ? .constant : rules[0], $0) }
    if let small = constantRuns.first, let large = constantRuns.last, small.batchSize != large.batchSize {
      let rule = small.rule.rawValue
      let perEpoch = "After \(epochs) epochs with the \(rule) rule, B = \(small.batchSize) reached "
        + "\(NumberText.fixed(small.finalValidationAccuracy, decimals: 3)) validation accuracy and B = \(large.batchSize) "
        + "\(NumberText.fixed(large.finalValidationAccuracy, decimals: 3)) (\(small.totalUpdates) vs \(large.totalUpdates) updates)."
      let smallHit = small.firstCheckpoint(reaching: target), largeHit = large.firstCheckpoint(reaching: target)
      var perUpdate = ""
      if let s = smallHit, let l = largeHit {
        perUpdate = " To reach \(NumberText.fixed(target, decimals: 3)), B = \(large.batchSize) needed "
          + "\(Int(large.updates[l])) updates against \(Int(small.updates[s])) for B = \(small.batchSize) "
          + "(\(NumberText.fixed(small.updates[s] / max(large.updates[l], 1), decimals: 1))x fewer), but "
          + "\(NumberText.fixed(large.epochs[l], decimals: 2)) epochs against \(NumberText.fixed(small.epochs[s], decimals: 2)), and "
          + "\(NumberText.significant(large.seconds[l], digits: 2)) s against \(NumberText.significant(small.seconds[s], digits: 2)) s."
      } else if let s = smallHit {
        perUpdate = " B = \(small.batchSize) reached \(NumberText.fixed(target, decimals: 3)) after \(NumberText.fixed(small.epochs[s], decimals: 2)) "
          + "epochs; B = \(large.batchSize) never did within \(epochs) epochs."
      } else if let l = largeHit {
        perUpdate = " B = \(large.batchSize) reached \(NumberText.fixed(target, decimals: 3)) after \(NumberText.fixed(large.epochs[l], decimals: 2)) "
          + "epochs; B = \(small.batchSize) never did."
      }
      let ratio = large.secondsPerEpoch / small.secondsPerEpoch
      let verdict = ratio < 0.75
        ? "a big batch processes each example faster, so the time axis favours big batches more than the epoch axis does"
        : ratio > 1.33
          ? "a big batch processes each example more slowly here (cache effects), so time favours small batches even more"
          : "an example costs about the same in any batch, so the time curves look like the epoch curves"
      let throughput = " One epoch took \(NumberText.significant(small.secondsPerEpoch, digits: 2)) s at B = \(small.batchSize) and "
        + "\(NumberText.significant(large.secondsPerEpoch, digits: 2)) s at B = \(large.batchSize) (ratio "
        + "\(NumberText.fixed(ratio, decimals: 2))): on this CPU \(verdict)."
      book.finding(perEpoch + perUpdate + throughput, isKey: true)
    }

    // Which rule served each B best, and the gap.
    var bestRule: [String] = []
    for b in batchSizes {
      let candidates = rules.compactMap { run($0, b) }.filter { $0.finalValidationLoss.isFinite }
      if let best = candidates.min(by: { $0.finalValidationLoss < $1.finalValidationLoss }) {
        bestRule.append("B = \(b): \(best.rule.rawValue) (lr \(NumberText.significant(best.learningRate, digits: 2)), loss \(NumberText.fixed(best.finalValidationLoss, decimals: 3)))")
      }
    }
    let diverged = runs.filter(\.diverged).map { "\($0.rule.rawValue) B = \($0.batchSize)" }
    let winners = Set(batchSizes.compactMap { b in
      rules.compactMap { run($0, b) }.filter { $0.finalValidationLoss.isFinite }.min { $0.finalValidationLoss < $1.finalValidationLoss }?.rule
    })
    book.finding(
      "Lowest final validation loss per batch size: " + bestRule.joined(separator: "; ") + "."
        + (diverged.isEmpty ? "" : " Diverged (loss not finite, stopped): \(diverged.joined(separator: ", ")).")
        + (winners.count > 1
          ? " No single rule was best at every B: tune the learning rate for each B (Shallue et al. 2019) rather than trust a rule."
          : " One rule, \(winners.first.map(\.rawValue) ?? "-"), was best at every B in this run."))
    if let fit {
      book.finding(
        "Tuning the rule per B, the updates needed to reach \(NumberText.fixed(target, decimals: 3)) fit "
          + "S(B) = S_min (1 + B_crit / B) with S_min = \(NumberText.significant(fit.minimumSteps, digits: 2)) updates and "
          + "B_crit = \(NumberText.significant(fit.criticalBatch, digits: 2)): below B_crit doubling B nearly halves the updates, "
          + "above it the updates barely fall while the epochs grow. (A rough fit through \(tuned.count) points measured at "
          + "checkpoints; `noise-scale` estimates the same bend from gradient statistics.)")
    } else if tuned.count >= 3 {
      book.finding(
        "The updates to reach \(NumberText.fixed(target, decimals: 3)) kept falling in proportion to 1/B over the measured range, "
          + "so the bend of S(B) = S_min (1 + B_crit / B) lies beyond B = \(tuned.last!.b) here.")
    }
    let gaps = runs.filter { $0.lossGap.isFinite }
    if let widest = gaps.max(by: { $0.lossGap < $1.lossGap }), let narrowest = gaps.min(by: { $0.lossGap < $1.lossGap }) {
      let largest = gaps.filter { $0.batchSize == batchSizes.last! }.map(\.lossGap)
      let smallest = gaps.filter { $0.batchSize == batchSizes.first! }.map(\.lossGap)
      book.finding(
        "Train/validation loss gaps ranged from \(NumberText.fixed(narrowest.lossGap, decimals: 3)) (\(narrowest.rule.rawValue), B = \(narrowest.batchSize)) "
          + "to \(NumberText.fixed(widest.lossGap, decimals: 3)) (\(widest.rule.rawValue), B = \(widest.batchSize)); "
          + "mean \(NumberText.fixed(mean(smallest), decimals: 3)) at B = \(batchSizes.first!) and "
          + "\(NumberText.fixed(mean(largest), decimals: 3)) at B = \(batchSizes.last!). "
          + "A large-batch penalty that comes from fewer updates shows up as a higher *train* loss too; Keskar's sharp-minimum "
          + "effect would show as a wider gap at equal train loss.")
    }
    book.markdown(
      """
      Read the three columns of `curves` together: a batch size is not fast or slow by itself. Per epoch the small
      batches lead; per update the large ones do; per second the answer is the ratio of the two, set by how much a
      bigger batch speeds up each example on this machine. The next lessons measure where the trade-off bends
      (`noise-scale`: the gradient noise scale predicts it) and whether that bend moves with T (`optimal-batch`).
      """)
    try book.finish()
  }
}

// MARK: - The training run behind every cell

/// How the learning rate follows the batch size.
enum LearningRateRule: String, CaseIterable, ExpressibleByArgument, Sendable {
  case constant, linear, sqrt

  /// lr for batch size `batch` when `base` holds at `baseBatch`.
  func rate(base: Double, baseBatch: Int, batch: Int) throws -> Double {
    switch self {
    case .constant: return base
    case .linear: return try BatchSizeScaling.linear.learningRate(base, tunedAt: baseBatch, for: batch)
    case .sqrt: return try BatchSizeScaling.squareRoot.learningRate(base, tunedAt: baseBatch, for: batch)
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

/// Everything a run needs besides its batch size and rule.
struct RunSettings: Sendable {
  var steps: Int
  var epochs: Int
  var checkpointsPerEpoch: Int
  var hidden: Int
  var baseRate: Double
  var baseBatch: Int
  var seed: UInt64
  var clock: TrainingClock

  /// Where the validation set is evaluated, in epochs of examples seen: 0 (the initial model), 1/64, 1/32, ... of the
  /// first epoch (so the first updates of small batches show on the updates axis), then every 1/K epoch up to E. A
  /// checkpoint is taken after the first update that reaches it; a big batch may pass several at once.
  var schedule: [Double] {
    var points: [Double] = [0]
    var early = 1.0 / 64
    while early < 1 / Double(checkpointsPerEpoch) - 1e-12 {
      points.append(early)
      early *= 2
    }
    return points + (1...(epochs * checkpointsPerEpoch)).map { Double($0) / Double(checkpointsPerEpoch) }
  }

  /// The columns a run writes: at checkpoint k the validation loss and accuracy, the updates, examples and seconds so
  /// far; after epoch e the loss and accuracy on the training probe; then the learning rate and a divergence flag.
  var metricNames: [String] {
    let checkpoints = schedule.indices.flatMap { k in
      ["valLoss_\(k)", "valAcc_\(k)", "updates_\(k)", "examples_\(k)", "seconds_\(k)"]
    }
    let perEpoch = (1...epochs).flatMap { e in ["trainLoss_\(e)", "trainAcc_\(e)"] }
    return checkpoints + perEpoch + ["lr", "diverged"]
  }

  /// Trains LSTM(H) -> Dense(softmax) with Adam for `epochs` epochs of shuffled minibatches of `batchSize`, evaluating
  /// on the validation set at every checkpoint of `schedule` (the clock is paused while it evaluates).
  func train(data: Dataset, trainProbe: LabeledSequences, batchSize: Int, rule: LearningRateRule) throws -> [String: Double] {
    var initRNG = SeededGenerator.derived(seed: seed, stream: 101)  // the initial weights: the same for every run
    var rng = SeededGenerator.derived(seed: seed, stream: 102)  // the batch order: the same for every run of one B
    let rate = try rule.rate(base: baseRate, baseBatch: baseBatch, batch: batchSize)
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: data.train.classNames.count, activation: .softmax)
    }
    model.compile(optimizer: Adam<Float>(learningRate: rate))
    try model.build(inputFeatures: data.train.featureCount, using: &initRNG)

    let n = Double(data.train.count), schedule = self.schedule
    var metrics: [String: Double] = ["lr": rate, "diverged": 0]
    var updates = 0, examples = 0, seconds = 0.0, next = 0, diverged = false
    var last: (updates: Int, result: Evaluation?)? = nil
    /// Records every checkpoint the examples seen so far have reached (evaluating once per update count).
    func checkpoints() throws {
      while next < schedule.count && Double(examples) >= schedule[next] * n - 1e-9 {
        if last?.updates != updates { last = (updates, diverged ? nil : try model.evaluate(data.test, batchSize: 256)) }
        metrics["valLoss_\(next)"] = last?.result?.loss ?? .nan
        metrics["valAcc_\(next)"] = last?.result?.accuracy ?? .nan
        metrics["updates_\(next)"] = Double(updates)
        metrics["examples_\(next)"] = Double(examples)
        metrics["seconds_\(next)"] = seconds
        next += 1
      }
    }
    try checkpoints()
    for epoch in 1...epochs {
      for batch in try minibatches(count: data.train.count, batchSize: batchSize, using: &rng) {
        if !diverged {
          let start = clock.now()
          let (x, steps, labels) = try data.train.timeMajorBatch(indices: batch)
          do {
            try model.trainStep(x: x, steps: steps, labels: labels)
            updates += 1
          } catch is Divergence {
            diverged = true
          }
          seconds += clock.now() - start
        }
        examples += batch.count
        try checkpoints()
      }
      let probe = diverged ? nil : try model.evaluate(trainProbe, batchSize: 256)
      metrics["trainLoss_\(epoch)"] = probe?.loss ?? .nan
      metrics["trainAcc_\(epoch)"] = probe?.accuracy ?? .nan
    }
    metrics["diverged"] = diverged ? 1 : 0
    return metrics
  }
}

/// One finished run read back from the results file: its curves and its end point.
struct Run {
  var rule: LearningRateRule
  var batchSize: Int
  var learningRate: Double
  var diverged: Bool
  /// At each checkpoint: epochs of examples seen, updates, seconds, validation loss and accuracy.
  var epochs: [Double], updates: [Double], seconds: [Double], validationLoss: [Double], validationAccuracy: [Double]
  /// After each epoch: loss and accuracy on the training probe.
  var trainLoss: [Double], trainAccuracy: [Double]

  init(row: SweepRow, settings: RunSettings, trainCount: Int) throws {
    guard let rule = row.value("rule").flatMap(LearningRateRule.init(rawValue:)), let b = row.number("B") else {
      throw LessonError.malformedRow(cell: row.cellID, reason: "no rule or B column")
    }
    let k = settings.schedule.count
    func column(_ name: String, from first: Int, _ count: Int) -> [Double] {
      (first..<(first + count)).map { row.metric("\(name)_\($0)") ?? .nan }
    }
    self.rule = rule
    batchSize = Int(b)
    learningRate = row.metric("lr") ?? .nan
    diverged = row.metric("diverged") == 1
    epochs = column("examples", from: 0, k).map { $0 / Double(trainCount) }
    updates = column("updates", from: 0, k)
    seconds = column("seconds", from: 0, k)
    validationLoss = column("valLoss", from: 0, k)
    validationAccuracy = column("valAcc", from: 0, k)
    trainLoss = column("trainLoss", from: 1, settings.epochs)
    trainAccuracy = column("trainAcc", from: 1, settings.epochs)
  }

  var finalValidationLoss: Double { validationLoss.last ?? .nan }
  var finalValidationAccuracy: Double { validationAccuracy.last ?? .nan }
  var finalTrainLoss: Double { trainLoss.last ?? .nan }
  /// Validation loss minus training loss at the end.
  var lossGap: Double { finalValidationLoss - finalTrainLoss }
  /// Training accuracy minus validation accuracy at the end.
  var accuracyGap: Double { (trainAccuracy.last ?? .nan) - finalValidationAccuracy }
  var totalUpdates: Int { Int(updates.last ?? 0) }
  /// Training seconds per epoch, over the whole run.
  var secondsPerEpoch: Double { (seconds.last ?? .nan) / max(epochs.last ?? 1, 1e-9) }
  /// The first checkpoint whose validation accuracy is at least `target`.
  func firstCheckpoint(reaching target: Double) -> Int? { validationAccuracy.firstIndex { $0 >= target } }
  /// The points of a curve against `x`, without those a log axis cannot show (x <= 0).
  func curve(_ x: KeyPath<Run, [Double]>, _ y: KeyPath<Run, [Double]>, positiveOnly: Bool) -> (x: [Double], y: [Double]) {
    let pairs = zip(self[keyPath: x], self[keyPath: y]).filter { !positiveOnly || $0.0 > 0 }
    return (pairs.map(\.0), pairs.map(\.1))
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

BatchTradeoffs.main()
