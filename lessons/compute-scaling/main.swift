// compute-scaling: what sequence length T and batch size B do to the time of a training update and of an epoch,
// a fitted cost model, and what checkpointed BPTT costs in time.
// Run: swift run -c release compute-scaling [--hidden 64] [--sequences 2048] [--repeats 3] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct ComputeScaling: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compute-scaling",
    abstract: "Time per update against T and B, throughput, time per epoch, a fitted cost model, and the time "
      + "checkpointed BPTT costs.")

  @OptionGroup var options: LessonOptions

  @Option(help: "H, hidden units of the LSTM.")
  var hidden = 64

  @Option(help: "F, features per time step.")
  var features = 1

  @Option(help: "C, classes of the softmax head on h_T.")
  var classes = 2

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the time-against-T scan (B = --batch).")
  var stepsList: [Int] = [16, 32, 64, 128, 256, 512]

  @Option(help: "B while T varies.")
  var batch = 32

  @Option(parsing: .upToNextOption, help: "Batch sizes B of the throughput scan (T = --steps).")
  var batches: [Int] = [1, 2, 4, 8, 16, 32, 64, 128, 256]

  @Option(help: "T while B varies.")
  var steps = 64

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the epoch grid.")
  var gridSteps: [Int] = [16, 32, 64, 128, 256]

  @Option(parsing: .upToNextOption, help: "Batch sizes B of the epoch grid.")
  var gridBatches: [Int] = [4, 8, 16, 32, 64]

  @Option(help: "N, sequences per epoch (an epoch is ceil(N/B) updates).")
  var sequences = 2048

  @Option(help: "Timed updates per (T, B) after one warm-up update; the median is kept.")
  var repeats = 3

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the checkpointing comparison (B = --checkpoint-batch).")
  var checkpointSteps: [Int] = [64, 128, 256, 512]

  @Option(help: "B of the checkpointing comparison.")
  var checkpointBatch = 16

  @Option(help: "k, checkpointed BPTT's segment (steps); default round(sqrt(T)) for each T.")
  var segment: Int?

  @Option(help: "Seed of the weights and the data.")
  var seed: UInt64 = 1

  mutating func validate() throws {
    for (flag, value) in [("--hidden", hidden), ("--features", features), ("--batch", batch), ("--steps", steps),
                          ("--sequences", sequences), ("--repeats", repeats), ("--checkpoint-batch", checkpointBatch),
                          ("--segment", segment ?? 1)] where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    guard classes >= 2 else { throw ValidationError("--classes must be at least 2, not \(classes)") }
    for (flag, list) in [("--steps-list", stepsList), ("--batches", batches), ("--grid-steps", gridSteps),
                         ("--grid-batches", gridBatches), ("--checkpoint-steps", checkpointSteps)] {
      guard list.count >= 2, list.allSatisfy({ $0 >= 1 }), Set(list).count == list.count else {
        throw ValidationError("\(flag) needs at least two different positive values, not \(list)")
      }
    }
  }

  func run() throws {
    let quick = options.quick
    let stepsList = quick ? [8, 16, 32] : stepsList.sorted()
    let batches = quick ? [1, 2, 4, 8] : batches.sorted()
    let (batch, steps) = quick ? (4, 8) : (self.batch, self.steps)
    let gridSteps = quick ? [8, 16] : gridSteps.sorted()
    let gridBatches = quick ? [2, 4] : gridBatches.sorted()
    let checkpointSteps = quick ? [16, 36] : checkpointSteps.sorted()
    let checkpointBatch = quick ? 2 : self.checkpointBatch
    let repeats = quick ? 1 : self.repeats
    let N = sequences

    var book = try Notebook(lesson: "compute-scaling", title: "How long an update and an epoch take, in T and B", options: options)
    #if DEBUG
      book.markdown(
        "**Warning: this is a debug build.** Its timings measure unoptimised code and say little about the algorithm. "
          + "Run `swift run -c release compute-scaling`.")
    #endif
    book.markdown(
      """
      One training update of an LSTM runs T steps forward and T steps backward, one after another: step t needs
      h_{t-1}. Within a step the B sequences of the batch are independent, so they go through one matrix product
      together: h_{t-1} U is a (B x H) times (H x 4H) product. Counting multiply-adds:

          forward  ≈ 2*T*B*4H*(F + H)   (the input projection x W and the recurrent product h U)
          backward ≈ 2 x forward        (dZ U^T for dL/dh, then dW and dU)

      So the arithmetic grows as T*B. The *time* need not: a product with few rows cannot keep the processor busy, and
      every step pays a fixed cost (reading U, the loop, the pointwise kernels) whatever B is. A reasonable model of
      the time of one update is

          time(T, B) = a + b*T + c*T*B

      with a the per-update cost (head, loss, Adam's update of every parameter), b the per-step cost that does not
      depend on B, and c the cost of one sequence-step. This lesson measures the time on many (T, B) and fits a, b, c.
      The model is one LSTM layer (F = \(features), H = \(hidden)) with a softmax head on h_T (C = \(classes)), Float32,
      Adam; the data are random (the arithmetic does not depend on the values).
      """)
    book.markdown(
      "*This machine: \(ProcessInfo.processInfo.activeProcessorCount) processors, load average "
        + "\(loadAverage() ?? "unknown") at the start (other programs running at the same time slow the measurements "
        + "down; each time is the median of \(repeats) updates).*")

    var lab = ComputeLab(features: features, hidden: hidden, classes: classes, seed: seed)
    var cache: [Cell: Timing] = [:]
    func timing(_ T: Int, _ B: Int) throws -> Timing {
      if let known = cache[Cell(steps: T, batch: B)] { return known }
      let measured = try lab.timeUpdates(mode: .full, steps: T, batch: B, repeats: repeats, segment: segment)
      cache[Cell(steps: T, batch: B)] = measured
      return measured
    }

    // MARK: Experiment 1: time per update against T

    book.experiment(
      "Time per update against T",
      details: "T = \(list(stepsList)), B = \(batch); full BPTT; median of \(repeats) timed updates after a warm-up")
    let byT = try stepsList.map { try timing($0, batch) }
    let lineT = fitLine(x: stepsList.map(Double.init), y: byT.map(\.median))
    let r2T = rSquared(x: stepsList.map(Double.init), y: byT.map(\.median), line: lineT)
    var tTable = Table(
      "Time per update against T (B = \(batch))",
      columns: [.init("T"), .init("median (ms)", format: .fixed(decimals: 2)), .init("min (ms)", format: .fixed(decimals: 2)),
                .init("max (ms)", format: .fixed(decimals: 2)), .init("per step (µs)", format: .fixed(decimals: 1))])
    for (T, t) in zip(stepsList, byT) {
      tTable.append([.number(T), .number(t.median * 1e3), .number(t.min * 1e3), .number(t.max * 1e3), .number(t.median / Double(T) * 1e6)])
    }
    try book.table(tTable)
    var tChart = Chart(
      title: "Time per update against T (B = \(batch))", x: Axis("sequence length T (steps)", minimum: 0),
      y: Axis("time per update (ms)", minimum: 0), key: .topLeft)
    tChart.add(Series(
      "measured (median, bar: min to max)", x: stepsList, y: byT.map { $0.median * 1e3 },
      errors: byT.map { ($0.max - $0.min) / 2 * 1e3 }, style: .points))
    tChart.add(Series(
      "straight line: \(NumberText.fixed(lineT.intercept * 1e3, decimals: 2)) ms + \(NumberText.fixed(lineT.slope * 1e6, decimals: 1)) µs * T",
      x: [0, stepsList.last!], y: [lineT.intercept * 1e3, (lineT.intercept + lineT.slope * Double(stepsList.last!)) * 1e3],
      style: .lines))
    try book.chart(Figure(name: "time-vs-steps", chart: tChart), caption: "Time per update grows in a straight line with T")
    book.finding(
      "At B = \(batch) each extra time step added \(NumberText.fixed(lineT.slope * 1e6, decimals: 1)) µs to an update "
        + "(least-squares line, R² = \(NumberText.fixed(r2T, decimals: 4))): from T = \(stepsList.first!) to \(stepsList.last!) "
        + "the time went from \(NumberText.fixed(byT.first!.median * 1e3, decimals: 2)) to "
        + "\(NumberText.fixed(byT.last!.median * 1e3, decimals: 2)) ms, \(NumberText.fixed(byT.last!.median / byT.first!.median, decimals: 1))x "
        + "for \(NumberText.fixed(Double(stepsList.last!) / Double(stepsList.first!), decimals: 0))x the steps.")

    // MARK: Experiment 2: throughput against B

    book.experiment(
      "Throughput against B",
      details: "B = \(list(batches)), T = \(steps); throughput = B / (time per update) sequences per second")
    let byB = try batches.map { try timing(steps, $0) }
    let throughput = zip(batches, byB).map { Double($0) / $1.median }
    var bTable = Table(
      "Throughput against B (T = \(steps))",
      columns: [.init("B"), .init("time per update (ms)", format: .fixed(decimals: 2)),
                .init("sequences / s", format: .fixed(decimals: 0)), .init("sequence-steps / s", format: .significant(3)),
                .init("time per sequence (ms)", format: .fixed(decimals: 3))])
    for (B, (t, rate)) in zip(batches, zip(byB, throughput)) {
      bTable.append([.number(B), .number(t.median * 1e3), .number(rate), .number(rate * Double(steps)), .number(t.median / Double(B) * 1e3)])
    }
    try book.table(bTable)

    // MARK: Experiment 3: time per epoch on a (T, B) grid

    book.experiment(
      "Time per epoch on a (T, B) grid",
      details: """
        T = \(list(gridSteps)), B = \(list(gridBatches)); an epoch of N = \(N) sequences is ceil(N/B) updates
        time per epoch = ceil(N/B) * (measured median time per update)
        """)
    var epochValues: [[Double]] = []
    var updateValues: [[Double]] = []
    for B in gridBatches {
      var row: [Double] = []
      var updates: [Double] = []
      for T in gridSteps {
        let t = try timing(T, B).median
        updates.append(t * 1e3)
        row.append(Double((N + B - 1) / B) * t)
      }
      epochValues.append(row)
      updateValues.append(updates)
    }
    try book.chart(
      Figure(
        name: "epoch-grid", title: "Time on the (T, B) grid",
        panels: [
          .heatmap(Heatmap(
            title: "Time per update (ms)", x: Axis("sequence length T"), y: Axis("batch size B"),
            columns: gridSteps.map(String.init), rows: gridBatches.map(String.init), values: updateValues,
            colorLabel: "ms per update", logColor: true, digits: 3)),
          .heatmap(Heatmap(
            title: "Time per epoch of \(N) sequences (s)", x: Axis("sequence length T"), y: Axis("batch size B"),
            columns: gridSteps.map(String.init), rows: gridBatches.map(String.init), values: epochValues,
            colorLabel: "seconds per epoch", logColor: true, digits: 3)),
        ], columns: 2, width: 1300, height: 560),
      caption: "Left: an update costs more with larger T and B. Right: an epoch costs more with T but less with B "
        + "(fewer, fuller updates)")
    let epochSmallB = epochValues.first!, epochLargeB = epochValues.last!
    book.finding(
      "An epoch of \(N) sequences at T = \(gridSteps.last!) took \(NumberText.fixed(epochSmallB.last!, decimals: 2)) s with "
        + "B = \(gridBatches.first!) and \(NumberText.fixed(epochLargeB.last!, decimals: 2)) s with B = \(gridBatches.last!) "
        + "(\(NumberText.fixed(epochSmallB.last! / epochLargeB.last!, decimals: 1))x faster, with "
        + "\(NumberText.fixed(Double(gridBatches.last!) / Double(gridBatches.first!), decimals: 0))x fewer updates); at B = "
        + "\(gridBatches.last!) going from T = \(gridSteps.first!) to \(gridSteps.last!) made it "
        + "\(NumberText.fixed(epochLargeB.last! / epochLargeB.first!, decimals: 1))x longer.")

    // MARK: Experiment 4: the cost model, fitted

    let cells = cache.keys.sorted { ($0.steps, $0.batch) < ($1.steps, $1.batch) }
    book.experiment(
      "A cost model fitted to every measured update",
      details: """
        \(cells.count) (T, B) cells from the experiments above
        model A: time = a + b*T + c*T*B;  model B: time = a + b*T + c*T*B + d*B
        least squares on relative error: minimise the sum of ((model - measured) / measured)^2
        """)
    let measured = cells.map { cache[$0]!.median }
    let modelA = try fitCostModel(cells: cells, times: measured, withBatchTerm: false)
    let modelB = try fitCostModel(cells: cells, times: measured, withBatchTerm: true)
    var modelTable = Table(
      "Fitted coefficients",
      columns: [.init("model", alignment: .left), .init("a (ms)", format: .significant(3)), .init("b (µs per step)", format: .significant(3)),
                .init("c (µs per sequence-step)", format: .significant(3)), .init("d (µs per sequence)", format: .significant(3)),
                .init("RMS relative residual (%)", format: .fixed(decimals: 1)), .init("worst residual (%)", format: .fixed(decimals: 1))])
    for (name, model) in [("A: a + bT + cTB", modelA), ("B: a + bT + cTB + dB", modelB)] {
      modelTable.append([
        .text(name), .number(model.a * 1e3), .number(model.b * 1e6), .number(model.c * 1e6),
        model.d.map { .number($0 * 1e6) } ?? .text("-"), .number(model.rmsRelative * 100), .number(model.worstRelative * 100),
      ])
    }
    try book.table(modelTable)
    let model = modelA
    var fitChart = Chart(
      title: "Model A against the measurements", x: Axis("predicted time (ms)", scale: .log()),
      y: Axis("measured time (ms)", scale: .log()), key: .topLeft)
    let predicted = cells.map { model.time(steps: $0.steps, batch: $0.batch) }
    fitChart.add(Series("one (T, B) cell", x: predicted.map { $0 * 1e3 }, y: measured.map { $0 * 1e3 }, style: .points))
    let span = [min(predicted.min()!, measured.min()!) * 1e3, max(predicted.max()!, measured.max()!) * 1e3]
    fitChart.add(Series("measured = predicted", x: span, y: span, style: .lines))
    var residualChart = Chart(
      title: "Relative residuals of model A", x: Axis("T*B (sequence-steps per update)", scale: .log(base: 2)),
      y: Axis("(measured - predicted) / predicted (%)"), key: .topRight)
    for T in Set(cells.map(\.steps)).sorted() {
      let row = cells.indices.filter { cells[$0].steps == T }
      residualChart.add(Series(
        "T = \(T)", x: row.map { cells[$0].steps * cells[$0].batch },
        y: row.map { (measured[$0] - predicted[$0]) / predicted[$0] * 100 }, style: .points))
    }
    residualChart.addReference(y: 0, title: "no error")
    try book.chart(
      Figure(name: "cost-model", title: "time = a + b*T + c*T*B, fitted", panels: [.chart(fitChart), .chart(residualChart)],
             columns: 2, width: 1300, height: 560),
      caption: "Left: every measured update against the model's prediction. Right: what the model misses, by T*B and T",
      isKey: true)

    // The throughput chart, now with the model's curve and its ceiling.
    let ceiling = 1 / (model.c * Double(steps))
    let halfBatch = (model.a + model.b * Double(steps)) / (model.c * Double(steps))
    var rateChart = Chart(
      title: "Throughput against B (T = \(steps))", x: Axis("batch size B (sequences)", scale: .log(base: 2)),
      y: Axis("sequences per second"), key: .bottomRight)
    rateChart.add(Series("measured", x: batches, y: throughput, style: .points))
    let fine = stride(from: log2(Double(batches.first!)), through: log2(Double(batches.last!)), by: 0.05).map { pow(2, $0) }
    rateChart.add(Series("model A: B / (a + b*T + c*T*B)", x: fine, y: fine.map { $0 / model.time(steps: Double(steps), batch: $0) }, style: .lines))
    rateChart.addReference(y: ceiling, title: "ceiling 1 / (c*T)")
    try book.chart(
      Figure(name: "throughput", chart: rateChart),
      caption: "Sequences per second rise with B while fixed costs dominate, then level off at the ceiling 1/(c*T)")
    let bestRate = throughput.max()!
    let bestB = batches[throughput.firstIndex(of: bestRate)!]
    book.finding(
      "Model A fits all \(cells.count) measurements with an RMS relative error of \(NumberText.fixed(model.rmsRelative * 100, decimals: 1))% "
        + "(worst \(NumberText.fixed(model.worstRelative * 100, decimals: 1))%; adding d*B gives \(NumberText.fixed(modelB.rmsRelative * 100, decimals: 1))%): "
        + "a = \(NumberText.significant(model.a * 1e3, digits: 3)) ms per update, b = \(NumberText.significant(model.b * 1e6, digits: 3)) µs per step, "
        + "c = \(NumberText.significant(model.c * 1e6, digits: 3)) µs per sequence-step. At T = \(steps) throughput rose from "
        + "\(NumberText.fixed(throughput.first!, decimals: 0)) sequences/s at B = \(batches.first!) to "
        + "\(NumberText.fixed(bestRate, decimals: 0)) at B = \(bestB); the model's ceiling is 1/(c*T) = "
        + "\(NumberText.fixed(ceiling, decimals: 0)), and half of it is reached at B = (a + b*T)/(c*T) = "
        + "\(NumberText.fixed(halfBatch, decimals: 1)): beyond a few times that batch, the hardware is busy and a larger "
        + "batch buys no more speed per sequence.")

    // MARK: Experiment 5: the time checkpointing costs

    book.experiment(
      "The extra time of checkpointed BPTT",
      details: """
        T = \(list(checkpointSteps)), B = \(checkpointBatch); segment k = \(segment.map(String.init) ?? "round(sqrt(T))")
        the same update (forward, head, backward, Adam) with full and with checkpointed BPTT; forward = lstm.forward alone
        expected: checkpointing recomputes every segment once, one extra forward pass: ratio ≈ 1 + forward / full update
        """)
    var checkpointTable = Table(
      "Checkpointed against full BPTT (B = \(checkpointBatch))",
      columns: [.init("T"), .init("k"), .init("full (ms)", format: .fixed(decimals: 2)), .init("checkpointed (ms)", format: .fixed(decimals: 2)),
                .init("forward alone (ms)", format: .fixed(decimals: 2)), .init("measured ratio", format: .fixed(decimals: 3)),
                .init("1 + forward / full", format: .fixed(decimals: 3))])
    var ratios: [Double] = []
    var predictedRatios: [Double] = []
    for T in checkpointSteps {
      let full = try lab.timeUpdates(mode: .full, steps: T, batch: checkpointBatch, repeats: repeats, segment: segment)
      let checkpointed = try lab.timeUpdates(mode: .checkpointed, steps: T, batch: checkpointBatch, repeats: repeats, segment: segment)
      let forward = try lab.timeForward(steps: T, batch: checkpointBatch, repeats: repeats)
      let ratio = checkpointed.median / full.median
      let predictedRatio = 1 + forward.median / full.median
      ratios.append(ratio)
      predictedRatios.append(predictedRatio)
      checkpointTable.append([
        .number(T), .number(segment ?? LSTMCheckpointTape<Float>.defaultInterval(steps: T)), .number(full.median * 1e3),
        .number(checkpointed.median * 1e3), .number(forward.median * 1e3), .number(ratio), .number(predictedRatio),
      ])
    }
    try book.table(checkpointTable)
    var ratioChart = Chart(
      title: "Time of a checkpointed update / time of a full one (B = \(checkpointBatch))",
      x: Axis("sequence length T (steps)", scale: .log(base: 2)), y: Axis("time ratio", minimum: 1, maximum: 2), key: .topRight)
    ratioChart.add(Series("measured", x: checkpointSteps, y: ratios))
    ratioChart.add(Series("1 + forward / full (one extra forward pass)", x: checkpointSteps, y: predictedRatios, style: .lines))
    try book.chart(Figure(name: "checkpoint-overhead", chart: ratioChart), caption: "What checkpointing costs in time")
    let meanRatio = ratios.reduce(0, +) / Double(ratios.count)
    book.finding(
      "Checkpointed BPTT took \(NumberText.fixed(meanRatio, decimals: 2))x the time of full BPTT on average "
        + "(\(NumberText.fixed(ratios.min()!, decimals: 2)) to \(NumberText.fixed(ratios.max()!, decimals: 2))x over T = "
        + "\(list(checkpointSteps))), i.e. \(NumberText.fixed((meanRatio - 1) * 100, decimals: 0))% extra; one extra forward pass "
        + "predicts \(NumberText.fixed(predictedRatios.reduce(0, +) / Double(predictedRatios.count), decimals: 2))x. "
        + "For that time it keeps O(sqrt(T)) of the tape instead of O(T) (see the memory-scaling lesson).",
      isKey: false)
    book.markdown(
      """
      What to take away: per update, time is linear in T (the steps cannot run in parallel) and grows with B only
      once B is large enough to keep the processor busy; per epoch, larger batches are cheaper until that point and
      no cheaper after it. Whether they also learn as much per epoch is a different question: see the batch-size
      lessons.
      """)
    try book.finish()
  }
}

