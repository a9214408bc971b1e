import Foundation
import XCTest

@testable import Notebook

/// CurvePoints (refined peak, first crossing) and ReplicatedSlope against hand-worked examples; the t quantiles are
/// from printed tables (t_{0.975, 2} = 4.302653, t_{0.8, 2} = 1.060660).
final class CurveAndSlopeTests: XCTestCase {
  func testRefinedPeakFindsTheVertexOfAnExactParabola() throws {
    // y = -(x - 1.3)^2 on an even grid and on an uneven one: the vertex is recovered exactly.
    let even = [0.0, 1, 2, 3]
    XCTAssertEqual(try XCTUnwrap(CurvePoints.refinedPeak(x: even, y: even.map { -($0 - 1.3) * ($0 - 1.3) })), 1.3, accuracy: 1e-12)
    let uneven = [0.0, 1, 3, 7]
    XCTAssertEqual(try XCTUnwrap(CurvePoints.refinedPeak(x: uneven, y: uneven.map { 5 - 2 * ($0 - 1.2) * ($0 - 1.2) })), 1.2, accuracy: 1e-12)
  }

  func testRefinedPeakStaysAtAnEndWhenThePeakIsNotBracketedAndSkipsMissingValues() {
    XCTAssertEqual(CurvePoints.refinedPeak(x: [2, 3, 4], y: [0.1, 0.2, 0.3]), 4)
    XCTAssertEqual(CurvePoints.refinedPeak(x: [2, 3, 4], y: [0.3, 0.2, 0.1]), 2)
    XCTAssertEqual(CurvePoints.refinedPeak(x: [2, 3, 4], y: [0.5, 0.5, 0.5]), 2, "ties: the first maximum, at an end")
    XCTAssertEqual(CurvePoints.refinedPeak(x: [1, 2, 3], y: [0.4, 0.5, 0.4]), 2, "symmetric neighbours: the middle")
    // Hand-worked: points (1, 0), (2, 1), (3, 0.5): x_v = 2 - (1*0.5 - 1*1) / (2 (1*0.5 + 1*1)) = 2 + 1/6.
    XCTAssertEqual(try XCTUnwrap(CurvePoints.refinedPeak(x: [1, 2, 3], y: [0, 1, 0.5])), 2 + 1.0 / 6, accuracy: 1e-12)
    // A missing value (diverged run) is left out: the peak of the rest is at its end.
    XCTAssertEqual(CurvePoints.refinedPeak(x: [1, 2, 3], y: [0, 1, .nan]), 2)
    XCTAssertNil(CurvePoints.refinedPeak(x: [1, 2], y: [.nan, .nan]))
  }

  func testQuadraticPeakFitsEveryPoint() throws {
    // An exact parabola on five points: the vertex is recovered.
    let x = [2.0, 3, 4, 5, 6]
    XCTAssertEqual(try XCTUnwrap(CurvePoints.quadraticPeak(x: x, y: x.map { 0.9 - 0.01 * ($0 - 3.7) * ($0 - 3.7) })), 3.7, accuracy: 1e-9)
    // Hand-worked least squares: u = x = -2...2, y = [0, 3, 4, 3, 1]: Σu² 10, Σu⁴ 34, Σy 11, Σyu 2, Σyu² 10. The odd
    // sums vanish, so b = 2/10 and (a, c) solve [5 10; 10 34] (a, c) = (11, 10): c = (5*10 - 10*11) / 70 = -6/7.
    // Vertex -b / (2c) = 0.2 * 7 / 12 = 7/60.
    XCTAssertEqual(try XCTUnwrap(CurvePoints.quadraticPeak(x: [-2, -1, 0, 1, 2], y: [0, 3, 4, 3, 1])), 7.0 / 60, accuracy: 1e-12)
    // No maximum (rising or U-shaped): the best point; a vertex beyond the grid is clamped to its end.
    XCTAssertEqual(CurvePoints.quadraticPeak(x: [1, 2, 3, 4], y: [0.1, 0.2, 0.3, 0.4]), 4)
    XCTAssertEqual(CurvePoints.quadraticPeak(x: [1, 2, 3, 4], y: [0.5, 0.1, 0.1, 0.4]), 1)
    XCTAssertEqual(CurvePoints.quadraticPeak(x: [1, 2, 3, 4], y: [0.1, 0.5, 0.8, 0.9]), 4)
    XCTAssertEqual(CurvePoints.quadraticPeak(x: [1, 2, 3], y: [0.1, .nan, 0.3]), 3, "fewer than three finite points: the best")
    XCTAssertNil(CurvePoints.quadraticPeak(x: [1], y: [.nan]))
  }

