import XCTest

@testable import Notebook

/// A learning-rate search grows past the edge its best sits at, within the grid; searches sharing runs never move
/// each other. Checked on hand-made score tables.
final class RateSearchTests: XCTestCase {
  /// The choice among `search`'s own exponents, reading `scores[k]` (nil: no candidate; higher is better).
  private func choice(_ search: RateSearch, _ scores: [Int: Double?]) -> RateChoice<Int>? {
    RateChoice(tried: search.exponents.map { k in (label: k, rate: Double(k), score: scores[k] ?? nil) }, better: >)
  }

  func testTheSearchStepsPastTheEdgeItsBestSitsAtAndStaysWhenInterior() {
    var search = RateSearch(initial: 3...5, bounds: 0...10)
    XCTAssertTrue(search.extend(after: choice(search, [3: 0.5, 4: 0.6, 5: 0.7])))
    XCTAssertEqual(search.tried, 3...6, "best at the highest: one step higher")
    XCTAssertTrue(search.extend(after: choice(search, [3: 0.8, 4: 0.6, 5: 0.5, 6: 0.4])))
    XCTAssertEqual(search.tried, 2...6, "best at the lowest: one step lower")
    XCTAssertFalse(search.extend(after: choice(search, [2: 0.7, 3: 0.8, 4: 0.6, 5: 0.5, 6: 0.4])))
    XCTAssertEqual(search.tried, 2...6, "interior: no change")
  }

  func testOneRateIsBothEdgesAndNoCandidateStepsLowerOrStays() {
    var one = RateSearch(initial: 4...4, bounds: 0...10)
    one.extend(after: choice(one, [4: 0.5]))
    XCTAssertEqual(one.tried, 3...5)
    var diverged = RateSearch(initial: 3...5, bounds: 0...10)
    diverged.extend(after: choice(diverged, [3: nil, 4: nil, 5: nil]))
    XCTAssertEqual(diverged.tried, 2...5, "every rate diverged: lower rates may not")
    var unreached = RateSearch(initial: 3...5, bounds: 0...10)
    XCTAssertFalse(unreached.extend(after: choice(unreached, [3: nil, 4: nil, 5: nil]), whenNoCandidate: .stay))
    XCTAssertEqual(unreached.tried, 3...5)
  }

  func testTheGridBoundsStopTheSearch() {
    var search = RateSearch(initial: 9...11, bounds: 0...10)
    XCTAssertEqual(search.tried, 9...10, "the initial rates are clamped to the grid")
    XCTAssertFalse(search.extend(after: choice(search, [9: 0.1, 10: 0.9])))
    XCTAssertEqual(search.tried, 9...10)
    var low = RateSearch(initial: 0...1, bounds: 0...10)
    XCTAssertFalse(low.extend(after: choice(low, [0: 0.9, 1: 0.1])))
  }

  func testIncludeWidensToCoverAnotherSearch() {
    var steps = RateSearch(initial: 3...5, bounds: 0...10)
    steps.include(2...5)
    XCTAssertEqual(steps.tried, 2...5)
    steps.include(4...7)
    XCTAssertEqual(steps.tried, 2...7)
    steps.include(8...9)  // adjacent: still contiguous
    XCTAssertEqual(steps.tried, 2...9)
  }

  /// Two searches over one shared table of runs: the first reads score A, the second score B. Whatever B's table is
  /// (here: one that drives the second search up to the top of the grid, one that keeps it where it started), the
  /// first search takes the same path, although the second trained rates the first never asked for. A single search
  /// over every rate trained (the rule these searches replaced) does move with B: with B pushing up, rate 7 is
  /// trained, and A (which peaks at 7, beyond a dip at 6) takes it.
  func testASearchDoesNotMoveWithTheRatesAnotherSearchAskedFor() {
    let scoreA: [Int: Double?] = [2: 0.40, 3: 0.50, 4: 0.70, 5: 0.60, 6: 0.55, 7: 0.80, 8: 0.30]
    func run(scoreB: [Int: Double?], rounds: Int) -> (a: RateSearch, trained: Set<Int>, pooledBestA: Int) {
      var a = RateSearch(initial: 3...5, bounds: 0...10), b = a
      var trained = Set(3...5)
      for _ in 0..<rounds {
        a.extend(after: choice(a, scoreA))
        b.extend(after: choice(b, scoreB))
        trained.formUnion(a.tried)
        trained.formUnion(b.tried)
      }
      let pooled = RateChoice(tried: trained.sorted().map { (label: $0, rate: Double($0), score: scoreA[$0] ?? nil) }, better: >)!
      return (a, trained, pooled.label)
    }
    let rising: [Int: Double?] = [2: 0.1, 3: 0.2, 4: 0.3, 5: 0.4, 6: 0.5, 7: 0.6, 8: 0.7]
    let peaked: [Int: Double?] = [2: 0.1, 3: 0.3, 4: 0.5, 5: 0.3, 6: 0.2, 7: 0.1, 8: 0.1]
    let pushed = run(scoreB: rising, rounds: 3), still = run(scoreB: peaked, rounds: 3)
    XCTAssertEqual(pushed.a, still.a)
    XCTAssertEqual(pushed.a.tried, 3...5, "A's best (4) is interior from the start")
    XCTAssertTrue(pushed.trained.contains(7) && !still.trained.contains(7))
    XCTAssertEqual(still.pooledBestA, 4)
    XCTAssertEqual(pushed.pooledBestA, 7, "pooled over every rate trained, A's choice follows B's search")
  }
}
