import Foundation
import XCTest

@testable import Gnuplot
import LabText

final class FigureTests: XCTestCase {
  private func lossChart() -> Chart {
    var chart = Chart(title: "Loss of \"two\" runs", x: Axis("epoch"), y: Axis("loss (nats)", scale: .log()))
    chart.add(Series("T = 16", x: [1, 2, 3, 4], y: [1.0, 0.5, 0.25, 0.125]))
    chart.add(Series("T = 64", x: [1, 2, 3, 4], y: [1.2, 0.9, 0.7, 0.6], errors: [0.1, 0.1, 0.05, 0.05]))
    chart.addReference(y: 0.693, title: "chance (ln 2)")
    return chart
  }

  private func grid() -> Heatmap {
    Heatmap(
      title: "Accuracy", x: Axis("sequence length T"), y: Axis("batch size B"),
      columns: ["16", "64", "256"], rows: ["8", "32"],
      values: [[0.91, 0.88, 0.62], [0.93, Double.nan, 0.55]], colorLabel: "accuracy")
  }

  func testAFigureRendersToAPNGOfTheAskedSizeAndAnSVG() throws {
    let renderer = FigureRenderer(gnuplot: try gnuplotOrSkip())
    let folder = try makeTemporaryDirectory(self)
    let written = try renderer.write(Figure(name: "loss", chart: lossChart(), width: 640, height: 480), to: folder)
    XCTAssertTrue(written.isRendered)
    let png = try XCTUnwrap(written.png)
    let size = try pngSize(png)
    XCTAssertEqual(size.width, 640)
    XCTAssertEqual(size.height, 480)
    let svg = try String(contentsOf: try XCTUnwrap(written.svg), encoding: .utf8)
    XCTAssertTrue(svg.hasPrefix("<?xml"), String(svg.prefix(80)))
    XCTAssertTrue(svg.contains("<svg"))
    XCTAssertTrue(svg.contains("width=\"640\"") && svg.contains("height=\"480\""))
    XCTAssertTrue(svg.contains("T = 64"), "legend text is in the SVG")
    XCTAssertEqual(written.warnings, "")
  }

