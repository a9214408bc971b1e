import Foundation
import XCTest

@testable import Gnuplot
@testable import Notebook

final class NotebookTests: XCTestCase {
  /// A small lesson using every kind of cell; `chartName` lets a second run write a differently named chart.
  private func runLesson(
    in output: URL, rendering: NotebookSettings.Rendering, chartName: String = "curve", markKey: Bool = true
  ) throws -> Notebook {
    var book = try Notebook(
      lesson: "demo", title: "Demo lesson",
      settings: NotebookSettings(quick: true, output: output, rendering: rendering, styled: false))
    book.markdown("Some *narrative* with a formula: `y = x²`.")
    book.experiment("Squares", details: "x = 1...4")
    var table = Table("Squares", columns: [.init("x"), .init("x²", format: .fixed(decimals: 1)), .init("note", alignment: .left)])
    for x in 1...4 { table.append([.number(x), .number(Double(x * x)), x == 4 ? "a | pipe" : "ok"]) }
    try book.table(table)
    var chart = Chart(title: "Squares", x: Axis("x"), y: Axis("x² (units²)"))
    chart.add(Series("x²", x: [1, 2, 3, 4], y: [1, 4, 9, 16]))
    try book.chart(Figure(name: chartName, chart: chart, width: 400, height: 300), caption: "The first chart")
    let grid = Heatmap(
      title: "Grid", x: Axis("a"), y: Axis("b"), columns: ["1", "2"], rows: ["1"], values: [[1.0, 2.0]],
      colorLabel: "a·b")
    try book.chart(Figure(name: "grid", heatmap: grid, width: 400, height: 300), caption: "The grid", isKey: markKey)
    book.finding("The first finding: 16 at x = 4.", isKey: markKey)
    book.finding("The last finding.")
    try book.finish()
    return book
  }

  func testTheReportEmbedsTheChartsAndEveryLinkPointsAtAFile() throws {
    try requireGnuplot()
    let output = try makeTemporaryDirectory(self)
    let book = try runLesson(in: output, rendering: .gnuplotOnPath)
    let readme = book.directory.appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    XCTAssertEqual(try brokenLinks(in: readme), [])
    XCTAssertTrue(text.contains("![The first chart](curve.png)"), text)
    XCTAssertTrue(text.contains("[SVG](curve.svg)") && text.contains("[data](curve.dat)"), text)
    XCTAssertTrue(text.contains("## Experiment: Squares\n\n```\nx = 1...4\n```"), text)
    XCTAssertTrue(text.contains("|    x |   x² | note      |\n| ---: | ---: | :-------- |\n|    1 |  1.0 | ok        |"), text)
    XCTAssertTrue(text.contains("|    4 | 16.0 | a \\| pipe |"), "a pipe in a cell is escaped")
    XCTAssertTrue(text.contains("> **Finding.** The first finding: 16 at x = 4."))
    XCTAssertTrue(text.contains("**Quick run:**"))
    XCTAssertFalse(text.contains("Charts not drawn"))
    XCTAssertGreaterThanOrEqual(markdownLinks(text).count, 8)
  }

