// compute-scaling: what sequence length T and batch size B do to the time of a training update and of an epoch,
// a fitted cost model, and what checkpointed BPTT costs in time.
// Run: swift run -c release compute-scaling [--hidden 64] [--sequences 2048] [--rounds 15] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct ComputeScaling: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compute-scaling",
    abstract: "Time per update against T and B, time per epoch, a fitted cost model, throughput, and the time "
      + "checkpointed BPTT costs.")

  @OptionGroup var options: LessonOptions

  @Option(help: "H, hidden units of the LSTM.")
  var hidden = 64

  @Option(help: "F, features per time step.")
  var features = 1

  @Option(help: "C, classes of the softmax head on h_T.")
  var classes = 2

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the time-against-T scan (B = --batch; default 16 32 ... 512).")
  var stepsList: [Int] = []

  @Option(help: "B while T varies (default 32).")
  var batch: Int?

  @Option(parsing: .upToNextOption, help: "Batch sizes B of the throughput scan (T = --steps; default 1 2 4 ... 256).")
  var batches: [Int] = []

  @Option(help: "T while B varies (default 64).")
  var steps: Int?

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the epoch grid (default 16 32 64 128 256).")
  var gridSteps: [Int] = []

  @Option(parsing: .upToNextOption, help: "Batch sizes B of the epoch grid (default 4 8 16 32 64).")
  var gridBatches: [Int] = []

  @Option(help: "N, sequences per epoch (an epoch is ceil(N/B) updates).")
  var sequences = 2048

  @Option(help: "Timed rounds: every measurement runs once per round (after one warm-up round); the fastest is kept (default 15; --full 25).")
  var rounds: Int?

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the checkpointing comparison (B = --checkpoint-batch; default 64 128 256 512).")
  var checkpointSteps: [Int] = []

  @Option(help: "B of the checkpointing comparison (default 16).")
  var checkpointBatch: Int?

  @Option(help: "k, checkpointed BPTT's segment (steps); default Recurrent's ceil(sqrt(T)) for each T.")
  var segment: Int?

  @Option(help: "Seed of the weights, the data and the order of the measurements.")
  var seed: UInt64 = 1

  mutating func validate() throws {
    for (flag, value) in [("--hidden", hidden), ("--features", features), ("--batch", batch ?? 1), ("--steps", steps ?? 1),
                          ("--sequences", sequences), ("--rounds", rounds ?? 1), ("--checkpoint-batch", checkpointBatch ?? 1),
                          ("--segment", segment ?? 1)] where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    guard classes >= 2 else { throw ValidationError("--classes must be at least 2, not \(classes)") }
    for (flag, list) in [("--steps-list", stepsList), ("--batches", batches), ("--grid-steps", gridSteps),
                         ("--grid-batches", gridBatches), ("--checkpoint-steps", checkpointSteps)] {
      guard list.isEmpty || list.count >= 2, list.allSatisfy({ $0 >= 1 }), Set(list).count == list.count else {
        throw ValidationError("\(flag) needs at least two different positive values, not \(list)")
      }
    }
  }

  func run() throws {
    var book = try Notebook(lesson: "compute-scaling", title: "How long an update and an epoch take, in T and B", options: options)
    // The knobs, resolved once for the tier (--quick, the class tier, --full); a list or value given on the command
    // line wins.
    func tierList(_ given: [Int], quick: [Int], class classList: [Int], full: [Int]) -> [Int] {
      (given.isEmpty ? book.size(quick: quick, class: classList, full: full) : given).sorted()
    }
    let scanT = [16, 32, 64, 128, 256, 512], scanB = [1, 2, 4, 8, 16, 32, 64, 128, 256]
    let stepsList = tierList(self.stepsList, quick: [8, 16, 32], class: scanT, full: scanT)
    let batches = tierList(self.batches, quick: [1, 2, 4, 8], class: scanB, full: scanB)
    let batch = self.batch ?? book.size(quick: 4, class: 32, full: 32)
    let steps = self.steps ?? book.size(quick: 8, class: 64, full: 64)
    let gridSteps = tierList(self.gridSteps, quick: [8, 16], class: [16, 32, 64, 128, 256], full: [16, 32, 64, 128, 256])
    let gridBatches = tierList(self.gridBatches, quick: [2, 4], class: [4, 8, 16, 32, 64], full: [4, 8, 16, 32, 64])
    let checkpointSteps = tierList(self.checkpointSteps, quick: [16, 36], class: [64, 128, 256, 512], full: [64, 128, 256, 512])
    let checkpointBatch = self.checkpointBatch ?? book.size(quick: 2, class: 16, full: 16)
    let rounds = self.rounds ?? book.size(quick: 2, class: 15, full: 25)
    let N = sequences
    let (F, H) = (features, hidden)

    #if DEBUG
      book.markdown(
        "**Warning: this is a debug build.** Its timings measure unoptimised code and say little about the algorithm. "
          + "Run `swift run -c release compute-scaling`.")
    #endif
    book.markdown(
      """
      One training update of an LSTM runs T steps forward and T steps backward, one after another: step t needs
      h_{t-1}. Within a step the B sequences of the batch are independent, so they go through one matrix product
      together: h_{t-1} U is a (B x H) times (H x 4H) product. Counting multiply-adds (F = \(F), H = \(H)):

          forward  ≈ 2*T*B*4H*(F + H)   the input projection x W and the recurrent product h U
          backward ≈ 2 x forward        dZ U^T for dL/dh, then dW = x^T dZ and dU = h^T dZ

      So the arithmetic grows as T*B. The *time* need not: a product with few rows cannot keep the processor busy, and
      every step pays costs that do not depend on B (reading U, the loop, launching the pointwise kernels). A simple
      model of the time of one update is

          time(T, B) = a + b*T + c*T*B

      with a the cost per update (the head, the loss, Adam's update of every parameter), b the cost per step that
      does not depend on B, and c the cost of one sequence-step. This lesson measures the time of one update on many
      (T, B), fits a, b and c, and reads off what they mean for an epoch. The model is one LSTM layer with a softmax
      head on h_T (C = \(classes)), Float32, Adam; the data are random (the arithmetic does not depend on the values).
      """)

    // MARK: The measurements, all taken first

    let updateCells = Array(
      Set(stepsList.map { Cell(steps: $0, batch: batch) } + batches.map { Cell(steps: steps, batch: $0) }
        + gridSteps.flatMap { T in gridBatches.map { Cell(steps: T, batch: $0) } }))
      .sorted { ($0.steps, $0.batch) < ($1.steps, $1.batch) }
    let checkpointJobs = checkpointSteps.flatMap { T in
      [Job.update(.full, Cell(steps: T, batch: checkpointBatch)), .update(.checkpointed, Cell(steps: T, batch: checkpointBatch)),
       .forward(Cell(steps: T, batch: checkpointBatch))]
    }
    let checkCell = Cell(steps: steps, batch: batch)
    let jobs = Array(Set(updateCells.map { Job.update(.full, $0) } + checkpointJobs + [.trainStep(checkCell)]))
    // Every cost below is measured on ONE thread: the kernels would otherwise hand half of a large batch's recurrence to
    // a helper thread whenever a second core looks free, and the fitted costs would mix one- and two-core runs.
    KernelThreads.current = .one
    let startLoad = loadAverage()
    let peak = oneCorePeak()
    var lab = try ComputeLab(features: F, hidden: H, classes: classes, segment: segment, seed: seed)
    let helperBefore = KernelThreads.helperParts
    let timings = try lab.measure(jobs, rounds: rounds)
    let helperParts = KernelThreads.helperParts - helperBefore
    // The two-thread speed-up, its own series: the B scan again with the recurrence always shared over two threads,
    // timed by the wall clock (the thread's CPU clock would miss the helper's half).
    let twoThreadJobs = batches.map { Job.update(.full, Cell(steps: steps, batch: $0)) }
    KernelThreads.current = .two
    let twoThreadTimings = try lab.measure(twoThreadJobs, rounds: rounds)
    KernelThreads.current = .one
    let spreads = timings.values.map(\.relativeSpread).sorted()
    book.markdown(
      "*How time is measured: on one thread (the kernels' helper thread switched off with `KernelThreads.current = "
        + ".one`, so no step's work is shared; the helper ran \(helperParts) parts during the measurements), by the "
        + "processor time this thread used (the CLOCK_THREAD_CPUTIME_ID clock), which unlike wall-clock time stops "
        + "while other programs have the processor. All "
        + "\(jobs.count) measurements are taken first: one warm-up round, then \(rounds) rounds, each running every "
        + "measurement once in a new random order, so a slow moment of the machine spreads over all of them. Interference "
        + "only ever adds time, so each measurement keeps its fastest round (the median is shown beside it). This "
        + "machine: \(ProcessInfo.processInfo.activeProcessorCount) processors, \(cacheSizes() ?? "cache sizes unknown"), "
        + "load average \(startLoad ?? "unknown") at the start.*")
    func update(_ T: Int, _ B: Int) -> Timing { timings[.update(.full, Cell(steps: T, batch: B))]! }

    // MARK: Experiment 1: time per update against T

    book.experiment("Time per update against T", details: "T = \(list(stepsList)), B = \(batch); full BPTT")
    let byT = stepsList.map { update($0, batch) }
    let lineT = fitLine(x: stepsList.map(Double.init), y: byT.map(\.best))
    let r2T = rSquared(x: stepsList.map(Double.init), y: byT.map(\.best), line: lineT)
    var tTable = Table(
      "Time per update against T (B = \(batch))",
      columns: [.init("T"), .init("fastest (ms)", format: .fixed(decimals: 2)), .init("median (ms)", format: .fixed(decimals: 2)),
                .init("spread (max - min) / min (%)", format: .fixed(decimals: 1)),
                .init("per step (µs)", format: .fixed(decimals: 1)), .init("straight line (ms)", format: .fixed(decimals: 2))])
    for (T, t) in zip(stepsList, byT) {
      tTable.append([
        .number(T), .number(t.best * 1e3), .number(t.median * 1e3), .number(t.relativeSpread * 100), .number(t.best / Double(T) * 1e6),
        .number((lineT.intercept + lineT.slope * Double(T)) * 1e3),
      ])
    }
    try book.table(tTable)
    let library = timings[.trainStep(checkCell)]!.best, handWritten = update(checkCell.steps, checkCell.batch).best
    book.markdown(
      "*The update timed here is Recurrent's `LastStepClassifier` (LSTM forward, softmax head on h_T, backward through "
        + "time) and Adam, called step by step so that checkpointing can be swapped in. The library's `SequentialModel.trainStep` does the same work: at "
        + "T = \(checkCell.steps), B = \(checkCell.batch) it took \(NumberText.fixed(library * 1e3, decimals: 2)) ms against "
        + "\(NumberText.fixed(handWritten * 1e3, decimals: 2)) ms here.*")
    var tChart = Chart(
      title: "Time per update against T (B = \(batch))", x: Axis("sequence length T (steps)", minimum: 0),
      y: Axis("time per update (ms)", minimum: 0))
    tChart.add(Series("fastest of \(rounds) rounds", x: stepsList, y: byT.map { $0.best * 1e3 }, style: .points))
    tChart.add(Series("median", x: stepsList, y: byT.map { $0.median * 1e3 }, style: .points))
    tChart.add(Series(
      "least-squares line: \(NumberText.fixed(lineT.intercept * 1e3, decimals: 2)) ms + \(NumberText.fixed(lineT.slope * 1e6, decimals: 1)) µs * T",
      x: [0, stepsList.last!], y: [lineT.intercept * 1e3, (lineT.intercept + lineT.slope * Double(stepsList.last!)) * 1e3],
      style: .reference(.fitted)))
    try book.chart(Figure(name: "time-vs-steps", chart: tChart), caption: "Time per update against T, with a straight line fitted")
    if let fit = LineFit(x: stepsList.map(Double.init), y: byT.map { $0.best * 1e6 }) {
      book.finding("time per extra step at B = \(batch), one thread", fit.slopeInterval(), unit: "µs")
    }
    book.finding(
      "At B = \(batch) each extra time step added \(NumberText.fixed(lineT.slope * 1e6, decimals: 1)) µs to an update "
        + "(least-squares line, R² = \(NumberText.fixed(r2T, decimals: 3))): from T = \(stepsList.first!) to \(stepsList.last!) "
        + "the time went from \(NumberText.fixed(byT.first!.best * 1e3, decimals: 2)) to "
        + "\(NumberText.fixed(byT.last!.best * 1e3, decimals: 2)) ms, \(NumberText.fixed(byT.last!.best / byT.first!.best, decimals: 1))x "
        + "for \(NumberText.fixed(Double(stepsList.last!) / Double(stepsList.first!), decimals: 0))x the steps.")

    // MARK: Experiment 2: time per update and per epoch on a (T, B) grid

    book.experiment(
      "Time per update and per epoch on a (T, B) grid",
      details: """
        T = \(list(gridSteps)), B = \(list(gridBatches)); an epoch of N = \(N) sequences is ceil(N/B) updates
        time per epoch = ceil(N/B) * (fastest time per update)
        """)
    let updateGrid = gridBatches.map { B in gridSteps.map { T in update(T, B).best * 1e3 } }
    let epochGrid = gridBatches.map { B in gridSteps.map { T in Double((N + B - 1) / B) * update(T, B).best } }
    try book.chart(
      Figure(
        name: "epoch-grid", title: "Time on the (T, B) grid",
        panels: [
          .heatmap(Heatmap(
            title: "Time per update (ms)", x: Axis("sequence length T"), y: Axis("batch size B"),
            columns: gridSteps.map(String.init), rows: gridBatches.map(String.init), values: updateGrid,
            colorLabel: "ms per update", logColor: true, digits: 3)),
          .heatmap(Heatmap(
            title: "Time per epoch of \(N) sequences (s)", x: Axis("sequence length T"), y: Axis("batch size B"),
            columns: gridSteps.map(String.init), rows: gridBatches.map(String.init), values: epochGrid,
            colorLabel: "seconds per epoch", logColor: true, digits: 3)),
        ], columns: 2, width: 1300, height: 560),
      caption: "Left: an update costs more with larger T and larger B. Right: an epoch costs more with larger T and "
        + "less with larger B (fewer, fuller updates)")
    let (longest, smallest, largest) = (gridSteps.count - 1, 0, gridBatches.count - 1)
    let speedup = epochGrid[smallest][longest] / epochGrid[largest][longest]
    let cheapest = gridSteps.indices.map { column -> String in
      let row = gridBatches.indices.min { epochGrid[$0][column] < epochGrid[$1][column] }!
      return "T = \(gridSteps[column]): B = \(gridBatches[row])"
    }
    book.finding(
      "An epoch of \(N) sequences at T = \(gridSteps[longest]) took \(NumberText.fixed(epochGrid[smallest][longest], decimals: 2)) s "
        + "with B = \(gridBatches[smallest]) and \(NumberText.fixed(epochGrid[largest][longest], decimals: 2)) s with B = "
        + "\(gridBatches[largest]) (\(NumberText.fixed(Double(gridBatches[largest]) / Double(gridBatches[smallest]), decimals: 0))x "
        + "fewer updates): \(NumberText.fixed(speedup >= 1 ? speedup : 1 / speedup, decimals: 2))x "
        + (speedup >= 1 ? "faster" : "slower") + ". The cheapest epoch on the grid: \(cheapest.joined(separator: ", ")). "
        + "At B = \(gridBatches[largest]), going from T = \(gridSteps[0]) to \(gridSteps[longest]) "
        + "(\(NumberText.fixed(Double(gridSteps[longest]) / Double(gridSteps[0]), decimals: 0))x the steps) made the epoch "
        + "\(NumberText.fixed(epochGrid[largest][longest] / epochGrid[largest][0], decimals: 1))x longer.")

    // MARK: Experiment 3: the cost model, fitted

    book.experiment(
      "A cost model fitted to every measured update",
      details: """
        \(updateCells.count) (T, B) cells: the T scan, the grid and the B scan (below)
        model A: time = a + b*T + c*T*B
        model B: time = a + b*T + c*T*B + e*max(0, T*B - K), the knee K chosen among the measured T*B
        least squares on relative error: minimise the sum of ((model - measured) / measured)^2
        """)
    let measured = updateCells.map { update($0.steps, $0.batch).best }
    let fitted = updateCells.map { (steps: $0.steps, batch: $0.batch) }
    let modelA = try StepCostModel(cells: fitted, times: measured)
    let modelB = try StepCostModel.bestKneeModel(cells: fitted, times: measured)
    var modelTable = Table(
      "Fitted coefficients",
      columns: [.init("model", alignment: .left), .init("a (ms)", format: .significant(3)),
                .init("b (µs per step)", format: .significant(3)), .init("c (µs per sequence-step)", format: .significant(3)),
                .init("K (sequence-steps)"), .init("e (µs per sequence-step above K)", format: .significant(3)),
                .init("RMS relative residual (%)", format: .fixed(decimals: 1)), .init("worst residual (%)", format: .fixed(decimals: 1))])
    for (name, model) in [("A: a + bT + cTB", modelA), ("B: A + e max(0, TB - K)", modelB)] {
      modelTable.append([
        .text(name), .number(model.a * 1e3), .number(model.b * 1e6), .number(model.c * 1e6),
        model.knee.map { .number($0) } ?? .text("-"), model.knee == nil ? .text("-") : .number(model.e * 1e6),
        .number(model.rmsRelative * 100), .number(model.worstRelative * 100),
      ])
    }
    try book.table(modelTable)
    let model = modelA
    var fitChart = Chart(
      title: "Models against the measurements", x: Axis("predicted time per update (ms)", scale: .log()),
      y: Axis("measured time per update (ms)", scale: .log()))
    var residualChart = Chart(
      title: "Relative residuals", x: Axis("T*B (sequence-steps per update)", scale: .log(base: 2)),
      y: Axis("(measured - predicted) / predicted (%)"))
    var span = [measured.min()! * 1e3, measured.max()! * 1e3]
    for (name, m) in [("model A", modelA), ("model B", modelB)] {
      let predicted = updateCells.map { m.time(steps: $0.steps, batch: $0.batch) }
      span = [min(span[0], predicted.min()! * 1e3), max(span[1], predicted.max()! * 1e3)]
      fitChart.add(Series(name, x: predicted.map { $0 * 1e3 }, y: measured.map { $0 * 1e3 }, style: .points))
      residualChart.add(Series(
        name, x: updateCells.map { $0.steps * $0.batch },
        y: zip(measured, predicted).map { ($0 - $1) / $1 * 100 }, style: .points))
    }
    fitChart.add(Series("measured = predicted", x: span, y: span, style: .reference(.level)))
    residualChart.addReference(y: 0, title: "no error")
    try book.chart(
      Figure(name: "cost-model", title: "time = a + b*T + c*T*B, fitted", panels: [.chart(fitChart), .chart(residualChart)],
             columns: 2, width: 1300, height: 560),
      caption: "Left: every measured update against each model's prediction. Right: what each model misses, against "
        + "the sequence-steps T*B of the update", isKey: true)
    let stepCostInSequences = model.b / model.c
    let fittedFLOPS = 6 * 4 * Double(H * (F + H)) / model.c
    let bytesPerSequenceStep = Float.byteCount * (F + 7 * H)
    var costFinding =
      "Model A fits all \(updateCells.count) measurements with an RMS relative error of "
      + "\(NumberText.fixed(modelA.rmsRelative * 100, decimals: 1))% (worst \(NumberText.fixed(modelA.worstRelative * 100, decimals: 1))%): "
      + "a = \(NumberText.significant(model.a * 1e3, digits: 3)) ms per update, b = \(NumberText.significant(model.b * 1e6, digits: 3)) µs "
      + "per step, c = \(NumberText.significant(model.c * 1e6, digits: 3)) µs per sequence-step. A step's fixed cost b is the "
      + "work of \(NumberText.fixed(stepCostInSequences, decimals: 1)) sequences, and c is "
      + "\(NumberText.fixed(fittedFLOPS / 1e9, decimals: 1)) GFLOP/s of useful arithmetic on one thread "
      + "(6*4H*(F + H) floating-point operations per sequence-step). "
      + (fittedFLOPS > peak
        ? "**Sanity check failed:** that is above this core's measured peak of \(NumberText.fixed(peak / 1e9, decimals: 1)) "
          + "GFLOP/s (an FMA loop with the kernels' instructions), which no real code can beat: the measurements or the "
          + "fit are wrong (work done off this thread, or a clock that missed time)."
        : "Sanity check passed: that is \(NumberText.fixed(fittedFLOPS / peak * 100, decimals: 0))% of this core's measured "
          + "peak of \(NumberText.fixed(peak / 1e9, decimals: 1)) GFLOP/s (an FMA loop with the kernels' instructions).")
    if let knee = modelB.knee {
      costFinding +=
        " Model B (\(NumberText.fixed(modelB.rmsRelative * 100, decimals: 1))% RMS) finds a knee: above T*B = \(knee) "
        + "sequence-steps, when the tape alone passes \(NumberText.fixed(Double(knee * bytesPerSequenceStep) / 1_048_576, decimals: 1)) MiB "
        + "(\(cacheSizes() ?? "see the processor's cache sizes")), each further sequence-step costs "
        + "\(NumberText.significant((modelB.c + modelB.e) * 1e6, digits: 3)) µs instead of \(NumberText.significant(modelB.c * 1e6, digits: 3)), "
        + "as expected once the update's data outgrow the processor's caches."
    }
    book.finding(costFinding, isKey: true)

    // MARK: Experiment 4: throughput against B

    book.experiment(
      "Throughput against B",
      details: "B = \(list(batches)), T = \(steps); throughput = B / (time per update), in sequences per second")
    let byB = batches.map { update(steps, $0) }
    let throughput = zip(batches, byB).map { Double($0) / $1.best }
    var bTable = Table(
      "Throughput against B (T = \(steps))",
      columns: [.init("B"), .init("time per update (ms)", format: .fixed(decimals: 2)),
                .init("sequences / s", format: .fixed(decimals: 0)), .init("model A (sequences / s)", format: .fixed(decimals: 0)),
                .init("model B (sequences / s)", format: .fixed(decimals: 0)),
                .init("tape (MiB)", format: .fixed(decimals: 1))])
    for (B, (t, rate)) in zip(batches, zip(byB, throughput)) {
      let tape = LSTMTape<Float>.byteCount(steps: steps, batchSize: B, inputSize: F, hiddenSize: H)
      bTable.append([
        .number(B), .number(t.best * 1e3), .number(rate), .number(Double(B) / model.time(steps: steps, batch: B)),
        .number(Double(B) / modelB.time(steps: steps, batch: B)),
        .number(Double(tape) / 1_048_576),
      ])
    }
    try book.table(bTable)
    let ceiling = 1 / (model.c * Double(steps))
    let halfBatch = (model.a + model.b * Double(steps)) / (model.c * Double(steps))
    var rateChart = Chart(
      title: "Throughput against B (T = \(steps))", x: Axis("batch size B (sequences)", scale: .log(base: 2)),
      y: Axis("sequences per second", minimum: 0))
    rateChart.add(Series("one thread, measured (fastest of \(rounds) rounds)", x: batches, y: throughput))
    let twoThreadRate = batches.map { B in Double(B) / twoThreadTimings[.update(.full, Cell(steps: steps, batch: B))]!.wallBest }
    rateChart.add(Series("two threads (wall clock)", x: batches, y: twoThreadRate))
    let fine = stride(from: log2(Double(batches.first!)), through: log2(Double(batches.last!)), by: 0.05).map { pow(2, $0) }
    rateChart.add(Series(
      "model A: B / (a + b*T + c*T*B)", x: fine, y: fine.map { $0 / model.time(steps: Double(steps), batch: $0) }, style: .lines))
    rateChart.add(Series(
      "model B (with the knee)", x: fine, y: fine.map { $0 / modelB.time(steps: Double(steps), batch: $0) }, style: .lines))
    rateChart.addReference(y: ceiling, title: "model A's ceiling 1 / (c*T)")
    try book.chart(
      Figure(name: "throughput", chart: rateChart),
      caption: "Sequences per second rise with B while the fixed costs dominate, then level off below the ceiling 1/(c*T)")
    let bestRate = throughput.max()!
    let bestB = batches[throughput.firstIndex(of: bestRate)!]
    book.finding(
      "At T = \(steps) throughput rose from \(NumberText.fixed(throughput.first!, decimals: 0)) sequences/s at "
        + "B = \(batches.first!) to at most \(NumberText.fixed(bestRate, decimals: 0)) at B = \(bestB) "
        + "(\(NumberText.fixed(bestRate / throughput.first!, decimals: 1))x). The model's ceiling is 1/(c*T) = "
        + "\(NumberText.fixed(ceiling, decimals: 0)) sequences/s, and it reaches half of it at B = (a + b*T)/(c*T) = "
        + "\(NumberText.fixed(halfBatch, decimals: 1)): a few times that batch keeps this processor busy, and a larger "
        + "batch buys little more speed per sequence (at B = \(batches.last!) the measured throughput is "
        + "\(NumberText.fixed(throughput.last! / ceiling * 100, decimals: 0))% of the ceiling). With the recurrence shared "
        + "over two threads (wall clock, same cells) the update at B = \(batches.last!) ran "
        + "\(NumberText.fixed(twoThreadRate.last! / throughput.last!, decimals: 2))x as many sequences per second as on one "
        + "thread, and at B = \(batches.first!) \(NumberText.fixed(twoThreadRate.first! / throughput.first!, decimals: 2))x "
        + (twoThreadRate.last! / throughput.last! > 1.1
          ? "(sharing pays once a step has enough rows to split)."
          : "(no gain here: a shared step waits for the slower of the two threads, so when the second core is busy "
            + "with other programs, sharing gains nothing or even costs time; compare the load average above)."))

    // MARK: Experiment 5: the time checkpointing costs

    book.experiment(
      "The extra time of checkpointed BPTT",
      details: """
        T = \(list(checkpointSteps)), B = \(checkpointBatch); segment k = \(segment.map(String.init) ?? "ceil(sqrt(T))")
        the same update (forward, head, backward, Adam) with full and with checkpointed BPTT; forward = lstm.forward alone
        expected: checkpointing recomputes every segment once, one extra forward pass: ratio ≈ 1 + forward / full update
        """)
    var checkpointTable = Table(
      "Checkpointed against full BPTT (B = \(checkpointBatch))",
      columns: [.init("T"), .init("k"), .init("full (ms)", format: .fixed(decimals: 2)),
                .init("checkpointed (ms)", format: .fixed(decimals: 2)), .init("forward alone (ms)", format: .fixed(decimals: 2)),
                .init("measured ratio", format: .fixed(decimals: 3)), .init("1 + forward / full", format: .fixed(decimals: 3))])
    var ratios: [Double] = []
    var predictedRatios: [Double] = []
    var forwardShares: [Double] = []
    for T in checkpointSteps {
      let cell = Cell(steps: T, batch: checkpointBatch)
      let full = timings[.update(.full, cell)]!.best
      let checkpointed = timings[.update(.checkpointed, cell)]!.best
      let forward = timings[.forward(cell)]!.best
      ratios.append(checkpointed / full)
      predictedRatios.append(1 + forward / full)
      forwardShares.append(forward / full)
      checkpointTable.append([
        .number(T), .number(lab.interval(steps: T)), .number(full * 1e3), .number(checkpointed * 1e3), .number(forward * 1e3),
        .number(ratios.last!), .number(predictedRatios.last!),
      ])
    }
    try book.table(checkpointTable)
    var ratioChart = Chart(
      title: "Time of a checkpointed update / time of a full one (B = \(checkpointBatch))",
      x: Axis("sequence length T (steps)", scale: .log(base: 2)), y: Axis("time ratio", minimum: 1, maximum: max(1.5, ((ratios + predictedRatios).max() ?? 1) * 1.1)))
    ratioChart.add(Series("measured", x: checkpointSteps, y: ratios))
    ratioChart.add(Series("1 + forward / full (one extra forward pass)", x: checkpointSteps, y: predictedRatios))
    try book.chart(Figure(name: "checkpoint-overhead", chart: ratioChart), caption: "What checkpointing costs in time")
    let meanRatio = mean(ratios)
    book.finding("checkpointed / full BPTT time, mean over T = \(list(checkpointSteps))", ConfidenceInterval.mean(of: ratios))
    book.finding(
      "Checkpointed BPTT took \(NumberText.fixed(meanRatio, decimals: 2))x the time of full BPTT on average "
        + "(\(NumberText.fixed(ratios.min()!, decimals: 2)) to \(NumberText.fixed(ratios.max()!, decimals: 2))x over T = "
        + "\(list(checkpointSteps))): \(NumberText.fixed((meanRatio - 1) * 100, decimals: 0))% extra, where one extra forward "
        + "pass predicts \(NumberText.fixed(mean(predictedRatios), decimals: 2))x. Here the forward pass is "
        + "\(NumberText.fixed(mean(forwardShares) * 100, decimals: 0))% of an update (the rule \"backward ≈ 2 x forward\" "
        + "would make it 33%, and checkpointing 1.33x). For that time checkpointing keeps O(sqrt(T)) of the tape instead of O(T) (see the memory-scaling lesson).",
      isKey: false)

    let wallRatio = mean(timings.values.map { $0.wallMedian / $0.median }.sorted())  // sorted: a Dictionary's order changes per process
    book.markdown(
      "*Wall-clock time was on average \(NumberText.fixed(wallRatio, decimals: 2))x the processor time over the "
        + "\(timings.count) measurements (1.00 would mean the processor was ours alone). Repeated timings of one cell "
        + "spread by (max - min) / min = \(NumberText.fixed(quantile(spreads, 0.5) * 100, decimals: 1))% in the median cell "
        + "and \(NumberText.fixed(quantile(spreads, 0.9) * 100, decimals: 1))% at the 90th percentile over the \(rounds) rounds; "
        + "each analysis uses the fastest round.*")
    book.markdown(
      """
      What to take away: per update, time grows in proportion to T (the steps cannot run in parallel) and grows with
      B only once B is large enough to keep the processor busy; per epoch, larger batches are cheaper up to that
      point and no cheaper after it, and dearer once an update's data outgrow the processor's caches. Whether larger
      batches also learn as much per epoch is a different question: see the batch-size lessons.
      """)
    try book.finish()
  }
}

ComputeScaling.main()
