import Foundation
import LabMath
import XCTest

@testable import Training

/// A counter the cells' closures share across worker threads.
private final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  /// Adds one and returns the new count.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}

private struct Interrupted: Error {}

/// Stand-in for training: a result that depends on the cell's values and on its own random stream only.
@Sendable private func work(_ cell: SweepCell) throws -> [String: Double] {
  var rng = cell.generator(seed: 42)
  let t = try cell.double("T"), b = try cell.double("B")
  var sum = 0.0
  for _ in 0..<Int(t) { sum += rng.normal(mean: 0.0, standardDeviation: 1.0) }
  return ["loss": sum / t + 1 / b, "draw": rng.nextUnitDouble()]
}

final class SweepRunnerTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

  private func grid() throws -> SweepGrid { try SweepGrid(spec: "T=5,20,100 B=4..32*2 seed=1,2") }

  private func runner(_ name: String, workers: Int = 2, shard: SweepShard = .all) throws -> SweepRunner {
    try SweepRunner(grid: grid(), metrics: ["loss", "draw"], resultsFile: file(name), workers: workers, shard: shard)
  }

  private func bytes(_ name: String) throws -> Data { try Data(contentsOf: file(name)) }

  func testAFullRunWritesEveryCellOnceInCanonicalOrderWithTheHeader() throws {
    let report = try runner("full.csv").run(work)
    XCTAssertEqual(report.ran, 24)
    XCTAssertEqual(report.remaining, 0)
    let text = String(decoding: try bytes("full.csv"), as: UTF8.self)
    let lines = text.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "T,B,seed,cell,loss,draw")
    XCTAssertEqual(lines.count, 25)
    XCTAssertEqual(lines[1].prefix(19), "5,4,1,T=5 B=4 seed=")
    XCTAssertTrue(lines.last!.hasPrefix("100,32,2,T=100 B=32 seed=2,"), "numbers sort by value: \(lines.last!)")
    // Each row holds exactly what the work returns for its cell (recomputed independently here).
    for cell in try grid().cells {
      let row = try XCTUnwrap(report.results[cellID: cell.id])
      let expected = try work(cell)
      XCTAssertEqual(row.metric("loss"), expected["loss"])
      XCTAssertEqual(row.metric("draw"), expected["draw"])
      XCTAssertEqual(row.value("B"), cell["B"])
    }
  }

  func testOneWorkerAndTwoWorkersWriteIdenticalFiles() throws {
    try runner("one.csv", workers: 1).run(work)
    try runner("two.csv", workers: 2).run(work)
    try runner("five.csv", workers: 5).run(work)
    XCTAssertEqual(try bytes("one.csv"), try bytes("two.csv"))
    XCTAssertEqual(try bytes("one.csv"), try bytes("five.csv"))
  }

  func testASweepThatFailsPartWayResumesWithoutRecomputingAndEndsIdentical() throws {
    try runner("reference.csv").run(work)

    let calls = CallCounter()
    XCTAssertThrowsError(
      try runner("resumed.csv").run { cell in
        if calls.increment() == 9 { throw Interrupted() }  // the ninth cell to start "crashes"
        return try work(cell)
      }
    ) { error in
      guard case SweepError.cellFailed = error else { return XCTFail("unexpected \(error)") }
      XCTAssertTrue("\(error)".contains("resume"), "\(error)")
    }
    let saved = try SweepResults.read(from: file("resumed.csv")).rows.count
    XCTAssertGreaterThanOrEqual(saved, 8, "the eight cells whose work started before the failure finish and are saved")
    XCTAssertLessThan(saved, 24)

    let resumedCalls = CallCounter()
    let report = try runner("resumed.csv").run { cell in
      _ = resumedCalls.increment()
      return try work(cell)
    }
    XCTAssertEqual(report.alreadyDone, saved)
    XCTAssertEqual(resumedCalls.count, 24 - saved, "finished cells are not computed again")
    XCTAssertEqual(try bytes("resumed.csv"), try bytes("reference.csv"))
  }

  func testACellLimitStopsEarlyAndLaterRunsFinishTheSameFile() throws {
    try runner("reference.csv").run(work)
    var ran: [Int] = []
    var report = try runner("limited.csv").run(limit: 10, work)
    ran.append(report.ran)
    XCTAssertEqual(report.remaining, 14)
    report = try runner("limited.csv", workers: 1).run(limit: 10, work)
    ran.append(report.ran)
    report = try runner("limited.csv", workers: 3).run(limit: 10, work)
    ran.append(report.ran)
    XCTAssertEqual(ran, [10, 10, 4])
    XCTAssertEqual(report.remaining, 0)
    XCTAssertEqual(try runner("limited.csv").status().pending.count, 0)
    XCTAssertEqual(try bytes("limited.csv"), try bytes("reference.csv"))
  }

  func testATornLastLineIsIgnoredByReadersAndCutBeforeResuming() throws {
    try runner("reference.csv").run(work)
    try runner("torn.csv").run(limit: 5, work)
    // A crash in the middle of a write leaves part of a line and no newline.
    let handle = try FileHandle(forWritingTo: file("torn.csv"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("100,32,2,T=100 B=32 se".utf8))
    try handle.close()

    XCTAssertEqual(try SweepResults.read(from: file("torn.csv")).rows.count, 5)
    XCTAssertEqual(try runner("torn.csv").status().finished.count, 5)
    let report = try runner("torn.csv").run(work)
    XCTAssertEqual(report.ran, 19)
    XCTAssertEqual(try bytes("torn.csv"), try bytes("reference.csv"))
  }

  func testATornHeaderStartsTheFileAfresh() throws {
    try runner("reference.csv").run(work)
    try Data("T,B,se".utf8).write(to: file("header.csv"))
    try runner("header.csv").run(work)
    XCTAssertEqual(try bytes("header.csv"), try bytes("reference.csv"))
  }

  func testShardsMergedEqualASingleRun() throws {
    try runner("single.csv").run(work)
    var shardFiles: [URL] = []
    for i in 1...3 {
      let shard = try SweepShard(index: i, count: 3)
      let report = try runner("shard-\(i).csv", workers: 1, shard: shard).run(work)
      XCTAssertEqual(report.shardCells, 8)
      XCTAssertTrue(report.results.rows.allSatisfy { row in shard.cells(of: try! grid()).contains { $0.id == row.cellID } })
      shardFiles.append(file("shard-\(i).csv"))
    }
    let summary = try SweepResults.merge(shardFiles.reversed(), into: file("merged.csv"))
    XCTAssertEqual(summary.rowsRead, 24)
    XCTAssertEqual(summary.duplicatesDropped, 0)
    XCTAssertEqual(summary.results.missingCells(of: try grid()), [])
    XCTAssertEqual(try bytes("merged.csv"), try bytes("single.csv"))
  }

  func testMergingOverlappingFilesKeepsEachCellOnceAndFlagsDisagreements() throws {
    try runner("single.csv").run(work)
    try runner("part.csv").run(limit: 7, work)
    // A copy of the part whose first row disagrees (as if computed by another program version).
    var text = String(decoding: try bytes("part.csv"), as: UTF8.self).split(separator: "\n").map(String.init)
    var fields = text[1].split(separator: ",").map(String.init)
    fields[fields.count - 1] = "0.5"
    text[1] = fields.joined(separator: ",")
    try Data((text.joined(separator: "\n") + "\n").utf8).write(to: file("other.csv"))

    // By default a disagreement in a result (not a time) refuses the merge and writes nothing.
    XCTAssertThrowsError(try SweepResults.merge([file("single.csv"), file("part.csv"), file("other.csv")], into: file("m.csv"))) { error in
      guard case SweepError.conflictingResults(let cells, _) = error else { return XCTFail("unexpected \(error)") }
      XCTAssertEqual(cells, [fields[3]])
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: file("m.csv").path))
    let summary = try SweepResults.merge(
      [file("single.csv"), file("part.csv"), file("other.csv")], into: file("m.csv"), refusingConflicts: false)
    XCTAssertEqual(summary.rowsRead, 38)
    XCTAssertEqual(summary.duplicatesDropped, 14)
    XCTAssertEqual(summary.conflictingCells, [fields[3]])
    XCTAssertEqual(try bytes("m.csv"), try bytes("single.csv"), "the first file's rows win")
  }

  func testRowsDifferingOnlyInTimesAreNotedNotRefused() throws {
    let timed = try SweepRunner(grid: SweepGrid(spec: "T=5,6"), metrics: ["loss", "seconds"], resultsFile: file("t1.csv"))
    try timed.run { _ in ["loss": 1, "seconds": 0.25] }
    let again = try SweepRunner(grid: SweepGrid(spec: "T=5,6"), metrics: ["loss", "seconds"], resultsFile: file("t2.csv"))
    try again.run { _ in ["loss": 1, "seconds": 0.5] }
    let summary = try SweepResults.merge([file("t1.csv"), file("t2.csv")], into: file("t.csv"))
    XCTAssertEqual(summary.conflictingCells, [])
    XCTAssertEqual(summary.timingOnlyCells.count, 2)
    XCTAssertTrue(SweepResults.isTimingMetric("seconds") && SweepResults.isTimingMetric("epoch_seconds"))
    XCTAssertFalse(SweepResults.isTimingMetric("val_loss"))
  }

  func testMergeMissingCellsListsWhatNoShardHasYet() throws {
    try runner("s1.csv", shard: try SweepShard(index: 1, count: 2)).run(work)
    let summary = try SweepResults.merge([file("s1.csv")])
    XCTAssertEqual(summary.results.missingCells(of: try grid()).map(\.index), Array(stride(from: 1, to: 24, by: 2)))
  }

  func testMergeRejectsFilesOfDifferentSweeps() throws {
    try runner("a.csv").run(limit: 2, work)
    let other = try SweepRunner(grid: SweepGrid(spec: "T=5 B=4"), metrics: ["loss"], resultsFile: file("b.csv"))
    try other.run { _ in ["loss": 1] }
    XCTAssertThrowsError(try SweepResults.merge([file("a.csv"), file("b.csv")])) { error in
      guard case SweepError.inconsistentHeaders = error else { return XCTFail("unexpected \(error)") }
      XCTAssertTrue("\(error)".contains("b.csv:1: header 'T,B,cell,loss'"), "\(error)")
    }
  }

  func testAResultsFileOfAnotherSweepIsRejectedNamingBothHeaders() throws {
    try runner("results.csv").run(limit: 3, work)
    let before = try bytes("results.csv")
    let other = try SweepRunner(grid: grid(), metrics: ["loss"], resultsFile: file("results.csv"))
    XCTAssertThrowsError(try other.run { _ in ["loss": 0] }) { error in
      guard case let SweepError.headerMismatch(path, expected, found) = error else { return XCTFail("unexpected \(error)") }
      XCTAssertEqual(expected, "T,B,seed,cell,loss")
      XCTAssertEqual(found, "T,B,seed,cell,loss,draw")
      XCTAssertTrue("\(error)".hasPrefix("\(path):1: "), "\(error)")
    }
    XCTAssertEqual(try bytes("results.csv"), before, "a rejected file is left untouched")
  }

  func testAMalformedLineIsReportedWithItsFileAndLine() throws {
    try runner("bad.csv").run(limit: 3, work)
    var lines = String(decoding: try bytes("bad.csv"), as: UTF8.self).split(separator: "\n").map(String.init)
    let good = lines[2]
    for (broken, says) in [
      ("5,4,1,T=5 B=4 seed=1,0.1", "5 fields where the header has 6"),
      ("5,4,1,T=5 B=8 seed=1,0.1,0.2", "does not match its axis values"),
      ("5,4,1,T=5 B=4 seed=1,abc,0.2", "metric 'loss' has value 'abc'"),
    ] {
      lines[2] = broken
      try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file("bad.csv"))
      XCTAssertThrowsError(try runner("bad.csv").run(work)) { error in
        XCTAssertTrue("\(error)".hasPrefix(file("bad.csv").path + ":3: malformed sweep results"), "\(error)")
        XCTAssertTrue("\(error)".contains(says), "\(error)")
      }
    }
    lines[2] = good
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file("bad.csv"))
    XCTAssertNoThrow(try runner("bad.csv").run(work))
  }

  func testWorkReturningOtherMetricsFailsNamingTheCell() throws {
    XCTAssertThrowsError(try runner("m.csv", workers: 1).run { _ in ["loss": 1] }) { error in
      guard case let SweepError.metricsMismatch(cell, expected, returned) = error else {
        return XCTFail("unexpected \(error)")
      }
      XCTAssertEqual(cell, "T=5 B=4 seed=1")
      XCTAssertEqual(expected, ["loss", "draw"])
      XCTAssertEqual(returned, ["loss"])
    }
    XCTAssertEqual(try SweepResults.read(from: file("m.csv")).rows.count, 0)
  }

  func testInvalidMetricNamesAreRejected() throws {
    for metrics in [[], ["T"], ["cell"], ["loss", "loss"], ["bad name"]] {
      XCTAssertThrowsError(try SweepRunner(grid: grid(), metrics: metrics, resultsFile: file("x.csv")), "\(metrics)")
    }
    XCTAssertThrowsError(try SweepRunner(grid: grid(), metrics: ["loss"], resultsFile: file("x.csv"), workers: 0))
  }

  func testProgressCountsEveryFinishedCellIncludingEarlierRuns() throws {
    try runner("p.csv").run(limit: 4, work)
    let seen = CallCounter()
    let finished = SweepProgressLog()
    try runner("p.csv").run(progress: { p in
      _ = seen.increment()
      finished.append(p.finished, total: p.total)
    }, work)
    XCTAssertEqual(seen.count, 20)
    XCTAssertEqual(finished.values, Array(5...24))
    XCTAssertEqual(finished.totals, Set([24]))
  }
}

/// Collects progress reports (the runner serialises its calls; the lock keeps the test honest anyway).
private final class SweepProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [Int] = []
  private(set) var totals: Set<Int> = []
  func append(_ value: Int, total: Int) {
    lock.lock()
    values.append(value)
    totals.insert(total)
    lock.unlock()
  }
}
