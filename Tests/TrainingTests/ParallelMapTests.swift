import Foundation
import XCTest

@testable import Training

private struct ItemFailed: Error, Equatable {
  var item: Int
}

/// Counts calls and the most calls running at once, across worker threads.
private final class Concurrency: @unchecked Sendable {
  private let lock = NSLock()
  private var running = 0
  private(set) var calls = 0
  private(set) var mostAtOnce = 0
  func enter() {
    lock.withLock {
      running += 1
      calls += 1
      mostAtOnce = max(mostAtOnce, running)
    }
  }
  func leave() { lock.withLock { running -= 1 } }
}

final class ParallelMapTests: XCTestCase {
  func testResultsComeBackInInputOrderWithFourWorkers() throws {
    let items = Array(0..<100)
    let results = try parallelMap(items, workers: 4) { item -> String in
      // Later items finish first more often than not: the order must come from the index, not from finishing.
      usleep(UInt32((100 - item) % 7) * 200)
      return "item \(item)"
    }
    XCTAssertEqual(results, items.map { "item \($0)" })
  }

  func testEveryItemRunsOnceAndNoMoreThanWorkersAtATime() throws {
    let counter = Concurrency()
    let squares = try parallelMap(Array(0..<40), workers: 3) { item -> Int in
      counter.enter()
      defer { counter.leave() }
      usleep(1000)
      return item * item
    }
    XCTAssertEqual(squares, (0..<40).map { $0 * $0 })
    XCTAssertEqual(counter.calls, 40)
    XCTAssertLessThanOrEqual(counter.mostAtOnce, 3)
    XCTAssertGreaterThan(counter.mostAtOnce, 1, "3 workers over 40 slow items should overlap")
  }

  func testAnErrorThrownByOneItemIsRethrown() {
    XCTAssertThrowsError(
      try parallelMap(Array(0..<100), workers: 4) { item -> Int in
        if item == 37 { throw ItemFailed(item: item) }
        return item
      }
    ) { error in
      XCTAssertEqual(error as? ItemFailed, ItemFailed(item: 37))
    }
  }

  func testAfterAnErrorNoNewItemStarts() {
    let counter = Concurrency()
    XCTAssertThrowsError(
      try parallelMap(Array(0..<100), workers: 1) { item -> Int in
        counter.enter()
        defer { counter.leave() }
        if item == 5 { throw ItemFailed(item: item) }
        return item
      })
    XCTAssertEqual(counter.calls, 6, "items 0 to 5 ran; 6 and later were never started")
  }

  func testEmptyInputAndMoreWorkersThanItems() throws {
    XCTAssertEqual(try parallelMap([Int](), workers: 4) { $0 }, [])
    XCTAssertEqual(try parallelMap([1, 2], workers: 16) { $0 * 10 }, [10, 20])
    XCTAssertEqual(try parallelMap([1, 2, 3], workers: 0) { $0 + 1 }, [2, 3, 4])
  }
}
