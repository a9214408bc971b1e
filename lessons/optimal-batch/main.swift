// optimal-batch: does the sequence length T change the best batch size B? A grid over T and B with the learning rate
// tuned per cell, k-fold cross-validated, under three budgets (epochs, time, memory), on a synthetic task and on a
// real data set resampled to each T; compared with the gradient noise scale.
// Run: swift run -c release optimal-batch [--full] [--quick] [--studies synthetic real] [--memory 2MB]
import ArgumentParser
import Foundation
import LSTMLab

struct OptimalBatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimal-batch",
    abstract: "Does the sequence length T change the optimal batch size B? Cross-validated accuracy over a T x B grid, "
      + "learning rate tuned per cell, under fixed-epoch, fixed-time and fixed-memory budgets.")

  @OptionGroup var options: LessonOptions

  // `--full` (one of the flags every lesson shares, in `options`) runs the larger study: T = 20 ... 500, B = 4 ... 256 (7 values), 5 folds, 6 epochs (several minutes).

  @Option(parsing: .upToNextOption, help: "Which studies to run: synthetic (volatility regimes) and/or real (a shipped data set resampled to each T).")
  var studies: [StudyKind] = StudyKind.allCases

  @Option(parsing: .upToNextOption, help: "Synthetic study: sequence lengths T (default 20 50 125; --full: 20 50 100 200 500).")
  var lengths: [Int] = []

  @Option(parsing: .upToNextOption, help: "Real study: lengths T the sequences are resampled to (default 24 48 96; --full: 24 48 96 192 384).")
  var realLengths: [Int] = []

  @Option(help: "Real study: the shipped data set (train and test parts are pooled, then split into folds).")
  var dataset = "ItalyPowerDemand"

  @Option(parsing: .upToNextOption, help: "Batch sizes B (default 4 16 64 256; --full: 4 8 16 32 64 128 256).")
  var batchSizes: [Int] = []

  @Option(parsing: .upToNextOption, help: "Adam learning rates tried in every cell; the best one (cross-validated) is kept.")
  var learningRates: [Double] = [3e-3, 1e-2, 3e-2]

  @Option(help: "k, cross-validation folds (default 3; --full: 5).")
  var folds: Int?

  @Option(help: "Seeds (weights and batch order) per fold.")
  var seeds = 1

  @Option(help: "Synthetic study: sequences generated per T, split into the folds (default 1200; --full: 1500).")
  var sequences: Int?

  @Option(help: "E, the epoch budget (default 4; --full: 6).")
  var epochs: Int?

  @Option(help: "H, LSTM units.")
  var hidden = 16

  @Option(help: "The memory budget of one training step (parameters, gradients, Adam state, BPTT tape), e.g. 2MB, 512KiB.")
  var memory = "2MB"

  @Option(help: "The time budget is the time this batch size needs for E epochs at each T.")
  var referenceBatch = 32

  @Option(help: "A batch that is faster per example than the reference trains at most this many times E epochs.")
  var timeCap = 3.0

  @Option(help: "Seed of the data, the folds, the weights and the batch order.")
  var seed: UInt64 = 1

  @Option(help: "Cells trained at once (each on its own thread).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Recompute every cell instead of resuming from the results files of an earlier run with the same settings.")
  var fresh = false

  @Flag(help: "Only measure the CPU cost per example of every (T, B) (the time budget) and stop; copy the calibration files to every machine before running shards.")
  var calibrateOnly = false

  @Option(help: ArgumentHelp(
    "Run only share i of n of every study's cells (n machines: a Slurm job array, GNU parallel), then merge the files with `lstmlab sweep merge` and run once more without --shard to analyse.",
    valueName: "i/n"))
  var shard: String?

  mutating func validate() throws {
    for (flag, value) in [("--seeds", seeds), ("--hidden", hidden), ("--reference-batch", referenceBatch), ("--workers", workers),
                          ("--epochs", epochs ?? 1), ("--sequences", sequences ?? 8)] where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    if let folds, folds < 2 { throw ValidationError("--folds must be at least 2, not \(folds)") }
    guard timeCap >= 1 else { throw ValidationError("--time-cap must be at least 1, not \(timeCap)") }
    for (flag, list) in [("--lengths", lengths), ("--real-lengths", realLengths), ("--batch-sizes", batchSizes)] {
      guard list.allSatisfy({ $0 >= 1 }), Set(list).count == list.count else {
        throw ValidationError("\(flag) must be different positive numbers, not \(list)")
      }
    }
    guard !learningRates.isEmpty, learningRates.allSatisfy({ $0 > 0 && $0.isFinite }), Set(learningRates).count == learningRates.count else {
      throw ValidationError("--learning-rates must be different positive numbers, not \(learningRates)")
    }
    guard !studies.isEmpty, Set(studies).count == studies.count else { throw ValidationError("--studies lists a study twice or none") }
    _ = try ByteSize(parsing: memory, flag: "--memory")
    if let shard { _ = try SweepShard(parsing: shard) }
  }

  func run() throws {
    var book = try Notebook(lesson: "optimal-batch", title: "Does the sequence length change the best batch size?", options: options)
    // MARK: The settings of this run, resolved once for the tier (--quick: tiny; the class tier; --full: the study).
    // A list or value given on the command line wins, except that --quick always runs its tiny version.
    let quick = options.quick
    func tierList<Value: Comparable>(_ given: [Value], quick: [Value], class classList: [Value], full: [Value]) -> [Value] {
      (given.isEmpty || self.options.quick ? book.size(quick: quick, class: classList, full: full) : given).sorted()
    }
    let batchSizes = tierList(self.batchSizes, quick: [4, 16], class: [4, 16, 64, 256], full: [4, 8, 16, 32, 64, 128, 256])
    let syntheticLengths = tierList(lengths, quick: [10, 20], class: [20, 50, 125], full: [20, 50, 100, 200, 500])
    let realLengths = tierList(self.realLengths, quick: [12, 24], class: [24, 48, 96], full: [24, 48, 96, 192, 384])
    let learningRates = book.size(quick: [1e-2], class: self.learningRates, full: self.learningRates).sorted()
    let folds = quick ? 2 : self.folds ?? book.size(quick: 2, class: 3, full: 5)
    let seeds = book.size(quick: 1, class: self.seeds, full: self.seeds)
    let sequences = quick ? 96 : self.sequences ?? book.size(quick: 96, class: 1200, full: 1500)
    let trainer = CellTrainer(
      hidden: book.size(quick: 8, class: hidden, full: hidden),
      epochs: quick ? 1 : epochs ?? book.size(quick: 1, class: 4, full: 6), timeCap: timeCap, seed: seed)
    let memoryBudget = try ByteSize(parsing: memory, flag: "--memory")
    let share = try shard.map { try SweepShard(parsing: $0) } ?? .all
    var mergeCommands: [String] = [], calibrationFiles: [String] = []

    book.markdown(
      """
      The question this project exists to answer: **if the sequences get longer, should the batch get bigger, smaller,
      or stay the same?** No paper answers it for LSTM classifiers (McCandlish et al. 2018 and Shallue et al. 2019 show
      that the useful batch size depends on the task and on how far training goes). So we measure it:

      - a grid over the sequence length T and the batch size B;
      - at every (T, B) the Adam learning rate is tuned over \(learningRates.map { NumberText.significant($0, digits: 2) }.joined(separator: ", ")):
        Shallue et al. showed that comparing batch sizes at one fixed rate misleads;
      - every cell is cross-validated (\(folds)-fold\(seeds > 1 ? ", \(seeds) seeds" : "")), so each number has an error bar;
      - three budgets, because "best" depends on what is scarce:
        1. **epochs**: every B sees the data E = \(trainer.epochs) times (data is scarce);
        2. **time**: every B trains as long as B = \(referenceBatch) needs for E epochs at that T (the clock is scarce;
           measured on this machine);
        3. **memory**: as (1), but only batches whose training step fits in \(memoryBudget) (parameters, gradients, Adam
           state and the BPTT tape, which grows like T x B) are allowed (the device is small).

      Two studies: a synthetic task where T is a free parameter (GARCH volatility regimes: a longer window holds more
      evidence) and a real data set resampled to each T (the same information spread over more or fewer steps).
      The model is deliberately small (LSTM(H = \(trainer.hidden)) -> Dense(softmax)) and the budgets short, so the default run takes
      about a minute; `--full` runs the larger grid.
      """)

    var outcomes: [StudyOutcome] = []
    var predictions: [Int: Double] = [:]
    let seedsLabel = seeds > 1 ? " and seed" : ""
    for kind in studies {
      let study = try kind == .synthetic
        ? Study.synthetic(lengths: syntheticLengths, sequences: sequences, folds: folds, seed: seed)
        : Study.real(dataset: quick ? "ItalyPowerDemand" : dataset, lengths: realLengths, folds: folds, seed: seed, limit: quick ? 200 : nil)
      let grid = try SweepGrid([
        SweepAxis("T", study.lengths), SweepAxis("B", batchSizes), SweepAxis("lr", learningRates), SweepAxis("fold", Array(1...folds)),
        SweepAxis("seed", Array(1...seeds)),
      ])
      book.experiment(
        "\(study.title): \(grid.count) cells",
        details: """
          data: \(study.description)
          T = \(study.lengths.map(String.init).joined(separator: ", ")); B = \(batchSizes.map(String.init).joined(separator: ", ")); lr = \(learningRates.map { "\($0)" }.joined(separator: ", ")); \(folds) folds x \(seeds) seed(s)
          model: LSTM(H = \(trainer.hidden)) -> Dense(\(study.classCount), softmax), Adam; epoch budget E = \(trainer.epochs)
          time budget: the CPU time B = \(referenceBatch) needs for E epochs (per T), at most \(NumberText.fixed(timeCap, decimals: 1)) E epochs; every cell, calibration and sweep alike, trains on one thread with \(workers) cells side by side
          memory budget: \(memoryBudget) per training step (MemoryCalculator, full BPTT, Float32, Adam)
          """)

      // Calibration: the CPU seconds per training example at each (T, B), measured exactly as the sweep's cells run:
      // one thread per cell (the kernels' helper thread off, here and in the sweep) and `workers` cells side by side.
      KernelThreads.current = .one
      let (calibration, calibrationFile) = try study.calibrate(
        batchSizes: Array(Set(batchSizes + [referenceBatch])).sorted(), hidden: trainer.hidden, seed: seed,
        directory: book.directory, fresh: fresh, quick: quick, workers: workers)
      if calibrateOnly {
        calibrationFiles.append(calibrationFile.path)
        continue
      }
      var costTable = Table(
        "\(study.name): CPU time per 1000 training sequences (ms), and the epochs the time budget buys",
        columns: [.init("T")] + batchSizes.map { .init("B = \($0)", format: .significant(3)) } + batchSizes.map { .init("epochs at \($0)", format: .fixed(decimals: 1)) })
      for t in study.lengths {
        let perExample = batchSizes.map { calibration[t]![$0]! }
        let epochsBought = batchSizes.map { min(trainer.timeCap, calibration[t]![referenceBatch]! / calibration[t]![$0]!) * Double(trainer.epochs) }
        costTable.append([.number(t)] + perExample.map { .number($0 * 1e6) } + epochsBought.map { .number($0) })
      }
      try book.table(costTable)

      // The sweep: every (T, B, lr, fold, seed) cell trains once and is evaluated at both budget points.
      // The file name covers every setting a cell depends on, the calibrated costs included (they set the time budget).
      let costs = calibration.keys.sorted().flatMap { t in calibration[t]!.keys.sorted().map { "\(t):\($0):\(calibration[t]![$0]!)" } }
      let fingerprint = sweepStableHash(
        "\(study.description) E=\(trainer.epochs) H=\(trainer.hidden) cap=\(timeCap) ref=\(referenceBatch) seed=\(seed) "
          + CellTrainer.metricNames.joined(separator: ",") + " " + costs.joined(separator: ","))
      let fileName = "\(study.name)-\(String(fingerprint, radix: 16))"
      let resultsFile = book.directory.appendingPathComponent(
        share == .all ? "\(fileName).csv" : "\(fileName).shard-\(share.index)-of-\(share.count).csv")
      if fresh { try? FileManager.default.removeItem(at: resultsFile) }
      let runner = try SweepRunner(
        grid: grid, metrics: CellTrainer.metricNames, resultsFile: resultsFile, workers: workers, shard: share)
      let started = Date()
      let report = try runner.run(progress: { progress in
        if progress.finished % max(1, progress.total / 20) == 0 || progress.finished == progress.total {
          print("  \(progress.finished)/\(progress.total) cells (last: \(progress.cell.id), \(NumberText.fixed(progress.seconds, decimals: 1)) s)")
        }
      }) { cell in
        let t = try cell.int("T"), b = try cell.int("B")
        let timeEpochs = min(trainer.timeCap, calibration[t]![referenceBatch]! / calibration[t]![b]!) * Double(trainer.epochs)
        return try trainer.run(
          data: study.data[t]!, split: study.folds[t]![try cell.int("fold") - 1], batchSize: b,
          learningRate: try cell.double("lr"), seedIndex: try cell.int("seed"), timeEpochs: timeEpochs)
      }
      book.markdown(
        "The \(grid.count) cells ran in \(NumberText.fixed(Date().timeIntervalSince(started), decimals: 0)) s of wall-clock time "
          + "(\(report.alreadyDone) reused from `\(resultsFile.lastPathComponent)`, written by an earlier run with the same settings; "
          + "`--fresh` recomputes). Each cell's result is in that CSV file.")

      if share != .all {
        // One share of the cells is done; the analysis needs all of them.
        mergeCommands.append(
          "lstmlab sweep merge \(fileName).shard-*-of-\(share.count).csv --output \(book.directory.path)/\(fileName).csv")
        continue
      }

      // MARK: Analysis: tune lr per (T, B, budget), then pick the best B per (T, budget)
      let memoryBytes = try study.memoryBytes(batchSizes: batchSizes, hidden: trainer.hidden)
      let outcome = try StudyOutcome(
        study: study, rows: report.results.rows, batchSizes: batchSizes, memoryBytes: memoryBytes, memoryBudget: memoryBudget.bytes)
      outcomes.append(outcome)

      let heatmaps: [Figure.Panel] = Budget.allCases.map { budget in
        .heatmap(Heatmap(
          title: "\(budget.title)", x: Axis("sequence length T"), y: Axis("batch size B"),
          columns: study.lengths.map(String.init), rows: batchSizes.map(String.init),
          values: batchSizes.map { b in study.lengths.map { t in outcome.tuned[t]![b]![budget]?.accuracy ?? .nan } },
          colorLabel: "CV accuracy (lr tuned)", digits: 3,
          // An empty cell says why: the step does not fit the memory budget, or every learning rate diverged.
          cellLabels: batchSizes.map { b in
            study.lengths.map { t in
              if let accuracy = outcome.tuned[t]![b]![budget]?.accuracy { return NumberText.significant(accuracy, digits: 3) }
              return budget == .memory && memoryBytes[t]![b]! > memoryBudget.bytes ? "no fit" : "diverged"
            }
          }))
      }
      try book.chart(
        Figure(name: "\(study.name)-heatmaps", title: "\(study.title): cross-validated accuracy, learning rate tuned per cell",
               panels: heatmaps, columns: 3, width: 1650, height: 520),
        caption: "\(study.title): mean validation accuracy over the folds at the best learning rate of each cell, under the "
          + "epoch, time and memory budgets (white: the step does not fit in \(memoryBudget))")

      var accuracyPanels: [Figure.Panel] = []
      for budget in Budget.allCases {
        var chart = Chart(
          title: budget.title, x: Axis("batch size B (log scale)", scale: .log(base: 2)), y: .fraction("CV accuracy (mean ± sd over folds)"))
        for t in study.lengths {
          let points = batchSizes.compactMap { b in outcome.tuned[t]![b]![budget].map { (b, $0) } }.filter { $0.1.accuracy.isFinite }
          guard !points.isEmpty else { continue }
          chart.add(Series("T = \(t)", x: points.map(\.0), y: points.map(\.1.accuracy), errors: points.map(\.1.standardDeviation)))
        }
        chart.addReference(y: study.chance, title: "chance")
        accuracyPanels.append(.chart(chart))
      }
      try book.chart(
        Figure(name: "\(study.name)-accuracy", title: "\(study.title): accuracy against B at each T", panels: accuracyPanels,
               columns: 3, width: 1650, height: 520),
        caption: "\(study.title): cross-validated accuracy against B, one line per T (error bars: sd over folds)")

      var table = Table("\(study.name): the best batch size per T and budget", columns: [
        .init("T"), .init("budget", alignment: .left), .init("best B"), .init("accuracy", format: .fixed(decimals: 3)),
        .init("± sd", format: .fixed(decimals: 3)), .init("its lr", format: .significant(2)),
        .init("best B per fold", alignment: .left), .init("B within 1 SE of the best", alignment: .left),
      ])
      for t in study.lengths {
        for budget in Budget.allCases {
          guard let best = outcome.best[t]![budget] else {
            table.append([.number(t), .text(budget.rawValue), "-", "-", "-", "-", "no batch fits", "-"])
            continue
          }
          let tuned = outcome.tuned[t]![best.batchSize]![budget]!
          let close = best.nearOptimal
          table.append([
            .number(t), .text(budget.rawValue), .number(best.batchSize), .number(tuned.accuracy), .number(tuned.standardDeviation),
            .number(tuned.learningRate), .text(best.perReplicate.map(String.init).joined(separator: " ")),
            .text(close.map(String.init).joined(separator: " ")),
          ])
        }
      }
      try book.table(table)

      // The noise-scale prediction (synthetic study): B_simple per T from per-sequence gradients.
      if kind == .synthetic {
        predictions = try study.noiseScales(
          trainer: trainer, batchSize: referenceBatch, learningRate: learningRates[learningRates.count / 2],
          directory: book.directory, fresh: fresh, workers: workers)
      }

      var bestPanels: [Figure.Panel] = []
      for budget in Budget.allCases {
        let ts = study.lengths.filter { outcome.best[$0]![budget] != nil }
        guard !ts.isEmpty else { continue }
        var chart = Chart(
          title: budget.title,
          x: Axis("sequence length T (log scale)", scale: .log(base: 2), range: Double(study.lengths.first!) / 1.4...Double(study.lengths.last!) * 1.4),
          y: Axis("batch size B (log scale)", scale: .log(base: 2)))
        let bests = ts.map { outcome.best[$0]![budget]! }
        // The best B with a bar over every B within one standard error of it: one series, so nothing hides the line.
        chart.add(Series(
          "best B (bar: all B within 1 SE)", x: ts, y: bests.map(\.batchSize),
          lower: bests.map { Double($0.nearOptimal.min()!) }, upper: bests.map { Double($0.nearOptimal.max()!) }))
        let foldPoints = zip(ts, bests).flatMap { t, best in best.perReplicate.map { (t, $0) } }
        chart.add(Series("best B per fold\(seedsLabel)", x: foldPoints.map(\.0), y: foldPoints.map(\.1), style: .points))
        if kind == .synthetic, !predictions.isEmpty {
          let pts = study.lengths.filter { predictions[$0] != nil }
          chart.add(Series("noise scale B_simple", x: pts, y: pts.map { predictions[$0]! }, style: .linesPoints))
        }
        bestPanels.append(.chart(chart))
      }
      try book.chart(
        Figure(name: "\(study.name)-best-batch", title: "\(study.title): the best batch size against T", panels: bestPanels,
               columns: 3, width: 1650, height: 540),
        caption: "\(study.title): the batch size with the best cross-validated accuracy at each T under each budget, the range "
          + "of batch sizes within one (paired) standard error of it, and the best of each fold"
          + (kind == .synthetic ? "; the gradient noise scale for comparison" : ""), isKey: kind == .synthetic)

      book.finding(outcome.finding(memoryBudget: memoryBudget, calibration: calibration, referenceBatch: referenceBatch))
    }

    if calibrateOnly {
      book.markdown(
        "Calibrated only. To share the cells between machines, copy these files into the same folder "
          + "(`<output>/optimal-batch/`) on every machine, so all of them use one time budget, then run the shards:\n\n"
          + calibrationFiles.map { "    " + $0 }.joined(separator: "\n"))
      try book.finish()
      return
    }
    if share != .all {
      book.markdown(
        "This run computed share \(share) of the cells. When every share has run (each machine writes its own "
          + "`*.shard-i-of-\(share.count).csv`), copy the files into one folder and merge them, then run the lesson again "
          + "without `--shard` (and with the same other flags) to analyse; it finds every cell done and computes nothing:\n\n"
          + mergeCommands.map { "    " + $0 }.joined(separator: "\n")
          + "\n\nEvery machine must hold the same calibration files (see `--calibrate-only`), or the file names will not match.")
      try book.finish()
      return
    }

    // MARK: The answer, from the numbers above
    if !outcomes.isEmpty {
      let verdicts = outcomes.flatMap { o in Budget.allCases.compactMap { o.significantTrend($0).map { (o.study.name, $0) } } }
      let up = verdicts.filter { $0.1 > 0 }.count, down = verdicts.filter { $0.1 < 0 }.count
      var answer = "Does T change the best batch size? In \(up + down) of \(verdicts.count) (study, budget) pairs the best B moved "
        + "with T by more than two standard errors (\(up) towards larger B, \(down) towards smaller)"
      answer += up + down == 0 ? ": within this grid and these budgets, no measurable effect of T. " : ". "
      answer += outcomes.map { $0.summary() }.joined(separator: " ")
      if let synthetic = outcomes.first(where: { $0.study.kind == .synthetic }), !predictions.isEmpty {
        let ts = synthetic.study.lengths.filter { predictions[$0] != nil && synthetic.best[$0]![.epochs] != nil }
        if let t0 = ts.first, let t1 = ts.last {
          let ratios = ts.map { predictions[$0]! / Double(synthetic.best[$0]![.epochs]!.batchSize) }
          answer += " The gradient noise scale predicted B_crit ≈ \(NumberText.significant(predictions[t0]!, digits: 2)) at T = \(t0) and "
            + "\(NumberText.significant(predictions[t1]!, digits: 2)) at T = \(t1), \(NumberText.significant(ratios.min()!, digits: 2))–"
            + "\(NumberText.significant(ratios.max()!, digits: 2)) times the best B under the epoch budget (the best B was below "
            + "B_simple at \(ratios.filter { $0 > 1 }.count) of \(ratios.count) lengths; one run per T, so take the prediction to a factor "
            + "of a few). B_crit marks where a bigger batch stops saving updates: the batch to use when updates are what is scarce "
            + "(parallel hardware, where a bigger batch costs no more time). When examples are scarce, as with a few epochs on a "
            + "CPU, the best batch lies below it."
        }
      }
      book.finding(answer, isKey: true)
    }
    book.markdown(
      """
      Read the best-batch charts with their error bars: a step of one grid point (a factor 4 in B) inside the bars is
      not a change. The heatmaps show how flat the optimum is: neighbouring batch sizes are often within a standard
      deviation. Where the budgets disagree, the scarce resource decides the batch size more than T does.
      """)
    try book.finish()
  }
}

