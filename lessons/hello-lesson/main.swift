// hello-lesson: what sigmoid and tanh saturation do to gradients.
// The template lesson: short, runs in about a second, and shows every kind of notebook cell.
// Run: swift run -c release hello-lesson [--steps 30] [--input-scales 0.5,1,2,4] [--quick] [--preview]
import ArgumentParser
import LSTMLab

struct HelloLesson: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hello-lesson",
    abstract: "What sigmoid and tanh saturation do to gradients (the template lesson).")

  @OptionGroup var options: LessonOptions

  @Option(help: "Longest chain of steps T through which the gradient is followed (quick 8, class 30, full 100).")
  var steps: Int?

  @Option(help: "Pre-activations z are sampled on [-zmax, zmax].")
  var zmax = 8.0

  @Option(help: "Recurrent weight w of the chain h_t = tanh(w h_{t-1} + x_t).")
  var weight = 1.0

  @Option(
    parsing: .upToNextOption,
    help: "Standard deviations of the inputs x_t, one curve each (bigger inputs saturate more).")
  var inputScales: [Double] = [0.5, 1, 2, 4]

  @Option(help: "Random sequences per input scale (quick 20, class 400, full 2000).")
  var sequences: Int?

  @Option(help: "Seed of the random inputs.")
  var seed: UInt64 = 7

  mutating func validate() throws {
    guard (steps ?? 2) >= 2 else { throw ValidationError("--steps must be at least 2") }
    guard zmax > 0 else { throw ValidationError("--zmax must be positive") }
    guard !inputScales.isEmpty, inputScales.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("--input-scales needs positive standard deviations")
    }
    guard (sequences ?? 2) >= 2 else { throw ValidationError("--sequences must be at least 2") }
  }

  func run() throws {
    var book = try Notebook(lesson: "hello-lesson", title: "What saturation does to gradients", options: options)
    // The knobs, resolved once for the tier (--quick, the class tier, --full); a flag given on the command line wins.
    let steps = self.steps ?? book.size(quick: 8, class: 30, full: 100)
    let sequences = self.sequences ?? book.size(quick: 20, class: 400, full: 2000)
    let points = book.size(quick: 81, class: 801, full: 1601)

    book.markdown(
      """
      An LSTM squashes with two functions: its gates use the sigmoid σ(z) = 1 / (1 + e^-z), its cell input and
      output use tanh(z). Backpropagation multiplies the gradient by their slopes, once per time step:

      - σ'(z) = σ(z) (1 - σ(z)), at most 1/4 (at z = 0);
      - tanh'(z) = 1 - tanh²(z), at most 1 (at z = 0).

      Far from zero both functions are flat (*saturated*) and their slopes fall like e^-|z| and e^-2|z|.
      This lesson measures the slopes and follows a gradient back through a chain of T steps.
      """)

    // MARK: Experiment 1: the slopes, measured

    book.experiment(
      "Slopes of sigmoid and tanh, measured by central differences",
      details: "z on [-\(zmax), \(zmax)], \(points) points; slope ≈ (f(z+h) - f(z-h)) / 2h with h = 1e-5")
    let z = Matrix<Double>(rows: 1, columns: points) { _, j in -zmax + 2 * zmax * Double(j) / Double(points - 1) }
    let h = 1e-5
    let shiftedUp = z.map { $0 + h }, shiftedDown = z.map { $0 - h }
    let sigmoidSlope = (shiftedUp.sigmoid() - shiftedDown.sigmoid()).map { $0 / (2 * h) }
    let tanhSlope = (shiftedUp.tanh() - shiftedDown.tanh()).map { $0 / (2 * h) }
    // The closed forms, to check the measurement against.
    let sigmoidFormula = z.sigmoid().map { $0 * (1 - $0) }
    let tanhFormula = z.tanh().map { 1 - $0 * $0 }
    let worstDifference = max((sigmoidSlope - sigmoidFormula).maxAbs(), (tanhSlope - tanhFormula).maxAbs())

    var values = Chart(title: "The functions", x: Axis("pre-activation z"), y: Axis("f(z)"))
    values.add(Series("sigmoid σ(z)", x: z.scalars, y: z.sigmoid().scalars, style: .lines))
    values.add(Series("tanh(z)", x: z.scalars, y: z.tanh().scalars, style: .lines))
    var slopes = Chart(
      title: "Their slopes (log scale)", x: Axis("pre-activation z"), y: Axis("slope f'(z)", scale: .log()))
    slopes.add(Series("σ'(z)", x: z.scalars, y: sigmoidSlope.scalars, style: .lines))
    slopes.add(Series("tanh'(z)", x: z.scalars, y: tanhSlope.scalars, style: .lines))
    slopes.addReference(y: 0.25, title: "1/4, the largest σ'")
    try book.chart(
      Figure(name: "slopes", title: "Sigmoid and tanh saturate", panels: [.chart(values), .chart(slopes)],
             columns: 2, width: 1200, height: 500),
      caption: "Left: σ and tanh. Right: their slopes on a log axis; a straight flank means exponential decay")

    var table = Table("Slopes at a few pre-activations", columns: [
      .init("z"), .init("σ'(z)", format: .significant(3)), .init("tanh'(z)", format: .significant(3)),
      .init("σ' through 10 steps", format: .significant(3)), .init("tanh' through 10 steps", format: .significant(3)),
    ])
    for point in [0.0, 1, 2, 4, 8] where point <= zmax {
      let s = sigmoid(point) * (1 - sigmoid(point)), t = 1 - Double.tanh(point) * Double.tanh(point)
      table.append([.number(point), .number(s), .number(t), .number(Double.pow(s, 10)), .number(Double.pow(t, 10))])
    }
    try book.table(table)
    book.finding(
      "The measured slopes agree with the formulas to \(NumberText.significant(worstDifference, digits: 2)). "
        + "At z = 0 the sigmoid passes only \(NumberText.fixed(sigmoidFormula[0, points / 2], decimals: 2)) of a "
        + "gradient per step, tanh \(NumberText.fixed(tanhFormula[0, points / 2], decimals: 2)); at z = 4 tanh passes "
        + "\(NumberText.significant(1 - Double.tanh(4) * Double.tanh(4), digits: 2)).")

    // MARK: Experiment 2: a gradient through T steps

    book.experiment(
      "A gradient through a chain of T steps",
      details: """
        h_t = tanh(w h_{t-1} + x_t), h_0 = 0, w = \(weight), x_t ~ N(0, s²), T = 1...\(steps)
        dh_T/dh_0 = product over t of w (1 - h_t²); \(sequences) sequences per s, seed \(seed)
        """)
    book.markdown(
      "The chain is the simplest recurrent network: one unit, one weight. Its gradient is a product of T slopes, "
        + "so it shrinks by the typical slope per step, and larger inputs push z into the flat tails.")
    var rng = SeededGenerator(seed: seed)
    var growth = Chart(
      title: "Gradient through T steps", x: Axis("steps T"), y: Axis("log10 |dh_T / dh_0|  (mean ± sd)"))
    var grid: [[Double]] = []
    var finalLog: [Double] = []
    var worstCheck = 0.0, checkedSequences = 0
    let shownSteps = [1, 2, 5, 10, 20, 50, 100].filter { $0 <= steps }
    for scale in inputScales {
      var logs = Array(repeating: [Double](), count: steps)  // logs[T-1]: log10 |dh_T/dh_0| per sequence
      for sequence in 0..<sequences {
        let inputs = (0..<steps).map { _ in rng.normal(mean: 0.0, standardDeviation: scale) }
        // Sum the logs of the factors rather than multiply them: the product underflows past 1e-308.
        var h = 0.0, logGradient = 0.0
        for t in 0..<steps {
          h = Double.tanh(weight * h + inputs[t])
          logGradient += Double.log10(abs(weight * (1 - h * h)))
          logs[t].append(logGradient)
        }
        // Check the backpropagated product against a finite difference where the difference is measurable.
        if sequence < 20, let error = finiteDifferenceCheck(inputs: Array(inputs.prefix(5))) {
          worstCheck = max(worstCheck, error)
          checkedSequences += 1
        }
      }
      let means = logs.map { mean($0) }
      let deviations = logs.map { standardDeviation($0, whenFewerThanTwo: 0) }
      growth.add(Series("inputs s = \(NumberText.significant(scale, digits: 2))", x: 1...steps, y: means, errors: deviations))
      // The headline number with its interval over the independent sequences, for the course's replication check.
      book.finding(
        "mean log10 |dh_T/dh_0| after T = \(steps) steps, inputs s = \(NumberText.significant(scale, digits: 2))",
        ConfidenceInterval.mean(of: logs[steps - 1]))
      grid.append(shownSteps.map { means[$0 - 1] })
      finalLog.append(means[steps - 1])
    }
    try book.chart(
      Figure(name: "chain", chart: growth),
      caption: "Mean log10 of the gradient after T steps; each step multiplies by a slope below 1", isKey: true)
    try book.chart(
      Figure(
        name: "chain-grid",
        heatmap: Heatmap(
          title: "Mean log10 |dh_T / dh_0|", x: Axis("steps T"), y: Axis("input scale s"),
          columns: shownSteps.map(String.init), rows: inputScales.map { NumberText.significant($0, digits: 2) },
          values: grid, colorLabel: "log10 of the gradient", digits: 2)),
      caption: "The same measurements as a grid: every cell is printed")

    let perStep = zip(inputScales, finalLog).map { ($0, Double.pow(10, $1 / Double(steps))) }
    book.finding(
      "Through \(steps) steps the gradient kept 10^\(NumberText.fixed(finalLog.first ?? 0, decimals: 1)) of its size "
        + "with inputs of scale \(NumberText.significant(inputScales.first ?? 0, digits: 2)) but "
        + "10^\(NumberText.fixed(finalLog.last ?? 0, decimals: 1)) with scale "
        + "\(NumberText.significant(inputScales.last ?? 0, digits: 2)): a typical slope of "
        + "\(NumberText.significant(perStep.first?.1 ?? 0, digits: 2)) vs \(NumberText.significant(perStep.last?.1 ?? 0, digits: 2)) "
        + "per step. (On \(checkedSequences) sequences the backpropagated 5-step gradient matched a finite "
        + "difference to a relative error of \(NumberText.significant(worstCheck, digits: 2)).)",
      isKey: true)
    book.markdown(
      """
      This is the vanishing gradient of a plain recurrent network. The LSTM's cell state sidesteps it: its path
      c_t = f ⊙ c_{t-1} + i ⊙ g multiplies by the forget gate f, not by a tanh slope, and f can stay near 1.
      """)
    try book.finish()
  }

  /// Relative difference between the backpropagated dh_T/dh_0 and a central difference in h_0, or nil when the
  /// gradient is below 1e-3 (a difference of h_T values that small drowns in rounding).
  func finiteDifferenceCheck(inputs: [Double]) -> Double? {
    func final(_ h0: Double) -> Double { inputs.reduce(h0) { h, x in Double.tanh(weight * h + x) } }
    var h = 0.0, gradient = 1.0
    for x in inputs {
      h = Double.tanh(weight * h + x)
      gradient *= weight * (1 - h * h)
    }
    guard abs(gradient) >= 1e-3 else { return nil }
    let epsilon = 1e-6
    let numeric = (final(epsilon) - final(-epsilon)) / (2 * epsilon)
    return abs(numeric - gradient) / abs(gradient)
  }
}

HelloLesson.main()
