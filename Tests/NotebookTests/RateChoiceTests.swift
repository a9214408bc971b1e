import XCTest

@testable import Notebook

/// The best learning rate among those tried, and whether it is interior: checked on hand-made searches.
final class RateChoiceTests: XCTestCase {
  typealias Tried = (label: String, rate: Double, score: Double?)

  func testABestRateWithALowerAndAHigherLoserIsInteriorEvenWhenTheHigherOneFailed() throws {
    // Listed out of order: the choice goes by the rates, not by the order they were tried in.
    let tried: [Tried] = [("high", 0.01, nil), ("low", 0.001, 50), ("mid", 0.003, 30)]
    let choice = try XCTUnwrap(RateChoice(tried: tried, better: <))
    XCTAssertEqual(choice.label, "mid")
    XCTAssertEqual(choice.rate, 0.003)
    XCTAssertTrue(choice.interior)
    XCTAssertFalse(choice.atLowest)
    XCTAssertFalse(choice.atHighest)
    XCTAssertEqual(choice.distinctRates, 3)
  }

  func testABestRateAtAnEdgeSaysWhichEdge() throws {
    let rising: [Tried] = [("a", 0.001, 50), ("b", 0.003, 40), ("c", 0.01, 20)]
    let high = try XCTUnwrap(RateChoice(tried: rising, better: <))
    XCTAssertEqual(high.label, "c")
    XCTAssertFalse(high.interior)
    XCTAssertTrue(high.atHighest)
    XCTAssertFalse(high.atLowest)
    let low = try XCTUnwrap(RateChoice(tried: rising, better: >))  // the most updates: the lowest rate here
    XCTAssertEqual(low.label, "a")
    XCTAssertTrue(low.atLowest)
    XCTAssertFalse(low.atHighest)
  }

  /// At the base batch every scaling rule gives the same rate: one rate tried under several names is both the lowest
  /// and the highest, and a tie keeps the first name.
  func testOneRateUnderSeveralNamesIsBothEdgesAndATieKeepsTheFirst() throws {
    let tried: [Tried] = [("constant", 0.01, 40), ("linear", 0.01, 40), ("sqrt", 0.01, 40)]
    let choice = try XCTUnwrap(RateChoice(tried: tried, better: <))
    XCTAssertEqual(choice.label, "constant")
    XCTAssertTrue(choice.atLowest && choice.atHighest)
    XCTAssertFalse(choice.interior)
    XCTAssertEqual(choice.distinctRates, 1)
  }

  func testNoCandidateNoChoice() {
    XCTAssertNil(RateChoice<String>(tried: [("a", 0.001, nil), ("b", 0.01, nil)] as [Tried], better: <))
    XCTAssertNil(RateChoice<String>(tried: [] as [Tried], better: <))
  }

  /// A score with a tie-break: the higher accuracy, then the lower loss (negated so that higher is better).
  func testATupleScoreBreaksTiesOnItsSecondPart() throws {
    let tried: [(label: Int, rate: Double, score: (Double, Double)?)] = [
      (-5, 0.0032, (0.8, -0.50)), (-4, 0.01, (0.8, -0.40)), (-3, 0.032, (0.7, -0.30)),
    ]
    let choice = try XCTUnwrap(RateChoice(tried: tried, better: { !($0 <= $1) }))
    XCTAssertEqual(choice.label, -4)
    XCTAssertTrue(choice.interior)
  }
}