// MARK: - Studies: the data at each T and its folds

enum StudyKind: String, CaseIterable, ExpressibleByArgument, Sendable {
  case synthetic, real
}

/// One data set at several lengths T, with its cross-validation folds.
struct Study: Sendable {
  var kind: StudyKind
  var name: String
  var title: String
  var description: String
  var lengths: [Int]
  /// All sequences at each T (the folds split them).
  var data: [Int: LabeledSequences]
  /// The k folds at each T.
  var folds: [Int: [IndexSplit]]
  var chance: Double
  var classCount: Int
  var featureCount: Int

  /// Volatility-regime windows generated at each T from the same seed.
  static func synthetic(lengths: [Int], sequences: Int, folds: Int, seed: UInt64) throws -> Study {
    let task = VolatilityRegimeTask()
    var data: [Int: LabeledSequences] = [:], splits: [Int: [IndexSplit]] = [:]
    for t in lengths {
      var rng = SeededGenerator.derived(seed: seed, stream: 300)
      data[t] = try task.generate(count: sequences, steps: t, using: &rng)
      var foldRNG = SeededGenerator.derived(seed: seed, stream: 400)
      splits[t] = try stratifiedKFold(labels: data[t]!.labels, folds: folds, using: &foldRNG)
    }
    return Study(
      kind: .synthetic, name: "synthetic", title: "Synthetic: volatility regimes",
      description: "\(task.name), \(sequences) windows generated per T (seed \(seed))", lengths: lengths, data: data,
      folds: splits, chance: task.chanceAccuracy, classCount: task.classNames.count, featureCount: task.featureCount)
  }

