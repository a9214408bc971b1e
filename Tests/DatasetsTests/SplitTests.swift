import LabMath
import XCTest

@testable import Datasets

final class SplitTests: XCTestCase {
  // 10 of class 0, 7 of class 1, 3 of class 2, sorted by class like ArrowHead_TEST.
  let labels = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 7) + Array(repeating: 2, count: 3)

  func testStratifiedFoldsPartitionTheIndicesAndKeepClassProportions() throws {
    var rng = SeededGenerator(seed: 1)
    let folds = try stratifiedKFold(labels: labels, folds: 3, using: &rng)
    XCTAssertEqual(folds.count, 3)
    // The validation lists partition 0..<20; each training list is the complement.
    XCTAssertEqual(folds.flatMap(\.validation).sorted(), Array(0..<20))
    for fold in folds {
      XCTAssertEqual(Set(fold.train).union(fold.validation), Set(0..<20))
      XCTAssertTrue(Set(fold.train).isDisjoint(with: fold.validation))
      XCTAssertTrue([6, 7].contains(fold.validation.count))  // 20 / 3
      // Class c has floor(n_c / 3) or ceil(n_c / 3) members in every validation fold.
      for (c, n) in [(0, 10), (1, 7), (2, 3)] {
        let inFold = fold.validation.filter { labels[$0] == c }.count
        XCTAssertTrue((n / 3)...((n + 2) / 3) ~= inFold, "class \(c): \(inFold)")
      }
    }
  }

  func testSplitsAreDeterministicForASeed() throws {
    var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
    let first = try stratifiedKFold(labels: labels, folds: 4, using: &a)
    XCTAssertEqual(first, try stratifiedKFold(labels: labels, folds: 4, using: &b))
    XCTAssertNotEqual(first, try stratifiedKFold(labels: labels, folds: 4, using: &c))
    var d = SeededGenerator(seed: 5), e = SeededGenerator(seed: 5)
    XCTAssertEqual(
      try stratifiedSplit(labels: labels, validationFraction: 0.3, using: &d),
      try stratifiedSplit(labels: labels, validationFraction: 0.3, using: &e))
    var f = SeededGenerator(seed: 9), g = SeededGenerator(seed: 9)
    XCTAssertEqual(
      try minibatches(count: 20, batchSize: 6, using: &f), try minibatches(count: 20, batchSize: 6, using: &g))
  }

  func testBadFoldCountsAreRejected() {
    var rng = SeededGenerator(seed: 1)
    XCTAssertThrowsError(try stratifiedKFold(labels: labels, folds: 1, using: &rng))
    XCTAssertThrowsError(try stratifiedKFold(labels: labels, folds: 21, using: &rng))
    XCTAssertThrowsError(try stratifiedKFold(labels: [0, -1], folds: 2, using: &rng))
    XCTAssertThrowsError(try stratifiedSplit(labels: labels, validationFraction: 1, using: &rng))
    XCTAssertThrowsError(try minibatches(count: 5, batchSize: 0, using: &rng))
  }

  func testStratifiedSplitTakesTheRoundedFractionOfEveryClass() throws {
    var rng = SeededGenerator(seed: 2)
    let split = try stratifiedSplit(labels: labels, validationFraction: 0.3, using: &rng)
    // round(10 * 0.3) = 3, round(7 * 0.3) = 2, round(3 * 0.3) = 1.
    XCTAssertEqual([0, 1, 2].map { c in split.validation.filter { labels[$0] == c }.count }, [3, 2, 1])
    XCTAssertEqual(Set(split.train).union(split.validation), Set(0..<20))
    XCTAssertEqual(split.train.count + split.validation.count, 20)
  }

  func testMinibatchesCoverEveryIndexOnceAndKeepTheLastPartialBatchUnlessDropped() throws {
    var rng = SeededGenerator(seed: 3)
    let kept = try minibatches(count: 20, batchSize: 6, using: &rng)
    XCTAssertEqual(kept.map(\.count), [6, 6, 6, 2])  // Keras' policy: the partial batch is kept
    XCTAssertEqual(kept.flatMap { $0 }.sorted(), Array(0..<20))
    XCTAssertNotEqual(kept.flatMap { $0 }, Array(0..<20))  // shuffled, which matters for class-sorted files
    let dropped = try minibatches(count: 20, batchSize: 6, dropLast: true, using: &rng)
    XCTAssertEqual(dropped.map(\.count), [6, 6, 6])
    XCTAssertEqual(Set(dropped.flatMap { $0 }).count, 18)
    let ofIndices = try minibatches(of: [4, 8, 15, 16, 23], batchSize: 2, using: &rng)
    XCTAssertEqual(ofIndices.flatMap { $0 }.sorted(), [4, 8, 15, 16, 23])
  }

  func testConsecutiveBatchesKeepTheOrderAndTheirPositions() {
    let batches = consecutiveBatches(of: [9, 8, 7, 6, 5], batchSize: 2)
    XCTAssertEqual(batches.map(Array.init), [[9, 8], [7, 6], [5]])
    XCTAssertEqual(batches.map(\.startIndex), [0, 2, 4])
    XCTAssertEqual(consecutiveBatches(of: [9, 8, 7, 6, 5], batchSize: 2, dropLast: true).map(Array.init), [[9, 8], [7, 6]])
    XCTAssertEqual(consecutiveBatches(of: [1, 2], batchSize: 5).map(Array.init), [[1, 2]])
    XCTAssertTrue(consecutiveBatches(of: [], batchSize: 3).isEmpty)
  }

  func testForwardChainingSplitsNeverTrainOnTheFuture() throws {
    // scikit-learn's TimeSeriesSplit(n_splits=3, gap=2) on 20 samples: test size 20 // 4 = 5, test blocks start at
    // 5, 10, 15; training sets are [0, start - gap).
    let splits = try forwardChainingSplits(count: 20, folds: 3, gap: 2)
    XCTAssertEqual(splits.map(\.validation), [Array(5..<10), Array(10..<15), Array(15..<20)])
    XCTAssertEqual(splits.map(\.train), [Array(0..<3), Array(0..<8), Array(0..<13)])
    XCTAssertThrowsError(try forwardChainingSplits(count: 20, folds: 3, gap: 5))
    XCTAssertThrowsError(try forwardChainingSplits(count: 3, folds: 3))
  }
}
