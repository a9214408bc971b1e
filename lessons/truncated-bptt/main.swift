// truncated-bptt: backpropagation through time cut to the last k steps, with h and c carried across windows (what
// Keras users look for in `stateful=True` and PyTorch users get with `h.detach()`): the longest lag an LSTM can still
// learn as a function of k, and the tape memory each k needs, measured.
// Run: swift run -c release truncated-bptt [--windows 4 8 16 32 64] [--lags 4 12 28 60] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct TruncatedBPTT: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "truncated-bptt",
    abstract: "The longest learnable lag and the tape memory of BPTT truncated to k steps.")

  @OptionGroup var options: LessonOptions

  @Option(parsing: .upToNextOption, help: "Truncation windows k (steps the gradient may travel back); full BPTT is always added.")
  var windows: [Int] = [2, 4, 8, 16, 32]

  @Option(parsing: .upToNextOption, help: "Lags L of the temporal-order task, tried in ascending order (default by tier: ratio about 1.5).")
  var lags: [Int] = []

  @Option(help: "Steps up to the second marked symbol (the first falls in x_2 ... x_{margin-1}); T = lag + margin.")
  var margin = TemporalOrderRecipe.standard.margin

  @Option(parsing: .upToNextOption, help: "Forget-gate biases b_f, one LSTM each.")
  var forgetBiases: [Double] = [1, 5]

  @Option(help: "Hidden units H.")
  var hidden = TemporalOrderRecipe.standard.hidden

  @Option(help: "Sequences per batch B.")
  var batch = TemporalOrderRecipe.standard.batch

  @Option(help: "Largest number of updates per run (default by tier, as long-lags).")
  var updates: Int?

  @Option(help: "Adam learning rate.")
  var learningRate = TemporalOrderRecipe.standard.learningRate

  @Option(help: "Global-norm clipping threshold (0: no clipping).")
  var clip = TemporalOrderRecipe.standard.clip

  @Option(help: "Seeds per window and lag (default by tier: 1 quick, 3 class, 5 full).")
  var seeds: Int?

  @Option(help: "A window stops being tried after this many lags in a row that no seed solved.")
  var stopAfter = 1

  @Flag(help: "Recompute every run instead of reusing the results files of an earlier run with the same settings.")
  var fresh = false

  @Option(help: "Runs trained at the same time (default: one per processor core).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "First seed; runs use seed, seed + 1, ...")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard !windows.isEmpty, windows.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--windows must be at least 1 each") }
    guard lags.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--lags must be at least 1 each") }
    guard margin >= 3 else { throw ValidationError("--margin must be at least 3") }
    guard hidden >= 1, batch >= 1, workers >= 1, stopAfter >= 1 else {
      throw ValidationError("--hidden, --batch, --workers and --stop-after must be positive")
    }
    if let updates { guard updates >= 100 else { throw ValidationError("--updates must be at least 100") } }
    if let seeds { guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") } }
    guard !forgetBiases.isEmpty, forgetBiases.allSatisfy(\.isFinite) else { throw ValidationError("--forget-biases must be numbers") }
    guard learningRate > 0, clip >= 0 else { throw ValidationError("--learning-rate must be positive and --clip at least 0") }
  }

  func run() throws {
    var book = try Notebook(lesson: "truncated-bptt", title: "Truncated BPTT: how far back must the gradient go?", options: options)
    let quick = book.isQuick
    let windows = quick ? [2, 8] : Array(Set(self.windows)).sorted()
    let lags = (self.lags.isEmpty
      ? book.size(quick: [2, 4], class: [2, 3, 5, 8, 12, 18, 27, 40], full: [2, 3, 5, 8, 12, 18, 27, 40, 60, 90, 135])
      : self.lags).sorted()
    let seeds = self.seeds ?? book.size(quick: 1, class: 3, full: 5)
    var recipe = TemporalOrderRecipe.standard
    recipe.margin = margin
    recipe.hidden = quick ? min(hidden, 8) : hidden
    recipe.batch = batch
    recipe.learningRate = learningRate
    recipe.clip = clip
    recipe.maximumUpdates = updates ?? book.size(quick: 40, class: 3000, full: 10000)
    if quick { (recipe.checkEvery, recipe.heldOutCount, recipe.testCount) = (10, 64, 64) }
    let hidden = recipe.hidden, batch = recipe.batch
    let F = TemporalOrderTask.symbols.count
    // Window 0 stands for full BPTT.
    let allWindows = windows + [0]
    let windowName: (Int) -> String = { $0 == 0 ? "full BPTT" : "k = \($0)" }

    book.markdown(
      """
      Full backpropagation through time keeps the tape of all T steps and carries the gradient back to step 1. On
      long sequences that is too much memory, so practitioners cut the sequence into windows of k steps, carry the
      state (h, c) from one window into the next, and backpropagate within each window only: BPTT(k, k) in Williams &
      Peng's notation. In PyTorch this is `h = h.detach()` between chunks; in Keras it is what people try to get from
      `stateful=True` (which carries the state but, as Keras's maintainers point out, backpropagates only within each
      batch's time steps). The forward pass still sees the whole sequence; only the gradient is cut:

          dL/dh_t is exact for the last k steps, and 0 before them:  the state entering the window is a constant.

      A classifier that answers at step T gets its loss in the last window only. The network can learn to *use* what
      its state holds at the window's start, but it cannot learn to *put* anything there. The naive prediction: an
      LSTM learns the temporal-order task only when both marked symbols fall inside the last window, k ≥ L + \(margin - 1).
      The runs use the recipe and budget of the long-lags lesson, so its full-BPTT row is long-lags' experiment
      for the same LSTM on a finer grid of lags.
      """)

    // MARK: - Experiment 1: which lags each window can learn

    book.experiment(
      "Success rate for every window k and lag L",
      details: """
        temporal-order task: x_1 = E, first mark in x_2 ... x_\(margin - 1), second mark x_\(margin), trigger x_T; T = L + \(margin); L in \(lags.map(String.init).joined(separator: ", ")) (ratio about 1.5)
        LSTM, H = \(hidden), forget-gate bias b_f = \(forgetBiases.map { TemporalOrderModel.number($0) }.joined(separator: " or ")), Keras initialisation otherwise; Dense softmax head on h_T; Float
        BPTT truncated to windows of k = \(windows.map(String.init).joined(separator: ", ")) steps, aligned to the end of the sequence,
        h and c carried across windows (earlier windows hold no loss: forward only); and full BPTT
        \(recipe.trainingText) (long-lags' recipe and budget)
        solved: held-out accuracy ≥ \(NumberText.significant(recipe.solvedAccuracy, digits: 3)) on \(recipe.heldOutCount) fixed sequences, checked every \(recipe.checkEvery) updates; \(seeds) seed\(seeds == 1 ? "" : "s") per cell
        lags run in ascending order; a window is no longer tried after \(stopAfter) lag\(stopAfter == 1 ? "" : "s") in a row that no seed solved
        frontier of a window: the longest lag up to which at least half the seeds solved every lag; success fractions with 95% Wilson intervals
        """)
    let start = Date()
    var runs: [TruncationRecord] = []
    for (model, bias) in forgetBiases.enumerated() {
      var failures = Dictionary(uniqueKeysWithValues: allWindows.map { ($0, 0) })
      for lag in lags {
        let alive = allWindows.filter { failures[$0]! < stopAfter }
        if alive.isEmpty { break }
        let grid = try SweepGrid([SweepAxis("window", alive), SweepAxis("seed", (0..<seeds).map { Int(seed) + $0 })])
        let frozen = recipe
        let report = try book.sweep(
          "bf\(TemporalOrderModel.number(bias))-lag\(lag)", grid: grid, metrics: TemporalOrderRecipe.metricNames,
          settings: recipe.fingerprint + " bf=\(bias) lag=\(lag)", fresh: fresh, workers: workers
        ) { cell in
          let window = try cell.int("window")
          let placement = TemporalOrderPlacement.lag(lag, margin: frozen.margin)
          return try frozen.runLSTM(
            forgetBias: bias, task: placement, seed: UInt64(try cell.int("seed")),
            gradients: window == 0 ? nil : { net, batch in try truncatedGradients(net, batch, window: window) }
          ).metrics
        }
        let cellRuns = report.results.rows.map { TruncationRecord(row: $0, model: model, lag: lag) }
        runs += cellRuns
        for window in alive {
          let solved = cellRuns.filter { $0.window == window && $0.updatesToSolve != nil }.count
          failures[window] = solved == 0 ? failures[window]! + 1 : 0
        }
      }
    }
    let elapsed = Date().timeIntervalSince(start)

    func cell(_ model: Int, _ window: Int, _ lag: Int) -> [TruncationRecord] {
      runs.filter { $0.model == model && $0.window == window && $0.lag == lag }
    }
    /// The longest lag up to which at least half the seeds solved every lag, and the next lag tried (nil: none).
    func frontier(_ model: Int, _ window: Int) -> (longest: Int?, next: Int?) {
      var longest: Int? = nil
      for lag in lags {
        let rs = cell(model, window, lag)
        if rs.isEmpty { return (longest, nil) }
        if 2 * rs.filter({ $0.updatesToSolve != nil }).count >= rs.count { longest = lag } else { return (longest, lag) }
      }
      return (longest, nil)
    }
    let longestT = lags.max()! + margin
    var heatRows: [String] = [], heatValues: [[Double]] = [], heatLabels: [[String]] = []
    var frontierChart = Chart(
      title: "Frontier against the truncation window (\(seeds) seed\(seeds == 1 ? "" : "s") per cell)",
      x: Axis("truncation window k (steps; doubling)", scale: .log(base: 2)),
      y: Axis("longest lag L solved by at least half the seeds (doubling)", scale: .log(base: 2)))
    var frontiers: [[(longest: Int?, next: Int?)]] = []
    for (model, bias) in forgetBiases.enumerated() {
      let name = "LSTM, b_f = \(TemporalOrderModel.number(bias))"
      var table = Table(
        "\(name): runs solved within \(recipe.maximumUpdates) updates, by window k and lag L (\(seeds) seed\(seeds == 1 ? "" : "s"); – : not tried)",
        columns: [.init("window", alignment: .left)] + lags.map { .init("L = \($0)", alignment: .right) }
          + [.init("frontier (next lag)", alignment: .right), .init("longest L with both marks in the window", alignment: .right)])
      var modelFrontiers: [(longest: Int?, next: Int?)] = []
      for window in allWindows {
        let f = frontier(model, window)
        modelFrontiers.append(f)
        let inside = window == 0 ? lags.max() : lags.filter { $0 + margin - 1 <= window }.max()
        table.append(
          [.text(windowName(window))]
            + lags.map { lag in
              let rs = cell(model, window, lag)
              return rs.isEmpty ? "–" : .text("\(rs.filter { $0.updatesToSolve != nil }.count)/\(rs.count)")
            }
            + [.text((f.longest.map(String.init) ?? "none") + (f.next.map { " (\($0))" } ?? "")), inside.map { .number($0) } ?? "none"])
        heatRows.append("b_f = \(TemporalOrderModel.number(bias)), \(windowName(window))")
        heatValues.append(lags.map { lag in
          let rs = cell(model, window, lag)
          return rs.isEmpty ? .nan : Double(rs.filter { $0.updatesToSolve != nil }.count) / Double(rs.count)
        })
        heatLabels.append(lags.map { lag in
          let rs = cell(model, window, lag)
          return rs.isEmpty ? "" : "\(rs.filter { $0.updatesToSolve != nil }.count)/\(rs.count)"
        })
      }
      frontiers.append(modelFrontiers)
      try book.table(table)
      // Truncated windows only (full BPTT is a reference line): a window that solved no lag is a gap, not a 0.
      // Models shifted slightly left and right of each window, so that equal frontiers do not hide one another.
      let shift = Foundation.pow(2, 0.12 * (Double(model) - Double(forgetBiases.count - 1) / 2))
      frontierChart.add(Series(
        "measured, \(name)", x: windows.map { Double($0) * shift },
        y: windows.indices.map { modelFrontiers[$0].longest.map(Double.init) ?? .nan }, style: .linesPoints))
      if let full = modelFrontiers.last?.longest {
        frontierChart.addReference(
          y: Double(full), title: "full BPTT, \(name): L = \(full)" + (modelFrontiers.last?.next == nil ? " (longest tried)" : ""),
          kind: model % 2 == 0 ? .level : .bound)
      }
    }
    try book.chart(
      Figure(
        name: "success-by-window",
        heatmap: Heatmap(
          title: "Fraction of seeds that solved the task with BPTT truncated to k steps (blank: not tried)",
          x: Axis("lag L (the second mark is L steps before the answer; T = L + \(margin))"),
          y: Axis("LSTM forget-gate bias, truncation window"), columns: lags.map { "L = \($0)" }, rows: heatRows,
          values: heatValues, colorLabel: "fraction of seeds solved", digits: 2, cellLabels: heatLabels),
        width: 1100, height: 260 + 45 * heatRows.count),
      caption: "One cell per window and lag: runs solved within \(recipe.maximumUpdates) updates out of \(seeds). Both marks lie inside "
        + "the last window only when k ≥ L + \(margin - 1); cells solved beyond that used what the forward state carried into the window. "
        + "A blank cell was not tried: its window had failed every seed at \(stopAfter) shorter lag\(stopAfter == 1 ? "" : "s")",
      isKey: true)
    frontierChart.add(Series(
      "longest lag with both marks inside the window (L ≤ k - \(margin - 1))", x: windows,
      y: windows.map { Double($0 - margin + 1) }.map { $0 >= 1 ? $0 : .nan }, style: .reference(.fitted)))
    try book.chart(
      Figure(name: "frontier", chart: frontierChart, width: 950, height: 600),
      caption: "The frontier of each truncation window (a gap: no lag solved by half the seeds), against the longest lag whose marks both "
        + "fall inside the window (dash-dot) and the frontier of full BPTT (a dashed or dotted horizontal line per model); the models are "
        + "shifted slightly left and right of each window so that equal frontiers stay visible. The lag grid has ratio about 1.5, so each frontier "
        + "is named to within that factor")

    // MARK: - Experiment 2: the tape each window needs

    book.experiment(
      "Tape memory of one update, measured",
      details: "T = \(longestT), B = \(batch), F = \(F), H = \(hidden), Float: the largest tape held during one truncated pass, "
        + "added up from the matrices actually stored, against the formula (k'·B·(F + 7H) + 2·B·H)·4 bytes, k' = min(k, T)")
    var memoryRNG = SeededGenerator.derived(seed: seed, stream: 9)
    let memoryWindows = Array(Set(windows.map { min($0, longestT) } + [longestT])).sorted()
    let lstm = LSTM<Float>(inputSize: F, hiddenSize: hidden, using: &memoryRNG)
    let probe = try TemporalOrderTask(lag: lags.max()!).generate(count: batch, steps: longestT, using: &memoryRNG)
    let x = try probe.timeMajorBatch(indices: Array(0..<batch)).x
    let calculator = try MemoryCalculator(steps: longestT, batchSize: batch, inputSize: F, hiddenSize: hidden, classes: 4)
    let fullBytes = try lstm.forward(x, steps: longestT).byteCount
    var measured: [Double] = [], predicted: [Double] = []
    var memoryTable = Table(
      "Tape bytes of one update at T = \(longestT)",
      columns: [
        .init("window k"), .init("measured peak tape (bytes)"), .init("formula (bytes)"), .init("fraction of full BPTT", format: .fixed(decimals: 3)),
      ])
    for window in memoryWindows {
      let pass = try truncatedPass(lstm, x: x, steps: longestT, window: window) { _ in
        Matrix<Float>(rows: batch, columns: hidden, repeating: 1)
      }
      let formula = calculator.breakdown(.truncated(window: window)).activations
      measured.append(Double(pass.peakTapeBytes))
      predicted.append(Double(formula))
      memoryTable.append([.number(window), .number(pass.peakTapeBytes), .number(formula), .number(Double(pass.peakTapeBytes) / Double(fullBytes))])
    }
    try book.table(memoryTable)
    var memoryChart = Chart(
      title: "Tape of one truncated-BPTT update (T = \(longestT), B = \(batch), H = \(hidden), Float)",
      x: Axis("truncation window k (steps)", scale: .log(base: 2)), y: Axis("peak tape (KiB)", scale: .log(base: 2)))
    memoryChart.add(Series("measured (tape matrices held)", x: memoryWindows, y: measured.map { $0 / 1024 }, style: .points))
    memoryChart.add(Series("formula (MemoryCalculator)", x: memoryWindows, y: predicted.map { $0 / 1024 }, style: .lines))
    memoryChart.addReference(y: Double(fullBytes) / 1024, title: "full BPTT")
    try book.chart(
      Figure(name: "tape-memory", chart: memoryChart, width: 950, height: 600),
      caption: "The tape grows linearly with k and stops at the full-BPTT tape once k ≥ T; both axes doubling")

    // MARK: - Finding

    let worstMemory = zip(measured, predicted).map { abs($0 / $1 - 1) }.max() ?? .nan
    func frontierText(_ f: (longest: Int?, next: Int?)) -> String {
      switch (f.longest, f.next) {
      case (let l?, let n?): return "L = \(l) (not \(n))"
      case (let l?, nil): return "L ≥ \(l), the longest tried"
      case (nil, let n?): return "none (not even L = \(n))"
      case (nil, nil): return "none"
      }
    }
    let perModel = forgetBiases.indices.map { model in
      "LSTM b_f = \(TemporalOrderModel.number(forgetBiases[model])): "
        + allWindows.indices.map { "\(windowName(allWindows[$0])) → \(frontierText(frontiers[model][$0]))" }.joined(separator: ", ")
    }.joined(separator: "; ")
    let beyond = forgetBiases.indices.map { model in
      let outside = runs.filter { $0.model == model && $0.window > 0 && $0.lag + margin - 1 > $0.window }
      let solved = outside.filter { $0.updatesToSolve != nil }
      return "\(ConfidenceInterval.wilsonText(solved.count, outside.count)) for b_f = \(TemporalOrderModel.number(forgetBiases[model]))"
    }.joined(separator: " and ")
    let fullRuns = forgetBiases.indices.map { model in
      "b_f = \(TemporalOrderModel.number(forgetBiases[model])): "
        + lags.compactMap { lag in
          let rs = cell(model, 0, lag)
          return rs.isEmpty ? nil : "L = \(lag) \(ConfidenceInterval.wilsonText(rs.filter { $0.updatesToSolve != nil }.count, rs.count))"
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    // Recorded for the replication check: full BPTT's solved fraction per lag, and the truncated runs beyond the window.
    for model in forgetBiases.indices {
      let name = "b_f = \(TemporalOrderModel.number(forgetBiases[model]))"
      for lag in lags where !cell(model, 0, lag).isEmpty {
        let rs = cell(model, 0, lag)
        book.finding(
          "solved fraction, full BPTT, \(name), L = \(lag)",
          ConfidenceInterval.wilson(successes: rs.filter { $0.updatesToSolve != nil }.count, trials: rs.count))
      }
      let outside = runs.filter { $0.model == model && $0.window > 0 && $0.lag + margin - 1 > $0.window }
      if !outside.isEmpty {
        book.finding(
          "solved fraction, truncated runs with the first mark outside the window, \(name)",
          ConfidenceInterval.wilson(successes: outside.filter { $0.updatesToSolve != nil }.count, trials: outside.count))
      }
    }
    let widest = ConfidenceInterval.wilson(successes: seeds / 2, trials: seeds)
    book.finding(
      "Frontier (longest lag up to which at least half of \(seeds) seed\(seeds == 1 ? "" : "s") solved every lag, within \(recipe.maximumUpdates) updates; "
        + "lags about 1.5× apart): \(perModel). Full BPTT, runs solved per lag: \(fullRuns). "
        + "Truncated runs whose first mark lay outside the last window that still solved the task: \(beyond). "
        + "The measured tape grew linearly with k and matched the formula " + (worstMemory == 0 ? "exactly: " : "to \(NumberText.significant(100 * worstMemory, digits: 2)) %: ")
        + "k = \(memoryWindows.first!) held \(NumberText.significant(measured.first! / Double(fullBytes) * 100, digits: 2)) % of full BPTT's "
        + "\(NumberText.fixed(Double(fullBytes) / 1024, decimals: 0)) KiB at T = \(longestT). "
        + "What this design detects: with \(seeds) seed\(seeds == 1 ? "" : "s") per cell a success fraction's 95% Wilson interval is up to "
        + "\(NumberText.fixed(widest.upper - widest.lower, decimals: 2)) wide, so a frontier separates 'most seeds solve' from 'most fail', not "
        + "rates a few tenths apart. (\(runs.count) training runs in \(NumberText.fixed(elapsed, decimals: 0)) s on \(workers) worker\(workers == 1 ? "" : "s"), \(book.tier) tier.)",
      isKey: true)
    book.markdown(
      """
      **What truncation buys and costs.** Memory: the tape is k steps long instead of T, whatever T is, so a stream of
      any length fits. Compute: the forward pass still covers all T steps; the backward pass only the last k. Reach:
      no gradient connects the loss to a step before the window, so the network cannot learn to *store* what it will
      need there. But the forward pass still carries the state, and whatever the untrained dynamics happen to keep —
      a random imprint of the marks in h and c, fading by about f per step — the window and the head can learn to
      *read*. A cell that forgets slowly (large b_f) keeps more of it: that is how a run can solve lags beyond its
      window, and why the frontier is not simply k − \(margin - 1).
      """)
    try book.finish()
  }
}

/// One update's gradients with BPTT truncated to `window` steps: the truncated pass below, with the head's loss on h_T.
func truncatedGradients(
  _ net: LastStepClassifier<LSTM<Float>>, _ batch: ClassifierBatch<Float>, window: Int
) throws -> ClassifierGradients<Float> {
  var head: LastStepHeadPass<Float>?
  let pass = try truncatedPass(net.recurrent, x: batch.x, steps: batch.steps, window: window) { last in
    let h = try net.headPass(lastHidden: last, labels: batch.labels)
    head = h
    return h.lastHiddenGradient
  }
  guard let head else { throw ValidationError("truncatedPass did not reach the last step") }
  return (pass.gradients.parameterGradients + head.headGradients, Double(head.loss), head.correct)
}

/// Truncated BPTT(k, k) for a loss on the last step, with windows aligned to the END of the sequence so that the
/// window holding the loss is k steps long. Every earlier window has no loss, so its backward pass would add nothing:
/// the first T - k steps run forward only, k steps at a time (each window's tape is dropped when the next begins),
/// and Recurrent's `truncatedGradients` runs the last window forward and backward from the carried (h, c).
/// (The tests in LessonMathTests check that this equals `truncatedGradients` over the whole end-aligned sequence.)
/// `lastStepGradient` receives h_T (B x H) and returns dL/dh_T. The result's `peakTapeBytes` covers every window.
func truncatedPass(
  _ lstm: LSTM<Float>, x: Matrix<Float>, steps: Int, window: Int,
  lastStepGradient: (Matrix<Float>) throws -> Matrix<Float>
) throws -> BPTTResult<Float, LSTMGradients<Float>> {
  let batch = x.rows / steps
  let forwardOnly = max(0, steps - window)
  var h: Matrix<Float>? = nil, c: Matrix<Float>? = nil
  var peak = 0
  var t = 0
  while t < forwardOnly {  // windows without a loss: forward only, carrying (h, c)
    let n = min(window, forwardOnly - t)
    let tape = try lstm.forward(x.rows(t * batch..<(t + n) * batch), steps: n, h0: h, c0: c)
    (h, c, peak) = (tape.lastHidden, tape.lastCell, max(peak, tape.byteCount))
    t += n
  }
  let last = steps - forwardOnly
  var result = try lstm.truncatedGradients(
    x.rows(forwardOnly * batch..<steps * batch), steps: last, window: window, h0: h, c0: c
  ) { range, hidden in
    var dH = Matrix<Float>(rows: hidden.rows, columns: hidden.columns)
    if range.upperBound == last {
      dH.setRows(startingAt: (range.count - 1) * batch, to: try lastStepGradient(hidden.rows((range.count - 1) * batch..<range.count * batch)))
    }
    return dH
  }
  result.peakTapeBytes = max(result.peakTapeBytes, peak)
  return result
}

/// One row of a results file, read back.
struct TruncationRecord {
  /// Index into the forget-gate biases.
  var model: Int
  var lag: Int
  /// The truncation window; 0 for full BPTT.
  var window: Int
  var seed: Int
  var updatesToSolve: Int?

  init(row: SweepRow, model: Int, lag: Int) {
    (self.model, self.lag) = (model, lag)
    window = Int(row.number("window") ?? -1)
    seed = Int(row.number("seed") ?? 0)
    let solvedAt = row.metric("updates_to_solve") ?? .nan
    updatesToSolve = solvedAt.isFinite ? Int(solvedAt) : nil
  }
}

TruncatedBPTT.main()