  /// A shipped data set, train and test pooled, resampled to each T by linear interpolation (`limit`: only the first
  /// sequences, for --quick).
  static func real(dataset: String, lengths: [Int], folds: Int, seed: UInt64, limit: Int?) throws -> Study {
    let parts = try Dataset.named(dataset)
    var pooled = LabeledSequences(
      name: dataset, sequences: parts.train.sequences + parts.test.sequences, labels: parts.train.labels + parts.test.labels,
      classNames: parts.train.classNames, featureCount: parts.train.featureCount)
    if let limit, limit < pooled.count { pooled = try pooled.subset(Array(0..<limit)) }
    var foldRNG = SeededGenerator.derived(seed: seed, stream: 400)
    let splits = try stratifiedKFold(labels: pooled.labels, folds: folds, using: &foldRNG)
    var data: [Int: LabeledSequences] = [:], splitsByT: [Int: [IndexSplit]] = [:]
    for t in lengths {
      data[t] = try pooled.resampled(to: t)
      splitsByT[t] = splits  // the same folds at every T: only the time axis changes
    }
    let native = pooled.commonLength.map { "native T = \($0)" } ?? "variable length"
    return Study(
      kind: .real, name: "real", title: "Real: \(dataset) resampled",
      description: "\(dataset) (train + test pooled: \(pooled.count) sequences, \(native), \(pooled.featureCount) feature(s), "
        + "\(pooled.classNames.count) classes), resampled to each T", lengths: lengths, data: data, folds: splitsByT,
      chance: pooled.majorityClassFraction, classCount: pooled.classNames.count, featureCount: pooled.featureCount)
  }

