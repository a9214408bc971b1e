import LSTMLab

/// One LSTM layer (F = 5 inputs, H = 64 units, Float) run forward and backward over a batch, as in training: the loss
/// sits on the last step, so dL/dh_t is zero except at t = T; the input is data, so no dL/dx (as PyTorch, whose
/// input does not require a gradient).
struct LSTMRun {
  var batch: Int, steps: Int
  /// Seconds of one forward pass.
  var forward: Timing
  /// Seconds of one forward pass followed by full BPTT.
  var forwardBackward: Timing
  /// Bytes the forward pass keeps for the backward pass (`LSTMTape.byteCount`).
  var tapeBytes: Int

  var sequencesPerSecond: Double { Double(batch) / forwardBackward.median }
  /// Scalars stored per (step, sample): about F + 7H = 453 (PyTorch keeps about 1045).
  var tapeScalarsPerStepAndSample: Double { Double(tapeBytes) / Double(4 * batch * steps) }

  static let features = 5, hidden = 64

  /// Times `repetitions` runs, or as many as fit in about `budget` seconds (at least 1) when `repetitions` is nil.
  static func run(batch: Int, steps: Int, repetitions: Int?, budget: Double = 1) throws -> LSTMRun {
    var rng = SeededGenerator(seed: 2)
    let lstm = LSTM<Float>(inputSize: features, hiddenSize: hidden, using: &rng)
    let x: Matrix<Float> = rng.normalMatrix(rows: steps * batch, columns: features)
    var dH = Matrix<Float>(rows: steps * batch, columns: hidden)
    dH.setRows(startingAt: (steps - 1) * batch, to: rng.normalMatrix(rows: batch, columns: hidden))
    var sink: Float = 0
    var tapeBytes = 0
    let start = now()
    let first = try lstm.forward(x, steps: steps)
    sink += lstm.backward(first, hiddenGradient: dH, inputGradient: false).dU[0, 0]
    let once = now() - start
    let count = repetitions ?? min(15, max(1, Int(budget / (2 * once))))
    let forward = try measure(repetitions: count, warmup: 0) {
      let tape = try lstm.forward(x, steps: steps)
      tapeBytes = tape.byteCount
      sink += tape.lastHidden[0, 0]
    }
    let both = try measure(repetitions: count, warmup: 0) {
      let tape = try lstm.forward(x, steps: steps)
      sink += lstm.backward(tape, hiddenGradient: dH, inputGradient: false).dU[0, 0]
    }
    precondition(sink.isFinite, "LSTM benchmark: non-finite results")
    return LSTMRun(batch: batch, steps: steps, forward: forward, forwardBackward: both, tapeBytes: tapeBytes)
  }
}

/// The two seed configurations: sequences per second of forward + backward, the tape.
func benchLSTM(quick: Bool, pytorch: PyTorchFigures?) throws -> String {
  var table = TextTable(["config", "fwd ms", "fwd+bwd ms", "sequences/s", "tape MiB", "tape floats per (step, sample)"])
  if pytorch != nil { table.header += ["PyTorch here, sequences/s", "ratio"] }
  for (batch, steps) in [(64, 20), (16, 200)] {
    let run = try LSTMRun.run(batch: batch, steps: steps, repetitions: quick ? 3 : 15)
    var row = [
      "B=\(batch) T=\(steps)", NumberText.fixed(run.forward.median * 1e3, decimals: 2), NumberText.fixed(run.forwardBackward.median * 1e3, decimals: 2),
      NumberText.grouped(run.sequencesPerSecond), mebibytes(run.tapeBytes), NumberText.fixed(run.tapeScalarsPerStepAndSample, decimals: 1),
    ]
    if let pytorch {
      let theirs = pytorch.lstm.first { $0.batch == batch && $0.steps == steps }?.sequencesPerSecond
      row += [theirs.map(NumberText.grouped) ?? "-", theirs.map { NumberText.fixed(run.sequencesPerSecond / $0, decimals: 2) + "x" } ?? "-"]
    }
    table.append(row)
  }
  return table.markdown
}

/// The (T, B) grid: sequences per second of forward + backward and the tape's size in every cell.
func benchGrid(quick: Bool, pytorch: PyTorchFigures?) throws -> String {
  let stepsList = quick ? [10, 100] : [10, 20, 50, 100, 200, 500, 1000]
  let batches = quick ? [8, 64] : [8, 16, 32, 64, 128, 256]
  var speed = TextTable(["T \\ B"])
  speed.header += batches.map { "B=\($0)" }
  var tape = speed
  var ratio = speed
  for steps in stepsList {
    var speedRow = ["T=\(steps)"], tapeRow = ["T=\(steps)"], ratioRow = ["T=\(steps)"]
    for batch in batches {
      let run = try LSTMRun.run(batch: batch, steps: steps, repetitions: nil, budget: quick ? 0.2 : 1.5)
      speedRow.append(NumberText.grouped(run.sequencesPerSecond))
      tapeRow.append(mebibytes(run.tapeBytes))
      let theirs = pytorch?.grid.first { $0.batch == batch && $0.steps == steps }?.sequencesPerSecond
      ratioRow.append(theirs.map { NumberText.fixed(run.sequencesPerSecond / $0, decimals: 2) + "x" } ?? "-")
    }
    speed.append(speedRow)
    tape.append(tapeRow)
    ratio.append(ratioRow)
  }
  var text = "LSTM forward + backward, sequences/s (F=5, H=64, Float, last-step loss):\n\n" + speed.markdown
  text += "\n\nTape (what the forward pass keeps for BPTT), MiB:\n\n" + tape.markdown
  if pytorch != nil { text += "\n\nSequences/s relative to PyTorch on this machine (same cell):\n\n" + ratio.markdown }
  return text
}

