// optimal-batch: does the sequence length T change the best batch size B? A T x B grid with the learning rate tuned
// per cell until the best rate is interior, replicated on independent units, under three budgets (epochs, time,
// memory), on a task whose evidence grows with T, one whose information is fixed, and a real data set; with Shallue
// et al.'s steps-to-target, the critical batch B_crit(T) and the gradient noise scale beside it.
// Run: swift run -c release optimal-batch [--full] [--quick] [--studies regimes stretched real] [--memory 2MB]
import ArgumentParser
import Foundation
import LSTMLab

struct OptimalBatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimal-batch",
    abstract: "Does the sequence length T change the optimal batch size B? Replicated accuracy over a T x B grid, "
      + "learning rate tuned per cell until interior, under fixed-epoch, fixed-time and fixed-memory budgets, with "
      + "steps-to-target and the critical batch size.")

  @OptionGroup var options: LessonOptions

  @Option(parsing: .upToNextOption, help: "Which studies to run: regimes (evidence grows with T), stretched (information fixed), real (a shipped data set resampled to each T).")
  var studies: [StudyKind] = StudyKind.allCases

  @Option(parsing: .upToNextOption, help: "Synthetic studies: sequence lengths T, multiples of the shortest (class: 16 32 64; --full: 16 32 64 128).")
  var lengths: [Int] = []

  @Option(parsing: .upToNextOption, help: "Real study: lengths T the sequences are resampled to (class: 16 32 64; --full: 16 32 64 128).")
  var realLengths: [Int] = []

  @Option(help: "Real study: the shipped data set (train and test parts are pooled, then split into folds).")
  var dataset = "JapaneseVowels"

  @Option(parsing: .upToNextOption, help: "Batch sizes B, in steps of x2 (class: 2 ... 64; --full: 1 ... 128).")
  var batchSizes: [Int] = []

  @Option(help: "Replicates of the synthetic studies, each an independent data set (class: 4; --full: 16).")
  var replicates: Int?

  @Option(help: "Real study: k, cross-validation folds (4).")
  var folds = 4

  @Option(help: "Real study: weight seeds per fold (class: 1; --full: 4).")
  var seeds: Int?

  @Option(help: "Synthetic studies: sequences per replicate, 80% train and 20% validation (class: 1000; --full: 2000).")
  var sequences: Int?

  @Option(help: "U_min: the epoch budget E is the smallest that gives the largest batch this many updates (class: 32; --full: 48).")
  var minimumUpdates: Int?

  @Option(help: "Rounds of learning-rate extension after the first three rates of each cell (class: 2; --full: 3).")
  var extensionRounds: Int?

  @Option(help: "H, LSTM units.")
  var hidden = 16

  @Option(help: "The memory budget of one training step (parameters, gradients, Adam state, BPTT tape), e.g. 2MB, 512KiB.")
  var memory = "2MB"

  @Option(help: "The time budget is the time this batch size needs for E epochs at each T; the noise scale is measured at it.")
  var referenceBatch = 32

  @Option(help: "A batch that is faster per example than the reference trains at most this many times E epochs.")
  var timeCap = 2.0

  @Option(help: "Seed of the data, the folds, the weights and the batch order.")
  var seed: UInt64 = 1

  @Option(help: "Cells trained at once (each on its own thread).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Recompute every cell instead of resuming from the results files of an earlier run with the same settings and build.")
  var fresh = false

  @Flag(help: "Only measure the CPU cost per example of every (T, B) (the time budget) and stop; copy the calibration files to every machine before running shards.")
  var calibrateOnly = false

  @Option(help: ArgumentHelp(
    "Run only share i of n of the next round of every study's cells (n machines); merge the files with `lstmlab sweep merge`, copy the merged files to every machine and run again: each run shares the next round until none is left.",
    valueName: "i/n"))
  var shard: String?

  mutating func validate() throws {
    for (flag, value) in [("--hidden", hidden), ("--reference-batch", referenceBatch), ("--workers", workers), ("--seeds", seeds ?? 1),
                          ("--replicates", replicates ?? 2), ("--minimum-updates", minimumUpdates ?? 1), ("--sequences", sequences ?? 10),
                          ("--extension-rounds", (extensionRounds ?? 0) + 1)] where value < 1 {
      throw ValidationError("\(flag) must be at least \(flag == "--extension-rounds" ? 0 : 1), not \(value)")
    }
    if let replicates, replicates < 2 { throw ValidationError("--replicates must be at least 2 (a slope needs its spread), not \(replicates)") }
    if folds < 2 { throw ValidationError("--folds must be at least 2, not \(folds)") }
    guard timeCap >= 1 else { throw ValidationError("--time-cap must be at least 1, not \(timeCap)") }
    for (flag, list, smallest) in [("--lengths", lengths, 2), ("--real-lengths", realLengths, 2), ("--batch-sizes", batchSizes, 1)] {
      guard list.allSatisfy({ $0 >= smallest }), Set(list).count == list.count else {
        throw ValidationError("\(flag) must be different numbers of at least \(smallest), not \(list)")
      }
    }
    if let shortest = lengths.min(), !lengths.allSatisfy({ $0 % shortest == 0 }) {
      throw ValidationError("--lengths must be multiples of the shortest (the stretched study holds each step T / T0 times), not \(lengths)")
    }
    guard !studies.isEmpty, Set(studies).count == studies.count else { throw ValidationError("--studies lists a study twice or none") }
    _ = try ByteSize(parsing: memory, flag: "--memory")
    if let shard { _ = try SweepShard(parsing: shard) }
  }

  func run() throws {
    var book = try Notebook(lesson: "optimal-batch", title: "Does the sequence length change the best batch size?", options: options)
    // MARK: The settings of this run, resolved once for the tier (--quick: tiny; the class tier; --full: the study).
    let quick = options.quick
    func tierList(_ given: [Int], quick: [Int], class classList: [Int], full: [Int]) -> [Int] {
      (given.isEmpty || self.options.quick ? book.size(quick: quick, class: classList, full: full) : given).sorted()
    }
    let batchSizes = tierList(self.batchSizes, quick: [4, 8, 16], class: [2, 4, 8, 16, 32, 64], full: [1, 2, 4, 8, 16, 32, 64, 128])
    let syntheticLengths = tierList(lengths, quick: [10, 20], class: [16, 32, 64], full: [16, 32, 64, 128])
    let realLengths = tierList(self.realLengths, quick: [12, 24], class: [16, 32, 64], full: [16, 32, 64, 128])
    let replicates = quick ? 2 : self.replicates ?? book.size(quick: 2, class: 4, full: 16)
    let folds = quick ? 2 : self.folds
    let seeds = quick ? 1 : self.seeds ?? book.size(quick: 1, class: 1, full: 4)
    let sequences = quick ? 120 : self.sequences ?? book.size(quick: 120, class: 1000, full: 2000)
    let minimumUpdates = quick ? 4 : self.minimumUpdates ?? book.size(quick: 4, class: 32, full: 48)
    let rounds = quick ? 1 : extensionRounds ?? book.size(quick: 1, class: 2, full: 3)
    let checkpoints = book.size(quick: 4, class: 12, full: 16)
    let hidden = quick ? 8 : self.hidden
    let noiseRuns = quick ? 2 : 3
    let memoryBudget = try ByteSize(parsing: memory, flag: "--memory")
    let share = try shard.map { try SweepShard(parsing: $0) } ?? .all
    let referenceBatch = batchSizes.contains(self.referenceBatch) ? self.referenceBatch : batchSizes[batchSizes.count / 2]
    var mergeCommands: [String] = [], calibrationFiles: [String] = []

    book.markdown(
      """
      The question this project exists to answer: **if the sequences get longer, should the batch get bigger, smaller,
      or stay the same?** No paper answers it for LSTM classifiers (McCandlish et al. 2018 and Shallue et al. 2019 show
      that the useful batch size depends on the task and on how far training goes), so we measure it, in a design that
      could detect the effect:

      - a grid over the sequence length T and the batch size B = \(batchSizes.map(String.init).joined(separator: ", ")) (steps of x2,
        so an optimum inside the grid is bracketed by its neighbours);
      - at every (T, B) the Adam learning rate is tuned on a log grid (two rates per decade), starting from three rates
        around 0.01 sqrt(B / 32) and extended (up to \(rounds) rounds) wherever the best rate sits at an edge of those tried:
        Shallue et al. showed that comparing batch sizes at one fixed rate misleads, and a best rate at an edge is a
        rate not tuned. Each budget, and steps-to-target, runs its own search: a rate is trained once, but each choice
        reads only the rates its own search tried, so the epoch and memory answers never depend on the time budget's
        measurement of this machine;
      - every setting is trained on independent replicates (units), and every trend is a slope fitted per unit with its
        confidence interval from the spread of those slopes, never from pooled points; beside every null stands the
        smallest slope the design detects with 80% power;
      - three budgets, because "best" depends on what is scarce: **epochs** (every B sees the data E times; E is the
        smallest that gives the largest batch U_min = \(minimumUpdates) updates), **time** (every B trains as long as B = \(referenceBatch)
        needs for E epochs at that T, measured on this machine exactly as the cells run), **memory** (as epochs, but only
        batches whose training step fits in \(memoryBudget));
      - beside accuracy at a fixed budget, Shallue et al.'s measure: the steps (and examples, and seconds) to reach a
        target validation accuracy, per B and T, with McCandlish's critical batch B_crit(T) fitted to them, and the
        gradient noise scale B_simple that predicts it (\(noiseRuns) runs per T).

      Three studies: **regimes**, GARCH volatility regimes in windows of T days (the evidence about the regime grows
      with T); **stretched**, the same regimes in windows of T0 days with every day held for T / T0 steps (the
      information is fixed, only the length grows); **real**, \(quick ? "ItalyPowerDemand" : dataset) resampled to each T. The model is
      LSTM(H = \(hidden)) -> Dense(softmax).
      """)

    var outcomes: [StudyOutcome] = []
    for kind in studies {
      let study = try kind == .real
        ? Study.real(dataset: quick ? "ItalyPowerDemand" : dataset, lengths: realLengths, folds: folds, seeds: seeds, seed: seed, limit: quick ? 200 : nil)
        : Study.synthetic(kind: kind, lengths: syntheticLengths, sequences: sequences, replicates: replicates, seed: seed)
      let epochs = Int((Double(minimumUpdates * batchSizes.last!) / Double(study.trainCount)).rounded(.up))
      let trainer = CellTrainer(hidden: hidden, epochs: epochs, timeCap: timeCap, checkpoints: checkpoints)
      book.experiment(
        "\(study.title)",
        details: """
          data: \(study.description)
          information: \(study.information)
          replicates: \(study.replicateCount), each an \(study.unitName); \(study.trainCount) training and \(study.validationCount) validation sequences each
          T = \(study.lengths.map(String.init).joined(separator: ", ")); B = \(batchSizes.map(String.init).joined(separator: ", ")); lr: 3 rates per cell around 0.01 sqrt(B/32) on the grid 10^(k/2), up to \(rounds) extension rounds, one search per budget and one for steps to target
          model: LSTM(H = \(hidden)) -> Dense(\(study.classCount), softmax), Adam; epoch budget E = \(epochs) epochs = \(epochs * study.trainCount) examples per cell: B = \(batchSizes.first!) makes \(epochs * study.trainCount / batchSizes.first!) updates, B = \(batchSizes.last!) makes \(epochs * study.trainCount / batchSizes.last!) (U_min = \(minimumUpdates))
          time budget: the CPU time B = \(referenceBatch) needs for E epochs (per T), at most \(NumberText.fixed(timeCap, decimals: 1)) E epochs; every cell, calibration and sweep alike, trains on one thread with \(workers) cells side by side
          memory budget: \(memoryBudget) per training step (MemoryCalculator, full BPTT, Float32, Adam)
          validation accuracy recorded at \(checkpoints) checkpoints over the epoch budget (steps to target)
          """)

      // Calibration: the CPU seconds per training example at each (T, B), measured exactly as the sweep's cells run:
      // one thread per cell (the kernels' helper thread off, here and in the sweep) and `workers` cells side by side.
      KernelThreads.current = .one
      let (calibration, calibrationFile, calibrationCells) = try study.calibrate(
        batchSizes: batchSizes, hidden: hidden, seed: seed, directory: book.directory, fresh: fresh, quick: quick, workers: workers)
      book.countSweepCells(total: calibrationCells.total, reused: calibrationCells.reused)
      // The time budget reads each cell's cost from one cost model fitted to every cell (StepCostModel.smoothing), which
      // pools the noise of cells timed once (a cell moves by a quarter from run to run).
      // A grid the model cannot be fitted to (one B, or fewer than 3 cells) keeps the measured costs, and says so.
      let smoothing = Result { try StepCostModel.smoothing(perExample: calibration) }
      let costs = (try? smoothing.get().costs) ?? calibration
      var measuredTable = Table(
        "\(study.name): CPU time per training sequence as measured (µs, one thread)",
        columns: [.init("T")] + batchSizes.map { .init("B = \($0)", format: .significant(3)) })
      var costTable = Table(
        "\(study.name): CPU time per training sequence from the cost model (µs), and the epochs the time budget buys",
        columns: [.init("T")] + batchSizes.map { .init("B = \($0)", format: .significant(3)) } + batchSizes.map { .init("E at \($0)", format: .fixed(decimals: 1)) })
      for t in study.lengths {
        measuredTable.append([.number(t)] + batchSizes.map { .number(calibration[t]![$0]! * 1e6) })
        let bought = batchSizes.map { min(timeCap, costs[t]![referenceBatch]! / costs[t]![$0]!) * Double(epochs) }
        costTable.append([.number(t)] + batchSizes.map { .number(costs[t]![$0]! * 1e6) } + bought.map { .number($0) })
      }
      try book.table(measuredTable)
      book.markdown(CostModelText.describe(smoothing.map(\.model), cells: study.lengths.count * batchSizes.count))
      try book.table(costTable)
      if calibrateOnly {
        calibrationFiles.append(calibrationFile.path)
        continue
      }

      // The sweep, in rounds: round 0 trains three rates per (T, B) on every replicate; after each round every (T, B)'s
      // three searches (epoch budget, time budget, steps to target; CellSearches) each add one rate beyond the edge where
      // their own best sits, and the next round trains the rates not yet trained.
      let costText = costs.keys.sorted().flatMap { t in costs[t]!.keys.sorted().map { "\(t):\($0):\(costs[t]![$0]!)" } }
      let baseSettings = "\(study.description) units=\(study.unitName) E=\(epochs) H=\(hidden) C=\(checkpoints) cap=\(timeCap) "
        + "ref=\(referenceBatch) seed=\(seed) workers=\(workers) costs=\(costText.joined(separator: ","))"
      var runs = Runs(replicateCount: study.replicateCount)
      var searches = StudySearches(lengths: study.lengths, batchSizes: batchSizes)
      var trained: Set<Setting> = []
      var roundsRun = 0, sweepSeconds = 0.0, cellsRun = 0
      var stoppedForShard = false
      for round in 0...rounds {
        if round > 0 {
          let before = searches
          searches.extend(runs: runs, study: study, checkpoints: checkpoints)
          if searches == before { break }
        }
        let pending = searches.settings.filter { !trained.contains($0) }
        if pending.isEmpty { continue }  // the searches grew onto rates another search had trained: decide again
        let jobs = pending.sorted().map(\.job)
        let grid = try SweepGrid([SweepAxis("job", jobs), SweepAxis("rep", Array(1...study.replicateCount))])
        let started = Date()
        let replicateData = study.replicates, classes = study.classCount
        let roundName = "\(study.name)-round\(round)", roundSettings = baseSettings + " jobs=\(jobs.joined(separator: ","))"
        // Under --shard a round runs as this machine's share unless its merged results are already here: each run
        // with --shard (after merging) shares the next round, whose rates depend on the rounds before it.
        let roundShard = share != .all
          && (fresh || !book.sweepIsComplete(roundName, grid: grid, metrics: trainer.metricNames, settings: roundSettings))
          ? share : .all
        let result = try book.sweep(
          roundName, grid: grid, metrics: trainer.metricNames, settings: roundSettings, fresh: fresh, shard: roundShard,
          workers: workers
        ) { cell in
          guard let setting = Setting(job: try cell.string("job")) else { throw ValidationError("bad job \(cell.id)") }
          let replicate = replicateData[setting.t]![try cell.int("rep") - 1]
          let timeEpochs = min(trainer.timeCap, costs[setting.t]![referenceBatch]! / costs[setting.t]![setting.b]!) * Double(trainer.epochs)
          return try trainer.run(
            train: replicate.train, validation: replicate.validation, classes: classes, batchSize: setting.b,
            learningRate: RateGrid.rate(setting.k), weightSeed: replicate.weightSeed, timeEpochs: timeEpochs)
        }
        sweepSeconds += Date().timeIntervalSince(started)
        cellsRun += grid.count
        if roundShard != .all {
          mergeCommands.append("lstmlab sweep merge \(result.file.deletingPathExtension().deletingPathExtension().lastPathComponent).shard-*-of-\(share.count).csv "
            + "--output \(book.directory.path)/\(result.file.lastPathComponent.components(separatedBy: ".shard-")[0]).csv")
          stoppedForShard = true
          break
        }
        runs.add(result.results.rows)
        trained.formUnion(pending)
        roundsRun += 1
      }
      if stoppedForShard { continue }
      book.markdown(
        "The \(cellsRun) cells (settings x replicates) of \(roundsRun) round(s) took \(NumberText.fixed(sweepSeconds, decimals: 0)) s of wall-clock time "
          + "with \(workers) cells side by side.")

      // MARK: Analysis: tune lr per (T, B, budget), pick the best B per (T, budget), fit slopes per replicate
      let memoryBytes = try study.memoryBytes(batchSizes: batchSizes, hidden: hidden)
      let outcome = StudyOutcome(
        study: study, runs: runs, searches: searches, batchSizes: batchSizes, memoryBytes: memoryBytes, memoryBudget: memoryBudget.bytes,
        checkpoints: checkpoints, seed: seed)
      outcomes.append(outcome)

      // The learning rates chosen, and whether each is interior.
      try book.table(outcome.rateTable())
      book.markdown(outcome.interiorNote(rounds: rounds))

      let heatmaps = outcome.heatmapFigure(batchSizes: batchSizes, memoryBytes: memoryBytes, memoryBudget: memoryBudget)
      try book.chart(heatmaps.figure, caption: heatmaps.caption)

      let accuracy = outcome.accuracyFigure(batchSizes: batchSizes)
      try book.chart(accuracy.figure, caption: accuracy.caption)

      try book.table(outcome.bestBatchTable())

      // The slope of log2(best B) on log2 T, one per replicate, and what the design can detect.
      try book.table(outcome.slopeTable())
      if study.testToTrainRatio > 0 {
        book.markdown(
          "The replicates of this study are folds of one data set, whose training parts overlap: the slope's standard error is "
            + "widened by Nadeau & Bengio's correction, SE = sd sqrt(1/n + n_test/n_train) with n_test/n_train = \(NumberText.fixed(study.testToTrainRatio, decimals: 2)).")
      }

      // Steps to target (Shallue et al.) and the critical batch (McCandlish et al.).
      try book.table(outcome.stepsTable())

      let steps = outcome.stepsFigure(batchSizes: batchSizes, calibration: costs)
      try book.chart(steps.figure, caption: steps.caption)

      // The gradient noise scale at each T, from independent runs (the noise-scale lesson's quantity).
      let noise = try measureNoiseScale(
        book: &book, study: study, outcome: outcome, trainer: trainer, referenceBatch: referenceBatch, runs: noiseRuns)

      let best = outcome.bestBatchFigure(
        batchSizes: batchSizes, memoryBytes: memoryBytes, memoryBudget: memoryBudget, noise: noise, noiseRuns: noiseRuns)
      try book.chart(best.figure, caption: best.caption, isKey: kind == .regimes)

      book.finding(outcome.headline(memoryBudget: memoryBudget))
      // Recorded for the replication check: the slopes of log2(best B) on log2 T per budget, and B_crit's slope.
      for budget in Budget.allCases {
        if let slope = outcome.slopes[budget] {
          book.finding("\(study.name): slope of log2(best B) on log2 T, \(budget.rawValue) budget", slope.interval())
        }
      }
      if let critical = outcome.criticalSlope {
        book.finding("\(study.name): slope of log2 B_crit on log2 T", critical)
      }
    }

    if calibrateOnly {
      book.markdown(
        "Calibrated only. To share the cells between machines, copy these files into the same folder "
          + "(`<output>/optimal-batch/`) on every machine, so all of them use one time budget, then run the shards:\n\n"
          + calibrationFiles.map { "    " + $0 }.joined(separator: "\n"))
      try book.finish()
      return
    }
    if !mergeCommands.isEmpty {
      book.markdown(
        "This run computed share \(share) of the next round of cells (the round is in each file's name). When every share "
          + "has run, gather the files in one folder and merge them, copy the merged files into `<output>/optimal-batch/` "
          + "on every machine, and run the same command again (same flags, same build): it finds those rounds done and "
          + "shares the next learning-rate extension round, whose rates depend on the rounds before it. When no round is "
          + "left, the run (with or without `--shard`) writes the analysis:\n\n"
          + mergeCommands.map { "    " + $0 }.joined(separator: "\n"))
      try book.finish()
      return
    }

    // MARK: Is the information flat in T? (the two synthetic studies)
    let synthetic = outcomes.filter { $0.study.kind != .real }
    if !synthetic.isEmpty {
      var chart = Chart(
        title: "What each length can teach", x: Axis("sequence length T (log scale)", scale: .log(base: 2)),
        y: Axis("validation accuracy (mean, 95% CI over replicates)"), key: .below)
      var flatTable = Table(
        "Accuracy against T: the LSTM at its best (B, lr) under the epoch budget, and a rule that needs no training",
        columns: [.init("study", alignment: .left), .init("T"), .init("LSTM best", format: .fixed(decimals: 3)), .init("95% CI", alignment: .left),
                  .init("realised-volatility rule", format: .fixed(decimals: 3)), .init("95% CI ", alignment: .left)])
      for o in synthetic {
        let ts = o.study.lengths
        let lstm = ts.map { t -> ConfidenceInterval in
          let b = o.best[t]![.epochs]!.batchSize
          return ConfidenceInterval.mean(of: o.tuned[t]![b]![.epochs]!.perReplicate)
        }
        let rule = ts.map { ConfidenceInterval.mean(of: o.study.realisedVolatilityRule(t: $0)) }
        chart.add(Series("\(o.study.name): LSTM, best B and lr", x: ts, y: lstm.map(\.estimate), lower: lstm.map(\.lower), upper: lstm.map(\.upper)))
        chart.add(Series("\(o.study.name): realised-volatility rule", x: ts, y: rule.map(\.estimate), lower: rule.map(\.lower), upper: rule.map(\.upper)))
        for (i, t) in ts.enumerated() {
          flatTable.append([
            .text(o.study.name), .number(t), .number(lstm[i].estimate), .text("\(NumberText.fixed(lstm[i].lower, decimals: 3))–\(NumberText.fixed(lstm[i].upper, decimals: 3))"),
            .number(rule[i].estimate), .text("\(NumberText.fixed(rule[i].lower, decimals: 3))–\(NumberText.fixed(rule[i].upper, decimals: 3))"),
          ])
        }
      }
      try book.table(flatTable)
      try book.chart(
        Figure(name: "information", chart: chart, width: 900, height: 600),
        caption: "Accuracy against T on the two synthetic tasks: a rule that needs no training (class by the window's realised "
          + "volatility, thresholds from the training part) reads the same information at every T on the stretched task "
          + "(by construction: holding a step repeats its square) and more information at longer T on the regimes task; "
          + "the LSTM's best accuracy shows what it learns of it within the epoch budget")
      // What the rule measured, in numbers: its accuracy at the shortest and longest T on each synthetic task.
      let ruleSummary = synthetic.map { o -> String in
        let t0 = o.study.lengths.first!, t1 = o.study.lengths.last!
        let a = ConfidenceInterval.mean(of: o.study.realisedVolatilityRule(t: t0)), b = ConfidenceInterval.mean(of: o.study.realisedVolatilityRule(t: t1))
        return "\(o.study.name): \(NumberText.fixed(a.estimate, decimals: 3)) at T = \(t0) and \(NumberText.fixed(b.estimate, decimals: 3)) at T = \(t1)"
      }.joined(separator: "; ")
      book.finding(
        "The training-free realised-volatility rule scores \(ruleSummary). On the stretched task every (T / T0)th step gives "
          + "the window back, so the information is the same at every T (the rule's score cannot change, and did not): a change of "
          + "the best batch with T there comes from the sequence length itself (longer backpropagation, more steps to carry the "
          + "evidence), not from an easier task. Where the rule's score rises with T, T and difficulty move together.")
    }

    // MARK: The answer, from the numbers above
    if !outcomes.isEmpty {
      let real = outcomes.first { $0.study.kind == .real }
      var ceiling = ""
      if let real {
        let spreads = real.study.lengths.map { t -> (Int, Double, Double) in
          let accs = batchSizes.compactMap { real.tuned[t]![$0]![.epochs]?.accuracy }
          return (t, accs.max() ?? .nan, (accs.max() ?? .nan) - (accs.min() ?? .nan))
        }
        // Off the ceiling means the batch sizes still differ: compare the spread with the best cell's interval.
        let resolved = real.study.lengths.filter { t in
          guard let b = real.best[t]?[.epochs]?.batchSize, let cell = real.tuned[t]?[b]?[.epochs] else { return false }
          let spread = spreads.first { $0.0 == t }!.2
          return spread > ConfidenceInterval.mean(of: cell.perReplicate).halfWidth
        }
        ceiling = " On \(real.study.title) the best accuracy is "
          + spreads.map { "\(NumberText.fixed($0.1, decimals: 3)) at T = \($0.0)" }.joined(separator: ", ")
          + " (best minus worst B: " + spreads.map { NumberText.fixed($0.2, decimals: 3) }.joined(separator: ", ")
          + "); the spread exceeds the best cell's 95% half-width at \(resolved.count) of \(spreads.count) lengths."
      }
      let tierNote = book.tier == .full ? "" : " (\(book.tier) tier: fewer replicates and lengths than the committed `--full` study)"
      let interior = outcomes.allSatisfy { $0.edgeCells.isEmpty }
        ? "every best learning rate is interior"
        : "best learning rates at a grid edge in " + outcomes.filter { !$0.edgeCells.isEmpty }.map { "\($0.study.name): \($0.edgeCells.count)" }.joined(separator: ", ") + " cells"
      let answer = "Does the best batch size move with the sequence length?\(tierNote) Slopes are doublings of B per doubling of T, "
        + "each with its 95% interval from independent replicates; \(interior). "
        + outcomes.map { $0.headline(memoryBudget: memoryBudget) }.joined(separator: " ") + ceiling
      book.headline(answer)
    }
    book.markdown(
      """
      How to read this: a slope of -1 means the best batch halves every time the sequences double (constant B x T, a
      constant number of time steps per update); 0 means T does not matter. The intervals come from the spread of
      per-replicate slopes, so they are wide when replicates disagree; where an interval includes 0 the table gives the
      smallest slope the design would have detected. McCandlish et al. (2018) expect the best B under a fixed epoch
      budget to lie below B_crit (an epoch budget pays per example, and below B_crit small batches are cheaper per
      example); B_crit is the batch to use when updates, not examples, are scarce. The finding below counts where that
      held in this run.
      """)
    let below = outcomes.map { o -> String in
      let ts = o.study.lengths.filter { o.stepsToTarget[$0]?.fit != nil && o.best[$0]?[.epochs] != nil }
      let count = ts.filter { Double(o.best[$0]![.epochs]!.batchSize) < o.stepsToTarget[$0]!.fit!.criticalBatch }.count
      return "\(o.study.name): best B below B_crit at \(count) of the \(ts.count) lengths where B_crit was fitted"
    }
    if !below.isEmpty { book.finding("Epoch-budget best B against the critical batch: " + below.joined(separator: "; ") + ".") }
    try book.finish()
  }
}

OptimalBatch.main()
