import LabMath
import XCTest

@testable import Recurrent

/// Wrong shapes give a thrown error that names what was expected and what arrived, never a crash.
final class RecurrentErrorTests: XCTestCase {
  func assertThrows(
    _ expected: RecurrentError, mentioning phrase: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      XCTAssertEqual(error as? RecurrentError, expected, file: file, line: line)
      XCTAssertTrue("\(error)".contains(phrase), "'\(error)' should mention '\(phrase)'", file: file, line: line)
    }
  }

  func testBadInputShapesThrowDescriptiveErrors() {
    var rng = SeededGenerator(seed: 1)
    let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 4, using: &rng)
    let rnn = RNN<Float>(inputSize: 3, hiddenSize: 4, using: &rng)
    assertThrows(.featureCountMismatch(layer: "LSTM.forward", expected: 3, actual: 2), mentioning: "inputSize: 2") {
      _ = try lstm.forward(Matrix(rows: 6, columns: 2), steps: 3)
    }
    assertThrows(.emptyBatch(layer: "LSTM.forward", rows: 0, steps: 3), mentioning: "empty batch") {
      _ = try lstm.forward(Matrix(rows: 0, columns: 3), steps: 3)
    }
    assertThrows(.emptyBatch(layer: "RNN.forward", rows: 6, steps: 0), mentioning: "empty batch") {
      _ = try rnn.forward(Matrix(rows: 6, columns: 3), steps: 0)
    }
    assertThrows(.rowsNotMultipleOfSteps(layer: "RNN.forward", rows: 7, steps: 3), mentioning: "not T*B") {
      _ = try rnn.forward(Matrix(rows: 7, columns: 3), steps: 3)
    }
    assertThrows(
      .shapeMismatch(layer: "LSTM.forward", argument: "c0", expectedRows: 2, expectedColumns: 4, actualRows: 3, actualColumns: 4),
      mentioning: "c0 is 3x4 but must be 2x4"
    ) {
      _ = try lstm.forward(Matrix(rows: 6, columns: 3), steps: 3, c0: Matrix(rows: 3, columns: 4))
    }
    assertThrows(
      .shapeMismatch(layer: "RNN.forward", argument: "h0", expectedRows: 2, expectedColumns: 4, actualRows: 2, actualColumns: 5),
      mentioning: "h0"
    ) {
      _ = try rnn.forward(Matrix(rows: 6, columns: 3), steps: 3, h0: Matrix(rows: 2, columns: 5))
    }
    let dense = Dense<Float>(inputSize: 4, outputSize: 2, using: &rng)
    assertThrows(.featureCountMismatch(layer: "Dense.forward", expected: 4, actual: 3), mentioning: "3 feature column(s)") {
      _ = try dense.forward(Matrix(rows: 2, columns: 3))
    }
  }

  func testParameterShapesAreChecked() {
    assertThrows(
      .parameterShapeMismatch(layer: "LSTM", parameter: "U", expectedRows: 2, expectedColumns: 8, actualRows: 2, actualColumns: 6),
      mentioning: "U is 2x6"
    ) {
      _ = try LSTM<Double>(W: Matrix(rows: 3, columns: 8), U: Matrix(rows: 2, columns: 6), b: Matrix(rows: 1, columns: 8))
    }
    XCTAssertThrowsError(try RNN<Double>(W: Matrix(rows: 3, columns: 2), U: Matrix(rows: 2, columns: 2), b: Matrix(rows: 1, columns: 3)))
    XCTAssertThrowsError(try Dense<Double>(W: Matrix(rows: 3, columns: 2), b: Matrix(rows: 1, columns: 3)))
  }
}