// MARK: - The experiment's machinery

struct Cell: Hashable {
  var steps: Int
  var batch: Int
}

/// Wall-clock seconds of repeated updates.
struct Timing {
  var samples: [Double]
  var median: Double {
    let s = samples.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
  var min: Double { samples.min()! }
  var max: Double { samples.max()! }
}

/// The lesson's model (one LSTM layer, a softmax head on h_T, Adam) and a timed training update.
struct ComputeLab {
  enum Mode { case full, checkpointed }

  let features: Int
  let hidden: Int
  let classes: Int
  var lstm: LSTM<Float>
  var head: Dense<Float>
  var adam = Adam<Float>()
  var rng: SeededGenerator

  init(features: Int, hidden: Int, classes: Int, seed: UInt64) {
    (self.features, self.hidden, self.classes) = (features, hidden, classes)
    var weights = SeededGenerator.derived(seed: seed, stream: 1)
    lstm = LSTM(inputSize: features, hiddenSize: hidden, using: &weights)
    head = Dense(inputSize: hidden, outputSize: classes, using: &weights)
    rng = SeededGenerator.derived(seed: seed, stream: 2)
  }

  /// A random batch: x (T*B x F, time-major, standard normal) and labels.
  mutating func batch(steps: Int, batch: Int) -> (x: Matrix<Float>, labels: [Int]) {
    let x = Matrix<Float>(rows: steps * batch, columns: features) { _, _ in Float(rng.normal(mean: 0.0, standardDeviation: 1.0)) }
    return (x, (0..<batch).map { _ in rng.nextInt(below: classes) })
  }

