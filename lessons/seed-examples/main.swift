// seed-examples: the seed article's three Keras examples, run in Swift, and what they do and do not show.
// Run: swift run -c release seed-examples [--full | --quick] [--repetitions R] [--batch-sizes 8 16 32 64] [--fresh]
import ArgumentParser
import Foundation
import LSTMLab

struct SeedExamples: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seed-examples",
    abstract: "The seed article's Examples 1-3 (LSTM(64), Dense(2, softmax), Adam): what they measure.")

  @OptionGroup var options: LessonOptions

  @Option(help: "Sequences in each data set (the article: 1000).")
  var samples = 1000

  @Option(help: "Features per time step of the random data (the article: 5).")
  var features = 5

  @Option(help: "LSTM units (the article: 64).")
  var units = 64

  @Option(help: "Training epochs of every run (the article: 10).")
  var epochs = 10

  @Option(help: "Sequence length T of Example 1 (the article: 20).")
  var example1Steps = 20

  @Option(help: "Batch size B of Example 1 (the article: 64).")
  var example1Batch = 64

  @Option(help: "Sequence length T of Example 2 (the article: 200).")
  var example2Steps = 200

  @Option(help: "Batch size B of Example 2 (the article: 16).")
  var example2Batch = 16

  @Option(help: "Sequence length T of the Example 3 grid on the random and the volatility data.")
  var example3Steps = 20

  @Option(parsing: .upToNextOption, help: "Batch sizes Example 3 compares (the article: 8 16 32 64).")
  var batchSizes: [Int] = [8, 16, 32, 64]

  @Option(help: "Cross-validation folds of Example 3 (the article: 3).")
  var folds = 3

  @Option(help: "Repetitions of Example 3's cross-validation, each with its own folds and training seeds (default: 2 with --quick, 3 in the class tier, 10 with --full).")
  var repetitions: Int?

  @Flag(help: "Recompute every training of Example 3 instead of reusing the results saved by an earlier run.")
  var fresh = false

  @Option(help: "The real data set Example 3 is repeated on (train and test parts pooled, every series used).")
  var dataset = "ItalyPowerDemand"

  @Option(help: "Trainings of Example 3 run at once (default: the number of cores).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Seed of the data, the folds, the initial weights and the shuffles.")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard samples >= 2 * folds else { throw ValidationError("--samples must be at least twice --folds") }
    guard features >= 1, units >= 1, epochs >= 1 else {
      throw ValidationError("--features, --units and --epochs must be at least 1")
    }
    guard [example1Steps, example1Batch, example2Steps, example2Batch, example3Steps].allSatisfy({ $0 >= 1 }) else {
      throw ValidationError("sequence lengths and batch sizes must be at least 1")
    }
    guard !batchSizes.isEmpty, batchSizes.allSatisfy({ $0 >= 1 }) else {
      throw ValidationError("--batch-sizes needs positive batch sizes")
    }
    guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
    guard (repetitions ?? 2) >= 1 else { throw ValidationError("--repetitions must be at least 1") }
  }

  func run() throws {
    var book = try Notebook(
      lesson: "seed-examples", title: "The seed article's examples: what they measure", options: options)
    let samples = book.size(quick: min(self.samples, 96), class: self.samples, full: self.samples)
    let epochs = book.size(quick: min(self.epochs, 2), class: self.epochs, full: self.epochs)
    let units = book.size(quick: min(self.units, 16), class: self.units, full: self.units)
    let example2Steps = book.size(quick: min(self.example2Steps, 40), class: self.example2Steps, full: self.example2Steps)
    let repetitions = self.repetitions ?? book.size(quick: 2, class: 3, full: 10)
    let model = ArticleModel(units: units, epochs: epochs)
    book.markdown(
      """
      The seed article trains one small Keras model three ways. Its program, and the same program here:

      ```python
      model = Sequential([LSTM(64, input_shape=(T, 5)), Dense(2, activation="softmax")])
      model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
      model.fit(X, to_categorical(y), batch_size=B, epochs=10, validation_split=0.2)
      ```

      ```swift
      var model = Sequential { Layers.LSTM(units: 64); Layers.Dense(units: 2, activation: .softmax) }
      model.compile(loss: .categoricalCrossEntropy, optimizer: Adam())
      let history = try model.fit(x, y, batchSize: B, epochs: 10, validationSplit: 0.2, seed: 1)
      ```

      Its data are \(samples) sequences of T steps with \(features) features drawn at random, and labels drawn at
      random too, independently of the features. Example 1 trains at T = \(example1Steps), B = \(example1Batch);
      Example 2 at T = \(example2Steps), B = \(example2Batch) ("longer sequences need smaller batches"); Example 3
      picks B from \(batchSizes.map(String.init).joined(separator: ", ")) by \(folds)-fold cross-validation.
      Every run below uses Keras's defaults (glorot-uniform and orthogonal weights, forget-gate bias 1, Adam with
      lr 0.001, beta1 0.9, beta2 0.999, eps 1e-7) in Float32, for \(epochs) epochs.
      """)

    // MARK: Examples 1 and 2: time per epoch, tape bytes, accuracy

    let randomTask = RandomLabelsTask(featureCount: features, classCount: 2)
    var runs: [ExampleRun] = []
    for (name, steps, batch) in [
      ("Example 1", example1Steps, example1Batch), ("Example 2", example2Steps, example2Batch),
    ] {
      book.experiment(
        "\(name): T = \(steps), B = \(batch) on random labels",
        details: "\(samples) sequences x \(steps) steps x \(features) features, labels random; validationSplit 0.2; "
          + "LSTM(\(units)) -> Dense(2, softmax), Adam(), \(epochs) epochs, seed \(seed)")
      var rng = SeededGenerator.derived(seed: seed, stream: UInt64(steps))
      let data = try randomTask.generate(count: samples, steps: steps, using: &rng)
      var network = model.make(classes: 2)
      let history = try network.fit(
        data, batchSize: batch, epochs: epochs, validationSplit: 0.2, seed: seed, progress: .automatic)
      runs.append(ExampleRun(name: name, steps: steps, batch: batch, history: history))
    }

    var table = Table("Examples 1 and 2 on random labels", columns: [
      .init("example", alignment: .left), .init("T"), .init("B"), .init("updates per epoch"),
      .init("s per epoch (wall clock, kernel threads: \(KernelThreads.current))", format: .fixed(decimals: 3)),
      .init("sequences per s", format: .fixed(decimals: 0)),
      .init("tape (bytes)"), .init("tape formula (bytes)"), .init("train accuracy", format: .fixed(decimals: 3)),
      .init("validation accuracy", format: .fixed(decimals: 3)),
    ])
    for run in runs {
      let formula = LSTMTape<Float>.byteCount(steps: run.steps, batchSize: run.batch, inputSize: features, hiddenSize: units)
      table.append([
        .text(run.name), .number(run.steps), .number(run.batch), .number(run.history.epochs.last?.updates ?? 0),
        .number(run.secondsPerEpoch), .number(Double(run.history.trainingSamples) / run.secondsPerEpoch),
        .number(run.history.tapeBytes), .number(formula), .number(run.history.accuracy.last ?? .nan),
        .number(run.history.validationAccuracy.last ?? .nan),
      ])
    }
    try book.table(table)

    var accuracyChart = Chart(
      title: "Accuracy per epoch on random labels", x: Axis("epoch"), y: Axis("accuracy", range: 0.3...0.8))
    for run in runs {
      accuracyChart.add(Series("\(run.name) training", y: run.history.accuracy))
      accuracyChart.add(Series("\(run.name) validation", y: run.history.validationAccuracy))
    }
    accuracyChart.addReference(y: 0.5, title: "chance (1/2)")
    try book.chart(
      Figure(name: "examples-1-2", chart: accuracyChart),
      caption: "Training accuracy may creep above 1/2 (memorised noise); validation accuracy stays at chance")

    let (first, second) = (runs[0], runs[1])
    let tapeRatio = Double(second.history.tapeBytes) / Double(first.history.tapeBytes)
    let productRatio = Double(second.steps * second.batch) / Double(first.steps * first.batch)
    let validationError = (0.25 / Double(first.history.validationSamples)).squareRoot()
    let validationZ = runs.map { abs(($0.history.validationAccuracy.last ?? .nan) - 0.5) / validationError }.max()!
    book.finding(
      "Example 2's tape holds \(bytes(second.history.tapeBytes)) against Example 1's \(bytes(first.history.tapeBytes)): "
        + "\(fixed(tapeRatio, 2))x, as T x B grew \(fixed(productRatio, 2))x. An epoch took "
        + "\(fixed(second.secondsPerEpoch, 2)) s against \(fixed(first.secondsPerEpoch, 2)) s "
        + "(\(fixed(second.secondsPerEpoch / first.secondsPerEpoch, 1))x for \(fixed(Double(second.steps) / Double(first.steps), 0))x "
        + "the steps). Validation accuracy ended at \(fixed(first.history.validationAccuracy.last ?? .nan, 3)) and "
        + "\(fixed(second.history.validationAccuracy.last ?? .nan, 3)), at most \(fixed(validationZ, 1)) standard errors "
        + "(\(fixed(validationError, 3)) on \(first.history.validationSamples) sequences) from 1/2"
        + (validationZ < 2 ? ": chance, the right answer on random labels." : ", further than noise usually goes."))

    // MARK: Example 3: batch size by cross-validation, repeated with other seeds, at two budgets

    let (smallest, largest) = (batchSizes.min()!, batchSizes.max()!)
    let design = RepeatedCrossValidation(repetitions: repetitions, folds: folds)
    let schedule = Schedule(epochs: epochs, smallestBatch: smallest)
    let tests = 2 * 3  // B = smallest against B = largest, at two budgets, on three data sets
    let alpha = 0.05 / Double(tests)
    book.markdown(
      """
      Example 3 trains the model at every batch size on \(folds - 1) of \(folds) folds, scores it on the fold it did not
      see, and keeps the batch size with the best mean score. Run once, as the article runs it, the ranking mixes
      three kinds of chance with the effect of B: which sequences fell in which fold, the initial weights, and the
      order of the batches. Every batch size of a fold starts from the same weights, so they are compared on the same
      luck; to see how much luck there is, the whole cross-validation is repeated \(repetitions) times, each
      repetition with its own folds and its own training seeds (repetition 1 is the article's run).

      The \(design.units) held-out scores of one batch size are not independent (the folds' training sets overlap and
      every repetition re-uses the same sequences), so the intervals and tests use the corrected resampled t of
      Nadeau and Bengio (2003): SE = sqrt((1/n + n_test/n_train) s^2) with n = \(design.units) scores and
      n_test/n_train = \(fixed(design.testToTrainRatio, 2)), on n - 1 degrees of freedom. The plain t test would
      divide by n alone and call differences real that a new seed erases; McNemar's test on one run's pooled
      predictions (the previous version of this lesson) ignores the training seed altogether (Dietterich 1998).
      The test compares B = \(smallest) with B = \(largest), the ends of the article's grid, chosen before the run, on
      the paired differences of each repetition and fold; with \(tests) such tests (two budgets, three data sets) a
      difference counts as resolved at p < 0.05 / \(tests) = \(fixed(alpha, 4)) (Bonferroni).

      Each batch size trains at two budgets. **Fixed epochs**, the article's: \(epochs) epochs for every B, so B =
      \(largest) makes \(largest / smallest)x fewer Adam updates than B = \(smallest) at the same learning rate.
      **Equal updates**: \(epochs) x B / \(smallest) epochs (B = \(largest): \(schedule.epochs(largest))), so every B
      takes about as many steps as B = \(smallest) takes in \(epochs) epochs and sees more sequences. The first budget
      asks the article's question; the second asks whether B still matters once the number of steps does not differ.
      """)

    // Chance: 1/C for the generated tasks (labels drawn uniformly), the majority class for the real set.
    let volatilityTask = VolatilityRegimeTask()
    let real = try realData(name: dataset, limit: book.isQuick ? samples : nil, seed: seed)
    var randomStream = SeededGenerator.derived(seed: seed, stream: 3)
    var volatilityStream = SeededGenerator.derived(seed: seed, stream: 4)
    let sets = try [
      Example3Data(
        key: "random", title: "random labels (the article's data)",
        data: randomTask.generate(count: samples, steps: example3Steps, using: &randomStream),
        chance: randomTask.chanceAccuracy, repetitions: repetitions, folds: folds, seed: seed),
      Example3Data(
        key: "volatility", title: "volatility regimes (GARCH, 3 classes)",
        data: volatilityTask.generate(count: samples, steps: example3Steps, using: &volatilityStream),
        chance: volatilityTask.chanceAccuracy, repetitions: repetitions, folds: folds, seed: seed),
      Example3Data(
        key: dataset, title: "\(dataset) (real data)", data: real, chance: real.majorityClassFraction,
        repetitions: repetitions, folds: folds, seed: seed),
    ]
    let dataLines: [String] = sets.map { set in
      "\(set.title): \(set.data.count) sequences x \(set.data.commonLength ?? 0) steps x \(set.data.featureCount) "
        + "features, \(set.data.classNames.count) classes (chance \(fixed(set.chance, 3)))"
    }
    let budgets: String = batchSizes.map { "B = \($0): \(schedule.epochs($0))" }.joined(separator: ", ")
    book.experiment(
      "Example 3, repeated: \(repetitions) x \(folds)-fold cross-validation at two budgets",
      details: dataLines.joined(separator: "\n")
        + "\nB in \(batchSizes.map(String.init).joined(separator: ", ")); fixed epochs: \(epochs); equal updates: \(budgets) "
        + "epochs; \(design.units) trainings per batch size, budget and data set, \(workers) at a time (wall-clock "
        + "seconds, the kernels' helper thread \(KernelThreads.current))")

    // One training per (repetition, data set, fold, B, budget); book.sweep saves each row as it finishes, so an
    // interrupted run resumes, and keys the file on these settings and this build of the code.
    let grid = try SweepGrid([
      SweepAxis("rep", Array(1...repetitions)), SweepAxis("data", sets.map(\.key)), SweepAxis("fold", Array(1...folds)),
      SweepAxis("B", batchSizes), SweepAxis("budget", Budget.allCases.map(\.rawValue)),
    ])
    let sweep = try book.sweep(
      "example-3", grid: grid, metrics: Example3Run.metrics,
      settings: "N=\(samples) F=\(features) H=\(units) E=\(epochs) T=\(example3Steps) k=\(folds) Bmin=\(smallest) "
        + "data=\(dataset) seed=\(seed) quick=\(book.isQuick)",
      fresh: fresh, workers: workers
    ) { cell in
      let set = sets.first { $0.key == cell["data"] }!
      let budget = Budget(rawValue: try cell.string("budget"))!
      let batch = try cell.int("B")
      return try set.train(
        model, repetition: try cell.int("rep") - 1, fold: try cell.int("fold") - 1, batchSize: batch,
        epochs: budget == .fixedEpochs ? epochs : schedule.epochs(batch), seed: seed)
    }
    // Only this run's cells: the results file may also hold rows of a larger run with the same settings (a --full run
    // before this class run), which must not enter this run's statistics.
    let cellIDs = Set(grid.cells.map(\.id))
    let allRuns = try sweep.results.rows.filter { cellIDs.contains($0.cellID) }.map(Example3Run.init(row:))

    var accuracyPanels: [Figure.Panel] = [], differencePanels: [Figure.Panel] = []
    var testTable = Table(
      "B = \(smallest) against B = \(largest): corrected resampled t over \(design.units) paired scores", columns: [
        .init("data", alignment: .left), .init("budget", alignment: .left),
        .init("mean difference [95%]", alignment: .left), .init("t", format: .fixed(decimals: 2)),
        .init("p", format: .significant(2)), .init("detectable (80% power, level \(fixed(alpha, 4)))", format: .fixed(decimals: 3)),
      ])
    var sentences: [String] = []
    for set in sets {
      // The runs of one budget and batch size in (repetition, fold) order, so that two lists pair up.
      func runs(_ budget: Budget, _ batch: Int) -> [Example3Run] {
        allRuns.filter { $0.data == set.key && $0.budget == budget && $0.batchSize == batch }
          .sorted { ($0.repetition, $0.fold) < ($1.repetition, $1.fold) }
      }
      func scores(_ budget: Budget, _ batch: Int) -> [Double] { runs(budget, batch).map(\.accuracy) }
      // The article's procedure, once per repetition: the B with the best mean over the folds at fixed epochs.
      let picks = (1...repetitions).map { rep in
        batchSizes.max { b1, b2 in
          let m1 = mean(runs(.fixedEpochs, b1).filter { $0.repetition == rep }.map(\.accuracy))
          let m2 = mean(runs(.fixedEpochs, b2).filter { $0.repetition == rep }.map(\.accuracy))
          return m1 < m2 || (m1 == m2 && b1 > b2)
        }!
      }
      var table = Table("Example 3 on \(set.title): held-out accuracy, mean of \(design.units) [95%]", columns: [
        .init("B"), .init("updates (\(epochs) epochs)"), .init("accuracy, \(epochs) epochs", alignment: .left),
        .init("the article's run", format: .fixed(decimals: 3)), .init("picked in (of \(repetitions))"),
        .init("updates (equal)"), .init("accuracy, equal updates", alignment: .left),
        .init("s per epoch", format: .fixed(decimals: 3)),
      ])
      for b in batchSizes {
        let article = runs(.fixedEpochs, b).filter { $0.repetition == 1 }.map(\.accuracy)
        table.append([
          .number(b), .number(mean(runs(.fixedEpochs, b).map(\.updates))),
          .text(design.interval(of: scores(.fixedEpochs, b)).description), .number(mean(article)),
          .number(picks.filter { $0 == b }.count), .number(mean(runs(.equalUpdates, b).map(\.updates))),
          .text(design.interval(of: scores(.equalUpdates, b)).description),
          .number(median(runs(.fixedEpochs, b).map(\.secondsPerEpoch))),
        ])
      }
      try book.table(table)

      var accuracy = Chart(
        title: "\(set.title), chance \(fixed(set.chance, 2))",
        x: Axis("batch size B", scale: .log(base: 2), range: Double(smallest) / 1.4...Double(largest) * 1.4),
        y: Axis("held-out accuracy"), key: .below)
      var difference = Chart(
        title: set.title,
        x: Axis("batch size B", scale: .log(base: 2), range: Double(smallest) * 1.4...Double(largest) * 1.4),
        y: Axis("accuracy(B) - accuracy(B = \(smallest))"), key: .below)
      for (budget, shift) in [(Budget.fixedEpochs, 1 / 1.08), (.equalUpdates, 1.08)] {
        let intervals = batchSizes.map { design.interval(of: scores(budget, $0)) }
        accuracy.add(
          Series(
            "\(budget.title(epochs: epochs)): mean, 95% interval", x: batchSizes.map { Double($0) * shift },
            y: intervals.map(\.estimate), lower: intervals.map(\.lower), upper: intervals.map(\.upper)))
        let larger = batchSizes.filter { $0 != smallest }
        let differences = larger.map { b in design.compare(scores(budget, b), scores(budget, smallest))!.difference }
        difference.add(
          Series(
            "\(budget.title(epochs: epochs)), 95% interval", x: larger.map { Double($0) * shift },
            y: differences.map(\.estimate), lower: differences.map(\.lower), upper: differences.map(\.upper)))
      }
      accuracy.add(
        Series(
          "repetition 1 (the article's run)", x: batchSizes,
          y: batchSizes.map { b in mean(runs(.fixedEpochs, b).filter { $0.repetition == 1 }.map(\.accuracy)) },
          style: .points))
      if set.key == "random" { accuracy.addReference(y: set.chance, title: "chance") }
      difference.addReference(y: 0, title: "no difference", kind: .level)
      accuracyPanels.append(.chart(accuracy))
      differencePanels.append(.chart(difference))

      var results: [String] = []
      for budget in Budget.allCases {
        let a = scores(budget, smallest), b = scores(budget, largest)
        guard let test = design.compare(a, b) else { continue }
        let detectable = design.minimumDetectableDifference(
          sdOfDifferences: standardDeviation(zip(a, b).map { $0 - $1 }), alpha: alpha)
        testTable.append([
          .text(set.title), .text(budget.title(epochs: epochs)), .text(test.difference.description),
          .number(test.statistic), .number(test.pValue), .number(detectable),
        ])
        book.finding("\(set.key): accuracy(B=\(smallest)) - accuracy(B=\(largest)), \(budget.name(epochs: epochs))", test.difference)
        results.append(
          "\(budget.title(epochs: epochs)) \(signed(test.difference)) (p = \(NumberText.significant(test.pValue, digits: 2)), "
            + (test.pValue < alpha ? "resolved" : "not resolved; the design detects \(fixed(detectable, 3))") + ")")
      }
      let gain = design.compare(scores(.equalUpdates, largest), scores(.fixedEpochs, largest))!
      book.finding("\(set.key): accuracy(B=\(largest)), equal updates - \(epochs) epochs", gain.difference)
      testTable.append([
        .text(set.title), .text("B = \(largest): equal updates - \(epochs) epochs"), .text(gain.difference.description),
        .number(gain.statistic), .number(gain.pValue), .text(""),
      ])
      let pickCounts = batchSizes.map { b in (b, picks.filter { $0 == b }.count) }.filter { $0.1 > 0 }
      sentences.append(
        "On \(set.title), B = \(smallest) minus B = \(largest): " + results.joined(separator: "; ")
          + "; equal updates moved B = \(largest) by \(signed(gain.difference)). The article's procedure picked "
          + pickCounts.map { "B = \($0.0) in \($0.1)" }.joined(separator: ", ") + " of \(repetitions) repetitions")
    }
    try book.table(testTable)
    try book.chart(
      Figure(
        name: "example-3", title: "Example 3 repeated: held-out accuracy against B at two budgets", panels: accuracyPanels,
        columns: accuracyPanels.count, width: 1500, height: 500),
      caption: "Mean held-out accuracy of \(repetitions) x \(folds)-fold cross-validation with corrected 95% intervals, "
        + "at \(epochs) epochs (left of each B) and at equal updates (right); open circles: the article's single run",
      isKey: true)
    try book.chart(
      Figure(
        name: "example-3-differences", title: "Each B against B = \(smallest), paired by repetition and fold",
        panels: differencePanels, columns: differencePanels.count, width: 1500, height: 500),
      caption: "accuracy(B) - accuracy(B = \(smallest)) with corrected 95% intervals: below 0, the larger batch is worse")

    // MARK: What the examples show

    book.finding(
      "Example 3, repeated \(repetitions) times with other folds and seeds (\(design.units) paired scores per batch size, "
        + "corrected resampled t, \(tests) tests at level \(fixed(alpha, 4))): " + sentences.joined(separator: ". ") + ".",
      isKey: true)
    try book.finish()
  }

  /// "+0.012 [-0.004, 0.029]": a difference with its interval, signed.
  func signed(_ interval: ConfidenceInterval) -> String {
    (interval.estimate > 0 ? "+" : "") + interval.description
  }

  /// The real data set with its train and test parts pooled (the article cross-validates one pool), at most `limit`
  /// sequences (a stratified choice) in quick runs.
  func realData(name: String, limit: Int?, seed: UInt64) throws -> LabeledSequences {
    let dataset = try Dataset.named(name)
    var pooled = dataset.train
    pooled.sequences += dataset.test.sequences
    pooled.labels += dataset.test.labels
    pooled.name = name
    guard pooled.commonLength != nil else {
      throw ValidationError("\(name) has sequences of different lengths; pick a data set of equal-length series")
    }
    guard let limit, limit < pooled.count else { return pooled }
    var rng = SeededGenerator.derived(seed: seed, stream: 5)
    let split = try stratifiedSplit(labels: pooled.labels, validationFraction: Double(limit) / Double(pooled.count), using: &rng)
    return try pooled.subset(split.validation, name: name)
  }
}

