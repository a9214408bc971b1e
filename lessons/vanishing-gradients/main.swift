// vanishing-gradients: how much of a last-step loss's gradient reaches a step k steps back, in a tanh RNN and an
// LSTM; what the recurrent spectral radius ρ and the forget-gate bias do to it; and how it changes while training.
// Run: swift run -c release vanishing-gradients [--radii 0.5 0.95 1.5] [--forget-biases 0 1 3] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct VanishingGradients: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanishing-gradients",
    abstract: "The norm of dL/dh_t against the distance from the loss, for tanh RNNs and LSTMs.")

  @OptionGroup var options: LessonOptions

  @Option(help: "Hidden units H of every layer.")
  var hidden = 32

  @Option(help: "Sequences per batch B (the gradient norms are over the whole batch).")
  var batch = 32

  @Option(help: "Sequence length T of the profile ‖dL/dh_t‖ against the distance from the loss.")
  var profileLength = 200

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the second experiment (gradient reaching the first step).")
  var lengths: [Int] = [10, 25, 50, 100, 200, 500]

  @Option(parsing: .upToNextOption, help: "Spectral radii ρ of the tanh RNN's recurrent kernel U (ρ times an orthogonal matrix).")
  var radii: [Double] = [0.5, 0.95, 1.5]

  @Option(parsing: .upToNextOption, help: "Forget-gate biases b_f of the LSTM (Keras's default is 1).")
  var forgetBiases: [Double] = [0, 1, 3]

  @Option(help: "First distance k of the decay fit: the steps nearer the loss are a start-up drop, reported on its own.")
  var fitStart = 10

  @Option(help: "Last distance k of the decay fit (default T/2: the far half holds the transient of c_0 = h_0 = 0).")
  var fitEnd: Int?

  @Option(help: "Seeds (weights and data) of the profile experiment (default: 2 quick, 5 class, 10 full).")
  var seeds: Int?

  @Option(help: "Training updates behind the heatmaps.")
  var updates = 400

  @Option(help: "Updates between two gradient profiles in the heatmaps.")
  var every = 20

  @Option(help: "Lag L of the temporal-order task trained on (the second marked symbol is L steps before the answer).")
  var lag = 20

  @Option(help: "Steps before the second marked symbol (the first mark falls among them); T = lag + margin.")
  var margin = 10

  @Option(help: "Adam learning rate of the training runs.")
  var learningRate = 0.003

  @Option(help: "Seed of weights and data.")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard hidden >= 1, batch >= 1 else { throw ValidationError("--hidden and --batch must be at least 1") }
    guard !lengths.isEmpty, lengths.allSatisfy({ $0 >= 4 }) else { throw ValidationError("--lengths must be at least 4 each") }
    guard !radii.isEmpty, radii.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw ValidationError("--radii must be positive") }
    guard !forgetBiases.isEmpty, forgetBiases.allSatisfy(\.isFinite) else { throw ValidationError("--forget-biases must be numbers") }
    guard profileLength >= 8 else { throw ValidationError("--profile-length must be at least 8") }
    guard fitStart >= 0 else { throw ValidationError("--fit-start must be at least 0") }
    if let fitEnd { guard fitEnd >= fitStart + 2, fitEnd < profileLength else {
      throw ValidationError("--fit-end must be at least --fit-start + 2 and below --profile-length") } }
    if let seeds { guard seeds >= 2 else { throw ValidationError("--seeds must be at least 2 (an interval needs two)") } }
    guard updates >= 1, every >= 1 else { throw ValidationError("--updates and --every must be at least 1") }
    guard lag >= 1, margin >= 3 else { throw ValidationError("--lag must be at least 1 and --margin at least 3") }
    guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
  }

  func run() throws {
    let quick = options.quick
    let lengths = quick ? [10, 40] : self.lengths.sorted()
    let updates = quick ? 20 : self.updates, every = quick ? 5 : self.every
    let hidden = quick ? min(self.hidden, 8) : self.hidden
    let batch = quick ? min(self.batch, 8) : self.batch
    var book = try Notebook(lesson: "vanishing-gradients", title: "Vanishing gradients: how far back does the loss reach?", options: options)

    book.markdown(
      """
      A classifier that answers at the last step T has one loss, L = cross-entropy(softmax(h_T V + c), y). Everything
      the network learns about step t arrives through dL/dh_t, and backpropagation through time gets it by carrying
      the gradient back one step at a time:

      - tanh RNN, h_t = tanh(x_t W + h_{t-1} U + b): dL/dh_{t-1} = (dL/dh_t ⊙ (1 - h_t²)) Uᵀ
      - LSTM: dL/dc_{t-1} = dL/dc_t ⊙ f_t + (terms through h_{t-1}), with the forget gate f_t = σ(z_f)

      Each step multiplies by a Jacobian. If its largest singular value stays below 1, the gradient shrinks
      exponentially with the distance k = T - t from the loss (Bengio, Simard & Frasconi 1994; Pascanu, Mikolov &
      Bengio 2013). Here we measure ‖dL/dh_t‖ directly from the backward pass, in Double precision so that
      10⁻¹⁵⁰ is still a number (Float stops at about 10⁻⁴⁵).
      """)

    // MARK: - Experiment 1: the gradient against the distance from the loss

    let longest = lengths.last!
    let profileLength = quick ? min(self.profileLength, 40) : self.profileLength
    let seeds = self.seeds ?? book.size(quick: 2, class: 5, full: 10)
    let fitStart = min(self.fitStart, profileLength / 4)
    let fitEnd = min(self.fitEnd ?? profileLength / 2, profileLength - 1)
    let knobText: ([Double]) -> String = { $0.map { NumberText.significant($0, digits: 3) }.joined(separator: ", ") }
    book.experiment(
      "‖dL/dh_{T-k}‖ against the distance k from the loss, \(seeds) seeds",
      details: """
        temporal-order sequences (8 one-hot symbols), T = \(profileLength), B = \(batch), H = \(hidden), Double; untrained weights
        loss: softmax cross-entropy of a random Dense head on h_T; norms over the whole batch (Frobenius)
        tanh RNN: W glorot-uniform, U = ρ · orthogonal, ρ in \(knobText(radii))
        LSTM: Keras initialisation (orthogonal U), forget-gate bias in \(knobText(forgetBiases))
        decay factor per step: exp(least-squares slope of ln ‖dL/dh_{T-k}‖) over k = \(fitStart) ... \(fitEnd) only:
          k < \(fitStart) is a start-up drop near the loss (reported on its own, "left after \(fitStart) steps"),
          k > \(fitEnd) holds the transient of the zero initial state c_0 = h_0 = 0 (its steps have small |c| and |h|)
        seeds \(seed) ... \(seed + UInt64(seeds) - 1): new weights and a new batch per seed; intervals are 95% t intervals over seeds
        """)
    var bySeed: [[Profile]] = []  // bySeed[seed][model]
    var models: [Model] = []
    for s in 0..<seeds {
      let seedModels = modelsUnderStudy(hidden: hidden, seed: seed + UInt64(s))
      if s == 0 { models = seedModels }
      var dataRNG = SeededGenerator.derived(seed: seed + UInt64(s), stream: 1)
      let data = try temporalOrderBatch(count: batch, steps: profileLength, placement: .scaledWithLength, using: &dataRNG)
      bySeed.append(try seedModels.map { model in
        let pass = try model.classifier.pass(data.x, steps: profileLength, labels: data.labels)
        return Profile(model: model, pass: pass, fitRange: fitStart...fitEnd)
      })
    }
    let profiles = bySeed[0]
    let summaries = models.indices.map { m in ModelSummary(profiles: bySeed.map { $0[m] }) }

    let distances = Array(0..<profileLength)
    let fitText = "fit over k = \(fitStart) ... \(fitEnd), dash-dot"
    var rnnChart = Chart(
      title: "tanh RNN, U = ρ · orthogonal (seed \(seed); \(fitText))", x: Axis("distance k = T - t from the loss (steps)"),
      y: Axis("‖dL/dh_t‖ / ‖dL/dh_T‖", scale: .log()))
    var lstmChart = Chart(
      title: "LSTM, forget-gate bias b_f (seed \(seed); \(fitText))", x: Axis("distance k = T - t from the loss (steps)"),
      y: Axis("‖dL/dh_t‖ / ‖dL/dh_T‖", scale: .log()))
    for profile in profiles {
      let series = Series(profile.model.label, x: distances, y: profile.relative, style: .lines)
      let fitted = Series(
        "fit: \(NumberText.significant(profile.measuredFactor, digits: 3)) per step", x: [fitStart, fitEnd],
        y: [fitStart, fitEnd].map { Double.exp(profile.fitIntercept + profile.fitSlope * Double($0)) },
        style: .reference(.fitted))
      if profile.model.isLSTM { lstmChart.add(series); lstmChart.add(fitted) } else { rnnChart.add(series); rnnChart.add(fitted) }
    }
    try book.chart(
      Figure(
        name: "gradient-vs-distance", title: "How much of the loss's gradient reaches k steps back (T = \(profileLength))",
        panels: [.chart(rnnChart), .chart(lstmChart)], columns: 2, width: 1500, height: 650),
      caption: "Measured ‖dL/dh_{T-k}‖ / ‖dL/dh_T‖ on a log axis (first seed), so exponential decay is a straight line "
        + "whose slope is log10 of the factor per step; each model's fitted line is drawn dash-dot over the fit range "
        + "k = \(fitStart) ... \(fitEnd)",
      isKey: true)

    var rateChart = Chart(
      title: "Decay factor per step at initialisation: measured against the forward-pass estimate (\(seeds) seeds)",
      x: Axis("estimate from the forward pass: ρ · rms tanh'(z) (RNN) or mean forget gate f̄ (LSTM)"),
      y: Axis("measured factor per step (95% interval over seeds)"))
    let rates = summaries.flatMap { [$0.factor.lower, $0.factor.upper, $0.estimate] + ($0.isLSTM ? [] : [$0.knob]) }
      .filter(\.isFinite)
    let low = max(0, (rates.min() ?? 0) - 0.05), high = (rates.max() ?? 1) + 0.05
    rateChart.add(Series("measured = estimate", x: [low, high], y: [low, high], style: .reference(.level)))
    for isLSTM in [false, true] {
      let group = summaries.filter { $0.isLSTM == isLSTM }
      rateChart.add(Series(
        (isLSTM ? "LSTM, b_f = " : "tanh RNN, ρ = ") + knobText(group.map(\.knob)),
        x: group.map(\.estimate), y: group.map(\.factor.estimate),
        lower: group.map(\.factor.lower), upper: group.map(\.factor.upper), style: .points))
    }
    let rnnSummaries = summaries.filter { !$0.isLSTM }, lstmSummaries = summaries.filter(\.isLSTM)
    rateChart.add(Series(
      "Pascanu's bound for the RNN: ‖U‖₂ = ρ", x: rnnSummaries.map(\.estimate), y: rnnSummaries.map(\.knob), style: .points))
    try book.chart(
      Figure(name: "decay-rates", chart: rateChart, width: 1100, height: 700),
      caption: "One point per model: the mean over seeds of the measured factor (bars: 95% t interval over seeds) "
        + "against the mean forward-pass estimate. On the dashed diagonal the forward pass alone predicts the decay; "
        + "above it the gradient decays more slowly than the estimate says")

    var table = Table(
      "Decay per step at initialisation (T = \(profileLength), fit over k = \(fitStart) ... \(fitEnd), \(seeds) seeds)",
      columns: [
        .init("model", alignment: .left), .init("factor per step", format: .significant(3)),
        .init("95% interval over seeds", alignment: .right),
        .init("bound ‖U‖₂ = ρ (RNN)", format: .significant(3)), .init("estimate ρ·rms tanh' or f̄", format: .significant(3)),
        .init("start-up: left after \(fitStart) steps", format: .significant(2)),
        .init("left after \(profileLength - 1) steps", format: .significant(2)),
        .init("steps per factor 10", alignment: .right),
      ])
    for summary in summaries {
      table.append([
        .text(summary.label), .number(summary.factor.estimate),
        .text("\(NumberText.significant(summary.factor.lower, digits: 3)) – \(NumberText.significant(summary.factor.upper, digits: 3))"),
        summary.isLSTM ? "–" : .number(summary.knob), .number(summary.estimate),
        .number(summary.startUpDrop), .number(summary.leftAtEnd), .text(summary.perDecade),
      ])
    }
    try book.table(table)

    for summary in summaries {
      book.finding("decay factor per step at initialisation, \(summary.label)", summary.factor)
    }
    let belowBound = rnnSummaries.filter { $0.factor.estimate <= $0.knob * (1 + 1e-9) }.count
    let rnnGap = rnnSummaries.map { abs($0.factor.estimate / $0.estimate - 1) }.max() ?? 0
    let lstmExcess = lstmSummaries.map { $0.factor.estimate - $0.estimate }
    book.finding(
      "Decay factor per step at initialisation (mean over \(seeds) seeds [95% interval], fit over k = \(fitStart) ... \(fitEnd)): "
        + summaries.map { "\($0.label) \($0.factor)" }.joined(separator: "; ")
        + ". \(belowBound) of \(rnnSummaries.count) RNNs stay at or below Pascanu's bound ‖U‖₂ = ρ, and the forward-pass "
        + "estimate ρ·rms tanh' matches the RNN's measured factor to within \(NumberText.significant(100 * rnnGap, digits: 2)) %. "
        + "The LSTM's gradient decays "
        + (lstmExcess.allSatisfy { $0 > 0 } ? "more slowly than its mean forget gate alone predicts" : "at a rate close to its mean forget gate")
        + " (measured minus f̄: " + lstmExcess.map { NumberText.significant($0, digits: 2) }.joined(separator: ", ")
        + "). Near the loss the profile first drops on its own: "
        + summaries.map { "\($0.label) keeps \(NumberText.significant($0.startUpDrop, digits: 2)) after \(fitStart) steps" }
          .joined(separator: ", ")
        + ". Steps per factor 10 of decay: " + summaries.map { "\($0.label) \($0.perDecade)" }.joined(separator: "; ") + ".",
      isKey: true)
    book.finding(initialisationComparison(rnn: rnnSummaries, lstm: lstmSummaries, bySeed: bySeed, models: models))

    // MARK: - Experiment 2: the same over several sequence lengths

    book.experiment(
      "The gradient that reaches the first step, for T = \(lengths.map(String.init).joined(separator: ", "))",
      details: "same models and weights as above; each T gets its own batch of temporal-order sequences")
    var reachChart = Chart(
      title: "Gradient reaching step 1 from a loss at step T", x: Axis("sequence length T (steps)"),
      y: Axis("‖dL/dh_1‖ / ‖dL/dh_T‖", scale: .log()), key: .outside)
    var reach: [[Double]] = []
    for model in models {
      var values: [Double] = []
      for (index, steps) in lengths.enumerated() {
        var dataRNG = SeededGenerator.derived(seed: seed, stream: 10 + UInt64(index))
        let data = try temporalOrderBatch(count: batch, steps: steps, placement: .scaledWithLength, using: &dataRNG)
        let norms = try model.classifier.pass(data.x, steps: steps, labels: data.labels).hiddenNorms
        values.append(norms[0] / norms[steps - 1])
      }
      reach.append(values)
      reachChart.add(Series(model.label, x: lengths, y: values))
    }
    try book.chart(
      Figure(name: "gradient-vs-length", chart: reachChart, width: 1100, height: 600),
      caption: "The gradient at the first step of sequences of length T. A straight line on this log-linear chart "
        + "is exponential decay in T (Bengio et al. 1994): doubling T squares the fraction")
    var lengthTable = Table(
      "‖dL/dh_1‖ / ‖dL/dh_T‖ by sequence length",
      columns: [.init("model", alignment: .left)] + lengths.map { .init("T = \($0)", format: .significant(2)) })
    for (model, values) in zip(models, reach) { lengthTable.append([.text(model.label)] + values.map { .number($0) }) }
    try book.table(lengthTable)
    let smallest = zip(models, reach).min { ($0.1.last ?? 1) < ($1.1.last ?? 1) }!
    let largest = zip(models, reach).max { ($0.1.last ?? 1) < ($1.1.last ?? 1) }!
    book.finding(
      "At T = \(longest) the first step receives \(NumberText.significant(smallest.1.last!, digits: 2)) of the last "
        + "step's gradient in the \(smallest.0.label) and \(NumberText.significant(largest.1.last!, digits: 2)) in the "
        + "\(largest.0.label); at T = \(lengths.first!) the same models pass \(NumberText.significant(smallest.1.first!, digits: 2)) "
        + "and \(NumberText.significant(largest.1.first!, digits: 2)).")

    // MARK: - Experiment 3: the profile while training

    let steps = lag + margin
    let trained = trainingModels(hidden: hidden)
    book.experiment(
      "The gradient profile while the network learns the temporal-order task",
      details: """
        lag L = \(lag), T = \(steps): x_1 = E, first mark uniform in x_2 ... x_\(margin - 1), second mark x_\(margin), trigger x_T
        B = \(batch), H = \(hidden), Adam(lr \(learningRate)), \(updates) updates on fresh batches; a profile every \(every) updates
        profile: log10 ‖dL/dh_t‖ / ‖dL/dh_T‖ on one fixed probe batch of \(batch) sequences; seed \(seed)
        """)
    book.markdown(
      """
      The first experiment looked at untrained weights. Training changes the Jacobians: a network that learns to
      keep the marked symbols in memory also learns to pass the gradient back to them. The heatmaps show the profile
      of the first experiment (one row) every \(every) updates.
      """)
    var probeRNG = SeededGenerator.derived(seed: seed, stream: 3)
    let task = TemporalOrderTask(lag: lag)
    let probe = try temporalOrderBatch(count: batch, steps: steps, placement: task.placement, using: &probeRNG)
    var panels: [Figure.Panel] = []
    var trainTable = Table(
      "Training runs behind the heatmaps",
      columns: [
        .init("model", alignment: .left), .init("probe accuracy, start", format: .fixed(decimals: 2)),
        .init("probe accuracy, end", format: .fixed(decimals: 2)),
        .init("log10 gradient at the marks, start", format: .fixed(decimals: 1)),
        .init("log10 gradient at the marks, end", format: .fixed(decimals: 1)),
      ])
    var trainSummaries: [(label: String, startAccuracy: Double, endAccuracy: Double, startMark: Double, endMark: Double)] = []
    for model in trained {
      var classifier = model.classifier
      var optimizer = Adam<Double>(learningRate: learningRate)
      var dataRNG = SeededGenerator.derived(seed: seed, stream: 4)
      var rows: [[Double]] = [], rowLabels: [String] = [], accuracies: [Double] = []
      for update in 0...updates {
        if update % every == 0 {
          let pass = try classifier.pass(probe.x, steps: steps, labels: probe.labels)
          let last = pass.hiddenNorms[steps - 1]
          rows.append(pass.hiddenNorms.map { Double.log10($0 / last) })
          accuracies.append(pass.accuracy)
          rowLabels.append("\(update) (acc \(NumberText.fixed(pass.accuracy, decimals: 2)))")
        }
        if update == updates { break }
        let data = try temporalOrderBatch(count: batch, steps: steps, placement: task.placement, using: &dataRNG)
        let pass = try classifier.pass(data.x, steps: steps, labels: data.labels)
        var parameters = classifier.parameters
        try optimizer.update(&parameters, gradients: pass.gradients)
        classifier.parameters = parameters
      }
      // Profile columns are steps t = 1 ... T; label every fifth one and the marks.
      let columnLabels = (1...steps).map { t in t == 1 || t % 5 == 0 || t == margin ? "\(t)" : "" }
      let markColumns = 0..<margin  // steps 1 ... margin hold E and both marks
      let markValue: ([Double]) -> Double = { row in row[markColumns].reduce(0, +) / Double(markColumns.count) }
      trainSummaries.append(
        (model.label, accuracies.first!, accuracies.last!, markValue(rows.first!), markValue(rows.last!)))
      trainTable.append([
        .text(model.label), .number(accuracies.first!), .number(accuracies.last!), .number(markValue(rows.first!)),
        .number(markValue(rows.last!)),
      ])
      panels.append(
        .heatmap(
          Heatmap(
            title: model.label, x: Axis("step t (marks in x_2 ... x_\(margin), loss at T = \(steps))"),
            y: Axis("update (probe accuracy)"), columns: columnLabels, rows: rowLabels, values: rows,
            colorLabel: "log10 ‖dL/dh_t‖ / ‖dL/dh_T‖",
            cellLabels: rows.map { $0.map { _ in "" } })))
    }
    try book.chart(
      Figure(
        name: "gradient-while-training", title: "Gradient profile over training (rows: updates, columns: steps)",
        panels: panels, columns: 2, width: 1500, height: 650),
      caption: "Each row is one gradient profile, the colour log10 ‖dL/dh_t‖ / ‖dL/dh_T‖. The marked symbols sit in the "
        + "left columns; a model that learns the task must get gradient to them")
    try book.table(trainTable)
    book.finding(
      trainSummaries.map { summary in
        "\(summary.label): probe accuracy \(NumberText.fixed(summary.startAccuracy, decimals: 2)) → "
          + "\(NumberText.fixed(summary.endAccuracy, decimals: 2)), gradient at the marks 10^\(NumberText.fixed(summary.startMark, decimals: 1)) → "
          + "10^\(NumberText.fixed(summary.endMark, decimals: 1)) of the last step's"
      }.joined(separator: "; ") + " (after \(updates) updates at lag \(lag); seed \(seed) only, so this shows what can "
        + "happen in one run and detects no difference between the models: the lesson long-lags measures success rates "
        + "over seeds with their intervals).")
    book.markdown(
      """
      **Reading the numbers.** A factor per step below 1 compounds: 0.9 per step leaves 10⁻² after 44 steps and
      0.5 per step after 7. The tanh RNN's factor is bounded by ρ because |tanh'| ≤ 1, and saturation (large |h|)
      pushes it further down; ρ > 1 is necessary for the gradient to grow, not sufficient. The LSTM's cell carries
      the gradient through f_t, so its rate follows the forget gate: b_f = 1 (Keras, Jozefowicz et al. 2015) starts
      f near σ(1) = 0.73, and larger biases keep more.
      """)
    try book.finish()
  }

  /// The untrained models of experiments 1 and 2.
  func modelsUnderStudy(hidden: Int, seed: UInt64) -> [Model] {
    var rng = SeededGenerator.derived(seed: seed, stream: 0)
    var models: [Model] = []
    for radius in radii {
      let layer = RNN<Double>(
        inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden,
        initializer: RecurrentInitializer.keras.withSpectralRadius(radius), using: &rng)
      let head = Dense<Double>(inputSize: hidden, outputSize: 4, using: &rng)
      models.append(Model(label: "tanh RNN, ρ = \(NumberText.significant(radius, digits: 3))", isLSTM: false, knob: radius, classifier: Classifier(layer: .rnn(layer), head: head)))
    }
    for bias in forgetBiases {
      let layer = LSTM<Double>(
        inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden,
        initializer: RecurrentInitializer.keras.withForgetBias(bias), using: &rng)
      let head = Dense<Double>(inputSize: hidden, outputSize: 4, using: &rng)
      models.append(Model(label: "LSTM, b_f = \(NumberText.significant(bias, digits: 3))", isLSTM: true, knob: bias, classifier: Classifier(layer: .lstm(layer), head: head)))
    }
    return models
  }

  /// The two models trained in experiment 3: Keras's defaults for SimpleRNN (orthogonal U, ρ = 1) and LSTM (b_f = 1).
  func trainingModels(hidden: Int) -> [Model] {
    var rng = SeededGenerator.derived(seed: seed, stream: 2)
    let rnn = RNN<Double>(inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden, using: &rng)
    let rnnHead = Dense<Double>(inputSize: hidden, outputSize: 4, using: &rng)
    let lstm = LSTM<Double>(inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden, using: &rng)
    let lstmHead = Dense<Double>(inputSize: hidden, outputSize: 4, using: &rng)
    return [
      Model(label: "tanh RNN (Keras init, ρ = 1)", isLSTM: false, knob: 1, classifier: Classifier(layer: .rnn(rnn), head: rnnHead)),
      Model(label: "LSTM (Keras init, b_f = 1)", isLSTM: true, knob: 1, classifier: Classifier(layer: .lstm(lstm), head: lstmHead)),
    ]
  }

  /// The initialisation factors of the Keras LSTM (b_f nearest 1) and the RNN with ρ nearest 1, compared over seeds.
  func initialisationComparison(rnn: [ModelSummary], lstm: [ModelSummary], bySeed: [[Profile]], models: [Model]) -> String {
    guard let r = rnn.min(by: { abs($0.knob - 1) < abs($1.knob - 1) }),
      let l = lstm.min(by: { abs($0.knob - 1) < abs($1.knob - 1) }),
      let ri = models.firstIndex(where: { $0.label == r.label }), let li = models.firstIndex(where: { $0.label == l.label })
    else { return "" }
    let differences = bySeed.map { $0[li].measuredFactor - $0[ri].measuredFactor }
    var text = "At initialisation, side by side: \(l.label) keeps \(l.factor) per step, \(r.label) keeps \(r.factor)"
    if let test = PairedTest.pairedT(differences: differences) {
      let mde = Power.pairedMinimumDifference(pairs: differences.count, sdOfDifferences: standardDeviation(differences))
      text += "; LSTM minus RNN \(test.difference) (paired over \(differences.count) seeds, p = "
        + "\(NumberText.significant(test.pValue, digits: 2)); this design detects a difference of "
        + "\(NumberText.significant(mde, digits: 2)) per step with 80 % power)"
      let span = 50.0
      text += ". Over \(Int(span)) steps that is \(NumberText.significant(Double.pow(l.factor.estimate, span), digits: 2)) "
        + "against \(NumberText.significant(Double.pow(r.factor.estimate, span), digits: 2)) of the gradient"
      if test.pValue >= 0.05 || abs(test.difference.estimate) < 0.05 {
        text += ": at initialisation the LSTM carries the gradient back no better than an orthogonal tanh RNN. Its "
          + "advantage on long lags, where there is one, has to be learned (the forget gates must open)"
      } else if test.difference.estimate > 0 {
        text += ": the LSTM starts with the slower decay"
      } else {
        text += ": the RNN starts with the slower decay"
      }
    }
    return text + ". The lesson long-lags trains both models on the same task and shows what training does to them; "
      + "experiment 3 below shows one training run of each."
  }
}

/// One model's profiles over seeds: its decay factor with a 95% t interval, and the means of the other measurements.
struct ModelSummary {
  var label: String
  var isLSTM: Bool
  var knob: Double
  var factor: ConfidenceInterval
  var estimate: Double
  var startUpDrop: Double
  var leftAtEnd: Double

  init(profiles: [Profile]) {
    label = profiles[0].model.label
    isLSTM = profiles[0].model.isLSTM
    knob = profiles[0].model.knob
    factor = ConfidenceInterval.mean(of: profiles.map(\.measuredFactor))
    estimate = mean(profiles.map(\.estimatedFactor))
    startUpDrop = geometricMean(profiles.map(\.startUpDrop))
    leftAtEnd = geometricMean(profiles.map { $0.relative.last! })
  }

  /// "n steps" per factor 10 when the whole interval is below 1; otherwise what the interval allows.
  var perDecade: String {
    if factor.upper < 1 { return NumberText.significant(-1 / Double.log10(factor.estimate), digits: 2) + " steps" }
    if factor.lower > 1 { return "grows" }
    return "none resolved over the fit range (its interval contains 1)"
  }
}

VanishingGradients.main()
