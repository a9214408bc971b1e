import Foundation
import XCTest

@testable import LSTMLab

/// The lesson scaffolding: tiers, the code identity and the cached sweep.
final class NotebookSweepTests: XCTestCase {
  private func notebook(_ folder: URL, quick: Bool = false, full: Bool = false) throws -> Notebook {
    try Notebook(
      lesson: "sweepy", title: "t",
      settings: NotebookSettings(quick: quick, output: folder, rendering: .none, styled: false, full: full))
  }

  private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func testSizeResolvesOnceForEachTier() throws {
    let output = try folder()
    XCTAssertEqual(try notebook(output, quick: true).size(quick: 1, class: 2, full: 3), 1)
    XCTAssertEqual(try notebook(output).size(quick: 1, class: 2, full: 3), 2)
    XCTAssertEqual(try notebook(output, full: true).size(quick: 1, class: 2, full: 3), 3)
    XCTAssertEqual(try notebook(output, quick: true, full: true).tier, .quick, "--quick wins")
    XCTAssertEqual(LessonTier.classroom.description, "class")
  }

  /// FNV-1a test vectors (Fowler, Noll, Vo): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c,
  /// "foobar" -> 85944171f73967e8; a file hashes like its bytes.
  func testCodeIdentityIsTheFNV1aHashOfTheExecutable() throws {
    XCTAssertEqual(CodeIdentity.hex(CodeIdentity.hash(Array("".utf8))), "cbf29ce484222325")
    XCTAssertEqual(CodeIdentity.hex(CodeIdentity.hash(Array("a".utf8))), "af63dc4c8601ec8c")
    XCTAssertEqual(CodeIdentity.hex(CodeIdentity.hash(Array("foobar".utf8))), "85944171f73967e8")
    let file = try folder().appendingPathComponent("bytes")
    try Data("foobar".utf8).write(to: file)
    XCTAssertEqual(try CodeIdentity.fileHash(file), CodeIdentity.hash(Array("foobar".utf8)))
    XCTAssertEqual(CodeIdentity.current.count, 16, "this test process has a readable executable")
  }

  /// A second run with the same settings and code reuses every cell; other code or --fresh computes them again.
  func testSweepReusesCellsOnlyForTheSameSettingsAndCode() throws {
    let output = try folder()
    let grid = try SweepGrid([SweepAxis("x", [1, 2, 3])])
    let square: @Sendable (SweepCell) throws -> [String: Double] = { cell in
      let x = try cell.int("x")
      return ["square": Double(x * x)]
    }
    var book = try notebook(output)
    let first = try book.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", workers: 2, code: "v1", square)
    XCTAssertEqual([first.reused, first.ran, first.remaining], [0, 3, 0])
    XCTAssertEqual(first.results.rows.compactMap { $0.metric("square") }.sorted(), [1, 4, 9])
    let again = try book.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", code: "v1", square)
    XCTAssertEqual([again.reused, again.ran], [3, 0])
    XCTAssertEqual(again.file, first.file)
    let edited = try book.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", code: "v2", square)
    XCTAssertEqual([edited.reused, edited.ran], [0, 3])
    XCTAssertNotEqual(edited.file, first.file)
    let otherSettings = try book.sweep("squares", grid: grid, metrics: ["square"], settings: "a=2", code: "v1", square)
    XCTAssertEqual(otherSettings.ran, 3)
    let fresh = try book.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", fresh: true, code: "v1", square)
    XCTAssertEqual([fresh.reused, fresh.ran], [0, 3])
    let shard = try book.sweep(
      "squares", grid: grid, metrics: ["square"], settings: "a=1", shard: try SweepShard(index: 1, count: 2), code: "v1",
      square)
    XCTAssertTrue(shard.file.lastPathComponent.hasSuffix(".shard-1-of-2.csv"))
    XCTAssertTrue((1...2).contains(shard.ran + shard.reused), "one share of three cells")
    let sentences = book.cells.compactMap { cell -> String? in
      if case .markdown(let text) = cell { return text } else { return nil }
    }
    XCTAssertTrue(sentences.contains { $0.contains("reused 3 from an earlier run") }, "\(sentences)")
  }

