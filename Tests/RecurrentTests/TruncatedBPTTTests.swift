import LabMath
import XCTest

@testable import Recurrent

final class TruncatedBPTTTests: XCTestCase {
  func lstmProblem(steps: Int, batch: Int, seed: UInt64) -> (LSTM<Double>, Matrix<Double>, Matrix<Double>, Matrix<Double>) {
    var rng = SeededGenerator(seed: seed)
    let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, initializer: .pytorch, using: &rng)
    return (
      lstm, rng.uniformMatrix(rows: steps * batch, columns: 3, -1, 1), rng.uniformMatrix(rows: batch, columns: 4, -0.5, 0.5),
      rng.uniformMatrix(rows: batch, columns: 4, -0.5, 0.5)
    )
  }

  /// With a window of at least T steps there is one window, and the result is full BPTT's, bit for bit.
  func testWindowCoveringTheSequenceEqualsFullBPTTExactly() throws {
    var rng = SeededGenerator(seed: 1)
    let (T, B) = (9, 3)
    let lstm = LSTM<Float>(inputSize: 2, hiddenSize: 5, using: &rng)
    let rnn = RNN<Float>(inputSize: 2, hiddenSize: 5, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: 2, -1, 1)
    let h0: Matrix<Float> = rng.uniformMatrix(rows: B, columns: 5, -1, 1)
    let dH: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: 5, -1, 1)
    let tape = try lstm.forward(x, steps: T, h0: h0)
    let full = lstm.backward(tape, hiddenGradient: dH)
    let rnnTape = try rnn.forward(x, steps: T, h0: h0)
    let rnnFull = rnn.backward(rnnTape, hiddenGradient: dH)
    for k in [T, T + 4] {
      let truncated = try lstm.truncatedGradients(x, steps: T, window: k, h0: h0, hiddenGradient: dH)
      let g = truncated.gradients
      XCTAssertEqual(g.parameterGradients + [g.dX, g.dHidden, g.dh0, g.dc0], full.parameterGradients + [full.dX, full.dHidden, full.dh0, full.dc0])
      XCTAssertEqual(truncated.peakTapeBytes, tape.byteCount)
      XCTAssertEqual(truncated.lastHidden, tape.lastHidden)
      XCTAssertEqual(truncated.lastCell, tape.lastCell)
      let r = try rnn.truncatedGradients(x, steps: T, window: k, h0: h0, hiddenGradient: dH)
      XCTAssertEqual(r.gradients.parameterGradients + [r.gradients.dX, r.gradients.dHidden, r.gradients.dh0],
                     rnnFull.parameterGradients + [rnnFull.dX, rnnFull.dHidden, rnnFull.dh0])
      XCTAssertEqual(r.peakTapeBytes, rnnTape.byteCount)
    }
  }

  /// With k < T the truncated gradient is the exact gradient of the windowed loss in which every window starts from
  /// a constant state (the one the forward pass reached there): checked by finite differences of that loss.
  func testLSTMTruncatedGradientsAreTheGradientsOfTheWindowedLossWithConstantBoundaryStates() throws {
    let (T, B, k) = (11, 3, 4)  // windows of 4, 4 and 3 steps
    let (lstm, x, h0, c0) = lstmProblem(steps: T, batch: B, seed: 40)
    var rng = SeededGenerator(seed: 41)
    let R = hiddenWeights(steps: T, batch: B, hidden: 4, everyStep: true, using: &rng)
    let full = try lstm.forward(x, steps: T, h0: h0, c0: c0)
    let windows = [0..<4, 4..<8, 8..<11]
    // The windowed loss: window w runs from the fixed state (h, c) at its first step, except that the first window
    // starts from the (perturbable) h0, c0.
    func windowedLoss(_ m: LSTM<Double>, x: Matrix<Double>, h0: Matrix<Double>, c0: Matrix<Double>) -> Double {
      windows.reduce(0.0) { sum, w in
        let rows = w.lowerBound * B..<w.upperBound * B
        let start = w.lowerBound * B..<(w.lowerBound + 1) * B
        let h = w.lowerBound == 0 ? h0 : full.hiddenStates.rows(start)
        let c = w.lowerBound == 0 ? c0 : full.cellStates.rows(start)
        return sum + dot(try! m.forward(x.rows(rows), steps: w.count, h0: h, c0: c).hidden, R.rows(rows))
      }
    }
    let result = try lstm.truncatedGradients(x, steps: T, window: k, h0: h0, c0: c0, hiddenGradient: R)
    let g = result.gradients
    GradientCheck.check("truncated dW", analytic: g.dW) { i, d in
      var m = lstm
      m.W = moved(m.W, i, by: d)
      return windowedLoss(m, x: x, h0: h0, c0: c0)
    }
    GradientCheck.check("truncated dU", analytic: g.dU) { i, d in
      var m = lstm
      m.U = moved(m.U, i, by: d)
      return windowedLoss(m, x: x, h0: h0, c0: c0)
    }
    GradientCheck.check("truncated db", analytic: g.db) { i, d in
      var m = lstm
      m.b = moved(m.b, i, by: d)
      return windowedLoss(m, x: x, h0: h0, c0: c0)
    }
    GradientCheck.check("truncated dX", analytic: g.dX) { i, d in windowedLoss(lstm, x: moved(x, i, by: d), h0: h0, c0: c0) }
    GradientCheck.check("truncated dh0", analytic: g.dh0) { i, d in windowedLoss(lstm, x: x, h0: moved(h0, i, by: d), c0: c0) }
    GradientCheck.check("truncated dc0", analytic: g.dc0) { i, d in windowedLoss(lstm, x: x, h0: h0, c0: moved(c0, i, by: d)) }
    // Truncation changes the gradient (the check above would be vacuous otherwise), and the carried state is the
    // full forward pass's.
    let fullGradients = lstm.backward(full, hiddenGradient: R)
    XCTAssertGreaterThan((fullGradients.dU - g.dU).maxAbs(), 1e-3)
    XCTAssertLessThan((result.lastHidden - full.lastHidden).maxAbs(), 1e-14)
    XCTAssertLessThan((result.lastCell! - full.lastCell).maxAbs(), 1e-14)
    XCTAssertEqual(result.peakTapeBytes, LSTMTape<Double>.byteCount(steps: k, batchSize: B, inputSize: 3, hiddenSize: 4))
  }

  func testRNNTruncatedGradientsAreTheGradientsOfTheWindowedLossWithConstantBoundaryStates() throws {
    let (T, B, k) = (10, 2, 3)  // windows 3, 3, 3, 1
    var rng = SeededGenerator(seed: 50)
    let rnn = RNN<Double>(inputSize: 2, hiddenSize: 5, initializer: .pytorch, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 2, -1, 1)
    let h0: Matrix<Double> = rng.uniformMatrix(rows: B, columns: 5, -0.5, 0.5)
    let R = hiddenWeights(steps: T, batch: B, hidden: 5, everyStep: true, using: &rng)
    let full = try rnn.forward(x, steps: T, h0: h0)
    let windows = stepBlocks(steps: T, length: k)
    func windowedLoss(_ m: RNN<Double>, x: Matrix<Double>, h0: Matrix<Double>) -> Double {
      windows.reduce(0.0) { sum, w in
        let rows = w.lowerBound * B..<w.upperBound * B
        let h = w.lowerBound == 0 ? h0 : full.hiddenStates.rows(w.lowerBound * B..<(w.lowerBound + 1) * B)
        return sum + dot(try! m.forward(x.rows(rows), steps: w.count, h0: h).hidden, R.rows(rows))
      }
    }
    let g = try rnn.truncatedGradients(x, steps: T, window: k, h0: h0, hiddenGradient: R).gradients
    GradientCheck.check("truncated RNN dW", analytic: g.dW) { i, d in
      var m = rnn
      m.W = moved(m.W, i, by: d)
      return windowedLoss(m, x: x, h0: h0)
    }
    GradientCheck.check("truncated RNN dU", analytic: g.dU) { i, d in
      var m = rnn
      m.U = moved(m.U, i, by: d)
      return windowedLoss(m, x: x, h0: h0)
    }
    GradientCheck.check("truncated RNN db", analytic: g.db) { i, d in
      var m = rnn
      m.b = moved(m.b, i, by: d)
      return windowedLoss(m, x: x, h0: h0)
    }
    GradientCheck.check("truncated RNN dX", analytic: g.dX) { i, d in windowedLoss(rnn, x: moved(x, i, by: d), h0: h0) }
    GradientCheck.check("truncated RNN dh0", analytic: g.dh0) { i, d in windowedLoss(rnn, x: x, h0: moved(h0, i, by: d)) }
  }

  /// The closure form hands each window's outputs (the full forward pass's h_t, since the state is carried) and
  /// agrees with the matrix form; a last-step loss gives dH in the last window only.
  func testClosureFormSeesEachWindowsOutputsAndMatchesTheMatrixForm() throws {
    let (T, B, k) = (10, 2, 4)
    let (lstm, x, h0, c0) = lstmProblem(steps: T, batch: B, seed: 60)
    let full = try lstm.forward(x, steps: T, h0: h0, c0: c0)
    var seen: [Range<Int>] = []
    var rng = SeededGenerator(seed: 61)
    let R = hiddenWeights(steps: T, batch: B, hidden: 4, everyStep: false, using: &rng)
    let closureForm = try lstm.truncatedGradients(x, steps: T, window: k, h0: h0, c0: c0) { range, hidden in
      seen.append(range)
      XCTAssertLessThan((hidden - full.hidden.rows(range.lowerBound * B..<range.upperBound * B)).maxAbs(), 1e-14)
      return R.rows(range.lowerBound * B..<range.upperBound * B)
    }
    XCTAssertEqual(seen, [0..<4, 4..<8, 8..<10])
    let matrixForm = try lstm.truncatedGradients(x, steps: T, window: k, h0: h0, c0: c0, hiddenGradient: R)
    XCTAssertEqual(closureForm.gradients.parameterGradients, matrixForm.gradients.parameterGradients)
    // Only the last window (2 steps) carries a loss: earlier windows contribute nothing to dW.
    let lastWindowOnly = try lstm.forward(x.rows(8 * B..<T * B), steps: 2, h0: full.hidden(atStep: 8), c0: full.cellStates.rows(8 * B..<9 * B))
    let expected = lstm.backward(lastWindowOnly, hiddenGradient: R.rows(8 * B..<T * B))
    XCTAssertLessThan((expected.dW - closureForm.gradients.dW).maxAbs(), 1e-14)
  }

  func testPeakTapeBytesAreOneWindowsTape() throws {
    var rng = SeededGenerator(seed: 70)
    for (T, B, F, H, k) in [(20, 4, 5, 8, 5), (20, 4, 5, 8, 7), (13, 1, 2, 3, 1), (6, 2, 1, 4, 50)] {
      let lstm = LSTM<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let rnn = RNN<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let x: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
      let dH = Matrix<Float>(rows: T * B, columns: H, repeating: 1)
      XCTAssertEqual(
        try lstm.truncatedGradients(x, steps: T, window: k, hiddenGradient: dH).peakTapeBytes,
        LSTMTape<Float>.byteCount(steps: min(k, T), batchSize: B, inputSize: F, hiddenSize: H))
      XCTAssertEqual(
        try rnn.truncatedGradients(x, steps: T, window: k, hiddenGradient: dH).peakTapeBytes,
        RNNTape<Float>.byteCount(steps: min(k, T), batchSize: B, inputSize: F, hiddenSize: H))
    }
  }

  func testInvalidWindowThrows() {
    var rng = SeededGenerator(seed: 80)
    let lstm = LSTM<Float>(inputSize: 1, hiddenSize: 2, using: &rng)
    XCTAssertThrowsError(try lstm.truncatedGradients(Matrix(rows: 4, columns: 1), steps: 2, window: 0, hiddenGradient: Matrix(rows: 4, columns: 2))) {
      XCTAssertEqual($0 as? RecurrentError, .invalidInterval(name: "LSTM.truncatedGradients: window", value: 0))
    }
    XCTAssertThrowsError(try lstm.truncatedGradients(Matrix(rows: 4, columns: 1), steps: 2, window: 1, hiddenGradient: Matrix(rows: 2, columns: 2)))
  }
}
