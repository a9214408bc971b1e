import LabMath
import XCTest

@testable import Recurrent

/// A student's copy of the LSTM cell with one mistake planted in its backward pass: dU summed with h_t instead of
/// h_{t-1} (the state the product h_{t-1} U actually read). Everything else is `ReferenceLSTM` line for line.
struct LSTMWithWrongRecurrentGradient: ReferenceCell {
  var W, U, b: Matrix<Double>
  static var parameterNames: [String] { ["W", "U", "b"] }
  static var stateNames: [String] { ["h", "c"] }

  init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    let cell = ReferenceLSTM<Double>(inputSize: inputSize, hiddenSize: hiddenSize, using: &rng)
    (W, U, b) = (cell.W, cell.U, cell.b)
  }
  var parameters: [Matrix<Double>] {
    get { [W, U, b] }
    set { (W, U, b) = (newValue[0], newValue[1], newValue[2]) }
  }
  var inputSize: Int { W.rows }
  var hiddenSize: Int { U.rows }
  var correct: ReferenceLSTM<Double> { try! ReferenceLSTM(W: W, U: U, b: b) }

  func forward(_ x: Matrix<Double>, state: [Matrix<Double>]) -> (state: [Matrix<Double>], step: ReferenceLSTM<Double>.Step) {
    correct.forward(x, state: state)
  }

  func backward(
    _ s: ReferenceLSTM<Double>.Step, stateGradient: [Matrix<Double>], gradients: inout LSTMWithWrongRecurrentGradient
  ) -> (inputGradient: Matrix<Double>, stateGradient: [Matrix<Double>]) {
    let (dh, dcNext) = (stateGradient[0], stateGradient[1])
    let dc = dcNext + dh * s.o * (1 - s.tanhC * s.tanhC)
    let dzo = dh * s.tanhC * s.o * (1 - s.o)
    let dzi = dc * s.g * s.i * (1 - s.i)
    let dzf = dc * s.cPrevious * s.f * (1 - s.f)
    let dzg = dc * s.i * (1 - s.g * s.g)
    let dz = [dzi, dzf, dzg, dzo].joinedColumns()
    gradients.W += matmul(s.x, dz, transposeA: true)
    let h = s.o * s.tanhC
    gradients.U += matmul(h, dz, transposeA: true)  // the planted mistake: h_t, not h_{t-1}
    gradients.b += dz.sumOfRows()
    return (matmul(dz, W, transposeB: true), [matmul(dz, U, transposeB: true), dc * s.f])
  }
}

/// A mistake in a state gradient: the forget gate left out of dc_{t-1}, as if c_t = c_{t-1} + i g.
struct LSTMWithWrongCellGradient: ReferenceCell {
  var cell: ReferenceLSTM<Double>
  static var parameterNames: [String] { ["W", "U", "b"] }
  static var stateNames: [String] { ["h", "c"] }
  init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    cell = ReferenceLSTM(inputSize: inputSize, hiddenSize: hiddenSize, using: &rng)
  }
  var parameters: [Matrix<Double>] {
    get { cell.parameters }
    set { cell.parameters = newValue }
  }
  var inputSize: Int { cell.inputSize }
  var hiddenSize: Int { cell.hiddenSize }
  func forward(_ x: Matrix<Double>, state: [Matrix<Double>]) -> (state: [Matrix<Double>], step: ReferenceLSTM<Double>.Step) {
    cell.forward(x, state: state)
  }
  func backward(
    _ s: ReferenceLSTM<Double>.Step, stateGradient: [Matrix<Double>], gradients: inout LSTMWithWrongCellGradient
  ) -> (inputGradient: Matrix<Double>, stateGradient: [Matrix<Double>]) {
    let (dx, dPrevious) = cell.backward(s, stateGradient: stateGradient, gradients: &gradients.cell)
    return (dx, [dPrevious[0], dPrevious[1].zipMap(s.f) { $0 / $1 }])  // the planted mistake: dc_{t-1} = dc, no f
  }
}