  /// The softmax head on the last step's outputs (B x H): the loss, the head's gradients and dL/dh_T.
  func headPass(_ last: Matrix<Float>, labels: [Int]) throws -> (loss: Float, dW: Matrix<Float>, db: Matrix<Float>, dh: Matrix<Float>) {
    let (loss, dLogits) = try softmaxCrossEntropy(logits: try head.forward(last), labels: labels)
    let g = head.backward(x: last, outputGradient: dLogits)
    return (loss, g.dW, g.db, g.dX)
  }

  /// One training update: forward, loss on h_T, backward through time (full or checkpointed), Adam.
  mutating func update(_ mode: Mode, x: Matrix<Float>, steps T: Int, labels: [Int], segment: Int?) throws {
    let B = labels.count
    var headGradients: (dW: Matrix<Float>, db: Matrix<Float>)?
    let lstmGradients: LSTMGradients<Float>
    switch mode {
    case .full:
      let tape = try lstm.forward(x, steps: T)
      let out = try headPass(tape.lastHidden, labels: labels)
      headGradients = (out.dW, out.db)
      var dH = Matrix<Float>(rows: T * B, columns: hidden)
      dH.setRows(startingAt: (T - 1) * B, to: out.dh)
      lstmGradients = lstm.backward(tape, hiddenGradient: dH)
    case .checkpointed:
      lstmGradients = try lstm.checkpointedGradients(x, steps: T, interval: segment) { range, h in
        var dH = Matrix<Float>(rows: h.rows, columns: hidden)
        if range.upperBound == T {
          let out = try headPass(h.rows((range.count - 1) * B..<range.count * B), labels: labels)
          headGradients = (out.dW, out.db)
          dH.setRows(startingAt: (range.count - 1) * B, to: out.dh)
        }
        return dH
      }.gradients
    }
    var parameters = lstm.parameters + head.parameters
    try adam.update(&parameters, gradients: lstmGradients.asArray + [headGradients!.dW, headGradients!.db])
    lstm.parameters = Array(parameters[0..<3])
    head.parameters = Array(parameters[3...])
  }

