import LabMath
import XCTest

@testable import Training

final class SweepGridTests: XCTestCase {
  func testStableHashMatchesPublishedFNV1aVectors() {
    // Test vectors of the reference FNV-1a 64-bit implementation (Noll's test suite).
    XCTAssertEqual(sweepStableHash(""), 0xCBF2_9CE4_8422_2325)
    XCTAssertEqual(sweepStableHash("a"), 0xAF63_DC4C_8601_EC8C)
    XCTAssertEqual(sweepStableHash("foobar"), 0x8594_4171_F739_67E8)
  }

  func testCellsRunThroughAxesLikeNestedLoopsWithTheFirstSlowest() throws {
    let grid = try SweepGrid([SweepAxis("T", [20, 50]), SweepAxis("B", [8, 16, 32])])
    XCTAssertEqual(grid.count, 6)
    XCTAssertEqual(
      grid.cells.map(\.id), ["T=20 B=8", "T=20 B=16", "T=20 B=32", "T=50 B=8", "T=50 B=16", "T=50 B=32"])
    XCTAssertEqual(grid.cells.map(\.index), Array(0..<6))
    let cell = grid.cell(at: 4)
    XCTAssertEqual(try cell.int("T"), 50)
    XCTAssertEqual(try cell.int("B"), 16)
    XCTAssertEqual(cell["B"], "16")
    XCTAssertNil(cell["lr"])
  }

  func testCellIDDependsOnlyOnItsValuesSoAGrownGridKeepsOldIDsAndStreams() throws {
    let small = try SweepGrid([SweepAxis("T", [20, 50]), SweepAxis("seed", [1])])
    let grown = try SweepGrid([SweepAxis("T", [10, 20, 50, 100]), SweepAxis("seed", [1, 2])])
    for cell in small.cells {
      let same = try XCTUnwrap(grown.cells.first { $0.id == cell.id })
      XCTAssertNotEqual(same.index, cell.index)
      var a = cell.generator(seed: 7), b = same.generator(seed: 7)
      XCTAssertEqual((0..<4).map { _ in a.next() }, (0..<4).map { _ in b.next() })
    }
    var first = grown.cell(at: 0).generator(), second = grown.cell(at: 1).generator()
    XCTAssertNotEqual(first.next(), second.next(), "different cells must draw different streams")
  }

  func testTypedAccessorsRejectMissingAxesAndWrongTypes() throws {
    let cell = try SweepGrid(spec: "lr=1e-3 opt=adam").cell(at: 0)
    XCTAssertEqual(try cell.double("lr"), 0.001)
    XCTAssertEqual(try cell.string("opt"), "adam")
    XCTAssertThrowsError(try cell.int("lr")) { error in
      XCTAssertTrue("\(error)".contains("'1e-3' is not a whole number"), "\(error)")
    }
    XCTAssertThrowsError(try cell.double("opt"))
    XCTAssertThrowsError(try cell.int("T")) { error in
      XCTAssertTrue("\(error)".contains("no such axis"), "\(error)")
    }
  }

  func testInvalidGridsAreRejectedWithTheReason() {
    func reason(_ axes: [SweepAxis]) -> String {
      do {
        _ = try SweepGrid(axes)
        return "accepted"
      } catch { return "\(error)" }
    }
    XCTAssertTrue(reason([]).contains("at least one axis"))
    XCTAssertTrue(reason([SweepAxis("T", [Int]())]).contains("'T' has no values"))
    XCTAssertTrue(reason([SweepAxis("T", [1]), SweepAxis("T", [2])]).contains("appears twice"))
    XCTAssertTrue(reason([SweepAxis("T", [1, 1])]).contains("'1' twice"))
    XCTAssertTrue(reason([SweepAxis("cell", [1])]).contains("reserved"))
    XCTAssertTrue(reason([SweepAxis("2T", [1])]).contains("'2T' is not allowed"))
    XCTAssertTrue(reason([SweepAxis("opt", ["adam,sgd"])]).contains("'adam,sgd'"))
    XCTAssertTrue(reason([SweepAxis("opt", ["a b"])]).contains("'a b'"))
    XCTAssertTrue(reason([SweepAxis("a", Array(0..<10_000)), SweepAxis("b", Array(0..<10_000))]).contains("more than"))
  }

  func testShardsPartitionTheGridInBalancedShares() throws {
    let grid = try SweepGrid(spec: "T=1..7 B=1,2")
    let shards = try (1...3).map { try SweepShard(index: $0, count: 3) }
    let parts = shards.map { $0.cells(of: grid).map(\.index) }
    XCTAssertEqual(parts.flatMap { $0 }.sorted(), Array(0..<14), "every cell exactly once")
    XCTAssertEqual(parts.map(\.count), [5, 5, 4])
    for (shard, part) in zip(shards, parts) {
      XCTAssertTrue(part.allSatisfy { shard.contains(grid.cell(at: $0)) })
    }
    XCTAssertEqual(SweepShard.all.cells(of: grid).count, 14)
  }

  func testShardTextParsesOneBasedAndRejectsTheRest() throws {
    XCTAssertEqual(try SweepShard(parsing: "2/8"), try SweepShard(index: 2, count: 8))
    for bad in ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/2", ""] {
      XCTAssertThrowsError(try SweepShard(parsing: bad), bad) { error in
        XCTAssertTrue("\(error)".contains("'\(bad)'"), "\(error)")
      }
    }
  }
}
