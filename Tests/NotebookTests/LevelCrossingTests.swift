import Foundation
import XCTest

@testable import Notebook

/// Crossings of a level between checkpoints, and the geometric-mean interval, against values worked out by hand.
final class LevelCrossingTests: XCTestCase {
  /// Accuracy 0.5, 0.7, 0.9 at updates 10, 20, 40: the level 0.8 lies half-way between the second and third
  /// checkpoints, so the updates there are 30 (linear) or sqrt(20 * 40) = 28.28 (geometric).
  func testARisingCurveIsReadHalfWayBetweenTheBracketingCheckpoints() throws {
    let crossing = try XCTUnwrap(LevelCrossing(values: [0.5, 0.7, 0.9], level: 0.8, direction: .rising))
    XCTAssertEqual(crossing.index, 2)
    XCTAssertEqual(crossing.previous, 1)
    XCTAssertEqual(crossing.fraction, 0.5, accuracy: 1e-12)
    let updates: [Double] = [10, 20, 40]
    XCTAssertEqual(crossing.value(of: updates), 30, accuracy: 1e-12)
    XCTAssertEqual(crossing.value(of: updates, geometric: true), 800.0.squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(crossing.bracket(of: updates).lower, 20)
    XCTAssertEqual(crossing.bracket(of: updates).upper, 40)
  }

  /// A falling loss 1.0, 0.8, 0.4 crosses 0.7 a quarter of the way from 0.8 to 0.4: (0.7 - 0.8) / (0.4 - 0.8).
  func testAFallingCurveAndAQuantityThatGrowsByFactors() throws {
    let crossing = try XCTUnwrap(LevelCrossing(values: [1.0, 0.8, 0.4], level: 0.7, direction: .falling))
    XCTAssertEqual(crossing.index, 2)
    XCTAssertEqual(crossing.fraction, 0.25, accuracy: 1e-12)
    // A noise scale of 100 then 1600 at those checkpoints: a quarter of the way in log is 100 * 16^0.25 = 200.
    XCTAssertEqual(crossing.value(of: [50, 100, 1600], geometric: true), 200, accuracy: 1e-9)
    XCTAssertEqual(crossing.value(of: [50, 100, 1600]), 475, accuracy: 1e-9)
  }

  /// The first crossing counts, even when the curve falls back later; a value exactly at the level is reached.
  func testTheFirstCrossingCountsAndTheLevelItselfIsReached() throws {
    let crossing = try XCTUnwrap(LevelCrossing(values: [0.2, 0.6, 0.3, 0.9], level: 0.6, direction: .rising))
    XCTAssertEqual(crossing.index, 1)
    XCTAssertEqual(crossing.fraction, 1, accuracy: 1e-12)
    XCTAssertEqual(crossing.value(of: [0, 8, 16, 32]), 8, accuracy: 1e-12)
  }

  /// A checkpoint that was not measured (nan) is skipped: the line runs from the last measured one.
  func testUnmeasuredCheckpointsAreSkipped() throws {
    let crossing = try XCTUnwrap(LevelCrossing(values: [0.4, .nan, 0.8], level: 0.5, direction: .rising))
    XCTAssertEqual(crossing.previous, 0)
    XCTAssertEqual(crossing.index, 2)
    XCTAssertEqual(crossing.value(of: [0, 50, 100]), 25, accuracy: 1e-12)
  }

  /// Never reaching the level gives nil; already past it at the first checkpoint gives that checkpoint and no bracket.
  func testNoCrossingAndACrossingBeforeTheFirstCheckpoint() throws {
    XCTAssertNil(LevelCrossing(values: [0.3, 0.4, 0.45], level: 0.5, direction: .rising))
    XCTAssertNil(LevelCrossing(values: [], level: 0.5, direction: .falling))
    let early = try XCTUnwrap(LevelCrossing(values: [0.3, 0.2], level: 0.5, direction: .falling))
    XCTAssertNil(early.previous)
    XCTAssertEqual(early.index, 0)
    XCTAssertEqual(early.value(of: [7, 9]), 7)
    XCTAssertEqual(early.bracket(of: [7, 9]).lower, 7)
  }

  /// Values 2, 8, 32: logs ln 2 (1, 3, 5), mean 3 ln 2 (geometric mean 8), sd 2 ln 2, SE 2 ln 2 / sqrt 3;
  /// t_{0.975, 2} = 4.302653: the interval is 8 x/÷ 2^(4.302653 * 2 / sqrt 3).
  func testGeometricMeanIntervalIsTheTIntervalOfTheLogarithms() {
    let interval = ConfidenceInterval.geometricMean(of: [2, 8, 32])
    let factor = Foundation.pow(2, 4.302653 * 2 / 3.0.squareRoot())
    XCTAssertEqual(interval.estimate, 8, accuracy: 1e-12)
    XCTAssertEqual(interval.lower, 8 / factor, accuracy: 8 / factor * 1e-5)
    XCTAssertEqual(interval.upper, 8 * factor, accuracy: 8 * factor * 1e-5)
    // Values without a logarithm are left out; one value left has no interval.
    let one = ConfidenceInterval.geometricMean(of: [5, 0, -1, .nan])
    XCTAssertEqual(one.estimate, 5, accuracy: 1e-12)
    XCTAssertTrue(one.lower.isNaN && one.upper.isNaN)
  }

  /// A run records numbers in summary.json for other lessons; a number that is not finite is not recorded (JSON has
  /// no nan), and summaries written before measurements existed still read.
  func testMeasurementsTravelThroughTheSummary() throws {
    let output = try makeTemporaryDirectory(self)
    var book = try Notebook(
      lesson: "demo", title: "Demo", settings: NotebookSettings(quick: true, output: output, rendering: .none, styled: false))
    book.record("steps", 40)
    book.record("steps", 50)
    book.record("missing", .nan)
    book.finding("critical batch", ConfidenceInterval(estimate: 190, lower: 150, upper: 240, level: 0.95))
    book.finding("measured 190")
    try book.finish()
    let found = try XCTUnwrap(LessonSummary.measurement("steps", in: book.directory))
    XCTAssertEqual(found.value, 50)
    XCTAssertEqual(found.summary.lesson, "demo")
    XCTAssertNil(LessonSummary.measurement("missing", in: book.directory))
    XCTAssertNil(LessonSummary.measurement("steps", in: output.appendingPathComponent("absent")))
    // A finding travels with its interval; another lesson reads it by name.
    let critical = try XCTUnwrap(LessonSummary.finding("critical batch", in: book.directory))
    XCTAssertEqual(critical.finding.estimate, 190)
    XCTAssertEqual(critical.finding.lower, 150)
    XCTAssertEqual(critical.finding.upper, 240)
    XCTAssertNil(LessonSummary.finding("steps", in: book.directory))
    XCTAssertNil(LessonSummary.finding("critical batch", in: output.appendingPathComponent("absent")))
    let old = #"{"lesson":"x","title":"X","quick":false,"seconds":1,"rendered":true,"files":[]}"#
    let decoded = try JSONDecoder().decode(LessonSummary.self, from: Data(old.utf8))
    XCTAssertNil(decoded.measurements)
  }
}