  /// One warm-up update, then `repeats` timed updates on the same batch.
  mutating func timeUpdates(mode: Mode, steps T: Int, batch B: Int, repeats: Int, segment: Int?) throws -> Timing {
    let (x, labels) = batch(steps: T, batch: B)
    try update(mode, x: x, steps: T, labels: labels, segment: segment)
    var samples: [Double] = []
    for _ in 0..<repeats {
      let start = ContinuousClock.now
      try update(mode, x: x, steps: T, labels: labels, segment: segment)
      samples.append(seconds(since: start))
    }
    return Timing(samples: samples)
  }

  /// The LSTM's forward pass alone (what checkpointing repeats).
  mutating func timeForward(steps T: Int, batch B: Int, repeats: Int) throws -> Timing {
    let (x, _) = batch(steps: T, batch: B)
    _ = try lstm.forward(x, steps: T)
    var samples: [Double] = []
    for _ in 0..<repeats {
      let start = ContinuousClock.now
      _ = try lstm.forward(x, steps: T)
      samples.append(seconds(since: start))
    }
    return Timing(samples: samples)
  }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = (ContinuousClock.now - start).components
  return Double(d.seconds) + Double(d.attoseconds) / 1e18
}

// MARK: - The cost model

/// time = a + b*T + c*T*B (+ d*B), fitted by least squares on relative error.
struct CostModel {
  var a: Double
  var b: Double
  var c: Double
  var d: Double?
  var rmsRelative: Double
  var worstRelative: Double

