import LSTMLab
import XCTest

/// What the truncated-BPTT lesson rests on: the truncated gradient of a last-step loss, with h and c carried across
/// windows, against full BPTT computed independently from the states the forward pass reached.
final class TruncationTests: XCTestCase {
  func problem(steps: Int, batch: Int, seed: UInt64) -> (LSTM<Double>, Matrix<Double>, Matrix<Double>) {
    var rng = SeededGenerator(seed: seed)
    let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 6, initializer: .pytorch, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: 3, -1, 1)
    var dH = Matrix<Double>(rows: steps * batch, columns: 6)
    dH.setRows(startingAt: (steps - 1) * batch, to: rng.uniformMatrix(rows: batch, columns: 6, -1, 1))
    return (lstm, x, dH)
  }

  func assertClose(_ a: [Matrix<Double>], _ b: [Matrix<Double>], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (p, q) in zip(a, b) {
      XCTAssertLessThanOrEqual((p - q).maxAbs(), 1e-12 * max(1, q.maxAbs()), message, file: file, line: line)
    }
  }

  /// k >= T: one window, so truncated BPTT is full BPTT.
  func testTruncatedGradientWithAWindowOfAtLeastTEqualsFullBPTT() throws {
    let (T, B) = (10, 4)
    let (lstm, x, dH) = problem(steps: T, batch: B, seed: 21)
    let full = lstm.backward(try lstm.forward(x, steps: T), hiddenGradient: dH)
    for k in [T, T + 3, 10 * T] {
      let truncated = try lstm.truncatedGradients(x, steps: T, window: k, hiddenGradient: dH).gradients
      assertClose(truncated.parameterGradients, full.parameterGradients, "window \(k)")
    }
  }

  /// k < T, windows aligned to the end as in the lesson: the first T mod k steps run forward only, then truncated
  /// BPTT over the rest from the carried (h, c). For a last-step loss this must equal full BPTT over the last k steps
  /// started from the state the forward pass had reached at step T - k (a constant), and nothing before the window
  /// may receive gradient.
  func testLastStepLossTruncatedToKStepsIsFullBPTTOfTheLastWindowFromTheCarriedState() throws {
    let (T, B) = (14, 3)
    let (lstm, x, dH) = problem(steps: T, batch: B, seed: 22)
    for k in [1, 4, 5, 13] {
      let prefix = T % k
      var h0: Matrix<Double>? = nil, c0: Matrix<Double>? = nil
      if prefix > 0 {
        let head = try lstm.forward(x.rows(0..<prefix * B), steps: prefix)
        (h0, c0) = (head.lastHidden, head.lastCell)
      }
      let result = try lstm.truncatedGradients(
        x.rows(prefix * B..<T * B), steps: T - prefix, window: k, h0: h0, c0: c0,
        hiddenGradient: dH.rows(prefix * B..<T * B))
      // Independent: the full forward pass's state at T - k, then full BPTT on the last k steps from it.
      let all = try lstm.forward(x, steps: T)
      let start = (T - k) * B..<(T - k + 1) * B  // h_{T-k}, c_{T-k} (row block T - k of the stored states)
      let window = try lstm.forward(
        x.rows((T - k) * B..<T * B), steps: k, h0: all.hiddenStates.rows(start), c0: all.cellStates.rows(start))
      let expected = lstm.backward(window, hiddenGradient: dH.rows((T - k) * B..<T * B))
      assertClose(result.gradients.parameterGradients, expected.parameterGradients, "window \(k)")
      let before = result.gradients.dHidden.rows(0..<(T - k - prefix) * B)
      XCTAssertEqual(before.maxAbs(), 0, "window \(k): no gradient may cross the window boundary")
      XCTAssertEqual(
        result.peakTapeBytes, LSTMTape<Double>.byteCount(steps: k, batchSize: B, inputSize: 3, hiddenSize: 6),
        "window \(k): one window's tape")
    }
  }
}
