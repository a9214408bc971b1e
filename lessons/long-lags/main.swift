// long-lags: how far back can a tanh RNN and an LSTM carry one bit of information? Accuracy on the temporal-order
// task as the lag between the marked symbols and the answer grows, over several seeds.
// Run: swift run -c release long-lags [--lags 5 10 20 40 80] [--seeds 3] [--updates 1000] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct LongLags: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "long-lags",
    abstract: "Accuracy of a tanh RNN and an LSTM on the temporal-order task as the time lag grows.")

  @OptionGroup var options: LessonOptions

  @Option(parsing: .upToNextOption, help: "Lags L: the second marked symbol is L steps before the answer.")
  var lags: [Int] = [5, 10, 20, 40, 80]

  @Option(help: "Steps before the second marked symbol (the first mark falls among them); T = lag + margin.")
  var margin = 10

  @Option(parsing: .upToNextOption, help: "Forget-gate biases b_f of the LSTMs compared (Keras: 1), one LSTM each.")
  var forgetBiases: [Double] = [1, 3]

  @Option(help: "Hidden units H of both models.")
  var hidden = 32

  @Option(help: "Sequences per batch B.")
  var batch = 32

  @Option(help: "Largest number of updates per run (a run stops early once it has learned the task).")
  var updates = 1000

  @Option(help: "Adam learning rate.")
  var learningRate = 0.003

  @Option(help: "A run has learned the task when its training accuracy, averaged over --stop-window batches, reaches this.")
  var stopAccuracy = 0.99

  @Option(help: "Batches the stopping accuracy is averaged over.")
  var stopWindow = 50

  @Option(help: "A lag counts as learned when the mean test accuracy over seeds reaches this.")
  var learnedAccuracy = 0.9

  @Option(help: "Seeds per model and lag.")
  var seeds = 3

  @Option(help: "Test sequences per lag.")
  var testCount = 512

  @Option(help: "Runs trained at the same time (default: one per processor core).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "First seed; runs use seed, seed + 1, ...")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard !lags.isEmpty, lags.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--lags must be at least 1 each") }
    guard margin >= 3 else { throw ValidationError("--margin must be at least 3") }
    guard stopWindow >= 1, stopWindow <= updates else { throw ValidationError("--stop-window must lie in 1 ... --updates") }
    guard hidden >= 1, batch >= 1, updates >= 20, seeds >= 1, testCount >= 1, workers >= 1 else {
      throw ValidationError("--hidden, --batch, --seeds, --test-count and --workers must be positive, --updates at least 20")
    }
    guard forgetBiases.allSatisfy(\.isFinite) else { throw ValidationError("--forget-biases must be numbers") }
    guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    guard stopAccuracy > 0.25 && stopAccuracy <= 1, learnedAccuracy > 0.25 && learnedAccuracy <= 1 else {
      throw ValidationError("--stop-accuracy and --learned-accuracy must lie above chance (0.25) and at most 1")
    }
  }

  func run() throws {
    let quick = options.quick
    let lags = quick ? [2, 4] : self.lags.sorted()
    let seeds = quick ? 1 : self.seeds
    let updates = quick ? 30 : self.updates
    let hidden = quick ? min(self.hidden, 8) : self.hidden
    let testCount = quick ? 64 : self.testCount
    var book = try Notebook(lesson: "long-lags", title: "Long time lags: where does each network stop learning?", options: options)

    book.markdown(
      """
      Hochreiter & Schmidhuber (1997) built the LSTM for tasks in which the information needed at the end arrived
      long before it. Their experiment 6a, the temporal-order task: a sequence of random distractor symbols holds two
      marked symbols, each X or Y, early on; at the last step the network must say which of XX, XY, YX, YY it saw.
      Nothing in between helps. The lag L is the distance from the second mark to the answer; the first mark is
      further back still. A tanh RNN must carry the two bits through L multiplications by diag(1 - h²) Uᵀ, and its
      gradient must come back the same way (see vanishing-gradients); the LSTM can keep them in its cell, where the
      gradient is multiplied only by the forget gate. The paper reports LSTM bridging lags of 1000 steps and more
      with enough training; here both networks get the same, small budget, and we find where each stops learning.
      """)

    book.experiment(
      "Test accuracy against the lag",
      details: """
        temporal-order task (8 one-hot symbols, 4 classes, chance 0.25): x_1 = E, first mark in x_2 ... x_\(margin - 1),
        second mark x_\(margin), then L - 1 distractors and the trigger: T = L + \(margin); L in \(lags.map(String.init).joined(separator: ", "))
        tanh RNN and LSTM (Keras initialisation: orthogonal U; LSTM forget-gate bias b_f = \(forgetBiases.map { NumberText.significant($0, digits: 3) }.joined(separator: " or "))), H = \(hidden), Dense softmax head, Float
        Adam(lr \(NumberText.significant(learningRate, digits: 3))), B = \(batch) fresh sequences per update, at most \(updates) updates,
        stop early when the training accuracy over \(stopWindow) batches reaches \(NumberText.significant(stopAccuracy, digits: 3))
        \(seeds) seed\(seeds == 1 ? "" : "s") per model and lag; test accuracy on \(testCount) new sequences
        """)
    let models = ["tanh RNN"] + forgetBiases.map { "LSTM, b_f = \(NumberText.significant($0, digits: 3))" }
    var cells: [Cell] = []
    for model in models.indices {
      for lag in lags { for s in 0..<seeds { cells.append(Cell(model: model, lag: lag, seed: seed + UInt64(s))) } }
    }
    let start = Date()
    let results = try parallelMap(cells.sorted { $0.lag > $1.lag }, workers: workers) { cell in
      try train(cell, hidden: hidden, updates: updates, testCount: testCount)
    }
    let elapsed = Date().timeIntervalSince(start)

    // Aggregate per model and lag.
    var table = Table(
      "Test accuracy per model and lag (\(seeds) seed\(seeds == 1 ? "" : "s") each)",
      columns: [
        .init("model", alignment: .left), .init("lag L"), .init("T"), .init("mean test accuracy", format: .fixed(decimals: 3)),
        .init("± sd", format: .fixed(decimals: 3)), .init("runs that learned", alignment: .right),
        .init("median updates (learned runs)", alignment: .right),
      ])
    var accuracyChart = Chart(
      title: "Temporal order: test accuracy against the lag", x: Axis("lag L (steps from the second mark to the answer)", scale: .log(base: 2)),
      y: Axis("test accuracy (mean ± sd over seeds)", range: 0...1.05, limits: 0...1))
    var speedChart = Chart(
      title: "Updates until the run learned the task", x: Axis("lag L (steps)", scale: .log(base: 2)),
      y: Axis("updates (median over the runs that learned)", scale: .log()))
    var longestLearned: [Int?] = []
    var meanAccuracies: [[Double]] = []
    for (model, name) in models.enumerated() {
      var means: [Double] = [], deviations: [Double] = [], speeds: [Double] = []
      for lag in lags {
        let runs = results.filter { $0.cell.model == model && $0.cell.lag == lag }
        let accuracies = runs.map(\.testAccuracy)
        let (mean, sd) = (LSTMLab.mean(accuracies), standardDeviation(accuracies, whenFewerThanTwo: 0))
        let learned = runs.filter { $0.learnedAt != nil }
        let medianUpdates = median(learned.compactMap(\.learnedAt).map(Double.init))
        means.append(mean)
        deviations.append(sd)
        speeds.append(medianUpdates)
        table.append([
          .text(name), .number(lag), .number(lag + margin), .number(mean), .number(sd), .text("\(learned.count)/\(runs.count)"),
          learned.isEmpty ? "–" : .number(medianUpdates),
        ])
      }
      accuracyChart.add(Series(name, x: lags, y: means, errors: deviations))
      speedChart.add(Series(name, x: lags, y: speeds))
      meanAccuracies.append(means)
      // The longest lag up to which every lag was learned.
      var longest: Int? = nil
      for (lag, mean) in zip(lags, means) {
        if mean >= learnedAccuracy { longest = lag } else { break }
      }
      longestLearned.append(longest)
    }
    accuracyChart.addReference(y: 0.25, title: "chance (0.25)")
    accuracyChart.addReference(y: learnedAccuracy, title: "learned (\(NumberText.significant(learnedAccuracy, digits: 2)))")
    try book.table(table)
    try book.chart(
      Figure(name: "accuracy-vs-lag", chart: accuracyChart, width: 1000, height: 620),
      caption: "Mean test accuracy over seeds with ± one standard deviation; the lag axis doubles at every tick. "
        + "Where a line falls to the lower dashed line the model no longer learns anything in its budget",
      isKey: true)
    try book.chart(
      Figure(name: "updates-vs-lag", chart: speedChart, width: 1000, height: 620),
      caption: "How long the runs that did learn took (stopping at training accuracy \(NumberText.significant(stopAccuracy, digits: 3))); "
        + "a missing point means no run learned at that lag within \(updates) updates")

    let heat = Heatmap(
      title: "Test accuracy of every run", x: Axis("lag L"), y: Axis("model, seed"),
      columns: lags.map(String.init),
      rows: models.indices.flatMap { model in (0..<seeds).map { "\(models[model]), seed \(seed + UInt64($0))" } },
      values: models.indices.flatMap { model in
        (0..<seeds).map { s in
          lags.map { lag in results.first { $0.cell.model == model && $0.cell.lag == lag && $0.cell.seed == seed + UInt64(s) }!.testAccuracy }
        }
      },
      colorLabel: "test accuracy (chance 0.25)", digits: 2)
    try book.chart(
      Figure(name: "accuracy-by-run", heatmap: heat, width: 1000, height: 160 + 60 * models.count * seeds),
      caption: "Every run: a lag can be learned by one seed and missed by another")

    let describe: (Int) -> String = { model in
      let name = models[model]
      let means = meanAccuracies[model]
      guard let longest = longestLearned[model] else {
        return "the \(name) learned no lag (mean accuracy \(NumberText.fixed(means.first ?? .nan, decimals: 2)) already at L = \(lags.first!))"
      }
      if let next = lags.first(where: { $0 > longest }), let index = lags.firstIndex(of: next) {
        return "the \(name) learned every lag up to L = \(longest) and stopped at L = \(next) "
          + "(mean test accuracy \(NumberText.fixed(means[index], decimals: 2)))"
      }
      return "the \(name) learned every lag up to the longest tried, L = \(longest)"
    }
    book.finding(
      "With \(updates) updates of \(batch) sequences at most, "
        + models.indices.map(describe).joined(separator: "; ")
        + " (learned: mean test accuracy ≥ \(NumberText.significant(learnedAccuracy, digits: 2)) over \(seeds) seed\(seeds == 1 ? "" : "s")). "
        + "The \(results.count) runs took \(NumberText.fixed(elapsed, decimals: 1)) s on \(workers) worker\(workers == 1 ? "" : "s").",
      isKey: true)
    book.markdown(
      """
      **Reading the result.** "Stops learning" means *within this budget*: a failed run sits at chance, where the
      gradient that reaches the marks is too small for the optimiser to find them (the vanishing-gradients lesson
      measures how small). More updates move every model's frontier. Two initial settings matter a lot: the
      orthogonal U that Keras gives the tanh RNN keeps its Jacobians near norm 1 at the start, a much stronger
      baseline than the small random weights of the 1990s; and the LSTM's forget-gate bias sets what its cell passes
      back per step at the start, σ(b_f): 0.73 for b_f = 1, 0.95 for b_f = 3.
      """)
    try book.finish()
  }

  /// Trains one model on one lag with one seed; stops early once the training accuracy over `stopWindow` batches reaches
  /// `stopAccuracy`; returns the test accuracy.
  func train(_ cell: Cell, hidden: Int, updates: Int, testCount: Int) throws -> CellResult {
    let steps = cell.lag + margin
    let task = TemporalOrderTask(lag: cell.lag)
    var model = Sequential {
      if cell.model == 0 {
        Layers.SimpleRNN(units: hidden)
      } else {
        Layers.LSTM(units: hidden, initializer: RecurrentInitializer.keras.withForgetBias(forgetBiases[cell.model - 1]))
      }
      Layers.Dense(units: 4, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam<Float>(learningRate: learningRate))
    try model.build(inputFeatures: TemporalOrderTask.symbols.count, seed: cell.seed)
    var dataRNG = SeededGenerator.derived(seed: cell.seed, stream: 1)
    var recent: [Double] = []
    var learnedAt: Int? = nil
    for update in 1...updates {
      let part = try task.generate(count: batch, steps: steps, using: &dataRNG)
      let data = try part.timeMajorBatch(indices: Array(0..<batch))
      let step = try model.trainStep(x: data.x, steps: steps, labels: data.labels)
      recent.append(step.accuracy)
      if recent.count > stopWindow { recent.removeFirst() }
      if recent.count == stopWindow && recent.reduce(0, +) / Double(stopWindow) >= stopAccuracy {
        learnedAt = update
        break
      }
    }
    var testRNG = SeededGenerator.derived(seed: 1000 + UInt64(cell.lag), stream: 2)  // the same test set for every run at a lag
    let test = try task.generate(count: testCount, steps: steps, using: &testRNG)
    let accuracy = try model.evaluate(test, batchSize: 256).accuracy
    return CellResult(cell: cell, testAccuracy: accuracy, learnedAt: learnedAt)
  }
}

/// One run: model 0 is the tanh RNN, model k ≥ 1 the LSTM with the k-th forget-gate bias.
struct Cell: Sendable {
  var model: Int
  var lag: Int
  var seed: UInt64
}

struct CellResult: Sendable {
  var cell: Cell
  var testAccuracy: Double
  /// The update at which the training accuracy over the stop window reached the stop level, or nil.
  var learnedAt: Int?
}

LongLags.main()
