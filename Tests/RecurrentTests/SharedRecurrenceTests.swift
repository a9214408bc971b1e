import LabMath
import XCTest

@testable import Recurrent

/// The LSTM's recurrences cut a batch into two bands of sequences, one per core (`KernelThreads`). Sequences never
/// interact inside a layer and the product kernel sums each element in the same order whatever the band, so sharing
/// must change no bit of the tape or of any gradient: full, truncated and checkpointed BPTT, odd batch sizes (bands of
/// unequal height), Float and Double. (The finite-difference checks of LSTMGradientTests cover the numbers themselves.)
final class SharedRecurrenceTests: XCTestCase {
  override func tearDown() {
    KernelThreads.current = .automatic
    super.tearDown()
  }

  /// Runs `body` with the recurrences kept on one thread, then with every batch of 2 or more shared.
  private func oneThenTwo<R>(_ body: () throws -> R) rethrows -> (one: R, two: R) {
    KernelThreads.current = .one
    let one = try body()
    KernelThreads.current = .two
    let two = try body()
    KernelThreads.current = .automatic
    return (one, two)
  }

  private func check<Scalar: LabScalar>(_: Scalar.Type, steps: Int, batch: Int, hidden: Int, seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let features = 3
    let lstm = LSTM<Scalar>(inputSize: features, hiddenSize: hidden, using: &rng)
    let x: Matrix<Scalar> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
    let h0: Matrix<Scalar> = rng.uniformMatrix(rows: batch, columns: hidden, -0.5, 0.5)
    let c0: Matrix<Scalar> = rng.uniformMatrix(rows: batch, columns: hidden, -0.5, 0.5)
    let dH: Matrix<Scalar> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
    let label = "\(Scalar.self) T=\(steps) B=\(batch) H=\(hidden)"

    let full = try oneThenTwo { () throws -> (LSTMTape<Scalar>, LSTMGradients<Scalar>) in
      let tape = try lstm.forward(x, steps: steps, h0: h0, c0: c0)
      return (tape, lstm.backward(tape, hiddenGradient: dH))
    }
    for (name, a, b) in [
      ("gates", full.one.0.gates, full.two.0.gates), ("cells", full.one.0.cellStates, full.two.0.cellStates),
      ("tanh cells", full.one.0.tanhCells, full.two.0.tanhCells), ("hidden", full.one.0.hiddenStates, full.two.0.hiddenStates),
    ] {
      XCTAssertEqual(a, b, "forward \(name), \(label)")
    }
    assertSameGradients(full.one.1, full.two.1, "full BPTT, \(label)")

    let window = max(1, steps / 3)
    let truncated = try oneThenTwo {
      try lstm.truncatedGradients(x, steps: steps, window: window, h0: h0, c0: c0, hiddenGradient: dH).gradients
    }
    assertSameGradients(truncated.one, truncated.two, "truncated k=\(window), \(label)")

    let checkpointed = try oneThenTwo { () throws -> LSTMGradients<Scalar> in
      let tape = try lstm.checkpointedForward(x, steps: steps, interval: window, h0: h0, c0: c0)
      return lstm.backward(tape, hiddenGradient: dH)
    }
    assertSameGradients(checkpointed.one, checkpointed.two, "checkpointed every \(window), \(label)")
  }

  private func assertSameGradients<Scalar>(
    _ a: LSTMGradients<Scalar>, _ b: LSTMGradients<Scalar>, _ label: String, line: UInt = #line
  ) {
    for (name, x, y) in [
      ("dW", a.dW, b.dW), ("dU", a.dU, b.dU), ("db", a.db, b.db), ("dX", a.dX, b.dX), ("dHidden", a.dHidden, b.dHidden),
      ("dh0", a.dh0, b.dh0), ("dc0", a.dc0, b.dc0),
    ] {
      XCTAssertEqual(x, y, "\(name), \(label)", line: line)
    }
  }