  /// A run that resumed its sweep ran only the missing cells, so its time is not the lesson's: the summary keeps how
  /// many cells were reused, and the report's first line, the console and the course index's time say so. A run that
  /// computed every cell says nothing of the kind.
  func testAResumedRunSaysItsTimeLeavesOutTheReusedCells() throws {
    let output = try folder()
    let grid = try SweepGrid([SweepAxis("x", [1, 2, 3, 4])])
    let square: @Sendable (SweepCell) throws -> [String: Double] = { cell in ["square": Double(try cell.int("x") * cell.int("x"))] }
    var first = try notebook(output)
    _ = try first.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", workers: 1, code: "v1", square)
    try first.finish()
    let computed = try LessonSummary.read(from: first.directory)
    XCTAssertEqual(computed.sweepCells, .init(total: 4, reused: 0))
    XCTAssertNil(computed.sweepCells?.resumedText)
    let firstReport = try String(contentsOf: first.directory.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertFalse(firstReport.contains("resumed"), firstReport)

    // Two sweeps in the second run: the same one (all 4 reused) and a new one (2 computed).
    var second = try notebook(output)
    _ = try second.sweep("squares", grid: grid, metrics: ["square"], settings: "a=1", workers: 1, code: "v1", square)
    let small = try SweepGrid([SweepAxis("x", [5, 6])])
    _ = try second.sweep("more", grid: small, metrics: ["square"], settings: "a=1", workers: 1, code: "v1", square)
    try second.finish()
    let resumed = try LessonSummary.read(from: second.directory)
    XCTAssertEqual(resumed.sweepCells, .init(total: 6, reused: 4))
    XCTAssertEqual(resumed.sweepCells?.resumedText, "resumed: 4 of 6 sweep cells from an earlier run")
    let report = try String(contentsOf: second.directory.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertTrue(
      report.contains("(resumed: 4 of 6 sweep cells from an earlier run, whose time is not in this figure)"), report)
    let index = CourseIndex.text(
      [CourseEntry(lesson: "sweepy", status: 0, seconds: 0.4, summary: resumed)], output: output, quick: false,
      command: "lstmlab course")
    XCTAssertTrue(index.contains("0.4 s (resumed: 4 of 6 sweep cells from an earlier run)"), index)

    // A summary written before the count was kept still reads, and its time carries no remark.
    let old = try JSONSerialization.jsonObject(with: Data(try resumed.json().utf8)) as! [String: Any]
    let withoutCount = try JSONSerialization.data(withJSONObject: old.filter { $0.key != "sweepCells" })
    let decoded = try JSONDecoder().decode(LessonSummary.self, from: withoutCount)
    XCTAssertNil(decoded.sweepCells)
  }

  /// A sharded round: neither share alone completes the grid; merged into the unsharded file, the sweep is complete
  /// and running it reuses every cell (how optimal-batch tells a merged round from one still to share).
  func testShardsMergedCompleteTheSweep() throws {
    let output = try folder()
    let grid = try SweepGrid([SweepAxis("x", [1, 2, 3, 4, 5])])
    let square: @Sendable (SweepCell) throws -> [String: Double] = { cell in ["square": Double(try cell.int("x") * cell.int("x"))] }
    var book = try notebook(output)
    XCTAssertFalse(book.sweepIsComplete("round", grid: grid, metrics: ["square"], settings: "s", code: "v1"))
    var files: [URL] = []
    for index in 1...2 {
      let share = try book.sweep(
        "round", grid: grid, metrics: ["square"], settings: "s", shard: try SweepShard(index: index, count: 2), code: "v1", square)
      XCTAssertEqual(share.file, book.sweepFile("round", metrics: ["square"], settings: "s", shard: try SweepShard(index: index, count: 2), code: "v1"))
      files.append(share.file)
      XCTAssertFalse(book.sweepIsComplete("round", grid: grid, metrics: ["square"], settings: "s", code: "v1"), "a share is not the whole")
    }
    let merged = book.sweepFile("round", metrics: ["square"], settings: "s", code: "v1")
    try SweepResults.merge(files, into: merged)
    XCTAssertTrue(book.sweepIsComplete("round", grid: grid, metrics: ["square"], settings: "s", code: "v1"))
    XCTAssertFalse(book.sweepIsComplete("round", grid: grid, metrics: ["square"], settings: "s", code: "v2"), "another build")
    let again = try book.sweep("round", grid: grid, metrics: ["square"], settings: "s", code: "v1", square)
    XCTAssertEqual([again.reused, again.ran], [5, 0])
    XCTAssertEqual(again.results.rows.compactMap { $0.metric("square") }.sorted(), [1, 4, 9, 16, 25])
  }
}

/// A replicate's seeds and cache: the notebook sets the process-wide replicate, and a sweep under another replicate
/// never reuses the rows of the first.
final class NotebookReplicateTests: XCTestCase {
  private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("replicate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  private func notebook(_ folder: URL, replicate: Int) throws -> Notebook {
    try Notebook(
      lesson: "replicated", title: "t",
      settings: NotebookSettings(output: folder, rendering: .none, styled: false, replicate: replicate))
  }

  func testTheNotebookShiftsEverySeedOfItsProcessAndSaysSo() throws {
    defer { SeedReplicate.current = 0 }
    let output = try folder()
    var written = SeededGenerator(seed: 7)
    let asWritten = written.next()
    var book = try notebook(output, replicate: 3)
    XCTAssertEqual(SeedReplicate.current, 3)
    var shifted = SeededGenerator(seed: 7), expected = SeededGenerator(seed: 7, replicate: 3)
    let value = shifted.next()
    XCTAssertEqual(value, expected.next())
    XCTAssertNotEqual(value, asWritten)
    book.finding("x", estimate: 1, lower: 0, upper: 2)
    try book.finish()
    let summary = try LessonSummary.read(from: output.appendingPathComponent("replicated"))
    XCTAssertEqual(summary.replicate, 3)
    XCTAssertEqual(summary.findings?.map(\.name), ["x"])
    let report = try String(contentsOf: output.appendingPathComponent("replicated/README.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("**Replicate 3:**") && report.contains("1.00 [0, 2.00]"), report)
    _ = try notebook(output, replicate: 0)
    XCTAssertEqual(SeedReplicate.current, 0, "a notebook on the seeds as written resets it")
  }

  func testEachReplicateKeysItsOwnSweepFile() throws {
    defer { SeedReplicate.current = 0 }
    XCTAssertEqual(
      Notebook.sweepKeyText(settings: "a=1", metrics: ["m"], code: "v1", replicate: 0), "a=1 metrics=m code=v1",
      "replicate 0 keeps the key it had before replicates existed")
    let output = try folder()
    let grid = try SweepGrid([SweepAxis("x", [1, 2])])
    let body: @Sendable (SweepCell) throws -> [String: Double] = { cell in ["y": Double(try cell.int("x"))] }
    var base = try notebook(output, replicate: 0)
    let first = try base.sweep("s", grid: grid, metrics: ["y"], settings: "a=1", code: "v1", body)
    var other = try notebook(output, replicate: 1)
    let second = try other.sweep("s", grid: grid, metrics: ["y"], settings: "a=1", code: "v1", body)
    XCTAssertNotEqual(first.file, second.file)
    XCTAssertEqual([second.reused, second.ran], [0, 2])
  }
}
