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