  func testTheSummaryRecordsTheKeyChartTheKeyFindingAndEveryFileWritten() throws {
    try requireGnuplot()
    let output = try makeTemporaryDirectory(self)
    let book = try runLesson(in: output, rendering: .gnuplotOnPath)
    let summary = try LessonSummary.read(from: book.directory)
    XCTAssertEqual(summary.lesson, "demo")
    XCTAssertEqual(summary.keyChart, "grid.png")
    XCTAssertEqual(summary.keyChartCaption, "The grid")
    XCTAssertEqual(summary.keyFinding, "The first finding: 16 at x = 4.")
    XCTAssertTrue(summary.quick)
    XCTAssertTrue(summary.rendered)
    let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: book.directory.path))
    XCTAssertEqual(Set(summary.files + [LessonSummary.fileName]), onDisk, "no temporary files are left behind")
  }

  func testAHeadlineComesFirstInTheReportAndIsTheKeyFinding() throws {
    let output = try makeTemporaryDirectory(self)
    var book = try Notebook(
      lesson: "demo", title: "Demo lesson",
      settings: NotebookSettings(quick: true, output: output, rendering: .none, styled: false))
    book.markdown("The narrative.")
    book.finding("A finding.", isKey: true)
    book.headline("A first draft of the answer.")
    book.headline("The answer: 42, computed last.")
    let readme = try book.finish()
    let text = try String(contentsOf: readme, encoding: .utf8)
    let headline = try XCTUnwrap(text.range(of: "> **Finding.** The answer: 42, computed last."))
    let narrative = try XCTUnwrap(text.range(of: "The narrative."))
    XCTAssertLessThan(headline.lowerBound, narrative.lowerBound, "the headline is above every other cell")
    XCTAssertFalse(text.contains("first draft"), "a second headline replaces the first")
    XCTAssertEqual(try LessonSummary.read(from: book.directory).keyFinding, "The answer: 42, computed last.")
  }

  func testWithoutMarksTheFirstChartAndTheLastFindingAreKey() throws {
    try requireGnuplot()
    let output = try makeTemporaryDirectory(self)
    let book = try runLesson(in: output, rendering: .gnuplotOnPath, markKey: false)
    let summary = try LessonSummary.read(from: book.directory)
    XCTAssertEqual(summary.keyChart, "curve.png")
    XCTAssertEqual(summary.keyFinding, "The last finding.")
  }

  func testWithoutGnuplotTheLessonWritesScriptsAndAReportWithoutBrokenLinks() throws {
    let output = try makeTemporaryDirectory(self)
    let book = try runLesson(in: output, rendering: .gnuplot(path: "/nonexistent/gnuplot"))
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: book.directory.path))
    XCTAssertEqual(files, ["curve.gp", "curve.dat", "grid.gp", "grid.dat", "README.md", "summary.json"])
    let readme = book.directory.appendingPathComponent("README.md")
    XCTAssertEqual(try brokenLinks(in: readme), [])
    let text = try String(contentsOf: readme, encoding: .utf8)
    XCTAssertTrue(text.contains("**Charts not drawn:**"), text)
    XCTAssertTrue(text.contains("not drawn (gnuplot was not available); run `gnuplot curve.gp` in this folder"), text)
    let summary = try LessonSummary.read(from: book.directory)
    XCTAssertFalse(summary.rendered)
    XCTAssertNil(summary.keyChart, "no picture to show in the index")
    XCTAssertEqual(summary.keyFinding, "The first finding: 16 at x = 4.")
  }

  func testTheNoticeWithoutGnuplotIsOneLineNamingTheFixes() {
    let folder = URL(fileURLWithPath: "/tmp/out/demo")
    let missing = NotebookSettings(rendering: .gnuplot(path: "/nonexistent/gnuplot")).gnuplot(directory: folder)
    XCTAssertNil(missing.0)
    let notice = try? XCTUnwrap(missing.notice)
    XCTAssertEqual(notice?.contains("\n"), false)
    XCTAssertEqual(notice?.contains("/nonexistent/gnuplot"), true)
    XCTAssertEqual(notice?.contains("apt-get install gnuplot-nox"), true)
    XCTAssertEqual(notice?.contains("brew install gnuplot"), true)
    XCTAssertEqual(notice?.contains("/tmp/out/demo"), true)
    let skipped = NotebookSettings(rendering: .none).gnuplot(directory: folder)
    XCTAssertEqual(skipped.notice?.contains("--no-render"), true)
  }

  func testARerunRemovesOnlyTheFilesThePreviousRunWrote() throws {
    let output = try makeTemporaryDirectory(self)
    let first = try runLesson(in: output, rendering: .none, chartName: "old-name")
    let unrelated = first.directory.appendingPathComponent("notes.txt")
    try Data("mine".utf8).write(to: unrelated)
    _ = try runLesson(in: output, rendering: .none, chartName: "new-name")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: first.directory.path))
    XCTAssertFalse(files.contains("old-name.gp"), "the renamed chart's old files are gone")
    XCTAssertTrue(files.contains("new-name.gp"))
    XCTAssertTrue(files.contains("notes.txt"), "a file the lesson did not write stays")
  }

  func testBadTablesAndLessonNamesAreRejected() throws {
    let output = try makeTemporaryDirectory(self)
    XCTAssertThrowsError(
      try Notebook(lesson: "../escape", title: "t", settings: NotebookSettings(output: output, rendering: .none, styled: false)))
    var book = try Notebook(lesson: "ok", title: "t", settings: NotebookSettings(output: output, rendering: .none, styled: false))
    var table = Table("Short row", headers: ["a", "b"])
    table.append([1])
    XCTAssertThrowsError(try book.table(table)) { error in
      XCTAssertEqual(error as? NotebookError, .tableShape(table: "Short row", row: 0, cells: 1, columns: 2))
      XCTAssertTrue("\(error)".contains("row 1 has 1 cells but the table has 2 columns"))
    }
  }

  func testConsoleStylesOnlyWhenAskedOrOnATerminal() {
    XCTAssertEqual(Console(styled: false).style("x", .bold), "x")
    XCTAssertEqual(Console(styled: true).style("x", .bold), "\u{1B}[1mx\u{1B}[0m")
    // Under `swift test` stdout is not a terminal unless run by hand; NO_COLOR always wins.
    XCTAssertFalse(Console(environment: ["NO_COLOR": "1"]).styled)
    XCTAssertFalse(Console(environment: ["TERM": "dumb"]).styled)
  }
}