  func time(steps T: Double, batch B: Double) -> Double { a + b * T + c * T * B + (d ?? 0) * B }
  func time(steps T: Int, batch B: Int) -> Double { time(steps: Double(T), batch: Double(B)) }
}

enum FitError: Error, CustomStringConvertible {
  case singular(columns: Int, cells: Int)
  var description: String {
    switch self {
    case .singular(let columns, let cells):
      "cannot fit \(columns) coefficients to \(cells) (T, B) cells: vary T and B over at least \(columns) different cells"
    }
  }
}

/// Weighted least squares: rows [1, T, T*B, (B)] / t against 1, solved by the normal equations (Gaussian elimination
/// with partial pivoting on a 3x3 or 4x4 system).
func fitCostModel(cells: [Cell], times: [Double], withBatchTerm: Bool) throws -> CostModel {
  let rows = zip(cells, times).map { cell, t -> [Double] in
    let (T, B) = (Double(cell.steps), Double(cell.batch))
    return (withBatchTerm ? [1, T, T * B, B] : [1, T, T * B]).map { $0 / t }
  }
  let n = rows[0].count
  guard cells.count >= n else { throw FitError.singular(columns: n, cells: cells.count) }
  // The normal equations (X^T X | X^T 1) as an augmented n x (n + 1) matrix.
  var system = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
  for row in rows {
    for i in 0..<n {
      for j in 0..<n { system[i][j] += row[i] * row[j] }
      system[i][n] += row[i]
    }
  }
  for column in 0..<n {
    let pivot = (column..<n).max { abs(system[$0][column]) < abs(system[$1][column]) }!
    guard abs(system[pivot][column]) > 1e-12 * abs(system[0][0]) else { throw FitError.singular(columns: n, cells: cells.count) }
    system.swapAt(column, pivot)
    for row in 0..<n where row != column {
      let factor = system[row][column] / system[column][column]
      for k in column...n { system[row][k] -= factor * system[column][k] }
    }
  }
  let x = (0..<n).map { system[$0][n] / system[$0][$0] }
  var model = CostModel(a: x[0], b: x[1], c: x[2], d: withBatchTerm ? x[3] : nil, rmsRelative: 0, worstRelative: 0)
  let relative = zip(cells, times).map { (model.time(steps: $0.steps, batch: $0.batch) - $1) / $1 }
  model.rmsRelative = (relative.map { $0 * $0 }.reduce(0, +) / Double(relative.count)).squareRoot()
  model.worstRelative = relative.map(abs).max()!
  return model
}

// MARK: - Small helpers

/// Least-squares line y = intercept + slope * x.
func fitLine(x: [Double], y: [Double]) -> (intercept: Double, slope: Double) {
  let n = Double(x.count)
  let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
  let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
  let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
  let slope = sxx > 0 ? sxy / sxx : 0
  return (my - slope * mx, slope)
}

/// The fraction of the variance of y the line explains.
func rSquared(x: [Double], y: [Double], line: (intercept: Double, slope: Double)) -> Double {
  let my = y.reduce(0, +) / Double(y.count)
  let residual = zip(x, y).map { pow($1 - line.intercept - line.slope * $0, 2) }.reduce(0, +)
  let total = y.map { pow($0 - my, 2) }.reduce(0, +)
  return total > 0 ? 1 - residual / total : 1
}

/// The 1-minute load average from /proc/loadavg (Linux), or nil.
func loadAverage() -> String? {
  guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
  return text.split(separator: " ").first.map(String.init)
}

func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }

ComputeScaling.main()
