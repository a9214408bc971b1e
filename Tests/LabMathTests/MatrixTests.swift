import LabMath
import XCTest

final class MatrixTests: XCTestCase {
  func testRowMajorLayoutAndValueSemantics() {
    var a = Matrix<Float>([[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(a[1, 0], 4)
    XCTAssertEqual(a.scalars, [1, 2, 3, 4, 5, 6])
    let b = a
    a[0, 0] = 10
    XCTAssertEqual(b[0, 0], 1, "a copy must not see later writes")
    XCTAssertEqual(a.transposed, Matrix([[10, 4], [2, 5], [3, 6]]))
  }

  func testRowBlocksBiasAndReductions() {
    var a = Matrix<Double>([[1, 2], [3, 4], [5, 6]])
    XCTAssertEqual(a.rows(1..<3), Matrix([[3, 4], [5, 6]]))
    a.setRows(startingAt: 0, to: Matrix([[0, 0]]))
    XCTAssertEqual(a.sumOfRows(), Matrix([[8, 10]]))
    XCTAssertEqual(a.addingRowVector(Matrix([[1, -1]])), Matrix([[1, -1], [4, 3], [6, 5]]))
    XCTAssertEqual(a.squaredNorm(), 9 + 16 + 25 + 36)
    XCTAssertEqual(a.maxAbs(), 6)
  }

  func testSigmoidIsStableAndSymmetric() {
    XCTAssertEqual(sigmoid(0.0), 0.5)
    XCTAssertEqual(sigmoid(-1000.0), 0)
    XCTAssertEqual(sigmoid(1000.0), 1)
    for x in [-3.0, -0.5, 0.25, 2] { XCTAssertEqual(sigmoid(x) + sigmoid(-x), 1, accuracy: 1e-15) }
    XCTAssertEqual(sigmoid(2.0), 1 / (1 + 0.1353352832366127), accuracy: 1e-15)  // e^-2
  }
}
