import LabMath
import Optimizers
import XCTest

final class GradientClippingTests: XCTestCase {
  /// Two tensors [3, 4] (norm 5) and [12] (norm 12): global norm sqrt(25 + 144) = 13.
  func sample() -> [Matrix<Double>] { [Matrix([[3, 4]]), Matrix([[12]])] }

  func testGlobalNormIsTheNormOfAllComponentsTogether() {
    XCTAssertEqual(GradientClipping.globalNorm(of: sample()), 13, accuracy: 1e-15)
  }

  func testGlobalNormClippingRescalesEverythingByThresholdOverNorm() {
    var g = sample()
    let norm = GradientClipping.globalNorm(6.5).clip(&g)
    XCTAssertEqual(norm, 13, accuracy: 1e-15, "returns the norm before clipping")
    XCTAssertEqual(g, [Matrix([[1.5, 2]]), Matrix([[6]])])  // factor 6.5 / 13 = 0.5
    XCTAssertEqual(GradientClipping.globalNorm(of: g), 6.5, accuracy: 1e-15)
  }

  func testGlobalNormClippingLeavesSmallGradientsAlone() {
    var g = sample()
    XCTAssertEqual(GradientClipping.globalNorm(13.5).clip(&g), 13, accuracy: 1e-15)
    XCTAssertEqual(g, sample())
  }

  func testGlobalClippingNeverChangesTheDirectionButPerTensorClippingCan() {
    var rng = SeededGenerator(seed: 11)
    for trial in 0..<20 {
      let original: [Matrix<Double>] = [
        rng.normalMatrix(rows: 3, columns: 4, standardDeviation: 10), rng.normalMatrix(rows: 1, columns: 4),
      ]
      var global = original, perTensor = original
      GradientClipping.globalNorm(1).clip(&global)
      GradientClipping.perTensorNorm(1).clip(&perTensor)
      XCTAssertEqual(cosine(original, global), 1, accuracy: 1e-12, "trial \(trial)")
      XCTAssertEqual(GradientClipping.globalNorm(of: global), 1, accuracy: 1e-12)
      // The big tensor is shrunk by ~1/35, the small one by ~1/2: the direction turns.
      XCTAssertLessThan(cosine(original, perTensor), 0.999, "trial \(trial)")
    }
  }

  func testPerTensorClippingBoundsEachTensorSeparately() {
    var g = sample()
    let norm = GradientClipping.perTensorNorm(6).clip(&g)
    XCTAssertEqual(norm, 13, accuracy: 1e-15)
    XCTAssertEqual(g[0], Matrix([[3, 4]]), "norm 5 <= 6: unchanged")
    XCTAssertEqual(g[1], Matrix([[6]]), "norm 12 > 6: scaled by 6 / 12")
  }

  func testElementwiseClippingClampsEachComponent() {
    var g = [Matrix<Double>([[-7, 2, 5.5]]), Matrix([[-5, 4.9]])]
    let norm = GradientClipping.elementwise(5).clip(&g)
    XCTAssertEqual(norm, (49 + 4 + 30.25 + 25 + 24.01).squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(g, [Matrix([[-5, 2, 5]]), Matrix([[-5, 4.9]])])
  }

  func testNonFiniteGradientsAreReportedAndLeftUnchanged() {
    var g = [Matrix<Float>([[1, .nan]]), Matrix([[2]])]
    XCTAssertTrue(GradientClipping.globalNorm(1).clip(&g).isNaN)
    XCTAssertEqual(g[1], Matrix([[2]]))
    var h = [Matrix<Float>([[.infinity]])]
    XCTAssertEqual(GradientClipping.elementwise(5).clip(&h), .infinity)
  }

  func testFloatGradientsTooLargeToSquareInFloatStillGiveAFiniteNorm() {
    var g = [Matrix<Float>([[3e20, 4e20]])]  // (3e20)^2 overflows Float
    let norm = GradientClipping.globalNorm(1).clip(&g)
    XCTAssertEqual(norm, 5e20, accuracy: 1e14)
    XCTAssertEqual(Double(g[0][0, 0]), 0.6, accuracy: 1e-6)
    XCTAssertEqual(Double(g[0][0, 1]), 0.8, accuracy: 1e-6)
  }

  private func cosine(_ a: [Matrix<Double>], _ b: [Matrix<Double>]) -> Double {
    let dot = zip(a, b).reduce(0.0) { $0 + ($1.0 * $1.1).sum() }
    return dot / (GradientClipping.globalNorm(of: a) * GradientClipping.globalNorm(of: b))
  }
}
