// seed-examples: the seed article's three Keras examples, run in Swift, and what they do and do not show.
// Run: swift run -c release seed-examples [--samples 1000] [--epochs 10] [--batch-sizes 8 16 32 64] [--quick]
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
  }

  func run() throws {
    let quick = options.quick
    let samples = quick ? min(self.samples, 96) : self.samples
    let epochs = quick ? min(self.epochs, 2) : self.epochs
    let units = quick ? min(self.units, 16) : self.units
    let example2Steps = quick ? min(self.example2Steps, 40) : self.example2Steps
    let model = ArticleModel(units: units, epochs: epochs)

    var book = try Notebook(
      lesson: "seed-examples", title: "The seed article's examples: what they measure", options: options)
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

    // MARK: Example 3: batch size by cross-validation, on data with and without a signal

    book.markdown(
      """
      Example 3 trains the model at every batch size on \(folds - 1) of \(folds) folds and scores it on the fold it did
      not see, then keeps the batch size with the best mean score. Every batch size starts each fold from the same
      weights, so only B differs. An accuracy measured on n sequences has a standard error of
      sqrt(p (1 - p) / n) around its true value p (\(fixed((0.25 / Double(samples)).squareRoot(), 3)) for p = 1/2 and
      n = \(samples)): differences between batch sizes
      smaller than about two of those are noise. For the best against the worst batch size, which are scored on the
      same sequences, McNemar's test counts the sequences only one of them gets right: z = (b - c) / sqrt(b + c).
      """)

    // Chance: 1/C for the generated tasks (labels drawn uniformly), the majority class for the real set.
    let volatilityTask = VolatilityRegimeTask()
    let real = try realData(name: dataset, limit: quick ? samples : nil, seed: seed)
    let grids: [(title: String, data: LabeledSequences, chance: Double)] = try [
      ("random labels (the article's data)", {
        var rng = SeededGenerator.derived(seed: seed, stream: 3)
        return try randomTask.generate(count: samples, steps: example3Steps, using: &rng)
      }(), randomTask.chanceAccuracy),
      ("volatility regimes (GARCH, 3 classes)", {
        var rng = SeededGenerator.derived(seed: seed, stream: 4)
        return try volatilityTask.generate(count: samples, steps: example3Steps, using: &rng)
      }(), volatilityTask.chanceAccuracy),
      ("\(dataset) (real data)", real, real.majorityClassFraction),
    ]
    var results: [CrossValidationResult] = []
    var panels: [Figure.Panel] = []
    for grid in grids {
      let data = grid.data
      let steps = data.commonLength ?? 0
      book.experiment(
        "Example 3 on \(grid.title)",
        details: "\(data.count) sequences x \(steps) steps x \(data.featureCount) features, \(data.classNames.count) "
          + "classes (chance \(fixed(grid.chance, 3)), majority class \(fixed(data.majorityClassFraction, 3))); B in "
          + "\(batchSizes.map(String.init).joined(separator: ", ")), \(folds)-fold stratified cross-validation, "
          + "\(epochs) epochs, \(workers == 1 ? "one training" : "\(workers) trainings") at a time; seconds are wall clock "
          + "with the kernels' helper thread \(KernelThreads.current) (automatic: used only when a core looks free)")
      let result = try crossValidate(
        data, chance: grid.chance, model: model, batchSizes: batchSizes, folds: folds, seed: seed, workers: workers)
      results.append(result)

      var table = Table("Example 3 on \(grid.title)", columns: [
        .init("B"), .init("cross-validated accuracy", format: .fixed(decimals: 3)),
        .init("sd over folds", format: .fixed(decimals: 3)), .init("z against chance", format: .fixed(decimals: 1)),
        .init("updates per epoch"), .init("s per epoch", format: .fixed(decimals: 3)), .init("tape (bytes)"),
      ])
      for cell in result.cells {
        table.append([
          .number(cell.batchSize), .number(cell.accuracy), .number(cell.foldStandardDeviation),
          .number(result.zAgainstChance(cell)), .number(cell.updatesPerEpoch), .number(cell.secondsPerEpoch),
          .number(cell.tapeBytes),
        ])
      }
      try book.table(table)

      var chart = Chart(
        title: grid.title,
        x: Axis(
          "batch size B", scale: .log(base: 2),
          range: Double(batchSizes.min()!) / 1.3...Double(batchSizes.max()!) * 1.3),
        y: .fraction("cross-validated accuracy"))
      chart.add(
        Series(
          "mean of \(folds) folds, +- sd", x: result.cells.map(\.batchSize), y: result.cells.map(\.accuracy),
          errors: result.cells.map(\.foldStandardDeviation)))
      chart.addReference(y: result.chance, title: "chance")
      chart.addReference(y: result.chance + 2 * result.standardError, title: "chance + 2 standard errors", kind: .bound)
      panels.append(.chart(chart))

      let test = result.bestAgainstWorst
      book.finding(
        "On \(grid.title) the grid search picks B = \(test.best.batchSize) "
          + "(\(fixed(test.best.accuracy, 3))); the worst is B = \(test.worst.batchSize) (\(fixed(test.worst.accuracy, 3))). "
          + "Chance is \(fixed(result.chance, 3)) and one standard error is \(fixed(result.standardError, 3)). "
          + "Of the \(data.count) sequences, \(test.onlyBest) are right only at the best B and \(test.onlyWorst) only "
          + "at the worst: McNemar's z = \(fixed(test.z, 1)), "
          + (abs(test.z) < 2 ? "not a difference the data can tell from noise." : "a real difference."))
    }
    try book.chart(
      Figure(
        name: "example-3", title: "Example 3: batch size chosen by cross-validation", panels: panels,
        columns: panels.count, width: 1500, height: 500),
      caption: "Cross-validated accuracy against B: flat at chance on random labels, above chance where there is "
        + "something to learn",
      isKey: true)

    // MARK: What the examples show

    let random = results[0]
    let randomZ = random.cells.map { abs(random.zAgainstChance($0)) }.max()!
    var closing =
      "On the article's random labels the cross-validated accuracies are \(range(random)) against chance "
      + "\(fixed(random.chance, 2)), at most \(fixed(randomZ, 1)) standard errors away"
      + (randomZ < 2 ? ", every batch size at chance" : " (beyond 2 for one B: at this many B, one of them strays by luck)")
      + "; the best against the worst B gives McNemar's z = \(fixed(random.bestAgainstWorst.z, 1)), so the article's "
      + "grid search ranks noise."
    for (grid, result) in zip(grids.dropFirst(), results.dropFirst()) {
      let test = result.bestAgainstWorst
      let zs = result.cells.map { result.zAgainstChance($0) }
      closing +=
        " On \(grid.title): \(range(result)) against chance \(fixed(result.chance, 2)) "
        + "(z against chance \(fixed(zs.min()!, 1)) to \(fixed(zs.max()!, 1))); best B = \(test.best.batchSize) "
        + "against worst B = \(test.worst.batchSize): McNemar's z = \(fixed(test.z, 1)), "
        + (abs(test.z) >= 2 ? "a difference the data show." : "within noise.")
    }
    book.finding(closing, isKey: true)
    try book.finish()
  }

  /// "a-b": the lowest and highest cross-validated accuracy of a grid.
  func range(_ result: CrossValidationResult) -> String {
    "\(fixed(result.cells.map(\.accuracy).min()!, 3))-\(fixed(result.cells.map(\.accuracy).max()!, 3))"
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

// MARK: - Example 3: cross-validation over batch sizes

/// One batch size of an Example 3 grid.
struct CrossValidationCell: Sendable {
  var batchSize: Int
  /// Correct predictions over all held-out sequences divided by their number.
  var accuracy: Double
  /// Standard deviation of the per-fold accuracies.
  var foldStandardDeviation: Double
  /// Whether each sequence was classified correctly when it was held out.
  var correct: [Bool]
  var updatesPerEpoch: Int
  var secondsPerEpoch: Double
  var tapeBytes: Int
}

/// An Example 3 grid: one cell per batch size, and the statistics that say what its differences mean.
struct CrossValidationResult: Sendable {
  var cells: [CrossValidationCell]
  /// The accuracy of knowing nothing: 1/C when labels are drawn uniformly, else the majority-class fraction.
  var chance: Double
  var count: Int

  /// sqrt(p (1 - p) / n) at p = chance: the noise of an accuracy measured on n sequences by a model that knows
  /// nothing.
  var standardError: Double { (chance * (1 - chance) / Double(count)).squareRoot() }

  func zAgainstChance(_ cell: CrossValidationCell) -> Double { (cell.accuracy - chance) / standardError }

  /// The best and the worst batch size and McNemar's test between them (both scored on the same sequences).
  var bestAgainstWorst: (best: CrossValidationCell, worst: CrossValidationCell, onlyBest: Int, onlyWorst: Int, z: Double) {
    let best = cells.max { $0.accuracy < $1.accuracy }!, worst = cells.min { $0.accuracy < $1.accuracy }!
    let onlyBest = zip(best.correct, worst.correct).filter { $0 && !$1 }.count
    let onlyWorst = zip(best.correct, worst.correct).filter { !$0 && $1 }.count
    let z = onlyBest + onlyWorst == 0 ? 0 : Double(onlyBest - onlyWorst) / Double(onlyBest + onlyWorst).squareRoot()
    return (best, worst, onlyBest, onlyWorst, z)
  }
}

/// Trains the article's model for every (batch size, fold) of a stratified k-fold split of `data` and scores each
/// on its held-out fold. Each fold's model starts from the same weights for every batch size (seed + fold). The
/// trainings run on `workers` threads; each one depends only on its own batch size and fold, so the result does not
/// depend on the number of workers.
func crossValidate(
  _ data: LabeledSequences, chance: Double, model: ArticleModel, batchSizes: [Int], folds: Int, seed: UInt64, workers: Int
) throws -> CrossValidationResult {
  var rng = SeededGenerator.derived(seed: seed, stream: 6)
  let splits = try stratifiedKFold(labels: data.labels, folds: folds, using: &rng)
  let classes = data.classNames.count
  let jobs = batchSizes.flatMap { b in splits.indices.map { (batchSize: b, fold: $0) } }
  let outcomes = try parallelMap(jobs, workers: workers) { job -> (correct: [(Int, Bool)], history: History) in
    let split = splits[job.fold]
    let train = try data.subset(split.train), heldOut = try data.subset(split.validation)
    var network = model.make(classes: classes)
    let history = try network.fit(
      train, batchSize: job.batchSize, epochs: model.epochs, seed: seed &+ UInt64(job.fold), progress: .silent)
    if let divergence = history.divergence { throw ValidationError("B = \(job.batchSize), fold \(job.fold + 1): \(divergence)") }
    let predicted = try network.predictClasses(heldOut.sequences)
    return (zip(split.validation, zip(predicted, heldOut.labels).map { $0 == $1 }).map { ($0, $1) }, history)
  }
  var cells: [CrossValidationCell] = []
  for batchSize in batchSizes {
    let mine = zip(jobs, outcomes).filter { $0.0.batchSize == batchSize }.map(\.1)
    var correct = [Bool](repeating: false, count: data.count)
    for outcome in mine { for (index, right) in outcome.correct { correct[index] = right } }
    let foldAccuracies = mine.map { Double($0.correct.filter(\.1).count) / Double($0.correct.count) }
    cells.append(
      CrossValidationCell(
        batchSize: batchSize, accuracy: Double(correct.filter { $0 }.count) / Double(data.count),
        foldStandardDeviation: standardDeviation(foldAccuracies), correct: correct,
        updatesPerEpoch: mine[0].history.epochs.last?.updates ?? 0,
        secondsPerEpoch: mean(mine.map { medianEpochSeconds($0.history) }),
        tapeBytes: mine[0].history.tapeBytes))
  }
  return CrossValidationResult(cells: cells, chance: chance, count: data.count)
}

// MARK: - Number formatting

func fixed(_ value: Double, _ decimals: Int) -> String { NumberText.fixed(value, decimals: decimals) }

/// Bytes in KiB or MiB with two decimals.
func bytes(_ count: Int) -> String {
  let value = Double(count)
  return value >= 1_048_576 ? "\(fixed(value / 1_048_576, 2)) MiB" : "\(fixed(value / 1024, 1)) KiB"
}

SeedExamples.main()