  /// CPU seconds per training example at each (T, B): a fresh model trains on random batches, the median of 7 timed
  /// blocks after 2 warm-up updates. Measured the way the sweep's cells run: with the kernels' thread setting of
  /// the moment (the lesson forces one thread) and `workers` cells side by side, so the cells compete for cores,
  /// caches and memory as in the sweep. Saved in `<study>-calibration-<hash>.csv` (the hash covers both) and reused.
  func calibrate(
    batchSizes: [Int], hidden: Int, seed: UInt64, directory: URL, fresh: Bool, quick: Bool, workers: Int
  ) throws -> (costs: [Int: [Int: Double]], file: URL) {
    let grid = try SweepGrid([SweepAxis("T", lengths), SweepAxis("B", batchSizes)])
    let setting = "threads=\(KernelThreads.current) workers=\(workers)"
    let file = directory.appendingPathComponent(
      "\(name)-calibration-\(String(sweepStableHash("\(description) H=\(hidden) blocks=7 minimum=\(quick ? 0.002 : 0.03) \(setting)"), radix: 16)).csv")
    if fresh { try? FileManager.default.removeItem(at: file) }
    let runner = try SweepRunner(grid: grid, metrics: ["secondsPerExample"], resultsFile: file, workers: workers)
    let data = self.data, classCount = self.classCount, minimum = quick ? 0.002 : 0.03
    let report = try runner.run { cell in
      let t = try cell.int("T"), b = try cell.int("B")
      let set = data[t]!
      var model = CellTrainer.model(hidden: hidden, classes: classCount, learningRate: 1e-3)
      var rng = cell.generator(seed: seed)
      try model.build(inputFeatures: set.featureCount, using: &rng)
      // Two warm-up updates (first allocations), then 7 timed blocks of at least 2 updates and `minimum` seconds each;
      // the median block is kept (robust to a block slowed or sped up by other programs on the machine).
      func batch() throws -> (x: Matrix<Float>, steps: Int, labels: [Int]) {
        try set.timeMajorBatch(indices: (0..<b).map { _ in rng.nextInt(below: set.count) })
      }
      for _ in 0..<2 {
        let (x, steps, labels) = try batch()
        try model.trainStep(x: x, steps: steps, labels: labels)
      }
      var blocks: [Double] = []
      for _ in 0..<7 {
        var seconds = 0.0, updates = 0
        while updates < 2 || seconds < minimum {
          let (x, steps, labels) = try batch()
          let start = threadCPUSeconds()
          try model.trainStep(x: x, steps: steps, labels: labels)
          seconds += threadCPUSeconds() - start
          updates += 1
        }
        blocks.append(seconds / Double(updates * b))
      }
      return ["secondsPerExample": median(blocks)]
    }
    var table: [Int: [Int: Double]] = [:]
    for row in report.results.rows {
      guard let t = row.number("T"), let b = row.number("B"), let s = row.metric("secondsPerExample") else { continue }
      table[Int(t), default: [:]][Int(b)] = s
    }
    return (table, file)
  }