  func testTheWrittenScriptAndDataRedrawStandaloneInAnotherFolder() throws {
    let gnuplot = try gnuplotOrSkip()
    let first = try makeTemporaryDirectory(self)
    let figure = Figure(
      name: "two-panels", title: "A chart and a heatmap", panels: [.chart(lossChart()), .heatmap(grid())],
      columns: 2, width: 1000, height: 400)
    try FigureRenderer(gnuplot: nil).write(figure, to: first)
    // Copy only the .gp and .dat elsewhere and run plain `gnuplot two-panels.gp` there, as a student would.
    let second = try makeTemporaryDirectory(self)
    for file in ["two-panels.gp", "two-panels.dat"] {
      try FileManager.default.copyItem(at: first.appendingPathComponent(file), to: second.appendingPathComponent(file))
    }
    let result = try runProcess(gnuplot.executable, ["two-panels.gp"], in: second)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stderr, "")
    let size = try pngSize(second.appendingPathComponent("two-panels.png"))
    XCTAssertEqual(size.width, 1000)
    XCTAssertEqual(size.height, 400)
    XCTAssertTrue(FileManager.default.fileExists(atPath: second.appendingPathComponent("two-panels.svg").path))
  }

  func testWithoutGnuplotTheScriptAndDataAreWrittenAndNothingIsDrawn() throws {
    XCTAssertThrowsError(try Gnuplot(path: "/nonexistent/gnuplot"))
    let folder = try makeTemporaryDirectory(self)
    let written = try FigureRenderer(gnuplot: nil).write(Figure(name: "loss", chart: lossChart()), to: folder)
    XCTAssertFalse(written.isRendered)
    XCTAssertNil(written.svg)
    XCTAssertNil(try FigureRenderer(gnuplot: nil).preview(written))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(files, ["loss.dat", "loss.gp"])
    let script = try String(contentsOf: written.script, encoding: .utf8)
    XCTAssertTrue(script.contains("\"loss.dat\" index 0 using 1:2 "), script)
    XCTAssertTrue(script.contains("\"loss.dat\" index 1 using 1:2:3:4 with yerrorlines"), script)
    XCTAssertTrue(script.contains(#"set title "Loss of \"two\" runs""#), script)
    let notice = GnuplotError.notRenderedNotice(directory: folder.path)
    XCTAssertFalse(notice.contains("\n"), "one line")
    XCTAssertTrue(notice.contains("apt-get install gnuplot-nox") && notice.contains("brew install gnuplot"))
  }

  func testSeriesDataIsOneBlockPerSeriesWithNonFiniteValuesMissing() throws {
    var chart = Chart(title: "t", x: Axis("step"), y: Axis("gradient norm"))
    chart.add(Series("stable", x: [1, 2], y: [0.5, 0.25]))
    chart.add(Series("exploding", x: [1, 2, 3], y: [10, .infinity, .nan], errors: [1, 2, 3]))
    let text = try FigureScript(Figure(name: "g", chart: chart)).data
    XCTAssertEqual(
      dataBlocks(text),
      [["1.0 0.5", "2.0 0.25"], ["1.0 10.0 9.0 11.0", "2.0 NaN NaN NaN  # y was +inf", "3.0 NaN NaN NaN  # y was NaN"]])
  }

  func testHeatmapDataHoldsOneLinePerCellWithRowZeroAtTheBottom() throws {
    let heatmap = grid()
    let text = try FigureScript(Figure(name: "h", heatmap: heatmap)).data
    let blocks = dataBlocks(text)
    XCTAssertEqual(blocks.count, 1)
    let cells = blocks[0].filter { !$0.isEmpty }
    XCTAssertEqual(cells.count, heatmap.rows.count * heatmap.columns.count)
    // Expected from the values themselves: column, row, values[row][column], label, colour.
    var expected: [String] = []
    for row in heatmap.rows.indices {
      for column in heatmap.columns.indices {
        let value = heatmap.values[row][column]
        let label = value.isNaN ? "NaN" : NumberText.significant(value, digits: 3)
        expected.append("\(column) \(row) \(value.isNaN ? "NaN" : "\(value)") \"\(label)\"")
      }
    }
    XCTAssertEqual(cells.map { $0.split(separator: " ").prefix(4).joined(separator: " ") }, expected)
    // Rows are paragraphs: one blank line after each row of 3 cells.
    XCTAssertEqual(blocks[0].prefix(4).last, "")
    // Dark cells (low values) get white text, light ones black, the missing cell black on white.
    let colours = cells.map { $0.split(separator: " ")[4].prefix(8) }
    XCTAssertEqual(colours[2], "16777215", "0.55..0.93: 0.62 is dark")
    XCTAssertEqual(colours[3], "0", "0.93 is the lightest")
    XCTAssertEqual(colours[4], "0", "missing cell")
    let script = try FigureScript(Figure(name: "h", heatmap: heatmap)).script
    XCTAssertTrue(script.contains(#"set xtics ("16" 0, "64" 1, "256" 2)"#), script)
    XCTAssertTrue(script.contains("set cbrange [0.55:0.93]"), script)
  }

  func testHeatmapRendersWithLabelledCells() throws {
    let renderer = FigureRenderer(gnuplot: try gnuplotOrSkip())
    let folder = try makeTemporaryDirectory(self)
    let written = try renderer.write(Figure(name: "grid", heatmap: grid()), to: folder)
    let svg = try String(contentsOf: try XCTUnwrap(written.svg), encoding: .utf8)
    for label in ["0.910", "0.550", "NaN", "256", "batch size B"] {
      XCTAssertTrue(svg.contains(label), "\(label) printed in the SVG")
    }
  }

  func testASeriesWithoutAnyFiniteValueStillDraws() throws {
    let renderer = FigureRenderer(gnuplot: try gnuplotOrSkip())
    let folder = try makeTemporaryDirectory(self)
    var diverged = Chart(title: "diverged", x: Axis("step"), y: Axis("loss", scale: .log()))
    diverged.add(Series("lr = 10", x: [1, 2], y: [Double.nan, .infinity]))
    var mixed = diverged
    mixed.add(Series("lr = 0.01", x: [1, 2], y: [1, 0.5]))
    let figure = Figure(name: "nan", panels: [.chart(diverged), .chart(mixed)])
    let written = try renderer.write(figure, to: folder)
    XCTAssertTrue(written.isRendered)
    let svg = try String(contentsOf: try XCTUnwrap(written.svg), encoding: .utf8)
    XCTAssertTrue(svg.contains("lr = 10 (no finite values)"))
    XCTAssertTrue(svg.contains("no finite values to plot"))
  }

  func testTheTextPreviewShowsTheChart() throws {
    let renderer = FigureRenderer(gnuplot: try gnuplotOrSkip())
    let folder = try makeTemporaryDirectory(self)
    let written = try renderer.write(Figure(name: "loss", chart: lossChart()), to: folder)
    let text = try XCTUnwrap(try renderer.preview(written))
    XCTAssertTrue(text.contains("T = 16"), text)
    XCTAssertTrue(text.contains("epoch"), text)
    XCTAssertGreaterThanOrEqual(text.split(separator: "\n").count, 20)
  }

  func testFiguresThatCannotBeDrawnAreRejectedWithTheReason() {
    let renderer = FigureRenderer(gnuplot: nil)
    let folder = FileManager.default.temporaryDirectory
    func problem(_ figure: Figure) -> String {
      do {
        try renderer.write(figure, to: folder)
        return "no error"
      } catch { return "\(error)" }
    }
    var chart = Chart(title: "c", x: Axis("x"), y: Axis("y"))
    XCTAssertTrue(problem(Figure(name: "c", chart: chart)).contains("has no series"))
    chart.add(Series("short", x: [1, 2, 3], y: [1, 2]))
    XCTAssertTrue(problem(Figure(name: "c", chart: chart)).contains("3 x values but 2 y values"))
    let ok = Chart(title: "c", x: Axis("x"), y: Axis("y"), series: [Series("s", y: [1, 2])])
    XCTAssertTrue(problem(Figure(name: "../escape", chart: ok)).contains("name must be"))
    var badAxis = ok
    badAxis.y = Axis("y", scale: .log(base: 1))
    XCTAssertTrue(problem(Figure(name: "c", chart: badAxis)).contains("log base"))
    var heatmap = grid()
    heatmap.values.removeLast()
    XCTAssertTrue(problem(Figure(name: "h", heatmap: heatmap)).contains("values must be 2 rows of 3"))
  }

  func testAGnuplotErrorWhileDrawingNamesTheScript() throws {
    let folder = try makeTemporaryDirectory(self)
    let fake = try Gnuplot(path: try fakeGnuplot(in: folder, stderr: "\"loss.gp\" line 9: boom", status: 1).path)
    XCTAssertThrowsError(try FigureRenderer(gnuplot: fake).write(Figure(name: "loss", chart: lossChart()), to: folder)) {
      error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("loss.gp in \(folder.path)") && text.contains("line 9: boom"), text)
    }
  }
}
