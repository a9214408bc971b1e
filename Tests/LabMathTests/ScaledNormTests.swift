import LabMath
import XCTest

/// `scaledNorm` and `Matrix.blockNorms` against norms worked by hand, at magnitudes where squaring directly underflows
/// or overflows in Float.
final class ScaledNormTests: XCTestCase {
  /// Four values of 1e-30: the norm is sqrt(4) * 1e-30 = 2e-30. Squared directly each term is 1e-60, below Float's
  /// smallest subnormal (1.4e-45), so the direct sum is 0.
  func testTinyFloatValuesDoNotUnderflow() {
    let values: [Float] = [1e-30, -1e-30, 1e-30, 1e-30]
    XCTAssertEqual(values.reduce(0) { $0 + $1 * $1 }.squareRoot(), 0, "direct squaring underflows (the failure fixed here)")
    XCTAssertEqual(scaledNorm(values), 2e-30, accuracy: 2e-30 * 1e-6)
  }

  /// Four values of 1e30: the norm is 2e30 (below Float's maximum 3.4e38); squared directly, 1e60 overflows to inf.
  func testHugeFloatValuesDoNotOverflow() {
    let values: [Float] = [1e30, 1e30, -1e30, 1e30]
    XCTAssertEqual(values.reduce(0) { $0 + $1 * $1 }.squareRoot(), .infinity, "direct squaring overflows")
    XCTAssertEqual(scaledNorm(values), 2e30, accuracy: 2e30 * 1e-6)
  }

  /// (3, 4) scaled to any magnitude has norm 5 times that magnitude; (0, 0) has norm 0; NaN and inf propagate.
  func testPythagoreanTriplesAtEveryScaleAndSpecialValues() {
    for exponent in stride(from: -300, through: 300, by: 50) {
      let s = Double.pow(10, Double(exponent))
      XCTAssertEqual(scaledNorm([3 * s, -4 * s]), 5 * s, accuracy: 5 * s * 1e-15, "scale 1e\(exponent)")
    }
    XCTAssertEqual(scaledNorm([Double]()), 0)
    XCTAssertEqual(scaledNorm([0.0, 0.0]), 0)
    XCTAssertTrue(scaledNorm([1.0, .nan, 2.0]).isNaN)
    XCTAssertEqual(scaledNorm([1.0, -.infinity]), .infinity)
  }

  /// Values of ordinary size: the same as the direct formula.
  func testOrdinaryValuesMatchTheDirectFormula() {
    var rng = SeededGenerator(seed: 4)
    let m: Matrix<Double> = rng.uniformMatrix(rows: 6, columns: 5, -2, 2)
    XCTAssertEqual(m.scaledNorm(), m.norm(), accuracy: 1e-14)
  }

  /// A 3*2 x 2 time-major matrix with blocks of magnitude 1e-30, 1, 1e30 (Float): each block's norm by hand.
  func testBlockNormsOfATimeMajorMatrixAcrossMagnitudes() {
    let m = Matrix<Float>([
      [3e-30, 0], [0, 4e-30],  // block 1: sqrt(9 + 16) e-30 = 5e-30
      [1, 1], [1, 1],  // block 2: sqrt(4) = 2
      [6e30, 0], [0, -8e30],  // block 3: 10e30
    ])
    let norms = m.blockNorms(rowsPerBlock: 2)
    XCTAssertEqual(norms.count, 3)
    for (value, expected) in zip(norms, [Float(5e-30), 2, 1e31]) {
      XCTAssertEqual(value, expected, accuracy: expected * 1e-6)
    }
  }
}