  func testFirstCrossingInterpolatesBetweenCheckpoints() throws {
    let x = [0.0, 10, 20, 30], y = [0.2, 0.5, 0.7, 0.9]
    XCTAssertEqual(try XCTUnwrap(CurvePoints.firstCrossing(x: x, y: y, target: 0.6)), 15, accuracy: 1e-12)
    XCTAssertEqual(CurvePoints.firstCrossing(x: x, y: y, target: 0.7), 20)
    XCTAssertEqual(CurvePoints.firstCrossing(x: x, y: y, target: 0.1), 0)
    XCTAssertNil(CurvePoints.firstCrossing(x: x, y: y, target: 0.95))
    // A dip after the first crossing does not move it.
    XCTAssertEqual(try XCTUnwrap(CurvePoints.firstCrossing(x: x, y: [0.2, 0.8, 0.4, 0.9], target: 0.5)), 5, accuracy: 1e-12)
  }

  func testReplicatedSlopeUsesTheSpreadOfTheUnitSlopes() throws {
    // Three units on x = 0, 1, 2 with exact slopes 1, 2, 3 (and different offsets): mean 2, sd 1, SE 1/sqrt 3.
    let units: [[(x: Double, y: Double)]] = [1.0, 2, 3].enumerated().map { i, b in [0.0, 1, 2].map { ($0, 10 * Double(i) + b * $0) } }
    let fit = try XCTUnwrap(ReplicatedSlope(units: units))
    XCTAssertEqual(fit.unitSlopes, [1, 2, 3])
    XCTAssertEqual(fit.slope, 2, accuracy: 1e-12)
    XCTAssertEqual(fit.standardError, 1 / 3.0.squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(fit.degreesOfFreedom, 2)
    let interval = fit.interval()
    XCTAssertEqual(interval.lower, 2 - 4.302653 / 3.0.squareRoot(), accuracy: 1e-5)
    XCTAssertEqual(interval.upper, 2 + 4.302653 / 3.0.squareRoot(), accuracy: 1e-5)
    XCTAssertEqual(fit.trend(), 0, "the interval includes 0")
    XCTAssertEqual(fit.minimumDetectableSlope(), (4.302653 + 1.060660) / 3.0.squareRoot(), accuracy: 1e-5)
    XCTAssertEqual(fit.power(against: fit.minimumDetectableSlope()), 0.8, accuracy: 0.02)
    // Pooling the nine points would give a slope SE of about 0.5 with 7 degrees of freedom, a different design.
    let pooled = try XCTUnwrap(LineFit(x: units.flatMap { $0.map(\.x) }, y: units.flatMap { $0.map(\.y) }))
    XCTAssertNotEqual(pooled.slopeStandardError, fit.standardError, accuracy: 0.05)
  }

  func testReplicatedSlopeWidensForOverlappingFoldsAndDetectsAClearTrend() throws {
    let corrected = try XCTUnwrap(ReplicatedSlope(unitSlopes: [1, 2, 3], testToTrainRatio: 0.5))
    XCTAssertEqual(corrected.standardError, (1.0 / 3 + 0.5).squareRoot(), accuracy: 1e-12)
    let clear = try XCTUnwrap(ReplicatedSlope(unitSlopes: [-0.5, -0.6, -0.55, -0.45]))
    XCTAssertEqual(clear.trend(), -1)
    // A unit whose x does not vary determines no slope and is left out; one unit alone gives no fit.
    let partial = try XCTUnwrap(ReplicatedSlope(units: [[(0, 0), (1, 1)], [(0, 0), (1, 3)], [(1, 0), (1, 5)]]))
    XCTAssertEqual(partial.unitSlopes, [1, 3])
    XCTAssertNil(ReplicatedSlope(unitSlopes: [1]))
    XCTAssertNil(ReplicatedSlope(units: [[(0, 0), (1, 1)]]))
  }
}
