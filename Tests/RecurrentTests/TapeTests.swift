import Foundation
import LabMath
import XCTest

@testable import Recurrent

final class TapeTests: XCTestCase {
  let shapes = [(1, 1, 1, 1), (2, 3, 5, 4), (7, 4, 3, 8), (20, 64, 5, 64), (50, 1, 2, 3)]

  /// The tape's measured bytes equal the documented formula, for several (T, B, F, H), in Float and Double.
  func testLSTMTapeBytesEqualTheFormula() throws {
    var rng = SeededGenerator(seed: 1)
    for (T, B, F, H) in shapes {
      let lstm = LSTM<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let tape = try lstm.forward(rng.uniformMatrix(rows: T * B, columns: F, -1, 1), steps: T)
      XCTAssertEqual(tape.byteCount, LSTMTape<Float>.byteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H))
      XCTAssertEqual(tape.byteCount, (T * B * (F + 7 * H) + 2 * B * H) * 4)
      let lstmD = LSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
      let tapeD = try lstmD.forward(rng.uniformMatrix(rows: T * B, columns: F, -1, 1), steps: T)
      XCTAssertEqual(tapeD.byteCount, LSTMTape<Double>.byteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H))
    }
    // Worked by hand: T=2, B=3, F=5, H=4 stores x 6*5 = 30, gates 6*16 = 96, c_0..c_2 9*4 = 36, tanh c 6*4 = 24,
    // h_0..h_2 36: 222 floats = 888 bytes.
    XCTAssertEqual(LSTMTape<Float>.byteCount(steps: 2, batchSize: 3, inputSize: 5, hiddenSize: 4), 888)
  }

  func testRNNTapeBytesEqualTheFormula() throws {
    var rng = SeededGenerator(seed: 2)
    for (T, B, F, H) in shapes {
      let rnn = RNN<Float>(inputSize: F, hiddenSize: H, using: &rng)
      let tape = try rnn.forward(rng.uniformMatrix(rows: T * B, columns: F, -1, 1), steps: T)
      XCTAssertEqual(tape.byteCount, RNNTape<Float>.byteCount(steps: T, batchSize: B, inputSize: F, hiddenSize: H))
      XCTAssertEqual(tape.byteCount, (T * B * (F + H) + B * H) * 4)
    }
    // T=2, B=3, F=5, H=4: x 30 + h_0..h_2 36 = 66 doubles = 528 bytes.
    XCTAssertEqual(RNNTape<Double>.byteCount(steps: 2, batchSize: 3, inputSize: 5, hiddenSize: 4), 528)
  }

  /// The tape's accessors return the blocks of the time-major layout.
  func testTapeAccessorsReturnTheStepBlocks() throws {
    var rng = SeededGenerator(seed: 3)
    let lstm = LSTM<Double>(inputSize: 2, hiddenSize: 3, using: &rng)
    let h0: Matrix<Double> = rng.uniformMatrix(rows: 2, columns: 3, -1, 1)
    let c0: Matrix<Double> = rng.uniformMatrix(rows: 2, columns: 3, -1, 1)
    let tape = try lstm.forward(rng.uniformMatrix(rows: 10, columns: 2, -1, 1), steps: 5, h0: h0, c0: c0)
    XCTAssertEqual(tape.initialHidden, h0)
    XCTAssertEqual(tape.initialCell, c0)
    XCTAssertEqual(tape.hidden.rows, 10)
    XCTAssertEqual(tape.hidden.rows(8..<10), tape.lastHidden)
    XCTAssertEqual(tape.hidden(atStep: 2), tape.hidden.rows(2..<4))
    XCTAssertEqual(tape.lastCell, tape.cellStates.rows(10..<12))
    // h_t = o * tanh(c_t) holds entry by entry.
    for r in 0..<10 { for j in 0..<3 {
      XCTAssertEqual(tape.hidden[r, j], tape.gates[r, 9 + j] * Foundation.tanh(tape.cellStates[r + 2, j]), accuracy: 1e-15)
    } }
  }
}

/// The Float kernels compute sigmoid and tanh branch-free (vectorised); they agree with Double's libm to about one
/// unit in the last place over the whole range where the gates are not saturated, and saturate cleanly beyond it.
final class FloatActivationTests: XCTestCase {
  func testFloatGateActivationsMatchDoublePrecisionToAboutOneULP() throws {
    let count = 4001
    // One step of an LSTM with F = 1, x = 1, U = 0, h0 = c0 = 0: z = W + b, so W spans the pre-activations.
    let z = (0..<count).map { Float(-30 + 60 * Double($0) / Double(count - 1)) }
    let H = count
    let W = Matrix<Float>(rows: 1, columns: 4 * H) { _, c in z[c % H] }
    let lstm = try LSTM<Float>(W: W, U: Matrix(rows: H, columns: 4 * H), b: Matrix(rows: 1, columns: 4 * H))
    let tape = try lstm.forward(Matrix(rows: 1, columns: 1, repeating: 1), steps: 1)
    var worst = 0.0
    for j in 0..<H {
      let x = Double(z[j])
      let sigmoid = 1 / (1 + Foundation.exp(-x)), tanh = Foundation.tanh(x)
      for (value, exact) in [(tape.gates[0, j], sigmoid), (tape.gates[0, H + j], sigmoid), (tape.gates[0, 2 * H + j], tanh), (tape.gates[0, 3 * H + j], sigmoid)] {
        worst = max(worst, abs(Double(value) - exact) / max(abs(exact), 1e-30))
      }
      // c = i * g, tanh(c) as the cell nonlinearity.
      let c = Double(tape.cellStates[1, j])
      XCTAssertEqual(Double(tape.tanhCells[0, j]), Foundation.tanh(c), accuracy: 2e-7 * max(abs(Foundation.tanh(c)), 1e-30))
    }
    XCTAssertLessThan(worst, 2.5e-7)
    let extreme = try LSTM<Float>(W: Matrix([[-200, 200, -200, 200]]), U: Matrix(rows: 1, columns: 4), b: Matrix(rows: 1, columns: 4))
    let saturated = try extreme.forward(Matrix([[1]]), steps: 1)
    XCTAssertEqual(saturated.gates[0, 1], 1)
    XCTAssertEqual(saturated.gates[0, 2], -1)
    XCTAssertLessThan(saturated.gates[0, 0], 1e-30)
    XCTAssertTrue(saturated.gates.isFinite)
  }

  /// tanh near zero, where 1 - e^-2|x| would cancel: the kernel's expm1 keeps the relative error at float's own.
  func testFloatTanhKeepsItsRelativeAccuracyNearZero() throws {
    let z: [Float] = [1e-30, -3e-20, 1e-10, 1e-7, -2e-5, 3e-4, -0.01, 0.1, -0.3465, 0.35]
    let H = z.count
    let W = Matrix<Float>(rows: 1, columns: 4 * H) { _, c in c / H == 2 ? z[c % H] : 0 }  // only the g block
    let lstm = try LSTM<Float>(W: W, U: Matrix(rows: H, columns: 4 * H), b: Matrix(rows: 1, columns: 4 * H))
    let tape = try lstm.forward(Matrix(rows: 1, columns: 1, repeating: 1), steps: 1)
    for j in 0..<H {
      let exact = Foundation.tanh(Double(z[j]))
      XCTAssertEqual(Double(tape.gates[0, 2 * H + j]), exact, accuracy: 2e-7 * abs(exact), "tanh(\(z[j]))")
    }
  }
}
