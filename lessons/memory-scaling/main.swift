// memory-scaling: what backpropagation through time keeps in memory, measured against its formula, and the largest
// batch that fits a memory budget as sequences grow longer.
// Run: swift run -c release memory-scaling [--hidden 64] [--features 1] [--window 32] [--budgets 8GiB 80GiB] [--quick]
import ArgumentParser
import Foundation
import LSTMLab

struct MemoryScaling: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory-scaling",
    abstract: "BPTT's memory against sequence length T and batch size B: measured tapes, formulas, the process's "
      + "peak, and the largest batch that fits a budget.")

  @OptionGroup var options: LessonOptions

  @Option(help: "H, hidden units of the LSTM.")
  var hidden = 64

  @Option(help: "F, features per time step.")
  var features = 1

  @Option(help: "C, classes of the softmax head on h_T.")
  var classes = 2

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the tape measurements (B = --batch).")
  var stepsList: [Int] = [16, 32, 64, 128, 256, 512]

  @Option(help: "B while T varies.")
  var batch = 16

  @Option(parsing: .upToNextOption, help: "Batch sizes B of the tape measurements (T = --steps).")
  var batches: [Int] = [1, 2, 4, 8, 16, 32, 64]

  @Option(help: "T while B varies.")
  var steps = 64

  @Option(help: "k, the window of truncated BPTT (steps).")
  var window = 32

  @Option(help: "k, the segment of checkpointed BPTT (steps); default ceil(sqrt(T)) for each T.")
  var segment: Int?

  @Option(parsing: .upToNextOption, help: "Sequence lengths T of the process-peak measurements (each in a fresh process).")
  var peakSteps: [Int] = [128, 256, 512, 1024, 2048]

  @Option(help: "B of the process-peak measurements.")
  var peakBatch = 16

  @Option(parsing: .upToNextOption, help: "Memory budgets for the largest batch, e.g. 8GiB 80GiB (this machine's RAM is added).")
  var budgets: [String] = ["8GiB", "80GiB"]

  @Option(help: "Longest T of the largest-batch table (powers of two from 16).")
  var longestSteps = 16384

  @Option(help: "Seed of the weights and the data.")
  var seed: UInt64 = 1

  @Option(help: .private)
  var measurePeak: String?

  mutating func validate() throws {
    for (flag, value) in [("--hidden", hidden), ("--features", features), ("--batch", batch), ("--steps", steps),
                          ("--window", window), ("--peak-batch", peakBatch), ("--segment", segment ?? 1)] where value < 1 {
      throw ValidationError("\(flag) must be at least 1, not \(value)")
    }
    guard classes >= 2 else { throw ValidationError("--classes must be at least 2, not \(classes)") }
    for (flag, list) in [("--steps-list", stepsList), ("--batches", batches), ("--peak-steps", peakSteps)] {
      guard list.count >= 2, list.allSatisfy({ $0 >= 1 }), Set(list).count == list.count else {
        throw ValidationError("\(flag) needs at least two different positive values, not \(list)")
      }
    }
    guard longestSteps >= 64 else { throw ValidationError("--longest-steps must be at least 64, not \(longestSteps)") }
    for budget in budgets { _ = try ByteSize(parsing: budget, flag: "--budgets") }
  }

  func run() throws {
    let lab = MemoryLab(
      features: features, hidden: hidden, classes: classes, window: window, segment: segment, seed: seed)
    if let request = measurePeak {
      try lab.probe(request)  // a child process measuring one step's peak (see `peakGrowth`)
      return
    }
    let quick = options.quick
    let stepsList = quick ? [8, 16, 32] : stepsList.sorted()
    let batches = quick ? [1, 2, 4] : batches.sorted()
    let (batch, steps) = quick ? (4, 16) : (self.batch, self.steps)
    let peakSteps = quick ? [16, 32, 64] : peakSteps.sorted()
    let peakBatch = quick ? 4 : self.peakBatch
    let longestSteps = quick ? 1024 : self.longestSteps
    let (F, H, s) = (features, hidden, Float.byteCount)

    var book = try Notebook(lesson: "memory-scaling", title: "How much memory BPTT needs, and the largest batch that fits", options: options)
    book.markdown(
      """
      "Longer sequences need smaller batches" is the rule of thumb. This lesson finds the law behind it by measuring
      what backpropagation through time (BPTT) keeps in memory, and turns it into the largest batch B_max that fits a
      memory budget.

      To compute gradients, the backward pass needs what the forward pass saw at every step. An LSTM's forward pass
      therefore writes a *tape* (`LSTMTape`): for each of the T steps and each of the B sequences the input x_t (F
      numbers), the four gates i, f, g, o (4H), the cell c_t and tanh(c_t) (2H) and the output h_t (H):

          tape bytes = s * (T*B*(F + 7H) + 2*B*H)          s = \(s) bytes per Float, F = \(F), H = \(H)

      (the 2*B*H are h_0 and c_0). Every sequence-step costs the same s*(F + 7H) = \(s * (F + 7 * H)) bytes, so the tape
      grows as T*B. Two standard tricks cut it:

      - **truncated BPTT** (window k = \(window)): cut the sequence into windows of k steps, carry the state across,
        backpropagate within a window only. One window's tape at a time: s * (k*B*(F + 7H) + 2*B*H), whatever T is,
        but no gradient reaches further back than k steps.
      - **checkpointed BPTT** (Chen et al. 2016): keep only x and the state (h, c) every k steps, recompute each
        segment's tape during the backward pass (one extra forward pass). Peak: s * (T*B*F + 2*S*B*H + 2*B*H) plus
        one segment's tape, S = ceil(T/k), k = \(segment.map(String.init) ?? "ceil(sqrt(T))").

      The model is one LSTM layer (F = \(F), H = \(H)) with a softmax head on h_T (C = \(classes)), Float32; the loss
      is on the last step, as for sequence classification.
      """)

    // MARK: Experiment 1: the tape against T and against B, measured and by formula

    book.experiment(
      "Tape bytes against T and B, measured and by formula",
      details: """
        T = \(list(stepsList)) at B = \(batch);  B = \(list(batches)) at T = \(steps)
        measured: full = LSTMTape.byteCount after the forward pass; truncated and checkpointed = peakTapeBytes, the
        largest tape held during their gradient computation (added up from the matrices actually stored)
        formula: LSTMTape.byteCount(steps:...), LSTMTape.byteCount(steps: min(k, T), ...), LSTMCheckpointTape.peakByteCount(...)
        calculator: MemoryCalculator(...).breakdown(mode).activations (what `lstmlab memory` prints)
        """)
    var rng = SeededGenerator(seed: seed)
    var byT: [TapeMeasurement] = []
    for T in stepsList { byT.append(try lab.measureTapes(steps: T, batch: batch, using: &rng)) }
    var byB: [TapeMeasurement] = []
    for B in batches { byB.append(try lab.measureTapes(steps: steps, batch: B, using: &rng)) }
    try book.table(tapeTable("Tape bytes against T (B = \(batch))", byT))
    try book.table(tapeTable("Tape bytes against B (T = \(steps))", byB))

    let all = byT + byB
    let comparisons = all.flatMap { m in MemoryLab.Mode.allCases.map { (m.measured[$0]!, m.formula[$0]!, m.calculator[$0]!) } }
    let formulaMisses = comparisons.filter { $0.0 != $0.1 }.count
    let calculatorMisses = comparisons.filter { $0.0 != $0.2 }.count
    let worstFormula = comparisons.map { abs($0.0 - $0.1) }.max() ?? 0
    let worstCalculator = comparisons.map { abs($0.0 - $0.2) }.max() ?? 0

    try book.chart(
      Figure(
        name: "tape", title: "The BPTT tape, measured",
        panels: [
          .chart(tapeChart(byT, x: \.steps, axis: Axis("sequence length T (steps)", scale: .log(base: 2)), title: "against T (B = \(batch))", lab: lab)),
          .chart(tapeChart(byB, x: \.batch, axis: Axis("batch size B (sequences)", scale: .log(base: 2)), title: "against B (T = \(steps))", lab: lab)),
        ], columns: 2, width: 1300, height: 520),
      caption: "Measured tape bytes of the three BPTT modes on log-log axes (slope 1 means proportional); the formula "
        + "gives the same number at every point (tables above)")

    // The measured cost of one sequence-step: the tape's growth between the shortest and the longest T.
    let (first, last) = (byT.first!, byT.last!)
    let tapePerStep = Double(last.measured[.full]! - first.measured[.full]!) / Double((last.steps - first.steps) * batch)
    let (bFirst, bLast) = (byB.first!, byB.last!)
    let tapePerSequence = Double(bLast.measured[.full]! - bFirst.measured[.full]!) / Double(bLast.batch - bFirst.batch)
    // Exact and seed-free: a zero-width interval, so any change at all in another run counts as changed.
    book.finding("full BPTT tape per sequence-step", estimate: tapePerStep, lower: tapePerStep, upper: tapePerStep, unit: "bytes")
    book.finding(
      "All \(comparisons.count) measured tapes equal the formula "
        + (formulaMisses == 0 ? "exactly (largest difference \(worstFormula) bytes)" : "except \(formulaMisses) (largest difference \(worstFormula) bytes)")
        + "; the memory calculator agrees "
        + (calculatorMisses == 0 ? "exactly too" : "except in \(calculatorMisses) cases (largest difference \(worstCalculator) bytes)")
        + ". Full BPTT's tape grew by \(NumberText.fixed(tapePerStep, decimals: 1)) bytes per sequence-step "
        + "(s*(F + 7H) = \(s * (F + 7 * H))) and by \(NumberText.fixed(tapePerSequence, decimals: 0)) bytes per sequence at "
        + "T = \(steps) (s*(T*(F + 7H) + 2H) = \(s * (steps * (F + 7 * H) + 2 * H))). From T = \(first.steps) to \(last.steps) "
        + "it grew \(NumberText.fixed(ratio(last.measured[.full]!, first.measured[.full]!), decimals: 1))x, truncated BPTT's "
        + "\(NumberText.fixed(ratio(last.measured[.truncated]!, first.measured[.truncated]!), decimals: 1))x, checkpointed "
        + "BPTT's \(NumberText.fixed(ratio(last.measured[.checkpointed]!, first.measured[.checkpointed]!), decimals: 1))x.")

    // MARK: Experiment 2: the whole process's peak memory

    book.experiment(
      "The process's peak memory during one gradient computation",
      details: """
        T = \(list(peakSteps)), B = \(peakBatch), each mode in a fresh child process of this lesson
        growth = peak resident memory after the step (VmHWM in /proc/self/status) - resident memory before it (VmRSS)
        calculator = tape + the calculator's workspace estimate (activations + workspace)
        """)
    book.markdown(
      """
      The tape is what BPTT must keep; the process holds more. The operating system counts a process's *resident set*:
      every page of memory it has touched and still holds in RAM: the program's code, the Swift runtime, the heap
      (every matrix alive, plus freed memory the allocator keeps for reuse), thread stacks. Linux reports its current
      size as VmRSS and its high-water mark as VmHWM (the same figure `getrusage` returns as ru_maxrss). Each
      measurement runs in a fresh process, so that memory freed by an earlier measurement cannot be reused and hide
      the growth: the child builds the model and the batch, reads VmRSS, runs one forward and backward pass, and
      reads VmHWM. Their difference is what the gradient computation added at its peak: the tape, plus the backward
      pass's own matrices (the gate gradients dZ, the loss gradient dL/dh_t, the gradients dX and dHidden).
      """)
    var peaks: [PeakMeasurement] = []
    var probeFailure: String?
    do {
      for T in peakSteps {
        for mode in MemoryLab.Mode.allCases {
          peaks.append(try lab.peakGrowth(mode, steps: T, batch: peakBatch))
        }
      }
    } catch {
      probeFailure = "\(error)"
    }
    var processPerStep: [MemoryLab.Mode: Double] = [:]
    var missedPerStep: [MemoryLab.Mode: Double] = [:]
    var calculatorPerStep: Double?
    if let probeFailure {
      book.markdown("*The peak measurement could not run here: \(probeFailure). The tape figures above do not depend on it.*")
    } else {
      var table = Table(
        "Peak growth of the process during one step (B = \(peakBatch))",
        columns: [
          .init("mode", alignment: .left), .init("T"), .init("tape (MiB)", format: .fixed(decimals: 2)),
          .init("calculator (MiB)", format: .fixed(decimals: 2)), .init("measured growth (MiB)", format: .fixed(decimals: 2)),
          .init("growth / tape", format: .fixed(decimals: 2)), .init("resident before (MiB)", format: .fixed(decimals: 1)),
        ])
      for p in peaks {
        table.append([
          .text(p.mode.rawValue), .number(p.steps), .number(mebibytes(p.tapeBytes)), .number(mebibytes(p.calculatorBytes)),
          .number(mebibytes(p.growth)), .number(Double(p.growth) / Double(p.tapeBytes)), .number(mebibytes(p.residentBefore)),
        ])
      }
      try book.table(table)
      func rows(_ mode: MemoryLab.Mode) -> [PeakMeasurement] { peaks.filter { $0.mode == mode } }
      let axisT = Axis("sequence length T (steps)", scale: .log(base: 2))
      var fullChart = Chart(title: "Full BPTT", x: axisT, y: Axis("memory (MiB)", scale: .log()))
      let full = rows(.full)
      fullChart.add(Series("measured growth of the process", x: full.map(\.steps), y: full.map { mebibytes($0.growth) }))
      fullChart.add(Series("calculator: tape + workspace", x: full.map(\.steps), y: full.map { mebibytes($0.calculatorBytes) }, style: .lines))
      fullChart.add(Series("tape", x: full.map(\.steps), y: full.map { mebibytes($0.tapeBytes) }, style: .lines))
      var savingChart = Chart(
        title: "Truncated and checkpointed BPTT", x: axisT, y: Axis("memory (MiB)", scale: .log()))
      for mode in [MemoryLab.Mode.truncated, .checkpointed] {
        let r = rows(mode)
        savingChart.add(Series("\(lab.label(mode)): measured growth", x: r.map(\.steps), y: r.map { mebibytes($0.growth) }))
        savingChart.add(Series(
          "\(lab.label(mode)): calculator", x: r.map(\.steps), y: r.map { mebibytes($0.calculatorBytes) }, style: .lines))
      }
      try book.chart(
        Figure(name: "peak", title: "What one gradient computation adds to the process at its peak (B = \(peakBatch))",
               panels: [.chart(fullChart), .chart(savingChart)], columns: 2, width: 1300, height: 560),
        caption: "Measured growth of the process's peak resident memory (points) against the calculator's tape + "
          + "workspace (lines)")

      // Bytes per sequence-step: least-squares slopes against T*B of the growth and of what the calculator misses.
      for mode in MemoryLab.Mode.allCases {
        let r = rows(mode)
        let x = r.map { Double($0.steps * $0.batch) }
        processPerStep[mode] = fitLine(x: x, y: r.map { Double($0.growth) }).slope
        if let fit = LineFit(x: x, y: r.map { Double($0.growth) }) {
          book.finding("peak memory growth per sequence-step, \(mode)", fit.slopeInterval(), unit: "bytes")
        }
        missedPerStep[mode] = fitLine(x: x, y: r.map { Double($0.growth - $0.calculatorBytes) }).slope
      }
      calculatorPerStep = fitLine(x: full.map { Double($0.steps * peakBatch) }, y: full.map { Double($0.calculatorBytes) }).slope
      let largest = peakSteps.last!
      func at(_ mode: MemoryLab.Mode) -> PeakMeasurement { peaks.first { $0.mode == mode && $0.steps == largest }! }
      func perStep(_ value: Double?) -> String { NumberText.fixed(value ?? .nan, decimals: 0) }
      book.finding(
        "For full BPTT the process grew by \(perStep(processPerStep[.full])) bytes per sequence-step (least-squares slope "
          + "over T = \(list(peakSteps))), \(NumberText.fixed((processPerStep[.full] ?? 0) / tapePerStep, decimals: 2))x the "
          + "tape's \(NumberText.fixed(tapePerStep, decimals: 0)); the calculator's tape + workspace is "
          + "\(perStep(calculatorPerStep)) and misses \(perStep(missedPerStep[.full])) (the caller's loss gradient dL/dh for "
          + "every step, s*H = \(s * H)). Truncated and checkpointed BPTT keep their tapes small (at T = \(largest): "
          + "\(mebibytesText(at(.truncated).tapeBytes)) and \(mebibytesText(at(.checkpointed).tapeBytes)) against "
          + "\(mebibytesText(at(.full).tapeBytes))), yet the process's peak still grew with T, by "
          + "\(perStep(processPerStep[.truncated])) and \(perStep(processPerStep[.checkpointed])) bytes per sequence-step: this "
          + "implementation returns dL/dh_t and dX for every step (dHidden and dX, s*(H + F) = \(s * (H + F))) and checkpointing "
          + "also receives the loss gradient of every step (another s*H). At T = \(largest) the peak grew by "
          + "\(mebibytesText(at(.full).growth)) for full BPTT, \(mebibytesText(at(.checkpointed).growth)) checkpointed and "
          + "\(mebibytesText(at(.truncated).growth)) truncated.")
    }

    // MARK: Experiment 3: the largest batch that fits a budget

    let machine = ProcessInfo.processInfo.physicalMemory
    var budgetList = try budgets.map { (name: $0, bytes: try ByteSize(parsing: $0, flag: "--budgets").bytes) }
    budgetList.append((name: "this machine (\(ByteSize(bytes: Int(machine))))", bytes: Int(machine)))
    let grid = Array(sequence(first: 16) { $0 * 2 }.prefix { $0 <= longestSteps })
    book.experiment(
      "The largest batch that fits a budget, against T",
      details: """
        budgets: \(budgetList.map(\.name).joined(separator: ", "))
        B_max = MemoryCalculator(...).largestBatch(mode, fitting: budget): parameters + gradients + Adam's two moments
        + tape + backward workspace, all counted; T = 16, 32, ..., \(longestSteps)
        """)
    book.markdown(
      """
      Every memory term is either fixed (parameters, their gradients, Adam's moments) or proportional to B, so the
      memory of one step is a + b(T)*B and the largest batch is B_max = floor((M - a) / b(T)). For full BPTT b(T) is
      T times a constant, so B_max*T is nearly constant: that is the rule of thumb, made exact. The tape formula
      was checked against measurement above; the calculator adds the backward pass's workspace as an estimate.

      The lines marked *as run here* add what the process measurement found the calculator does not count for
      truncated and checkpointed BPTT in this library (the per-step gradients it returns), so they show what fits
      when you run this code rather than an implementation that keeps nothing per step.
      """)
    var largest: [String: [MemoryLab.Mode: [Int]]] = [:]
    for budget in budgetList {
      var byMode: [MemoryLab.Mode: [Int]] = [:]
      for mode in MemoryLab.Mode.allCases {
        byMode[mode] = try grid.map { T in try lab.largestBatch(mode, steps: T, budget: budget.bytes) }
      }
      largest[budget.name] = byMode
    }
    let mainBudget = budgetList[0]
    let main = largest[mainBudget.name]!
    // As this implementation runs them: the calculator plus the bytes per sequence-step it missed (measured above).
    let savers = [MemoryLab.Mode.truncated, .checkpointed]
    var asRun: [MemoryLab.Mode: [Int]] = [:]
    if !missedPerStep.isEmpty {
      for mode in savers {
        asRun[mode] = try grid.map { T in
          try lab.largestBatch(mode, steps: T, budget: mainBudget.bytes, extraPerSequenceStep: max(0, missedPerStep[mode]!))
        }
      }
    }
    var bmaxTable = Table(
      "Largest batch B_max against T",
      columns: [.init("T")] + budgetList.map { .init("full, \($0.name)") }
        + [.init("B_max*T, full, \(mainBudget.name)"), .init("truncated, \(mainBudget.name)"),
           .init("checkpointed, \(mainBudget.name)")]
        + (asRun.isEmpty ? [] : [.init("truncated, as run here"), .init("checkpointed, as run here")]))
    for (index, T) in grid.enumerated() {
      let fullColumns = budgetList.map { TableValue.number(largest[$0.name]![.full]![index]) }
      let asRunColumns = asRun.isEmpty ? [] : savers.map { TableValue.number(asRun[$0]![index]) }
      bmaxTable.append(
        [.number(T)] + fullColumns
          + [.number(main[.full]![index] * T), .number(main[.truncated]![index]), .number(main[.checkpointed]![index])]
          + asRunColumns)
    }
    try book.table(bmaxTable)

    // Slopes of log B_max against log T over the long-sequence half of the grid.
    let longHalf = Array(grid.indices.suffix(grid.count / 2))
    func slope(_ values: [Int]) -> Double {
      let points = longHalf.filter { values[$0] > 0 }
      guard points.count >= 2 else { return 0 }  // no line through fewer than two lengths: shown as slope 0
      return fitLine(x: points.map { log(Double(grid[$0])) }, y: points.map { log(Double(values[$0])) }).slope
    }
    func slopeText(_ values: [Int]) -> String { "slope " + NumberText.fixed(slope(values), decimals: 2) }
    var fullChart = Chart(
      title: "Full BPTT, three budgets", x: Axis("sequence length T (steps)", scale: .log(base: 2)),
      y: Axis("largest batch B_max", scale: .log()))
    for budget in budgetList {
      let values = largest[budget.name]![.full]!
      fullChart.add(Series("\(budget.name) (\(slopeText(values)))", x: grid, y: values))
    }
    var modeChart = Chart(
      title: "Three BPTT modes, \(mainBudget.name)", x: Axis("sequence length T (steps)", scale: .log(base: 2)),
      y: Axis("largest batch B_max", scale: .log()))
    for mode in MemoryLab.Mode.allCases {
      modeChart.add(Series("\(lab.label(mode)) (\(slopeText(main[mode]!)))", x: grid, y: main[mode]!))
    }
    for mode in savers where asRun[mode] != nil {
      modeChart.add(Series("\(mode.rawValue), as run here (\(slopeText(asRun[mode]!)))", x: grid, y: asRun[mode]!, style: .lines))
    }
    try book.chart(
      Figure(name: "largest-batch", title: "The largest batch that fits, against sequence length",
             panels: [.chart(fullChart), .chart(modeChart)], columns: 2, width: 1300, height: 560),
      caption: "B_max against T on log-log axes (slopes fitted over T = \(grid[longHalf.first!])...\(grid.last!)): full BPTT "
        + "falls as 1/T at every budget; checkpointing and truncation flatten the line as long as nothing else is kept "
        + "per step", isKey: true)

    // The law and its constant, from this run's numbers.
    let fullMain = main[.full]!
    let products = longHalf.map { fullMain[$0] * grid[$0] }
    let perStepTotal = try calculatorPerStep ?? lab.calculatorBytesPerSequenceStep()
    let constant = Double(mainBudget.bytes) / perStepTotal
    let tapeConstant = Double(mainBudget.bytes) / tapePerStep
    let longT = grid.last!
    func gain(_ values: [Int]) -> String { NumberText.fixed(Double(values.last!) / Double(max(1, fullMain.last!)), decimals: 1) }
    var law =
      "Longer sequences need smaller batches, and the law is B_max * T ≈ M / β. Full BPTT keeps β_tape = "
      + "\(NumberText.fixed(tapePerStep, decimals: 0)) bytes of tape per sequence-step (measured; s*(F + 7H) with s = \(s), "
      + "F = \(F), H = \(H)); with the backward pass's workspace a training step needs β = "
      + "\(NumberText.fixed(perStepTotal, decimals: 0)) bytes per sequence-step (calculator)"
    if let measured = processPerStep[.full] {
      law += ", and this process's peak grew by \(NumberText.fixed(measured, decimals: 0)) (measured)"
    }
    law +=
      ". For M = \(mainBudget.name) that allows B_max * T ≈ \(NumberText.significant(constant, digits: 3)) "
      + "sequence-steps (tape alone: \(NumberText.significant(tapeConstant, digits: 3))): B_max*T stays between "
      + "\(products.min()!) and \(products.max()!) for T = \(grid[longHalf.first!])...\(longT), and log B_max falls with slope "
      + "\(NumberText.fixed(slope(fullMain), decimals: 2)) against log T at every budget. At T = \(longT) checkpointing fits "
      + "\(gain(main[.checkpointed]!))x the batch of full BPTT (\(slopeText(main[.checkpointed]!))) and truncation to k = \(window) "
      + "\(gain(main[.truncated]!))x (\(slopeText(main[.truncated]!)))"
    if let truncatedRun = asRun[.truncated], let checkpointedRun = asRun[.checkpointed] {
      law +=
        "; as this implementation runs them, keeping per-step gradients, only \(gain(checkpointedRun))x and "
        + "\(gain(truncatedRun))x (\(slopeText(checkpointedRun)), \(slopeText(truncatedRun)))"
    }
    law += "."
    book.finding(law, isKey: true)
    book.markdown(
      """
      Truncation buys its flat line by never backpropagating further than k steps, so it cannot learn dependencies
      longer than k. Checkpointing keeps exact gradients and pays in time (see the `compute-scaling` lesson); it still
      stores the input x of every step, T*B*F numbers, so at very long T its line bends back towards slope -1, far below
      full BPTT's. For your own model run `lstmlab memory --seq-len T --batch B --features F --hidden H --budget 16GiB`.
      """)
    try book.finish()
  }

  // MARK: Tables and charts of the tape measurements

  func tapeTable(_ title: String, _ rows: [TapeMeasurement]) -> Table {
    var table = Table(
      title,
      columns: [.init("T"), .init("B")]
        + MemoryLab.Mode.allCases.flatMap { mode in
          [.init("\(mode.rawValue) measured"), .init("\(mode.rawValue) formula")]
        } + [.init("calculator agrees", alignment: .left)])
    for m in rows {
      let cells = MemoryLab.Mode.allCases.flatMap { mode in [TableValue.number(m.measured[mode]!), .number(m.formula[mode]!)] }
      let agrees = MemoryLab.Mode.allCases.allSatisfy { m.calculator[$0] == m.measured[$0] }
      table.append([.number(m.steps), .number(m.batch)] + cells + [.text(agrees ? "yes" : "no")])
    }
    return table
  }

  func tapeChart(_ rows: [TapeMeasurement], x: KeyPath<TapeMeasurement, Int>, axis: Axis, title: String, lab: MemoryLab) -> Chart {
    var chart = Chart(title: title, x: axis, y: Axis("tape (MiB)", scale: .log()))
    for mode in MemoryLab.Mode.allCases {
      chart.add(Series(lab.label(mode), x: rows.map { $0[keyPath: x] }, y: rows.map { mebibytes($0.measured[mode]!) }))
    }
    return chart
  }
}

MemoryScaling.main()