// MARK: - The article's model and the runs

/// LSTM(units) then Dense(classes, softmax), Adam with Keras's defaults, categorical cross-entropy.
struct ArticleModel: Sendable {
  var units: Int
  var epochs: Int

  func make(classes: Int) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: units)
      Layers.Dense(units: classes, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam())
    return model
  }
}

/// One of Examples 1 and 2.
struct ExampleRun {
  var name: String
  var steps: Int
  var batch: Int
  var history: History

  /// Median seconds of the epochs after the first (the first pays for warming caches), or the only epoch.
  var secondsPerEpoch: Double { medianEpochSeconds(history) }
}

/// The median wall-clock seconds of the epochs after the first.
func medianEpochSeconds(_ history: History) -> Double {
  median((history.epochs.count > 1 ? history.epochs.dropFirst() : history.epochs[...]).map(\.seconds))
}

// MARK: - Number formatting

func fixed(_ value: Double, _ decimals: Int) -> String { NumberText.fixed(value, decimals: decimals) }

/// Bytes in KiB or MiB with two decimals.
func bytes(_ count: Int) -> String {
  let value = Double(count)
  return value >= 1_048_576 ? "\(fixed(value / 1_048_576, 2)) MiB" : "\(fixed(value / 1024, 1)) KiB"
}

SeedExamples.main()
