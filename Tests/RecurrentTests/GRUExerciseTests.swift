import LabMath
import XCTest

@testable import Recurrent

/// Exercise 3 of Reference/README.md done, to show that its equations and the `ReferenceCell` protocol carry a cell
/// whose state is h alone and whose recurrent product is not one h_{t-1} U (the reset gate multiplies h_{t-1} first):
///
///     r = sigmoid(x_t W_r + h_{t-1} U_r + b_r),  u = sigmoid(x_t W_u + h_{t-1} U_u + b_u)
///     n = tanh(x_t W_n + (r * h_{t-1}) U_n + b_n),  h_t = (1 - u) * n + u * h_{t-1}
struct ReferenceGRU: ReferenceCell {
  var W, U, b: Matrix<Double>  // F x 3H, H x 3H, 1 x 3H in blocks r, u, n
  static var parameterNames: [String] { ["W", "U", "b"] }
  static var stateNames: [String] { ["h"] }

  init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    (W, U, b) = RecurrentInitializer.pytorch.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 3, using: &rng)
  }
  var parameters: [Matrix<Double>] {
    get { [W, U, b] }
    set { (W, U, b) = (newValue[0], newValue[1], newValue[2]) }
  }
  var inputSize: Int { W.rows }
  var hiddenSize: Int { U.rows }

  struct Step: Sendable { var x, hPrevious, r, u, n: Matrix<Double> }

  func forward(_ x: Matrix<Double>, state: [Matrix<Double>]) -> (state: [Matrix<Double>], step: Step) {
    let hPrevious = state[0]
    let xW = matmul(x, W).addingRowVector(b)
    let r = (xW.gate(0, of: 3) + matmul(hPrevious, U.gate(0, of: 3))).sigmoid()
    let u = (xW.gate(1, of: 3) + matmul(hPrevious, U.gate(1, of: 3))).sigmoid()
    let n = (xW.gate(2, of: 3) + matmul(r * hPrevious, U.gate(2, of: 3))).tanh()
    let h = (1 - u) * n + u * hPrevious
    return ([h], Step(x: x, hPrevious: hPrevious, r: r, u: u, n: n))
  }

  func backward(
    _ s: Step, stateGradient: [Matrix<Double>], gradients: inout ReferenceGRU
  ) -> (inputGradient: Matrix<Double>, stateGradient: [Matrix<Double>]) {
    let dh = stateGradient[0]
    let dn = dh * (1 - s.u)
    let du = dh * (s.hPrevious - s.n)
    let dzn = dn * (1 - s.n * s.n)
    let dzu = du * s.u * (1 - s.u)
    let dResetState = matmul(dzn, U.gate(2, of: 3), transposeB: true)  // dL/d(r * h_{t-1})
    let dzr = dResetState * s.hPrevious * s.r * (1 - s.r)
    let dz = [dzr, dzu, dzn].joinedColumns()
    gradients.W += matmul(s.x, dz, transposeA: true)
    gradients.U += [matmul(s.hPrevious, dzr, transposeA: true), matmul(s.hPrevious, dzu, transposeA: true),
                    matmul(s.r * s.hPrevious, dzn, transposeA: true)].joinedColumns()
    gradients.b += dz.sumOfRows()
    // dh_{t-1}: directly (u), through r's and u's products, and through the reset product.
    let dhPrevious = dh * s.u + matmul(dzr, U.gate(0, of: 3), transposeB: true)
      + matmul(dzu, U.gate(1, of: 3), transposeB: true) + dResetState * s.r
    return (matmul(dz, W, transposeB: true), [dhPrevious])
  }
}

final class GRUExerciseTests: XCTestCase {
  func testTheGRUOfExerciseThreePassesTheGradientCheck() throws {
    var rng = SeededGenerator(seed: 17)
    let report = try gradientCheck(cell: ReferenceGRU(inputSize: 3, hiddenSize: 4, using: &rng), steps: 5, batchSize: 2)
    XCTAssertTrue(report.passed, "\(report)")
    XCTAssertEqual(report.tensors.map(\.name), ["W", "U", "b", "x", "h0"])
  }
}