  /// The bytes of one training step at each (T, B) (`MemoryCalculator`: full BPTT, Float32, Adam).
  func memoryBytes(batchSizes: [Int], hidden: Int) throws -> [Int: [Int: Int]] {
    var bytes: [Int: [Int: Int]] = [:]
    for t in lengths {
      for b in batchSizes {
        bytes[t, default: [:]][b] = try MemoryCalculator(
          steps: t, batchSize: b, inputSize: featureCount, hiddenSize: hidden, layers: 1, classes: classCount,
          bytesPerScalar: 4, optimizerSlots: 2
        ).breakdown(.full).total
      }
    }
    return bytes
  }

  /// B_simple at each T from per-sequence gradients of fold 1's training part: after the first and after the last of
  /// E epochs at `batchSize`, geometric mean of the two (the noise scale grows during training).
  func noiseScales(
    trainer: CellTrainer, batchSize: Int, learningRate: Double, directory: URL, fresh: Bool, workers: Int
  ) throws -> [Int: Double] {
    let grid = try SweepGrid([SweepAxis("T", lengths)])
    let metrics = ["bSimpleFirst", "bSimpleLast"]
    let key = "\(description) E=\(trainer.epochs) H=\(trainer.hidden) B=\(batchSize) lr=\(learningRate) seed=\(trainer.seed)"
    let file = directory.appendingPathComponent("\(name)-noise-\(String(sweepStableHash(key), radix: 16)).csv")
    if fresh { try? FileManager.default.removeItem(at: file) }
    let runner = try SweepRunner(grid: grid, metrics: metrics, resultsFile: file, workers: workers)
    let data = self.data, folds = self.folds, classCount = self.classCount
    let report = try runner.run { cell in
      let t = try cell.int("T")
      let train = try data[t]!.subset(folds[t]![0].train)
      var model = CellTrainer.model(hidden: trainer.hidden, classes: classCount, learningRate: learningRate)
      var initRNG = SeededGenerator.derived(seed: trainer.seed, stream: 101)
      var batchRNG = SeededGenerator.derived(seed: trainer.seed, stream: 102)
      try model.build(inputFeatures: train.featureCount, using: &initRNG)
      var first = Double.nan, last = Double.nan
      for epoch in 1...trainer.epochs {
        for batch in try minibatches(count: train.count, batchSize: batchSize, using: &batchRNG) {
          let (x, steps, labels) = try train.timeMajorBatch(indices: batch)
          try model.trainStep(x: x, steps: steps, labels: labels)
        }
        if epoch == 1 { first = try PerExampleGradientStatistics(model: model, data: train).simpleNoiseScale }
        if epoch == trainer.epochs { last = try PerExampleGradientStatistics(model: model, data: train).simpleNoiseScale }
      }
      return ["bSimpleFirst": first, "bSimpleLast": last]
    }
    var result: [Int: Double] = [:]
    for row in report.results.rows {
      guard let t = row.number("T"), let a = row.metric("bSimpleFirst"), let b = row.metric("bSimpleLast"), a > 0, b > 0 else { continue }
      result[Int(t)] = (a * b).squareRoot()
    }
    return result
  }
}

