import XCTest

@testable import Notebook

/// Hand-worked values: 2 repetitions x 3 folds, so n = 6, n_test/n_train = 1/2, and t quantiles with 5 degrees of
/// freedom from a table (t_0.975 = 2.5705818, t_0.80 = 0.9195438).
final class RepeatedCrossValidationTests: XCTestCase {
  let design = RepeatedCrossValidation(repetitions: 2, folds: 3)

  func testRatioOfEqualFoldsIsOneOverKMinusOne() {
    XCTAssertEqual(design.testToTrainRatio, 0.5)
    XCTAssertEqual(RepeatedCrossValidation(repetitions: 1, folds: 10).testToTrainRatio, 1.0 / 9, accuracy: 1e-15)
    XCTAssertEqual(design.units, 6)
  }

  /// Scores 0.6 0.7 0.8 0.7 0.6 0.8: mean 0.7, s^2 = 0.04 / 5 = 0.008, SE = sqrt((1/6 + 1/2) 0.008) = 0.0730297,
  /// half width 2.5705818 x 0.0730297 = 0.187729. The plain t interval would be 2.57 x sqrt(0.008/6) = 0.0939.
  func testMeanIntervalWidensForOverlappingTrainingSets() {
    let interval = design.interval(of: [0.6, 0.7, 0.8, 0.7, 0.6, 0.8])
    XCTAssertEqual(interval.estimate, 0.7, accuracy: 1e-12)
    XCTAssertEqual(interval.lower, 0.7 - 0.187729, accuracy: 2e-6)
    XCTAssertEqual(interval.upper, 0.7 + 0.187729, accuracy: 2e-6)
    XCTAssertGreaterThan(interval.halfWidth, 1.9 * ConfidenceInterval.mean(of: [0.6, 0.7, 0.8, 0.7, 0.6, 0.8]).halfWidth)
    XCTAssertTrue(design.interval(of: [0.5]).lower.isNaN)
  }

  /// Differences 0.01 0.03 0.02 0.04 0.00 0.02: mean 0.02, s^2 = 0.001 / 5 = 0.0002,
  /// t = 0.02 / sqrt((1/6 + 1/2) 0.0002) = sqrt(3).
  func testPairedTestOnTheDifferencesOfEachRepetitionAndFold() throws {
    let a = [0.6, 0.7, 0.8, 0.7, 0.6, 0.8]
    let b = zip(a, [0.01, 0.03, 0.02, 0.04, 0.0, 0.02]).map { $0 - $1 }
    let test = try XCTUnwrap(design.compare(a, b))
    XCTAssertEqual(test.statistic, 3.0.squareRoot(), accuracy: 1e-9)
    XCTAssertEqual(test.degreesOfFreedom, 5)
    XCTAssertEqual(test.difference.estimate, 0.02, accuracy: 1e-12)
    XCTAssertNil(design.compare(a, Array(b.dropLast())))
  }

  /// (2.5705818 + 0.9195438) x sqrt((1/6 + 1/2)) x 0.1 = 3.4901256 x 0.0816497 = 0.284966.
  func testMinimumDetectableDifference() {
    XCTAssertEqual(design.minimumDetectableDifference(sdOfDifferences: 0.1), 0.284966, accuracy: 2e-5)
    // More repetitions shrink only the 1/n part: 100 repetitions still need more than sqrt(1/2) of the one-unit SE.
    let many = RepeatedCrossValidation(repetitions: 100, folds: 3)
    XCTAssertGreaterThan(many.minimumDetectableDifference(sdOfDifferences: 0.1), (1.96 + 0.84) * 0.5.squareRoot() * 0.1)
  }
}
