import LabMath
import XCTest

final class GEMMTests: XCTestCase {
  /// The product computed from the definition, in Double, independent of any kernel.
  private func naiveProduct(_ a: Matrix<Double>, _ b: Matrix<Double>, transA: Bool, transB: Bool) -> Matrix<Double> {
    let opA = transA ? a.transposed : a, opB = transB ? b.transposed : b
    return Matrix(rows: opA.rows, columns: opB.columns) { i, j in
      (0..<opA.columns).reduce(0.0) { $0 + opA[i, $1] * opB[$1, j] }
    }
  }

  func testFastAndReferenceKernelsMatchTheDefinitionOnOddShapesAndTransposes() {
    var rng = SeededGenerator(seed: 7)
    let sizes = [1, 3, 17, 65]
    for m in sizes { for n in sizes { for k in [1, 3, 17, 65] { for transA in [false, true] { for transB in [false, true] {
      let a: Matrix<Double> = rng.uniformMatrix(rows: transA ? k : m, columns: transA ? m : k, -1, 1)
      let b: Matrix<Double> = rng.uniformMatrix(rows: transB ? n : k, columns: transB ? k : n, -1, 1)
      let expected = naiveProduct(a, b, transA: transA, transB: transB)
      for kernel in [GEMMKernel.fast, .reference] {
        var c = Matrix<Double>(rows: m, columns: n)
        gemm(a, transposed: transA, times: b, transposed: transB, into: &c, kernel: kernel)
        XCTAssertLessThan((c - expected).maxAbs(), 1e-12, "m=\(m) n=\(n) k=\(k) tA=\(transA) tB=\(transB) \(kernel)")
      }
      // Float agrees with the Double definition to single precision.
      var cf = Matrix<Float>(rows: m, columns: n)
      gemm(a.converted(to: Float.self), transposed: transA, times: b.converted(to: Float.self), transposed: transB, into: &cf)
      XCTAssertLessThan((cf.converted(to: Double.self) - expected).maxAbs(), 1e-4 * Double(k))
    } } } } }
  }

  func testAlphaBetaAndRowBlocks() {
    let a = Matrix<Double>([[1, 2], [3, 4], [5, 6]])  // rows 1..<3 are [[3,4],[5,6]]
    let b = Matrix<Double>([[1, 0], [0, 1], [2, 2]])  // rows 0..<2 are the identity
    var c = Matrix<Double>([[9, 9], [1, 1], [1, 1]])
    gemm(a, rows: 1..<3, times: b, rows: 0..<2, into: &c, rows: 1..<3, alpha: 2, beta: 10)
    XCTAssertEqual(c, Matrix([[9, 9], [2 * 3 + 10, 2 * 4 + 10], [2 * 5 + 10, 2 * 6 + 10]]))
  }

  func testBetaZeroOverwritesNaNAndEmptyInnerDimensionScales() {
    let a = Matrix<Float>([[1, 1]]), b = Matrix<Float>([[1], [1]])
    var c = Matrix<Float>([[Float.nan]])
    gemm(a, times: b, into: &c)
    XCTAssertEqual(c[0, 0], 2)
    var d = Matrix<Float>([[3]])
    gemm(Matrix<Float>(rows: 1, columns: 0), times: Matrix<Float>(rows: 0, columns: 1), into: &d, beta: 2)
    XCTAssertEqual(d[0, 0], 6)
  }

  func testMatmulShapes() {
    let a = Matrix<Float>(rows: 2, columns: 3, repeating: 1), b = Matrix<Float>(rows: 4, columns: 3, repeating: 2)
    let c = matmul(a, b, transposeB: true)
    XCTAssertEqual(c.rows, 2)
    XCTAssertEqual(c.columns, 4)
    XCTAssertEqual(c.scalars, Array(repeating: 6, count: 8))
  }
}
