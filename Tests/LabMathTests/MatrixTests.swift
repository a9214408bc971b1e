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

  /// The transpose kernel works in 32 x 32 tiles: shapes that leave partial tiles on both sides, in both
  /// precisions, element by element against the definition (A^T)[c, r] = A[r, c].
  func testTransposeOfShapesWithPartialTilesMatchesTheDefinition() {
    for (rows, columns) in [(1, 1), (1, 33), (37, 70), (64, 31), (33, 0)] {
      let a = Matrix<Float>(rows: rows, columns: columns) { r, c in Float(r * 1000 + c) }
      let d = Matrix<Double>(rows: rows, columns: columns) { r, c in Double(r) - Double(c) / 7 }
      let (at, dt) = (a.transposed, d.transposed)
      XCTAssertEqual(at.rows, columns)
      XCTAssertEqual(at.columns, rows)
      XCTAssertEqual(dt.rows, columns)
      for r in 0..<rows {
        for c in 0..<columns {
          XCTAssertEqual(at[c, r], a[r, c], "Float \(rows)x\(columns) at (\(r), \(c))")
          XCTAssertEqual(dt[c, r], d[r, c], "Double \(rows)x\(columns) at (\(r), \(c))")
        }
      }
    }
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
