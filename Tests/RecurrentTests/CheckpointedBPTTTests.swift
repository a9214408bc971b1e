import LabMath
import XCTest

@testable import Recurrent

final class CheckpointedBPTTTests: XCTestCase {
  /// Largest |a - b| over all gradient tensors, relative to the largest |a|.
  func relativeDifference(_ a: [Matrix<Double>], _ b: [Matrix<Double>]) -> Double {
    zip(a, b).map { ($0 - $1).maxAbs() / max($0.maxAbs(), 1e-300) }.max() ?? 0
  }

  /// Checkpointed gradients equal full BPTT's to rounding (measured: below 1e-13 relative in Double), for every
  /// interval from 1 to beyond T, with the loss on every step or the last.
  func testLSTMCheckpointedGradientsEqualFullBPTT() throws {
    var worst = 0.0
    for (T, B) in [(1, 1), (7, 4), (50, 4), (50, 1)] {
      var rng = SeededGenerator(seed: UInt64(T * 10 + B))
      let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, initializer: .pytorch, using: &rng)
      let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 3, -1, 1)
      let h0: Matrix<Double> = rng.uniformMatrix(rows: B, columns: 4, -1, 1)
      let c0: Matrix<Double> = rng.uniformMatrix(rows: B, columns: 4, -1, 1)
      for everyStep in [true, false] {
        let dH = hiddenWeights(steps: T, batch: B, hidden: 4, everyStep: everyStep, using: &rng)
        let tape = try lstm.forward(x, steps: T, h0: h0, c0: c0)
        let full = lstm.backward(tape, hiddenGradient: dH)
        for k in Set([1, 3, LSTMCheckpointTape<Double>.defaultInterval(steps: T), T, T + 2]) {
          let checkpointTape = try lstm.checkpointedForward(x, steps: T, interval: k, h0: h0, c0: c0)
          XCTAssertEqual(checkpointTape.lastHidden, tape.lastHidden)
          let g = lstm.backward(checkpointTape, hiddenGradient: dH)
          let difference = relativeDifference(
            full.parameterGradients + [full.dX, full.dHidden, full.dh0, full.dc0], g.parameterGradients + [g.dX, g.dHidden, g.dh0, g.dc0])
          XCTAssertLessThan(difference, 1e-13, "T=\(T) B=\(B) k=\(k)")
          worst = max(worst, difference)
        }
      }
    }
    XCTAssertLessThan(worst, 1e-13)
  }

  func testRNNCheckpointedGradientsEqualFullBPTT() throws {
    for (T, B) in [(1, 2), (7, 4), (50, 3)] {
      var rng = SeededGenerator(seed: UInt64(500 + T * 10 + B))
      let rnn = RNN<Double>(inputSize: 2, hiddenSize: 5, initializer: .pytorch, using: &rng)
      let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 2, -1, 1)
      let h0: Matrix<Double> = rng.uniformMatrix(rows: B, columns: 5, -1, 1)
      let dH = hiddenWeights(steps: T, batch: B, hidden: 5, everyStep: true, using: &rng)
      let full = rnn.backward(try rnn.forward(x, steps: T, h0: h0), hiddenGradient: dH)
      for k in Set([1, 4, T, T + 1]) {
        let g = rnn.backward(try rnn.checkpointedForward(x, steps: T, interval: k, h0: h0), hiddenGradient: dH)
        XCTAssertLessThan(
          relativeDifference(full.parameterGradients + [full.dX, full.dHidden, full.dh0], g.parameterGradients + [g.dX, g.dHidden, g.dh0]), 1e-13,
          "T=\(T) B=\(B) k=\(k)")
      }
    }
  }

  /// In Float, at a lesson's size, the two differ only by rounding of the segment-by-segment sums.
  func testFloatCheckpointedGradientsAgreeToRounding() throws {
    var rng = SeededGenerator(seed: 9)
    let (T, B) = (100, 8)
    let lstm = LSTM<Float>(inputSize: 5, hiddenSize: 16, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: 5, -1, 1)
    let dH: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: 16, -1, 1)
    let full = lstm.backward(try lstm.forward(x, steps: T), hiddenGradient: dH)
    let result = try lstm.checkpointedGradients(x, steps: T, hiddenGradient: dH)
    for (a, b) in zip(full.parameterGradients + [full.dX, full.dHidden], result.gradients.parameterGradients + [result.gradients.dX, result.gradients.dHidden]) {
      XCTAssertLessThan((a - b).maxAbs(), 1e-5 * max(a.maxAbs(), 1))
    }
  }

  /// Stored and peak bytes: measured equals the formula, for a grid of (T, B, F, H, k), and they are what the
  /// formula says in a case worked by hand.
  func testCheckpointTapeBytesEqualTheFormula() throws {
    var rng = SeededGenerator(seed: 10)
    for (T, B, F, H, k) in [(20, 4, 5, 8, nil), (20, 4, 5, 8, 3), (9, 1, 2, 3, 9), (10, 2, 1, 4, 100), (1, 1, 1, 1, nil)] as [(Int, Int, Int, Int, Int?)] {
      let lstm = LSTM<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let rnn = RNN<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let x: Matrix<Float> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
      let dH = Matrix<Float>(rows: T * B, columns: H, repeating: 1)
      let interval = k ?? LSTMCheckpointTape<Float>.defaultInterval(steps: T)
      let tape = try lstm.checkpointedForward(x, steps: T, interval: k)
      XCTAssertEqual(tape.interval, interval)
      XCTAssertEqual(tape.byteCount, LSTMCheckpointTape<Float>.byteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H, interval: interval))
      XCTAssertEqual(
        try lstm.checkpointedGradients(x, steps: T, interval: k, hiddenGradient: dH).peakTapeBytes,
        LSTMCheckpointTape<Float>.peakByteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H, interval: interval))
      let rnnTape = try rnn.checkpointedForward(x, steps: T, interval: k)
      XCTAssertEqual(rnnTape.byteCount, RNNCheckpointTape<Float>.byteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H, interval: interval))
      XCTAssertEqual(
        try rnn.checkpointedGradients(x, steps: T, interval: k, hiddenGradient: dH).peakTapeBytes,
        RNNCheckpointTape<Float>.peakByteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H, interval: interval))
    }
    // By hand: T=100, B=2, F=1, H=3, k=10: x 200, 10 checkpoints of (h, c) 10*2*2*3 = 120, h_T and c_T 12 => 332
    // floats; one segment's LSTM tape 10*2*(1+21) + 2*2*3 = 452 floats; peak 784 floats = 3136 bytes.
    XCTAssertEqual(LSTMCheckpointTape<Float>.byteCount(steps: 100, batchSize: 2, inputSize: 1, hiddenSize: 3, interval: 10), 332 * 4)
    XCTAssertEqual(LSTMCheckpointTape<Float>.peakByteCount(steps: 100, batchSize: 2, inputSize: 1, hiddenSize: 3, interval: 10), 3136)
    XCTAssertEqual(LSTMCheckpointTape<Float>.defaultInterval(steps: 100), 10)
    XCTAssertEqual(LSTMCheckpointTape<Float>.defaultInterval(steps: 200), 15)  // sqrt(200) = 14.1
  }

  /// The closure form sees each segment's outputs and agrees with the matrix form.
  func testClosureFormMatchesTheMatrixForm() throws {
    var rng = SeededGenerator(seed: 11)
    let (T, B) = (12, 3)
    let lstm = LSTM<Double>(inputSize: 2, hiddenSize: 3, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 2, -1, 1)
    let dH = hiddenWeights(steps: T, batch: B, hidden: 3, everyStep: true, using: &rng)
    let hidden = try lstm.forward(x, steps: T).hidden
    var ranges: [Range<Int>] = []
    let closureForm = try lstm.checkpointedGradients(x, steps: T, interval: 5) { range, h in
      ranges.append(range)
      let rows = range.lowerBound * B..<range.upperBound * B
      XCTAssertLessThan((h - hidden.rows(rows)).maxAbs(), 1e-14)
      return dH.rows(rows)
    }
    XCTAssertEqual(ranges, [0..<5, 5..<10, 10..<12])
    let matrixForm = try lstm.checkpointedGradients(x, steps: T, interval: 5, hiddenGradient: dH)
    XCTAssertEqual(closureForm.gradients.parameterGradients, matrixForm.gradients.parameterGradients)
    XCTAssertEqual(closureForm.peakTapeBytes, matrixForm.peakTapeBytes)
    XCTAssertThrowsError(try lstm.checkpointedForward(x, steps: T, interval: 0))
  }
}