/// A shape mistake: db summed over the wrong axis, so it comes back as a 4H x 1 column instead of 1 x 4H.
struct LSTMWithTransposedBiasGradient: ReferenceCell {
  var cell: ReferenceLSTM<Double>
  static var parameterNames: [String] { ["W", "U", "b"] }
  static var stateNames: [String] { ["h", "c"] }
  init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    cell = ReferenceLSTM(inputSize: inputSize, hiddenSize: hiddenSize, using: &rng)
  }
  var parameters: [Matrix<Double>] {
    get { cell.parameters }
    set { cell.parameters = newValue }
  }
  var inputSize: Int { cell.inputSize }
  var hiddenSize: Int { cell.hiddenSize }
  func forward(_ x: Matrix<Double>, state: [Matrix<Double>]) -> (state: [Matrix<Double>], step: ReferenceLSTM<Double>.Step) {
    cell.forward(x, state: state)
  }
  func backward(
    _ s: ReferenceLSTM<Double>.Step, stateGradient: [Matrix<Double>], gradients: inout LSTMWithTransposedBiasGradient
  ) -> (inputGradient: Matrix<Double>, stateGradient: [Matrix<Double>]) {
    let result = cell.backward(s, stateGradient: stateGradient, gradients: &gradients.cell)
    gradients.cell.b = gradients.cell.b.transposed  // the planted mistake
    return result
  }
}

final class GradientCheckExerciseTests: XCTestCase {
  /// The check fails the planted dU mistake, names U, and passes every tensor the mistake does not reach (U feeds
  /// nothing else back: dx and the state gradients use U itself, not dU).
  func testTheCheckCatchesAWrongRecurrentKernelGradientAndNamesIt() throws {
    var rng = SeededGenerator(seed: 3)
    let cell = LSTMWithWrongRecurrentGradient(inputSize: 3, hiddenSize: 4, using: &rng)
    let report = try gradientCheck(cell: cell)
    XCTAssertFalse(report.passed)
    XCTAssertEqual(report.failedTensors, ["U"], "\(report)")
    let u = try XCTUnwrap(report.tensors.first { $0.name == "U" })
    XCTAssertGreaterThan(u.maxRelativeError, 1e-2, "a wrong term is far out, not borderline: \(report)")
    XCTAssertTrue(report.description.contains("U (4x16)"), report.description)
    XCTAssertTrue(report.description.contains("FAIL"), report.description)

    // The same cell with the mistake fixed (the reference) passes.
    XCTAssertTrue(try gradientCheck(cell: cell.correct).passed)
  }

  /// A gradient of the wrong shape is reported by name before any number is checked, not as a crash.
  func testAGradientOfTheWrongShapeIsNamed() throws {
    var rng = SeededGenerator(seed: 6)
    let cell = LSTMWithTransposedBiasGradient(inputSize: 2, hiddenSize: 3, using: &rng)
    XCTAssertThrowsError(try gradientCheck(cell: cell)) { error in
      XCTAssertEqual(
        error as? ReferenceCellError,
        .wrongShape(cell: "LSTMWithTransposedBiasGradient", what: "the gradient of b", expectedRows: 1, expectedColumns: 12,
                    actualRows: 12, actualColumns: 1))
      XCTAssertTrue("\(error)".contains("the gradient of b is 12x1 but must be 1x12"), "\(error)")
    }
  }

  /// A wrong state gradient flows into every earlier step, so every tensor fails (as Reference/README.md says),
  /// where a wrong dU fails U alone.
  func testTheCheckCatchesAWrongCellStateGradient() throws {
    var rng = SeededGenerator(seed: 4)
    let report = try gradientCheck(cell: LSTMWithWrongCellGradient(inputSize: 2, hiddenSize: 3, using: &rng))
    XCTAssertFalse(report.passed)
    XCTAssertEqual(report.failedTensors, ["W", "U", "b", "x", "h0", "c0"], "\(report)")
  }
}
