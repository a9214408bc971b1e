import Foundation
import XCTest

@testable import Notebook

/// The lessons' statistics against values worked out by hand.
final class StatisticsTests: XCTestCase {
  func testMeanIsTheSumOverTheCount() {
    XCTAssertEqual(mean([1, 2, 3, 6]), 3)
    XCTAssertEqual(mean([-2.5]), -2.5)
  }

  func testMedianTakesTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    XCTAssertEqual(median([3, 1, 2]), 2)
    XCTAssertEqual(median([4, 1, 3, 2]), 2.5)
    XCTAssertEqual(median([7]), 7)
    XCTAssertEqual(median([10, -1, 10, 3, 100]), 10)
  }

  /// [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum to 32; sample variance 32 / 7, population 32 / 8 = 4.
  func testStandardDeviationDividesByNMinusOne() {
    let values: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
    XCTAssertEqual(standardDeviation(values), (32.0 / 7).squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(standardDeviation([1, 3]), 2.0.squareRoot(), accuracy: 1e-15)  // (1 + 1) / 1
    XCTAssertEqual(standardDeviation([5, 5, 5]), 0)
  }

  func testStandardDeviationOfFewerThanTwoValuesIsWhatTheCallerChose() {
    XCTAssertTrue(standardDeviation([]).isNaN)
    XCTAssertTrue(standardDeviation([3]).isNaN)
    XCTAssertEqual(standardDeviation([3], whenFewerThanTwo: 0), 0)
    XCTAssertEqual(standardDeviation([], whenFewerThanTwo: 0), 0)
    XCTAssertEqual(standardDeviation([1, 3], whenFewerThanTwo: 0), 2.0.squareRoot(), accuracy: 1e-15)
  }

  func testGeometricMeanSkipsValuesWithoutALogarithm() {
    XCTAssertEqual(geometricMean([1, 100]), 10, accuracy: 1e-13)
    XCTAssertEqual(geometricMean([2, 8, 4]), 4, accuracy: 1e-14)  // (64)^(1/3)
    XCTAssertEqual(geometricMean([2, 8, -5, 0, .infinity, .nan]), 4, accuracy: 1e-14)  // only 2 and 8 count
    XCTAssertTrue(geometricMean([-1, 0]).isNaN)
  }

  /// y = 3 - 2x through exact points: the fit recovers the line and explains all of the variance.
  func testLineThroughExactPointsRecoversSlopeAndIntercept() {
    let x: [Double] = [-1, 0, 2, 5]
    let y = x.map { 3 - 2 * $0 }
    let line = fitLine(x: x, y: y)
    XCTAssertEqual(line.slope, -2, accuracy: 1e-14)
    XCTAssertEqual(line.intercept, 3, accuracy: 1e-14)
    XCTAssertEqual(rSquared(x: x, y: y, line: line), 1, accuracy: 1e-14)
  }

  /// (0, 0), (1, 1), (2, 1): mx = 1, my = 2/3, sxy = 1, sxx = 2, so slope 1/2 and intercept 1/6. Residuals
  /// -1/6, 1/3, -1/6 sum to 1/6 in squares, against sum (y - my)^2 = 2/3: R^2 = 1 - (1/6)/(2/3) = 3/4.
  func testLeastSquaresLineAndRSquaredOfScatteredPoints() {
    let x: [Double] = [0, 1, 2], y: [Double] = [0, 1, 1]
    let line = fitLine(x: x, y: y)
    XCTAssertEqual(line.slope, 0.5, accuracy: 1e-15)
    XCTAssertEqual(line.intercept, 1.0 / 6, accuracy: 1e-15)
    XCTAssertEqual(rSquared(x: x, y: y, line: line), 0.75, accuracy: 1e-15)
    XCTAssertEqual(rSquared(x: x, y: y, line: (intercept: 0, slope: 0)), 1 - 2 / (2.0 / 3), accuracy: 1e-15)
  }

  /// (0, 0) with weight 2 and (1, 1), (2, 1) with weight 1: weighted means mx = 3/4, my = 1/2;
  /// sxy = 2 (3/4)(1/2) + (1/4)(1/2) + (5/4)(1/2) = 3/2 and sxx = 2 (9/16) + 1/16 + 25/16 = 11/4, so slope 6/11 and
  /// intercept 1/2 - (6/11)(3/4) = 1/11. A weight of 2 is the same as the point listed twice.
  func testWeightedLineCountsAPointByItsWeight() {
    let weighted = fitLine(x: [0, 1, 2], y: [0, 1, 1], weights: [2, 1, 1])
    XCTAssertEqual(weighted.slope, 6.0 / 11, accuracy: 1e-15)
    XCTAssertEqual(weighted.intercept, 1.0 / 11, accuracy: 1e-15)
    let repeated = fitLine(x: [0, 0, 1, 2], y: [0, 0, 1, 1])
    XCTAssertEqual(weighted.slope, repeated.slope, accuracy: 1e-15)
    XCTAssertEqual(weighted.intercept, repeated.intercept, accuracy: 1e-15)
  }

  func testAPointWithATinyWeightBarelyMovesTheLine() {
    // Two points on y = x and one far off with a tiny weight: the line stays close to y = x.
    let line = fitLine(x: [0, 1, 2], y: [0, 1, 10], weights: [1, 1, 1e-9])
    XCTAssertEqual(line.slope, 1, accuracy: 1e-7)
    XCTAssertEqual(line.intercept, 0, accuracy: 1e-7)
  }

  func testUndefinedStatisticsAreNaN() {
    XCTAssertTrue(mean([]).isNaN)
    XCTAssertTrue(median([]).isNaN)
    XCTAssertTrue(geometricMean([]).isNaN)
    XCTAssertTrue(rSquared(x: [], y: [], line: (intercept: 0, slope: 1)).isNaN)
    let empty = fitLine(x: [], y: [])
    XCTAssertTrue(empty.slope.isNaN && empty.intercept.isNaN)
    let vertical = fitLine(x: [2, 2, 2], y: [1, 2, 3])  // x does not vary: no line
    XCTAssertTrue(vertical.slope.isNaN && vertical.intercept.isNaN)
    let single = fitLine(x: [1], y: [4])
    XCTAssertTrue(single.slope.isNaN && single.intercept.isNaN)
  }

  func testRSquaredIsOneWhenThereIsNoVarianceToExplain() {
    XCTAssertEqual(rSquared(x: [0, 1, 2], y: [4, 4, 4], line: (intercept: 4, slope: 0)), 1)
  }
}
