import XCTest

@testable import Training

/// `PerExampleGradientStatistics` on gradients whose |G|^2 and tr(Sigma) are worked by hand.
final class PerExampleGradientStatisticsTests: XCTestCase {
  /// g = (1, 0), (3, 2), (2, -2): G = (2, 0), |G|^2 = 4; deviations (-1, 0), (1, 2), (0, -2) with squared norms
  /// 1, 5, 4, so tr(Sigma) = 10/3 and B_simple = (10/3) / 4 = 5/6.
  func testThreeGradientsWorkedByHand() throws {
    var stats = PerExampleGradientStatistics()
    for (g, loss) in [([1.0, 0], 0.5), ([3, 2], 1.0), ([2, -2], 1.5)] { try stats.add(g, loss: loss) }
    XCTAssertEqual(stats.count, 3)
    XCTAssertEqual(stats.meanGradient, [2, 0])
    XCTAssertEqual(stats.gradientSquaredNorm, 4, accuracy: 1e-15)
    XCTAssertEqual(stats.traceCovariance, 10.0 / 3, accuracy: 1e-15)
    XCTAssertEqual(stats.simpleNoiseScale, 5.0 / 6, accuracy: 1e-15)
    XCTAssertEqual(stats.meanLoss, 1, accuracy: 1e-15)
    XCTAssertEqual(stats.expectedBatchSquaredNorm(batch: 2), 4 + 5.0 / 3, accuracy: 1e-15)
  }

  /// A linear model y = w x with squared loss L_i = (w x_i - y_i)^2 / 2 has per-example gradient
  /// g_i = (w x_i - y_i) x_i. With w = 1 and (x, y) = (1, 0), (2, 1), (3, 1): residuals 1, 1, 2, so g = 1, 2, 6;
  /// G = 3, |G|^2 = 9; tr(Sigma) = ((1-3)^2 + (2-3)^2 + (6-3)^2) / 3 = 14/3; B_simple = 14/27.
  func testLinearModelClosedForm() throws {
    var stats = PerExampleGradientStatistics()
    let w = 1.0
    for (x, y) in [(1.0, 0.0), (2, 1), (3, 1)] { try stats.add([(w * x - y) * x], loss: (w * x - y) * (w * x - y) / 2) }
    XCTAssertEqual(stats.gradientSquaredNorm, 9, accuracy: 1e-14)
    XCTAssertEqual(stats.traceCovariance, 14.0 / 3, accuracy: 1e-14)
    XCTAssertEqual(stats.simpleNoiseScale, 14.0 / 27, accuracy: 1e-14)
    XCTAssertEqual(stats.meanLoss, (0.5 + 0.5 + 2) / 3, accuracy: 1e-15)
  }

  /// Gradients 1e8 + 1 and 1e8 - 1: tr(Sigma) = 1 exactly. The form mean |g|^2 - |G|^2 subtracts 1e16 from 1e16 + 1,
  /// below Double's resolution there (a spacing of 2), and loses it; Welford's update keeps it.
  func testTraceKeepsItsDigitsUnderALargeMeanGradient() throws {
    var stats = PerExampleGradientStatistics()
    try stats.add([1e8 + 1])
    try stats.add([1e8 - 1])
    let naive = ((1e8 + 1) * (1e8 + 1) + (1e8 - 1) * (1e8 - 1)) / 2 - 1e16
    XCTAssertNotEqual(naive, 1, "the subtracting form loses the trace (what this test guards against)")
    XCTAssertEqual(stats.traceCovariance, 1, accuracy: 1e-12)
  }

  func testGradientsOfAnotherLengthAreRefused() throws {
    var stats = PerExampleGradientStatistics()
    XCTAssertTrue(stats.traceCovariance.isNaN)
    try stats.add([1, 2])
    XCTAssertThrowsError(try stats.add([1, 2, 3])) { error in
      XCTAssertEqual(error as? NoiseScaleError, .gradientLength(expected: 2, found: 3, example: 1))
    }
    XCTAssertEqual(stats.count, 1)
  }
}