// MARK: - One cell: train, and evaluate at the epoch and time budgets

/// What a cell trains and where it stops.
struct CellTrainer: Sendable {
  var hidden: Int
  /// E, the epoch budget.
  var epochs: Int
  /// The most epochs the time budget may buy, as a multiple of E.
  var timeCap: Double
  var seed: UInt64

  /// Validation accuracy and loss after E epochs and at the time budget; the epochs the time budget bought; whether
  /// training diverged.
  static let metricNames = ["accEpochs", "lossEpochs", "accTime", "lossTime", "epochsTime", "diverged"]

  static func model(hidden: Int, classes: Int, learningRate: Double) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: classes, activation: .softmax)
    }
    model.compile(optimizer: Adam<Float>(learningRate: learningRate))
    return model
  }

  /// Trains on the fold's training part in shuffled batches of `batchSize` until both E epochs and `timeEpochs`
  /// epochs of examples are done, evaluating the fold's validation part at each of the two points. Every cell of one
  /// (T, fold, seed) starts from the same weights, so B and lr are compared on common random numbers.
  func run(
    data: LabeledSequences, split: IndexSplit, batchSize: Int, learningRate: Double, seedIndex: Int, timeEpochs: Double
  ) throws -> [String: Double] {
    let runSeed = seed &+ UInt64(seedIndex - 1)
    let train = try data.subset(split.train), validation = try data.subset(split.validation)
    var model = Self.model(hidden: hidden, classes: data.classNames.count, learningRate: learningRate)
    var initRNG = SeededGenerator.derived(seed: runSeed, stream: 101)
    var batchRNG = SeededGenerator.derived(seed: runSeed, stream: 102)
    try model.build(inputFeatures: data.featureCount, using: &initRNG)

    let n = Double(train.count)
    let epochPoint = Double(epochs) * n, timePoint = (timeEpochs * n).rounded(.up)
    var metrics: [String: Double] = ["epochsTime": timeEpochs, "diverged": 0]
    var examples = 0.0, epochDone = false, timeDone = false
    var lastEvaluation: (examples: Double, result: Evaluation)? = nil
    func evaluate() throws -> Evaluation {
      if let last = lastEvaluation, last.examples == examples { return last.result }
      let result = try model.evaluate(validation, batchSize: 256)
      lastEvaluation = (examples, result)
      return result
    }
    training: while !(epochDone && timeDone) {
      for batch in try minibatches(count: train.count, batchSize: batchSize, using: &batchRNG) {
        let (x, steps, labels) = try train.timeMajorBatch(indices: batch)
        do {
          try model.trainStep(x: x, steps: steps, labels: labels)
        } catch is Divergence {
          metrics["diverged"] = 1
          for key in ["accEpochs", "lossEpochs", "accTime", "lossTime"] where metrics[key] == nil { metrics[key] = .nan }
          break training
        }
        examples += Double(batch.count)
        if !epochDone && examples >= epochPoint {
          let result = try evaluate()
          (metrics["accEpochs"], metrics["lossEpochs"]) = (result.accuracy, result.loss)
          epochDone = true
        }
        if !timeDone && examples >= timePoint {
          let result = try evaluate()
          (metrics["accTime"], metrics["lossTime"]) = (result.accuracy, result.loss)
          timeDone = true
        }
        if epochDone && timeDone { break training }
      }
    }
    return metrics
  }
}

