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

  @Option(parsing: .upToNextOption, help: "Truncation windows k (steps the gradient may travel back); k >= T is full BPTT.")
  var windows: [Int] = [1, 4, 8, 16, 64]

  @Option(parsing: .upToNextOption, help: "Lags L of the temporal-order task.")
  var lags: [Int] = [4, 12, 28]

  @Option(help: "Steps up to the second marked symbol (the first falls in x_2 ... x_{margin-1}); T = lag + margin.")
  var margin = 5

  @Option(parsing: .upToNextOption, help: "Forget-gate biases b_f, one LSTM each (1: Keras; 3: a cell that forgets slowly).")
  var forgetBiases: [Double] = [1, 3]

  @Option(help: "Hidden units H.")
  var hidden = 32

  @Option(help: "Sequences per batch B.")
  var batch = 32

  @Option(help: "Largest number of updates per run (a run stops once it has learned the task).")
  var updates = 1000

  @Option(help: "Adam learning rate.")
  var learningRate = 0.003

  @Option(help: "A run has learned the task when its training accuracy over the last 50 batches reaches this.")
  var stopAccuracy = 0.99

  @Option(help: "A lag counts as learned with window k when the mean test accuracy over seeds reaches this.")
  var learnedAccuracy = 0.9

  @Option(help: "Seeds per window and lag.")
  var seeds = 3

  @Option(help: "Test sequences per lag.")
  var testCount = 512

  @Option(help: "Runs trained at the same time (default: one per processor core).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "First seed; runs use seed, seed + 1, ...")
  var seed: UInt64 = 1

  mutating func validate() throws {
    guard !windows.isEmpty, windows.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--windows must be at least 1 each") }
    guard !lags.isEmpty, lags.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--lags must be at least 1 each") }
    guard margin >= 3 else { throw ValidationError("--margin must be at least 3") }
    guard hidden >= 1, batch >= 1, updates >= 50, seeds >= 1, testCount >= 1, workers >= 1 else {
      throw ValidationError("--hidden, --batch, --seeds, --test-count and --workers must be positive, --updates at least 50")
    }
    guard !forgetBiases.isEmpty, forgetBiases.allSatisfy(\.isFinite) else { throw ValidationError("--forget-biases must be numbers") }
    guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    guard stopAccuracy > 0.25 && stopAccuracy <= 1, learnedAccuracy > 0.25 && learnedAccuracy <= 1 else {
      throw ValidationError("--stop-accuracy and --learned-accuracy must lie above chance (0.25) and at most 1")
    }
  }

  func run() throws {
    let quick = options.quick
    let windows = quick ? [2, 8] : self.windows.sorted()
    let lags = quick ? [2, 4] : self.lags.sorted()
    let seeds = quick ? 1 : self.seeds
    let updates = quick ? 50 : self.updates
    let hidden = quick ? min(self.hidden, 8) : self.hidden
    let testCount = quick ? 64 : self.testCount
    let F = TemporalOrderTask.symbols.count
    var book = try Notebook(lesson: "truncated-bptt", title: "Truncated BPTT: how far back must the gradient go?", options: options)

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
      The experiment tests it for a Keras LSTM (b_f = 1) and one whose cell forgets slowly (b_f = 3).
      """)

    // MARK: - Experiment 1: which lags each window can learn

    book.experiment(
      "Test accuracy for every window k and lag L",
      details: """
        temporal-order task: x_1 = E, first mark in x_2 ... x_\(margin - 1), second mark x_\(margin), trigger x_T; T = L + \(margin); L in \(lags.map(String.init).joined(separator: ", "))
        LSTM, H = \(hidden), forget-gate bias b_f = \(forgetBiases.map { NumberText.significant($0, digits: 3) }.joined(separator: " or ")), Keras initialisation otherwise; Dense softmax head on h_T; Float
        BPTT truncated to windows of k = \(windows.map(String.init).joined(separator: ", ")) steps, aligned to the end of the sequence,
        h and c carried across windows (earlier windows hold no loss: forward only); k >= T is full BPTT
        Adam(lr \(NumberText.significant(learningRate, digits: 3))), B = \(batch) fresh sequences per update, at most \(updates) updates, stop when
        the training accuracy over 50 batches reaches \(NumberText.significant(stopAccuracy, digits: 3)); \(seeds) seed\(seeds == 1 ? "" : "s"); test on \(testCount) sequences
        """)
    var cells: [Cell] = []
    for model in forgetBiases.indices {
      for window in windows {
        for lag in lags { for s in 0..<seeds { cells.append(Cell(model: model, window: window, lag: lag, seed: seed + UInt64(s))) } }
      }
    }
    let start = Date()
    let results = try parallelMap(cells.sorted { $0.lag > $1.lag }, workers: workers) { cell in
      try train(cell, hidden: hidden, updates: updates, testCount: testCount)
    }
    let elapsed = Date().timeIntervalSince(start)

    let longestT = lags.max()! + margin
    let windowLabel: (Int) -> String = { window in window >= longestT ? "\(window) (≥ T: full BPTT)" : "\(window)" }
    var heatRows: [String] = [], heatValues: [[Double]] = []
    var frontier = Chart(
      title: "Longest lag learned against the truncation window",
      x: Axis("truncation window k (steps; k ≥ \(longestT) is full BPTT)", scale: .log(base: 2)),
      y: Axis("longest lag L learned (mean test accuracy ≥ \(NumberText.significant(learnedAccuracy, digits: 2)))"))
    var longest: [[Int?]] = []  // [model][window]
    for (model, bias) in forgetBiases.enumerated() {
      let name = "LSTM, b_f = \(NumberText.significant(bias, digits: 3))"
      var meanAccuracy: [[Double]] = []  // [window][lag]
      var table = Table(
        "\(name): mean test accuracy (\(seeds) seed\(seeds == 1 ? "" : "s")) by window k and lag L",
        columns: [.init("window k", alignment: .left)] + lags.map { .init("L = \($0) (T = \($0 + margin))", format: .fixed(decimals: 2)) }
          + [.init("longest lag learned", alignment: .right), .init("longest with both marks in the window", alignment: .right)])
      var modelLongest: [Int?] = []
      for window in windows {
        var row: [Double] = []
        for lag in lags {
          let accuracies = results.filter { $0.cell.model == model && $0.cell.window == window && $0.cell.lag == lag }.map(\.testAccuracy)
          row.append(mean(accuracies))
        }
        meanAccuracy.append(row)
        let learned = zip(lags, row).filter { $0.1 >= learnedAccuracy }.map(\.0).max()
        let inside = lags.filter { $0 + margin - 1 <= window }.max()
        modelLongest.append(learned)
        table.append(
          [.text(windowLabel(window))] + row.map { .number($0) }
            + [learned.map { .number($0) } ?? "none", inside.map { .number($0) } ?? "none"])
      }
      longest.append(modelLongest)
      try book.table(table)
      for (window, row) in zip(windows, meanAccuracy) {
        heatRows.append("b_f = \(NumberText.significant(bias, digits: 3)), " + (window >= longestT ? "full BPTT" : "k = \(window)"))
        heatValues.append(row)
      }
      // A step function of k, measured at each window; a window that learned no lag is a gap, not a 0.
      let anyLearned = modelLongest.contains { $0 != nil }
      frontier.add(Series(
        "measured, \(name)" + (anyLearned ? "" : ": no lag learned"), x: windows,
        y: modelLongest.map { $0.map(Double.init) ?? .nan }, style: .steps))
    }
    try book.chart(
      Figure(
        name: "accuracy-by-window",
        heatmap: Heatmap(
          title: "Test accuracy with BPTT truncated to k steps (mean over \(seeds) seed\(seeds == 1 ? "" : "s"))",
          x: Axis("lag L (the second mark is L steps before the answer; T = L + \(margin))"),
          y: Axis("LSTM forget-gate bias, truncation window k"), columns: lags.map { "L = \($0)" }, rows: heatRows,
          values: heatValues, colorLabel: "mean test accuracy (chance 0.25)", digits: 2),
        width: 1000, height: 260 + 45 * heatRows.count),
      caption: "One cell per model, window k and lag L. Both marks lie inside the last window only when k ≥ L + \(margin - 1); "
        + "cells that learned without that used information the forward state carried into the window",
      isKey: true)
    frontier.add(Series(
      "longest lag tried with both marks inside the window (k ≥ L + \(margin - 1))", x: windows,
      y: windows.map { window in lags.filter { $0 + margin - 1 <= window }.max().map(Double.init) ?? .nan }, style: .steps))
    try book.chart(
      Figure(name: "longest-lag", chart: frontier, width: 950, height: 600),
      caption: "The longest lag each window learned (among the lags \(lags.map(String.init).joined(separator: ", ")); no point: none "
        + "learned), against the longest of them whose marks both fall inside the last window (a gap: none); both are step functions of k")

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
    let perModel = forgetBiases.indices.map { model in
      "b_f = \(NumberText.significant(forgetBiases[model], digits: 3)): "
        + zip(windows, longest[model]).map { window, learned in
          (window >= longestT ? "full" : "k = \(window)") + " → " + (learned.map { "L ≤ \($0)" } ?? "none")
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    let outside = forgetBiases.indices.map { model in
      let runs = results.filter { $0.cell.model == model && $0.cell.lag + margin - 1 > $0.cell.window }
      let learned = runs.filter { $0.testAccuracy >= learnedAccuracy }
      return "\(learned.count) of \(runs.count) for b_f = \(NumberText.significant(forgetBiases[model], digits: 3))"
    }.joined(separator: " and ")
    book.finding(
      "Longest lag learned: \(perModel). Runs whose first mark lay outside the last window that still reached test "
        + "accuracy \(NumberText.significant(learnedAccuracy, digits: 2)): \(outside). "
        + "The measured tape grew linearly with k and matched the formula to \(NumberText.significant(100 * worstMemory, digits: 2)) %: "
        + "k = \(memoryWindows.first!) held \(NumberText.significant(measured.first! / Double(fullBytes) * 100, digits: 2)) % of full BPTT's "
        + "\(NumberText.significant(Double(fullBytes) / 1024, digits: 3)) KiB at T = \(longestT). "
        + "(\(results.count) training runs in \(NumberText.fixed(elapsed, decimals: 1)) s on \(workers) worker\(workers == 1 ? "" : "s").)",
      isKey: true)
    book.markdown(
      """
      **What truncation buys and costs.** Memory: the tape is k steps long instead of T, whatever T is, so a stream of
      any length fits. Compute: the forward pass still covers all T steps; the backward pass only the last k. Reach:
      no gradient connects the loss to a step before the window, so the network cannot learn to *store* what it will
      need there. But the forward pass still carries the state, and whatever the untrained dynamics happen to keep —
      a random imprint of the marks in h and c, fading by about f per step — the window and the head can learn to
      *read*. A cell that forgets slowly (large b_f) keeps more of it: that is how a run can learn beyond its window,
      and why the frontier is not simply k.
      """)
    try book.finish()
  }

  /// Trains an LSTM classifier with BPTT truncated to `cell.window` steps; returns its test accuracy.
  func train(_ cell: Cell, hidden: Int, updates: Int, testCount: Int) throws -> CellResult {
    let steps = cell.lag + margin
    let task = TemporalOrderTask(lag: cell.lag)
    var rng = SeededGenerator.derived(seed: cell.seed, stream: 0)
    var net = LastStepClassifier(
      recurrent: LSTM<Float>(
        inputSize: TemporalOrderTask.symbols.count, hiddenSize: hidden,
        initializer: RecurrentInitializer.keras.withForgetBias(forgetBiases[cell.model]), using: &rng),
      classes: 4, using: &rng)
    var optimizer = Adam<Float>(learningRate: learningRate)
    var dataRNG = SeededGenerator.derived(seed: cell.seed, stream: 1)
    var recent: [Double] = []
    for _ in 1...updates {
      let part = try task.generate(count: batch, steps: steps, using: &dataRNG)
      let data = try part.timeMajorBatch(indices: Array(0..<batch))
      // The softmax head on h_T, run when the last window has run; its dL/dh_T starts the backward pass.
      var head: LastStepHeadPass<Float>?
      let pass = try truncatedPass(net.recurrent, x: data.x, steps: steps, window: cell.window) { last in
        head = try net.headPass(lastHidden: last, labels: data.labels)
        return head!.lastHiddenGradient
      }
      var parameters = net.parameters
      try optimizer.update(&parameters, gradients: pass.gradients.parameterGradients + head!.headGradients)
      net.parameters = parameters
      recent.append(head!.accuracy)
      if recent.count > 50 { recent.removeFirst() }
      if recent.count == 50 && recent.reduce(0, +) / 50 >= stopAccuracy { break }
    }
    var testRNG = SeededGenerator.derived(seed: 1000 + UInt64(cell.lag), stream: 2)
    let test = try task.generate(count: testCount, steps: steps, using: &testRNG)
    let batchTest = try test.timeMajorBatch(indices: Array(0..<testCount))
    let accuracy = try net.accuracy(batchTest.x, steps: steps, labels: batchTest.labels)
    return CellResult(cell: cell, testAccuracy: accuracy)
  }
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

struct Cell: Sendable {
  /// Index into the forget-gate biases.
  var model: Int
  var window: Int
  var lag: Int
  var seed: UInt64
}

struct CellResult: Sendable {
  var cell: Cell
  var testAccuracy: Double
}

TruncatedBPTT.main()