/// Where the time of one LSTM forward + backward goes at one (T, B): the forward pass and the backward pass (the
/// fused pointwise loop, dz_t U^T and, per step while dz_t is in the cache, dW += x_t^T dz_t, dU += h_{t-1}^T dz_t,
/// db += column sums of dz_t). For comparison, the same three parameter gradients as separate passes over a stored dZ
/// (T*B x 4H), timed on their own with matrices of the same shapes: what the backward pass did after its time loop
/// before the per-step sums; and the forward's products and pointwise loops apart (`forwardPartsRows`). GFLOP/s count 2
/// per multiply-add.
func lstmlabBenchPhases(steps T: Int, batch B: Int, hidden H: Int = LSTMRun.hidden, repetitions: Int) throws -> String {
  let F = LSTMRun.features
  var rng = SeededGenerator(seed: 2)
  let lstm = LSTM<Float>(inputSize: F, hiddenSize: H, using: &rng)
  let x: Matrix<Float> = rng.normalMatrix(rows: T * B, columns: F)
  var dH = Matrix<Float>(rows: T * B, columns: H)
  dH.setRows(startingAt: (T - 1) * B, to: rng.normalMatrix(rows: B, columns: H))
  let states: Matrix<Float> = rng.normalMatrix(rows: T * B, columns: H)
  let dZ: Matrix<Float> = rng.normalMatrix(rows: T * B, columns: 4 * H)
  var dU = Matrix<Float>(rows: H, columns: 4 * H), dW = Matrix<Float>(rows: F, columns: 4 * H)
  var sink: Float = 0
  var tape = try lstm.forward(x, steps: T)
  let forward = try measure(repetitions: repetitions) { tape = try lstm.forward(x, steps: T); sink += tape.lastHidden[0, 0] }
  let backward = measure(repetitions: repetitions) {
    sink += lstm.backward(tape, hiddenGradient: dH, inputGradient: false).dU[0, 0]
  }
  let dUTime = measure(repetitions: repetitions) { gemm(states, transposed: true, times: dZ, into: &dU); sink += dU[0, 0] }
  let dWTime = measure(repetitions: repetitions) { gemm(x, transposed: true, times: dZ, into: &dW); sink += dW[0, 0] }
  let dbTime = measure(repetitions: repetitions) { sink += dZ.columnSums()[0, 0] }
  precondition(sink.isFinite || sink.isNaN, "unreachable")
  let total = forward.median + backward.median
  let rows = Double(T * B)
  var table = TextTable(["phase", "ms", "share", "GFLOP/s"])
  func row(_ name: String, _ seconds: Double, _ flops: Double?, share: Bool = true) {
    table.append([
      name, NumberText.fixed(seconds * 1e3, decimals: seconds < 0.01 ? 2 : 1),
      share ? NumberText.fixed(100 * seconds / total, decimals: 0) + " %" : "-",
      flops.map { NumberText.fixed($0 / seconds / 1e9, decimals: 1) } ?? "-",
    ])
  }
  row("forward (z_t = [x_t | h] [W; U], gates, c_t, h_t)", forward.median, 2 * rows * Double((F + H) * 4 * H))
  row("backward (dz_t, dz_t U^T, dW, dU, db per step)", backward.median, 4 * rows * Double((F + H) * 4 * H))
  row("forward + backward", total, 6 * rows * Double(4 * H * (F + H)))
  row("for comparison, alone: dU = H^T dZ over a stored dZ", dUTime.median, 2 * rows * Double(H * 4 * H), share: false)
  row("for comparison, alone: dW = x^T dZ", dWTime.median, 2 * rows * Double(F * 4 * H), share: false)
  row("for comparison, alone: db = column sums of dZ", dbTime.median, nil, share: false)
  for part in forwardPartsRows(steps: T, batch: B, hidden: H, repetitions: repetitions) { row(part.name, part.seconds, part.flops, share: false) }
  return "LSTM phases at T=\(T) B=\(B) (F=\(F), H=\(H), Float, threads: \(KernelThreads.current), medians of \(repetitions)):\n\n" + table.markdown
}