// MARK: - Analysis

/// The three budgets.
enum Budget: String, CaseIterable, Sendable {
  case epochs, time, memory

  var title: String {
    switch self {
    case .epochs: "Fixed epochs"
    case .time: "Fixed time"
    case .memory: "Fixed memory"
    }
  }
}

/// A cell's cross-validated result at its best learning rate.
struct TunedCell {
  var accuracy: Double
  var standardDeviation: Double
  var loss: Double
  var learningRate: Double
  /// The accuracy of each replicate (fold x seed) at that learning rate, in replicate order.
  var perReplicate: [Double]
}

/// The best batch size at one T under one budget.
struct BestBatch {
  var batchSize: Int
  /// The best B of each replicate (fold x seed), each at the learning rates chosen on the mean.
  var perReplicate: [Int]
  /// The batch sizes whose accuracy is within one standard error of the best, paired over the replicates: mean(d) <=
  /// sd(d) / sqrt(n) with d_r = acc(best, r) - acc(B, r). The best is among them.
  var nearOptimal: [Int]
}

/// Everything measured in one study, tuned and summarised.
struct StudyOutcome {
  var study: Study
  var batchSizes: [Int]
  /// tuned[T][B][budget]; nil when no learning rate gave a finite result or the step does not fit the memory budget.
  var tuned: [Int: [Int: [Budget: TunedCell]]] = [:]
  /// best[T][budget]; nil when no batch size has a result.
  var best: [Int: [Budget: BestBatch]] = [:]

  init(study: Study, rows: [SweepRow], batchSizes: [Int], memoryBytes: [Int: [Int: Int]], memoryBudget: Int) throws {
    self.study = study
    self.batchSizes = batchSizes
    // Replicates are (fold, seed) pairs, in a fixed order.
    let replicates = Set(rows.compactMap { r in r.number("fold").flatMap { f in r.number("seed").map { "\(Int(f))/\(Int($0))" } } }).sorted()
    for t in study.lengths {
      for b in batchSizes {
        var byBudget: [Budget: TunedCell] = [:]
        for budget in Budget.allCases {
          if budget == .memory, memoryBytes[t]![b]! > memoryBudget { continue }
          let (accKey, lossKey) = budget == .time ? ("accTime", "lossTime") : ("accEpochs", "lossEpochs")
          var candidates: [TunedCell] = []
          let cellRows = rows.filter { $0.number("T") == Double(t) && $0.number("B") == Double(b) }
          for lr in Set(cellRows.compactMap { $0.number("lr") }).sorted() {
            let lrRows = cellRows.filter { $0.number("lr") == lr }
            let accuracy = replicates.map { id in
              lrRows.first { "\(Int($0.number("fold")!))/\(Int($0.number("seed")!))" == id }?.metric(accKey) ?? .nan
            }
            let losses = lrRows.compactMap { $0.metric(lossKey) }
            guard accuracy.allSatisfy(\.isFinite), !accuracy.isEmpty else { continue }
            candidates.append(TunedCell(
              accuracy: mean(accuracy), standardDeviation: standardDeviation(accuracy, whenFewerThanTwo: 0), loss: mean(losses), learningRate: lr,
              perReplicate: accuracy))
          }
          // The best learning rate: highest mean accuracy, ties broken by the lower mean loss.
          if let chosen = candidates.max(by: { ($0.accuracy, -$0.loss) < ($1.accuracy, -$1.loss) }) { byBudget[budget] = chosen }
        }
        tuned[t, default: [:]][b] = byBudget
      }
      for budget in Budget.allCases {
        let cells = batchSizes.compactMap { b in tuned[t]![b]![budget].map { (b, $0) } }
        guard let top = cells.max(by: { ($0.1.accuracy, -$0.1.loss) < ($1.1.accuracy, -$1.1.loss) }) else { continue }
        let perReplicate = replicates.indices.map { r in cells.max { $0.1.perReplicate[r] < $1.1.perReplicate[r] }!.0 }
        let near = cells.filter { _, cell in
          let d = zip(top.1.perReplicate, cell.perReplicate).map { $0 - $1 }
          return d.count < 2 || mean(d) <= standardError(d)
        }.map(\.0)
        best[t, default: [:]][budget] = BestBatch(batchSize: top.0, perReplicate: perReplicate, nearOptimal: near)
      }
    }
  }