  func testSharingTheBatchBetweenTwoThreadsChangesNoBit() throws {
    let helped = KernelThreads.helperParts
    for (steps, batch, hidden) in [(5, 2, 3), (7, 9, 5), (4, 17, 16), (12, 8, 64), (3, 33, 7)] {
      try check(Float.self, steps: steps, batch: batch, hidden: hidden, seed: UInt64(steps * 100 + batch))
      try check(Double.self, steps: steps, batch: batch, hidden: hidden, seed: UInt64(steps * 100 + batch + 1))
    }
    // The caller runs any band the helper has not claimed by the time it is done, so on a busy machine the small
    // cases above may all end up on one thread: give the helper longer passes until it has run at least one band.
    guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { return }
    var rng = SeededGenerator(seed: 30)
    let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 64, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: 100 * 32, columns: 3, -1, 1)
    KernelThreads.current = .two
    for _ in 0..<200 where KernelThreads.helperParts == helped { _ = try lstm.forward(x, steps: 100) }
    XCTAssertGreaterThan(KernelThreads.helperParts, helped, "the helper thread never ran a band")
  }

  /// A shared backward pass must equal the plain per-step loop written with the public step kernels.
  func testSharedRecurrenceEqualsAStepByStepLoop() throws {
    var rng = SeededGenerator(seed: 31)
    let (T, B, F, H) = (6, 11, 2, 5)
    let lstm = LSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    KernelThreads.current = .two
    let tape = try lstm.forward(x, steps: T)
    KernelThreads.current = .automatic
    // The forward pass step by step: z_t = x_t W + h_{t-1} U + b, then the pointwise step kernel.
    var gates = Matrix<Double>(rows: T * B, columns: 4 * H)
    var cells = Matrix<Double>(rows: (T + 1) * B, columns: H)
    var tanhCells = Matrix<Double>(rows: T * B, columns: H)
    var states = Matrix<Double>(rows: (T + 1) * B, columns: H)
    gemm(x, times: lstm.W, into: &gates, kernel: .reference)
    for t in 0..<T {
      let now = t * B..<(t + 1) * B
      gemm(states, rows: now, transposed: false, times: lstm.U, rows: nil, transposed: false, into: &gates, rows: now, beta: 1, kernel: .reference)
      RecurrentKernels.lstmForwardStep(
        rows: B, gates: &gates, gateRow: t * B, bias: lstm.b, cells: &cells, previousCellRow: t * B,
        cellRow: (t + 1) * B, tanhCells: &tanhCells, tanhCellRow: t * B, hidden: &states, hiddenRow: (t + 1) * B)
    }
    XCTAssertLessThan(maxDifference(tape.hiddenStates, states), 1e-14)
    XCTAssertLessThan(maxDifference(tape.cellStates, cells), 1e-14)
  }

  private func maxDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
  }

  /// `inputGradient: false` (a model's first layer) skips dX and changes nothing else.
  func testSkippingTheInputGradientLeavesTheOtherGradientsAlone() throws {
    var rng = SeededGenerator(seed: 32)
    let lstm = LSTM<Float>(inputSize: 4, hiddenSize: 6, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: 5 * 3, columns: 4, -1, 1)
    let dH: Matrix<Float> = rng.uniformMatrix(rows: 5 * 3, columns: 6, -1, 1)
    let tape = try lstm.forward(x, steps: 5)
    let with = lstm.backward(tape, hiddenGradient: dH)
    let without = lstm.backward(tape, hiddenGradient: dH, inputGradient: false)
    XCTAssertEqual(with.dX.rows, 15)
    XCTAssertEqual(without.dX.rows, 0)
    XCTAssertEqual(without.dX.columns, 4)
    XCTAssertEqual(with.dW, without.dW)
    XCTAssertEqual(with.dU, without.dU)
    XCTAssertEqual(with.db, without.db)
    XCTAssertEqual(with.dHidden, without.dHidden)
    XCTAssertEqual(with.dh0, without.dh0)
    XCTAssertEqual(with.dc0, without.dc0)
  }
}
