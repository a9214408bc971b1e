// exploding-gradients: a tanh RNN with a large recurrent spectral radius, trained with plain SGD, meets gradient-norm
// spikes and loss blow-ups; the same runs with global-norm, per-tensor and element-wise clipping, and without clipping
// at smaller learning rates.
// Run: swift run -c release exploding-gradients [--radius 2] [--learning-rate 0.1] [--global-multiples 1 4] [--quick | --full]
import ArgumentParser
import Foundation
import LSTMLab

struct ExplodingGradients: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exploding-gradients",
    abstract: "Gradient-norm spikes and loss blow-ups, and what the three kinds of clipping do about them.")

  @OptionGroup var options: LessonOptions

  @Option(help: "Spectral radius ρ of the tanh RNN's recurrent kernel U (ρ times an orthogonal matrix).")
  var radius = 2.0

  @Option(help: "Hidden units H.")
  var hidden = 32

  @Option(help: "Sequences per batch B.")
  var batch = 32

  @Option(help: "Lag L of the temporal-order task (the second marked symbol is L steps before the answer).")
  var lag = 10

  @Option(help: "Steps before the second marked symbol; T = lag + margin.")
  var margin = 5

  @Option(help: "Plain SGD learning rate η (no momentum, as in Pascanu et al.'s experiments).")
  var learningRate = 0.1

  @Option(help: "Updates per run.")
  var updates = 600

  @Option(help: "Seeds (weights and data) per setting (default: 2 quick, 10 class, 30 full).")
  var seeds: Int?

  @Option(
    parsing: .upToNextOption,
    help: "Global-norm thresholds as multiples of the typical (median) gradient norm of the unclipped run.")
  var globalMultiples: [Double] = [1, 4]

  @Option(help: "Per-tensor threshold (every tensor's own norm), as a multiple of the typical global norm.")
  var perTensorMultiple = 1.0

  @Option(help: "Element-wise limit ±c, as a multiple of the typical global norm.")
  var elementwiseMultiple = 0.1

  @Option(parsing: .upToNextOption, help: "The control runs without clipping use these fractions of the learning rate.")
  var smallerRates: [Double] = [0.5]

  @Option(help: "A loss spike is an update whose loss exceeds the median of the 20 before it by this many nats.")
  var spikeNats = 1.0

  @Option(help: "A blow-up is an update whose loss is this many times the median of the 20 before it, or not finite.")
  var jumpFactor = 10.0

  @Option(help: "Test sequences for the final accuracy.")
  var testCount = 512

  @Option(help: "First seed; the runs use seed, seed + 1, ...")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard radius > 0, hidden >= 1, batch >= 1 else { throw ValidationError("--radius, --hidden and --batch must be positive") }
    guard lag >= 1, margin >= 3 else { throw ValidationError("--lag must be at least 1 and --margin at least 3") }
    guard learningRate > 0, updates >= 20, (seeds ?? 1) >= 1, jumpFactor > 1 else {
      throw ValidationError("--learning-rate must be positive, --updates at least 20, --seeds at least 1, --jump-factor above 1")
    }
    guard !globalMultiples.isEmpty, globalMultiples.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("--global-multiples must be positive numbers")
    }
    guard perTensorMultiple > 0, elementwiseMultiple > 0, spikeNats > 0 else {
      throw ValidationError("--per-tensor-multiple, --elementwise-multiple and --spike-nats must be positive")
    }
    guard smallerRates.allSatisfy({ $0 > 0 && $0 < 1 }) else { throw ValidationError("--smaller-rates must lie in (0, 1)") }
    guard testCount >= 1 else { throw ValidationError("--test-count must be at least 1") }
  }

  func run() throws {
    let quick = options.quick
    let updates = quick ? 40 : self.updates
    let seeds = self.seeds ?? (quick ? 2 : options.full ? 30 : 10)
    let hidden = quick ? min(self.hidden, 8) : self.hidden
    let testCount = quick ? 64 : self.testCount
    let steps = lag + margin
    let rate = NumberText.significant(learningRate, digits: 3)
    var book = try Notebook(lesson: "exploding-gradients", title: "Exploding gradients and three ways to clip them", options: options)

    book.markdown(
      """
      Backpropagation through time multiplies the gradient by one Jacobian per step, J_t = diag(1 - h_t²) Uᵀ for a
      tanh RNN. When the product grows, one batch can produce a gradient many times larger than usual, and one plain
      SGD step θ ← θ - η g throws the weights far away: the loss jumps up, or becomes NaN. Pascanu, Mikolov & Bengio
      (2013) showed that growth needs the largest singular value of U above 1 (necessary, not sufficient) and
      proposed to rescale the whole gradient when its norm exceeds a threshold c:

          if ‖g‖ > c:  g ← g · c / ‖g‖          (global-norm clipping: Keras global_clipnorm, PyTorch clip_grad_norm_)

      Two other rules are also called clipping: per-tensor (each weight matrix on its own, Keras clipnorm) and
      element-wise (every component clamped to ±c, Keras clipvalue). This lesson trains the same tanh RNN with
      each rule, from the same weights on the same batches, over several seeds; and, as a control, without clipping
      at smaller learning rates.
      """)

    // MARK: - The settings, each run for every seed

    var settings = [Setting(name: "no clipping", kind: .none, rateFactor: 1)]
    settings += globalMultiples.map { Setting(name: "global norm ≤ \(NumberText.significant($0, digits: 2))× median", kind: .global($0), rateFactor: 1) }
    settings.append(Setting(name: "per tensor ≤ \(NumberText.significant(perTensorMultiple, digits: 2))× median", kind: .perTensor(perTensorMultiple), rateFactor: 1))
    settings.append(Setting(name: "element-wise ±\(NumberText.significant(elementwiseMultiple, digits: 2))× median", kind: .elementwise(elementwiseMultiple), rateFactor: 1))
    settings += smallerRates.map { Setting(name: "no clipping, η = \(NumberText.significant($0 * learningRate, digits: 3))", kind: .none, rateFactor: $0) }

    book.experiment(
      "Every setting, \(seeds) seed\(seeds == 1 ? "" : "s") each",
      details: """
        temporal-order task, lag L = \(lag), T = \(steps), B = \(batch); fresh batches (the same for every setting of a seed)
        tanh RNN, H = \(hidden), U = ρ · orthogonal with ρ = \(NumberText.significant(radius, digits: 3)); Dense softmax head; Float
        plain SGD, η = \(rate) unless the setting says otherwise; \(updates) updates; seeds \(seed) ... \(seed + UInt64(seeds) - 1)
        median = the median gradient norm of the same seed's unclipped run (Pascanu's "average norm", robust to spikes)
        loss spike: loss > the median of the 20 updates before it + \(NumberText.significant(spikeNats, digits: 2)) nats
        solved: training accuracy, averaged over 20 batches, reaches 0.9
        blow-up: the loss, averaged over 10 updates, rises to \(NumberText.significant(jumpFactor, digits: 2))× its lowest earlier 10-update mean and to at least ln 4 / \(NumberText.significant(jumpFactor, digits: 2)), or is not finite
        diverged: a blow-up, and the run ends unsolved (training accuracy over its last 20 updates below 0.9)
        fractions of seeds: 95% Wilson intervals; clipping against none: Fisher's exact test on the 2 x 2 table of runs
        """ + "\n" + settings.map(\.name).joined(separator: "\n"))
    var logs = Array(repeating: [TrainingLog](), count: settings.count)  // logs[setting][seed]
    var typicalNorms: [Double] = []
    for s in 0..<seeds {
      let experiment = Experiment(
        hidden: hidden, batch: batch, lag: lag, steps: steps, radius: radius, updates: updates, testCount: testCount,
        spikeNats: spikeNats, jumpFactor: jumpFactor, seed: seed + UInt64(s))
      let unclipped = try experiment.train(.none, learningRate: learningRate)
      let typical = median(unclipped.rawNorms.filter(\.isFinite))
      typicalNorms.append(typical)
      logs[0].append(unclipped)
      for index in settings.indices.dropFirst() {
        let setting = settings[index]
        logs[index].append(try experiment.train(setting.rule(typical: typical), learningRate: setting.rateFactor * learningRate))
      }
    }
    // Rescues: seeds whose unclipped run diverged while the same seed (same weights, same batches) under a global-norm
    // threshold did not diverge. The charts of single runs show the first rescued seed (else the first seed).
    let globalIndices = settings.indices.filter { settings[$0].isGlobal }
    func rescues(_ index: Int) -> [Int] {
      (0..<seeds).filter { logs[0][$0].diverged && !logs[index][$0].diverged }
    }
    let pascanuIndex = globalIndices.max { a, b in
      (rescues(a).count, logs[a].filter { $0.updatesToSolve != nil }.count, -a)
        < (rescues(b).count, logs[b].filter { $0.updatesToSolve != nil }.count, -b)
    }!
    let shownSeed = rescues(pascanuIndex).first ?? (0..<seeds).first { logs[0][$0].diverged } ?? 0
    let first = logs.map { $0[shownSeed] }  // the runs of the shown seed, for the charts of single runs

    // MARK: - Table over seeds

    var table = Table(
      "Every setting over \(seeds) seed\(seeds == 1 ? "" : "s") (means; same weights and batches within a seed)",
      columns: [
        .init("setting", alignment: .left), .init("updates clipped", format: .fixed(decimals: 2)),
        .init("mean cos(raw, clipped)", format: .fixed(decimals: 4)), .init("largest step η‖g‖", format: .significant(3)),
        .init("largest ‖Δθ‖/‖θ‖", format: .significant(2)), .init("largest loss jump of a batch in one step (×)", format: .significant(2)),
        .init("loss spikes", format: .fixed(decimals: 1)), .init("blew up", alignment: .right),
        .init("diverged [95% Wilson]", alignment: .right), .init("solved [95% Wilson]", alignment: .right),
        .init("median updates to solve", alignment: .right), .init("mean test accuracy", format: .fixed(decimals: 3)),
      ])
    var summaries: [Summary] = []
    for (setting, runs) in zip(settings, logs) {
      let summary = Summary(setting: setting, runs: runs)
      summaries.append(summary)
      table.append([
        .text(setting.name), .number(summary.clippedFraction), .number(summary.meanCosine), .number(summary.largestStep),
        .number(summary.largestRelativeStep), .number(summary.largestJump), .number(summary.meanSpikes), .text("\(summary.blewUp)/\(runs.count)"), .text(ConfidenceInterval.wilsonText(summary.diverged, runs.count)),
        .text(ConfidenceInterval.wilsonText(summary.solved, runs.count)),
        summary.medianUpdatesToSolve.map { .text("\($0)") } ?? "–", .number(summary.meanAccuracy),
      ])
    }
    try book.table(table)

    // MARK: - Charts of the first seed

    let pascanuName = settings[pascanuIndex].name
    let typical = typicalNorms[shownSeed]
    let shownSeedNumber = seed + UInt64(shownSeed)
    var panels: [Figure.Panel] = []
    let shown = [0, pascanuIndex] + settings.indices.filter { settings[$0].isPerTensor || settings[$0].isElementwise }
    for index in shown {
      let log = first[index]
      var chart = Chart(
        title: settings[index].name, x: Axis("update"), y: Axis("global gradient norm ‖g‖", scale: .log()))
      chart.add(Series("‖g‖ before clipping", x: 1...log.rawNorms.count, y: log.rawNorms, style: .lines))
      if settings[index].kind != .none {
        chart.add(Series("‖g‖ after clipping (what the step uses)", x: 1...log.clippedNorms.count, y: log.clippedNorms, style: .lines))
      }
      chart.addReference(y: typical, title: "median of the unclipped run")
      panels.append(.chart(chart))
    }
    try book.chart(
      Figure(
        name: "gradient-norms",
        title: "Gradient norm per update (seed \(shownSeedNumber), ρ = \(NumberText.significant(radius, digits: 3)), plain SGD, η = \(rate))",
        panels: panels, columns: 2, width: 1400, height: 900),
      caption: "The norm of the whole gradient before clipping and after it (what the SGD step used), log axis, for seed \(shownSeedNumber) "
        + "(the first seed whose unclipped run diverged, if any). A gap in a line is a non-finite value: the run diverged there",
      isKey: true)

    var rawChart = Chart(
      title: "Every update: no clipping against \(pascanuName)", x: Axis("update"),
      y: Axis("training loss of the batch (nats)", scale: .log()))
    rawChart.add(Series("no clipping", x: 1...first[0].losses.count, y: first[0].losses, style: .lines))
    rawChart.add(Series(pascanuName, x: 1...first[pascanuIndex].losses.count, y: first[pascanuIndex].losses, style: .lines))
    rawChart.addReference(y: Double.log(4), title: "chance, ln 4")
    var ruleChart = Chart(
      title: "Every clipping rule at η = \(rate)", x: Axis("update"),
      y: Axis("training loss, mean of 10 updates (nats)", scale: .log()))
    var rateChart = Chart(
      title: "No clipping at smaller η, and \(pascanuName)", x: Axis("update"),
      y: Axis("training loss, mean of 10 updates (nats)", scale: .log()))
    for (index, setting) in settings.enumerated() {
      let smoothed = runningMean(first[index].losses, window: 10)
      let series = Series(setting.name, x: 1...smoothed.count, y: smoothed, style: .lines)
      if setting.rateFactor == 1 { ruleChart.add(series) }
      if setting.kind == .none || index == pascanuIndex { rateChart.add(series) }
    }
    ruleChart.addReference(y: Double.log(4), title: "chance, ln 4")
    rateChart.addReference(y: Double.log(4), title: "chance, ln 4")
    try book.chart(
      Figure(
        name: "loss", title: "Training loss with and without clipping (seed \(shownSeedNumber))",
        panels: [.chart(rawChart), .chart(ruleChart), .chart(rateChart)], columns: 3, width: 1900, height: 620),
      caption: "Left: the loss of every batch; a blow-up is a single update. Middle and right: the loss averaged over "
        + "10 updates, for every clipping rule and for smaller learning rates without clipping. Dashed: chance (ln 4)")

    if seeds > 1 {
      try book.chart(
        Figure(
          name: "accuracy-by-seed",
          heatmap: Heatmap(
            title: "Test accuracy of every run", x: Axis("seed"), y: Axis("setting"),
            columns: (0..<seeds).map { "\(seed + UInt64($0))" },
            rows: zip(settings, summaries).map { "\($0.name) (solved \($1.solved)/\(seeds))" },
            values: logs.map { $0.map(\.testAccuracy) }, colorLabel: "test accuracy (chance 0.25)", digits: 2,
            // Beyond a dozen seeds the cells are too narrow for numbers: the colour and the row's count tell it.
            cellLabels: seeds > 12 ? logs.map { $0.map { _ in "" } } : nil),
          width: max(1000, 560 + 30 * seeds), height: 650),
        caption: "One cell per run (test accuracy; a blank cell is a run that went non-finite): which settings learn "
          + "the task reliably, and which only for some seeds")
    }

    // MARK: - Finding

    let base = summaries[0], pascanu = summaries[pascanuIndex]
    let slower = summaries.filter { $0.setting.kind == .none && $0.setting.rateFactor < 1 }
    let percent: (Double) -> String = { NumberText.significant(100 * $0, digits: 2) + " %" }
    let outcome: (Summary) -> String = { s in
      "blew up \(s.blewUp)/\(seeds), diverged \(ConfidenceInterval.wilsonText(s.diverged, seeds)), solved \(ConfidenceInterval.wilsonText(s.solved, seeds))"
        + (s.medianUpdatesToSolve.map { " (median \($0) updates)" } ?? "")
    }
    let pSolved = FisherExact.pValue(pascanu.solved, seeds - pascanu.solved, base.solved, seeds - base.solved)
    let pDiverged = FisherExact.pValue(base.diverged, seeds - base.diverged, pascanu.diverged, seeds - pascanu.diverged)
    let plain = first[0], clipped = first[pascanuIndex]
    let worst = plain.rawNorms.indices.max { (plain.rawNorms[$0].isFinite ? plain.rawNorms[$0] : .infinity) < (plain.rawNorms[$1].isFinite ? plain.rawNorms[$1] : .infinity) } ?? 0
    for summary in summaries {
      book.finding("solved fraction, \(summary.setting.name)", ConfidenceInterval.wilson(successes: summary.solved, trials: seeds))
      book.finding("diverged fraction, \(summary.setting.name)", ConfidenceInterval.wilson(successes: summary.diverged, trials: seeds))
    }
    let widest = ConfidenceInterval.wilson(successes: seeds / 2, trials: seeds)
    let split = FisherExact.smallestSeparableCount(trials: seeds)
    book.finding(
      "Tanh RNN with ρ = \(NumberText.significant(radius, digits: 3)), T = \(steps), plain SGD at η = \(rate), \(seeds) seeds. "
        + "Without clipping: \(outcome(base)); the gradient norm reached \(NumberText.significant(base.runs.flatMap(\.rawNorms).filter(\.isFinite).max() ?? .nan, digits: 2)) "
        + "against a median of \(NumberText.significant(median(typicalNorms), digits: 2)), one step moved the weights by up to "
        + "\(NumberText.significant(base.largestRelativeStep, digits: 2))× their own norm, and one step raised the loss of its own batch up to "
        + "\(NumberText.significant(base.largestJump, digits: 2))×. "
        + "With global-norm clipping: " + summaries.filter(\.setting.isGlobal).map {
          "\($0.setting.name.replacingOccurrences(of: "global norm ≤ ", with: "c = ")) (clipped \(percent($0.clippedFraction)) of updates) \(outcome($0))"
        }.joined(separator: "; ")
        + ". \(pascanu.setting.name) against no clipping, Fisher's exact test on solved runs: p = \(NumberText.significant(pSolved, digits: 2))"
        + (base.diverged + pascanu.diverged > 0 ? ", on diverged runs: p = \(NumberText.significant(pDiverged, digits: 2)). " : ". ")
        + "Seed \(shownSeedNumber) (charts): without clipping the largest gradient, \(NumberText.significant(plain.rawNorms[worst], digits: 2)) at update \(worst + 1), "
        + "moved the weights by \(NumberText.significant(plain.relativeSteps.indices.contains(worst) ? plain.relativeSteps[worst] : .nan, digits: 2))× their norm"
        + (plain.updatesToSolve.map { "; it had solved the task at update \($0)" } ?? "")
        + (plain.blowUp.map { b in
          b.to.isFinite
            ? "; at update \(b.update) its loss (mean of 10 updates) stood at \(NumberText.significant(b.to, digits: 2)) nats, "
              + "\(NumberText.significant(b.to / b.from, digits: 2))× its lowest earlier \(NumberText.significant(b.from, digits: 2))"
            : "; at update \(b.update) its loss became non-finite"
        } ?? "")
        + "; it ended with training accuracy \(NumberText.fixed(plain.finalTrainingAccuracy, decimals: 2)) over its last 20 updates "
        + "(test accuracy \(NumberText.fixed(plain.testAccuracy.isFinite ? plain.testAccuracy : 0.25, decimals: 2)))"
        + ". The same weights and batches with \(pascanu.setting.name): \(percent(clipped.clippedFraction)) of updates clipped, largest step "
        + "\(NumberText.significant(clipped.relativeSteps.max() ?? .nan, digits: 2))× the weights' norm"
        + (clipped.updatesToSolve.map { ", solved at update \($0) (test accuracy \(NumberText.fixed(clipped.testAccuracy, decimals: 2)))" } ?? ", not solved")
        + ". Control without clipping at smaller η: " + slower.map { "η = \(NumberText.significant($0.setting.rateFactor * learningRate, digits: 3)) \(outcome($0))" }.joined(separator: "; ")
        + slower.map { control in
          let p = FisherExact.pValue(pascanu.solved, seeds - pascanu.solved, control.solved, seeds - control.solved)
          return "; against \(pascanu.setting.name) (solved runs, Fisher) p = \(NumberText.significant(p, digits: 2))"
            + (p < 0.05 ? "" : ": at this ρ a smaller η without clipping is not distinguishable from clipping")
        }.joined()
        + ". What this design detects: with \(seeds) seeds a fraction's 95% Wilson interval is up to \(NumberText.fixed(widest.upper - widest.lower, decimals: 2)) wide, "
        + (split.map { "and Fisher's test separates two settings only when one reaches \($0)/\(seeds) and the other 0/\(seeds)." } ?? "too few for Fisher's test to separate any two settings."),
      isKey: true)
    book.markdown(
      """
      **Why the direction matters.** Global-norm clipping only shortens the step: the update still points downhill
      along this batch's gradient. Per-tensor clipping shrinks the exploding tensor (usually U) more than the others,
      and element-wise clipping flattens the largest components; both follow another direction. The cosine column
      measures how far they turn it, and the solved column what that costs here.
      """)
    try book.finish()
  }
}

ExplodingGradients.main()