  /// The trend of log2(best B) against log2(T) through every replicate's best B: the slope (doublings of B per
  /// doubling of T), its standard error and the smallest slope the design detects with 80% power (alpha 0.05), or nil
  /// with fewer than two lengths.
  func trend(_ budget: Budget) -> (slope: Double, standardError: Double, detectable: Double)? {
    let points = study.lengths.flatMap { t in (best[t]?[budget]?.perReplicate ?? []).map { (Foundation.log2(Double(t)), Foundation.log2(Double($0))) } }
    guard Set(points.map(\.0)).count >= 2, points.count >= 3 else { return nil }
    guard let fit = LineFit(x: points.map(\.0), y: points.map(\.1)) else { return nil }
    return (fit.slope, fit.slopeStandardError, Power.minimumDetectableSlope(of: fit))
  }

  /// The sign of the trend of `budget` when its 95% t interval excludes zero, else 0; nil without a trend.
  func significantTrend(_ budget: Budget) -> Int? {
    let points = study.lengths.flatMap { t in (best[t]?[budget]?.perReplicate ?? []).map { (Foundation.log2(Double(t)), Foundation.log2(Double($0))) } }
    guard points.count >= 3, let fit = LineFit(x: points.map(\.0), y: points.map(\.1)) else { return nil }
    return fit.trend()
  }

  /// "B = 16 (4–64)" with a note when it sits at an end of the grid.
  func describe(_ best: BestBatch) -> String {
    let edge = best.batchSize == batchSizes.first ? ", the smallest tried" : best.batchSize == batchSizes.last ? ", the largest tried" : ""
    let range = best.nearOptimal.count > 1 ? " (within 1 SE: \(best.nearOptimal.min()!)–\(best.nearOptimal.max()!)\(edge))" : (edge.isEmpty ? "" : " (\(edge.dropFirst(2)))")
    return "B = \(best.batchSize)\(range)"
  }

  /// One sentence per budget: the best B at the shortest and longest T and the trend.
  func summary() -> String {
    let t0 = study.lengths.first!, t1 = study.lengths.last!
    let parts = Budget.allCases.compactMap { budget -> String? in
      guard let a = best[t0]?[budget], let b = best[t1]?[budget] else { return nil }
      var text = "\(budget.rawValue) budget: \(describe(a)) at T = \(t0), \(describe(b)) at T = \(t1)"
      if let trend = trend(budget) {
        let verdict = significantTrend(budget) == 0
          ? "not significant (95% interval includes 0; the smallest slope this design detects with 80% power is "
            + "\(NumberText.fixed(trend.detectable, decimals: 2)))"
          : (trend.slope > 0 ? "larger B for longer T" : "smaller B for longer T")
        text += "; trend \(NumberText.fixed(trend.slope, decimals: 2)) ± \(NumberText.fixed(trend.standardError, decimals: 2)) doublings of B per doubling of T, \(verdict)"
      }
      return text
    }
    return "\(study.title): " + parts.joined(separator: "; ") + "."
  }

  /// The finding of this study in numbers.
  func finding(memoryBudget: ByteSize, calibration: [Int: [Int: Double]], referenceBatch: Int) -> String {
    var text = summary()
    let t0 = study.lengths.first!, t1 = study.lengths.last!, b0 = batchSizes.first!
    if t0 != t1, let short = calibration[t0], let long = calibration[t1], let s0 = short[b0], let sr = short[referenceBatch],
      let l0 = long[b0], let lr = long[referenceBatch]
    {
      let (a, b) = (s0 / sr, l0 / lr)
      text += " Per example, B = \(b0) cost x\(NumberText.fixed(a, decimals: 2)) the CPU time of B = \(referenceBatch) at T = \(t0) and "
        + "x\(NumberText.fixed(b, decimals: 2)) at T = \(t1): "
        + (a > b
          ? "the fixed cost of an update is spread over more steps in a longer sequence, so a time budget penalises small batches less at long T."
          : "here small batches did not get relatively cheaper at long T.")
    }
    let ruledOut = study.lengths.compactMap { t -> String? in
      guard let e = best[t]?[.epochs], let m = best[t]?[.memory], e.batchSize != m.batchSize else { return nil }
      return "T = \(t) (B = \(e.batchSize) did not fit; B = \(m.batchSize) instead)"
    }
    if !ruledOut.isEmpty { text += " The memory budget of \(memoryBudget) changed the answer at " + ruledOut.joined(separator: ", ") + "." }
    let differs = study.lengths.filter { t in best[t]?[.epochs]?.batchSize != best[t]?[.time]?.batchSize }
    text += " The time budget picked another B than the epoch budget at \(differs.count) of \(study.lengths.count) lengths."
    let accuracies = study.lengths.compactMap { t in best[t]?[.epochs].flatMap { tuned[t]?[$0.batchSize]?[.epochs]?.accuracy } }
    if let low = accuracies.min(), let high = accuracies.max() {
      text += " Best cross-validated accuracy under the epoch budget: \(NumberText.fixed(low, decimals: 3))–"
        + "\(NumberText.fixed(high, decimals: 3)) over T (chance \(NumberText.fixed(study.chance, decimals: 3)))."
    }
    return text
  }
}

OptimalBatch.main()
