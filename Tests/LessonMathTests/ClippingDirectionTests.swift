import LSTMLab
import XCTest

/// What the exploding-gradients lesson rests on: global-norm clipping rescales without turning the gradient;
/// per-tensor and element-wise clipping can turn it. Cosines computed here from the raw numbers.
final class ClippingDirectionTests: XCTestCase {
  func flat(_ g: [Matrix<Double>]) -> [Double] { g.flatMap(\.scalars) }
  func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
  func cosine(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (norm(a) * norm(b)) }

  func testGlobalNormClippingNeverChangesTheDirection() {
    var rng = SeededGenerator(seed: 31)
    for trial in 0..<200 {
      let scale = Double.pow(10, rng.uniform(-3.0, 6.0))
      let shapes = [(3, 8), (8, 8), (1, 8), (8, 4), (1, 4)]
      let raw: [Matrix<Double>] = shapes.map { rng.uniformMatrix(rows: $0.0, columns: $0.1, -scale, scale) }
      let threshold = Double.pow(10, rng.uniform(-2.0, 5.0))
      var clipped = raw
      let reported = GradientClipping.globalNorm(threshold).clip(&clipped)
      let before = norm(flat(raw)), after = norm(flat(clipped))
      XCTAssertEqual(reported, before, accuracy: 1e-12 * before, "trial \(trial): clip returns the norm before clipping")
      XCTAssertEqual(cosine(flat(raw), flat(clipped)), 1, accuracy: 1e-12, "trial \(trial)")
      XCTAssertEqual(after, min(before, threshold), accuracy: 1e-12 * before, "trial \(trial)")
    }
  }

  /// Two tensors, one with norm 5 and one with norm 0.5, threshold 1: per-tensor clipping shrinks only the first, by 5.
  func testPerTensorClippingTurnsTheGradientWhenTensorsDifferInSize() {
    let raw = [Matrix<Double>([[3, 4]]), Matrix<Double>([[0.3, -0.4]])]
    var clipped = raw
    GradientClipping.perTensorNorm(1).clip(&clipped)
    for (value, expected) in zip(flat(clipped), [0.6, 0.8, 0.3, -0.4]) { XCTAssertEqual(value, expected, accuracy: 1e-15) }
    // cos = (3*0.6 + 4*0.8 + 0.09 + 0.16) / (sqrt(25.25) * sqrt(1.25))
    XCTAssertEqual(cosine(flat(raw), flat(clipped)), 5.25 / (25.25.squareRoot() * 1.25.squareRoot()), accuracy: 1e-15)
    XCTAssertLessThan(cosine(flat(raw), flat(clipped)), 0.94)
  }

  /// Clamping to +-2 turns (10, 1) into (2, 1): cos = 21 / (sqrt(101) sqrt(5)).
  func testElementwiseClippingTurnsTheGradient() {
    let raw = [Matrix<Double>([[10, 1]])]
    var clipped = raw
    GradientClipping.elementwise(2).clip(&clipped)
    XCTAssertEqual(flat(clipped), [2, 1])
    XCTAssertEqual(cosine(flat(raw), flat(clipped)), 21 / (101.0.squareRoot() * 5.0.squareRoot()), accuracy: 1e-15)
  }
}
