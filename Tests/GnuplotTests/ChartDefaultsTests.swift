import Foundation
import XCTest

@testable import Gnuplot

/// The defaults that keep charts readable, checked on the generated gnuplot text.
final class ChartDefaultsTests: XCTestCase {
  private func script(_ figure: Figure) throws -> FigureScript { try FigureScript(figure) }

  /// The palette is Okabe-Ito without yellow: no yellow-ish colour (high red and green, low blue) is drawn as a line.
  func testPaletteHasNoYellowAndSeriesTakeItInOrder() throws {
    for hex in FigureScript.palette {
      let value = Int(hex.dropFirst(), radix: 16)!
      let (r, g, b) = ((value >> 16) & 255, (value >> 8) & 255, value & 255)
      XCTAssertFalse(r > 200 && g > 180 && b < 120, "\(hex) is yellow")
    }
    var chart = Chart(title: "c", x: Axis("x"), y: Axis("y"))
    chart.add(Series("a", x: [1, 2], y: [1, 2]))
    chart.add(Series("b", x: [1, 2], y: [2, 1]))
    let text = try script(Figure(name: "f", chart: chart)).script
    XCTAssertTrue(text.contains("linecolor rgb \"\(FigureScript.palette[0])\" title \"a\""), text)
    XCTAssertTrue(text.contains("linecolor rgb \"\(FigureScript.palette[1])\" title \"b\""), text)
  }

  /// A title keeps its colour in every panel of a figure, even when another panel lists the series in another order.
  func testATitleKeepsItsColourAcrossPanels() throws {
    var left = Chart(title: "left", x: Axis("x"), y: Axis("y"))
    left.add(Series("clipped", x: [1, 2], y: [1, 2]))
    left.add(Series("unclipped", x: [1, 2], y: [2, 1]))
    var right = Chart(title: "right", x: Axis("x"), y: Axis("y"))
    right.add(Series("unclipped", x: [1, 2], y: [1, 2]))
    let colors = FigureScript.seriesColors(Figure(name: "f", panels: [.chart(left), .chart(right)]))
    XCTAssertEqual(colors["clipped"], "\"\(FigureScript.palette[0])\"")
    XCTAssertEqual(colors["unclipped"], "\"\(FigureScript.palette[1])\"")
    // More titles than colours: the colours repeat, dashed.
    var many = Chart(title: "many", x: Axis("x"), y: Axis("y"))
    for i in 0...FigureScript.palette.count { many.add(Series("s\(i)", x: [1, 2], y: [1, 2])) }
    let manyColors = FigureScript.seriesColors(Figure(name: "f", chart: many))
    XCTAssertEqual(manyColors["s\(FigureScript.palette.count)"], "\"\(FigureScript.palette[0])\" dashtype 2")
    XCTAssertEqual(Set(manyColors.values).count, FigureScript.palette.count + 1)
    let text = try script(Figure(name: "f", panels: [.chart(left), .chart(right)])).script
    let right1 = text.components(separatedBy: "# Panel 2")[1]
    XCTAssertTrue(right1.contains("linecolor rgb \"\(FigureScript.palette[1])\" title \"unclipped\""), right1)
  }

  /// "chance" and "chance + 2 SE" get different dash patterns, and neither is solid like a data line.
  func testReferenceKindsHaveDistinctDashPatterns() throws {
    let styles = Chart.ReferenceKind.allCases.map(FigureScript.referenceStyle)
    XCTAssertEqual(Set(styles).count, styles.count)
    var chart = Chart(title: "c", x: Axis("x"), y: Axis("accuracy", range: 0...1))
    chart.add(Series("run", x: [1, 2, 3], y: [0.4, 0.6, 0.9]))
    chart.addReference(y: 0.5, title: "chance")
    chart.addReference(y: 0.6, title: "chance + 2 standard errors", kind: .bound)
    XCTAssertEqual(chart.references.map(\.kind), [.chance, .bound])
    let text = try script(Figure(name: "f", chart: chart)).script
    XCTAssertTrue(text.contains("0.5 with lines linewidth 1.5 \(FigureScript.referenceStyle(.chance)) title \"chance\""), text)
    XCTAssertTrue(text.contains("0.6 with lines linewidth 1.5 \(FigureScript.referenceStyle(.bound))"), text)
    XCTAssertFalse(text.contains("title \"run\"") && text.components(separatedBy: "title \"run\"")[0].hasSuffix("dashtype"))
  }

  /// Data rising from bottom left to top right leaves the top-left corner free; data filling the top leaves the
  /// bottom; data in all four corners sends the legend outside.
  func testTheKeyGoesToTheEmptiestCornerOrOutside() {
    func chart(_ points: [(Double, Double)]) -> Chart {
      var chart = Chart(title: "c", x: Axis("x"), y: Axis("y"))
      chart.add(Series("data", x: points.map(\.0), y: points.map(\.1)))
      return chart
    }
    let rising = chart((0...10).map { (Double($0), Double($0)) })
    XCTAssertEqual(FigureScript.keyPosition(for: rising, panelWidth: 900, panelHeight: 600), .topLeft)
    let high = chart((0...10).map { (Double($0), 9 + Double($0 % 2)) } + [(5, 0)])
    XCTAssertEqual(FigureScript.keyPosition(for: high, panelWidth: 900, panelHeight: 600), .bottomRight)
    let corners = chart([(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)])
    XCTAssertEqual(FigureScript.keyPosition(for: corners, panelWidth: 900, panelHeight: 600), .outside)
    // A long title in a narrow panel goes below rather than squeezing the plot.
    var long = corners
    long.series[0].title = String(repeating: "a long legend entry ", count: 3)
    XCTAssertEqual(FigureScript.keyPosition(for: long, panelWidth: 500, panelHeight: 500), .below)
    // A reference line across the top counts as data there.
    var falling = chart((0...10).map { (Double($0), 10 - Double($0)) })
    XCTAssertEqual(FigureScript.keyPosition(for: falling, panelWidth: 900, panelHeight: 600), .topRight)
    falling.addReference(y: 9.8, title: "chance")
    XCTAssertEqual(FigureScript.keyPosition(for: falling, panelWidth: 900, panelHeight: 600), .bottomLeft)
  }

  /// A series left out of the legend is still drawn, in the colour its title has in the figure's other panels, and
  /// neither its title's length nor its entry counts when the legend's place is chosen.
  func testASeriesOutOfTheKeyKeepsItsColourAndTakesNoRoom() throws {
    var top = Chart(title: "top", x: Axis("x"), y: Axis("y"))
    top.add(Series("first", x: [0, 10], y: [0, 1]))
    top.add(Series("second rule with a long name that would not fit", x: [0, 10], y: [1, 0]))
    var bottom = Chart(title: "bottom", x: Axis("x"), y: Axis("y"))
    for title in ["first", "second rule with a long name that would not fit"] {
      var series = Series(title, x: [0, 5, 10], y: [10, 5, 1])
      series.inKey = false
      bottom.add(series)
    }
    bottom.add(Series("fit", x: [0, 10], y: [9, 2], style: .reference(.fitted)))
    let text = try script(Figure(name: "f", panels: [.chart(top), .chart(bottom)], columns: 1)).script
    let second = FigureScript.seriesColors(Figure(name: "f", panels: [.chart(top), .chart(bottom)]))["second rule with a long name that would not fit"]!
    let bottomPanel = text.components(separatedBy: "set title \"bottom\"")[1]
    XCTAssertEqual(bottomPanel.components(separatedBy: "linecolor rgb \(second) notitle").count, 2, bottomPanel)
    XCTAssertFalse(bottomPanel.contains("title \"second rule"), bottomPanel)
    XCTAssertTrue(bottomPanel.contains("title \"fit\""), bottomPanel)
    // Only "fit" counts: a short entry in the free top-right corner, not a long one pushed below the plot.
    XCTAssertEqual(FigureScript.keyPosition(for: bottom, panelWidth: 500, panelHeight: 400), .topRight)
    var keyed = bottom
    keyed.series[1].inKey = true
    XCTAssertEqual(FigureScript.keyPosition(for: keyed, panelWidth: 500, panelHeight: 400), .below)
  }

  /// The automatic key is written into the script; an explicit corner is kept.
  func testAutomaticKeyIsTheDefaultAndAnExplicitOneIsKept() throws {
    var chart = Chart(title: "c", x: Axis("x"), y: Axis("y"))
    chart.add(Series("data", x: [0, 5, 10], y: [0, 5, 10]))
    XCTAssertEqual(chart.key, .automatic)
    XCTAssertTrue(try script(Figure(name: "f", chart: chart)).script.contains("set key top left opaque box"))
    chart.key = .bottomRight
    XCTAssertTrue(try script(Figure(name: "f", chart: chart)).script.contains("set key bottom right opaque box"))
  }

  /// On a log axis the range ends 4% (of the log span) past the data: data 5...380 gives about 4.2...450, not
  /// 1...1000 or 4096. A fixed end stays where it was put.
  func testAxisRangesFitTheData() throws {
    let log = FigureScript.fittedRange(Axis("B", scale: .log(base: 2)), values: [5, 20, 380])!
    let pad = Foundation.exp(0.04 * Foundation.log(380.0 / 5))
    XCTAssertEqual(log.lowerBound, 5 / pad, accuracy: 1e-9)
    XCTAssertEqual(log.upperBound, 380 * pad, accuracy: 1e-9)
    XCTAssertLessThan(log.upperBound, 500)
    let linear = FigureScript.fittedRange(Axis("y"), values: [10, 20])!
    XCTAssertEqual(linear.lowerBound, 9.6, accuracy: 1e-12)
    XCTAssertEqual(linear.upperBound, 20.4, accuracy: 1e-12)
    let fixed = FigureScript.fittedRange(Axis("accuracy", range: 0...1), values: [0.4, 0.7])!
    XCTAssertEqual(fixed, 0...1)
    let oneEnd = FigureScript.fittedRange(Axis("loss", minimum: 0), values: [1, 2])!
    XCTAssertEqual(oneEnd.lowerBound, 0)
    XCTAssertEqual(oneEnd.upperBound, 2.08, accuracy: 1e-12)
    XCTAssertNil(FigureScript.fittedRange(Axis("y", scale: .log()), values: [0, -1, .nan]))
  }

  /// A log x axis over a small grid of whole numbers is labelled at the measured values.
  func testGridTicsLabelTheMeasuredSettings() throws {
    var chart = Chart(title: "c", x: Axis("T", scale: .log(base: 2)), y: Axis("B"))
    chart.add(Series("best", x: [10, 20, 40], y: [4, 8, 8]))
    XCTAssertEqual(FigureScript.gridTics(chart), [10, 20, 40])
    XCTAssertTrue(try script(Figure(name: "f", chart: chart)).script.contains("set xtics (10.0, 20.0, 40.0)"))
    chart.add(Series("scatter", x: [12.5], y: [3]))
    XCTAssertNil(FigureScript.gridTics(chart))
  }

  /// A log axis from 14 to 300 holds one power of ten: it gets 1-2-5 tics; one spanning decades keeps gnuplot's.
  func testShortLogAxesGetOneTwoFiveTics() throws {
    let tics = try XCTUnwrap(FigureScript.logTics(Axis("B", scale: .log()), range: 14...300))
    XCTAssertEqual(tics.count, 4)
    for (tic, expected) in zip(tics, [20.0, 50, 100, 200]) { XCTAssertEqual(tic, expected, accuracy: 1e-9) }
    XCTAssertNil(FigureScript.logTics(Axis("loss", scale: .log()), range: 0.001...10))
    XCTAssertNil(FigureScript.logTics(Axis("T", scale: .log(base: 2)), range: 14...300))
  }

  /// An axis spanning less than a decade, 1378 to 3300 (the examples panel of optimal-batch's steps chart), holds only
  /// 2000 of the 1-2-5 tics and 2000, 3000 of the whole multiples: it gets 1500, 2000, 2500, 3000. One from 130 to
  /// 450 holds 200 (1-2-5), 200, 300 (1-2-3-5) and gets the whole multiples 200, 300, 400.
  func testLogAxesWithinOneDecadeGetAtLeastThreeLabelledTics() throws {
    let narrow = try XCTUnwrap(FigureScript.logTics(Axis("examples", scale: .log()), range: 1378...3300))
    XCTAssertEqual(narrow, [1500, 2000, 2500, 3000])
    let mid = try XCTUnwrap(FigureScript.logTics(Axis("examples", scale: .log()), range: 130...450))
    XCTAssertEqual(mid, [200, 300, 400])
    // Too narrow for any set to put two tics inside: gnuplot's own tics serve.
    XCTAssertNil(FigureScript.logTics(Axis("examples", scale: .log()), range: 2010...2090))
  }

  /// A success fraction 0.75 ± 0.5 on an axis fixed to 0...1 writes a bar from 0.25 to 1, not 1.25; a Wilson-style
  /// interval is written as given.
  func testErrorBarsAreClippedToTheAxisRange() throws {
    var chart = Chart(title: "c", x: Axis("lag"), y: Axis("solved", range: 0...1))
    chart.add(Series("fraction", x: [1, 2], y: [0.75, 0.25], errors: [0.5, 0.5]))
    chart.add(Series("wilson", x: [1, 2], y: [0.5, 0.5], lower: [0.2, 0.3], upper: [0.7, 0.8]))
    let figure = try script(Figure(name: "f", chart: chart))
    XCTAssertTrue(figure.data.contains("1.0 0.75 0.25 1.0"), figure.data)
    XCTAssertTrue(figure.data.contains("2.0 0.25 0.0 0.75"), figure.data)
    XCTAssertTrue(figure.data.contains("2.0 0.5 0.3 0.8"), figure.data)
    XCTAssertTrue(figure.script.contains("index 1 using 1:2:3:4 with yerrorlines"), figure.script)
    // A fraction axis clips the bars without fixing the drawn range.
    var free = Chart(title: "c", x: Axis("lag"), y: .fraction("accuracy"))
    free.add(Series("fraction", x: [1, 2], y: [0.75, 0.5], errors: [0.5, 0.1]))
    let freeFigure = try script(Figure(name: "f", chart: free))
    XCTAssertTrue(freeFigure.data.contains("1.0 0.75 0.25 1.0"), freeFigure.data)
    let range = try XCTUnwrap(FigureScript.fittedRanges(free).y)
    XCTAssertEqual(range.upperBound, 1 + 0.04 * 0.75, accuracy: 1e-12)  // bars span 0.25 ... 1 (clipped), padded 4%
  }

  /// Heatmaps with the same colour label share one cbrange (the union); one that asks for its own keeps it.
  func testHeatmapPanelsShareOneColourScale() throws {
    func heatmap(_ values: [[Double]], own: Bool = false) -> Heatmap {
      Heatmap(
        title: "h", x: Axis("T"), y: Axis("B"), columns: ["1", "2"], rows: ["a"], values: values,
        colorLabel: "accuracy", ownColorScale: own)
    }
    let shared = try script(
      Figure(name: "f", panels: [.heatmap(heatmap([[0.5, 0.53]])), .heatmap(heatmap([[0.8, 0.9]]))])).script
    XCTAssertEqual(shared.components(separatedBy: "set cbrange [0.5:0.9]").count - 1, 2, shared)
    // One colour box explains both: the last panel's; the first draws none (and no label to crowd its neighbour).
    XCTAssertEqual(shared.components(separatedBy: "unset colorbox").count - 1, 1, shared)
    XCTAssertEqual(shared.components(separatedBy: "set cblabel \"accuracy\"").count - 1, 1, shared)
    let first = try XCTUnwrap(shared.range(of: "unset colorbox")), label = try XCTUnwrap(shared.range(of: "set cblabel"))
    XCTAssertLessThan(first.lowerBound, label.lowerBound, shared)
    let own = try script(
      Figure(name: "f", panels: [.heatmap(heatmap([[0.5, 0.53]], own: true)), .heatmap(heatmap([[0.8, 0.9]]))])).script
    XCTAssertTrue(own.contains("set cbrange [0.5:0.53]") && own.contains("set cbrange [0.8:0.9]"), own)
    XCTAssertFalse(own.contains("unset colorbox"), own)  // two scales, two boxes
  }

  /// A step function is drawn `with steps` plus its marked points; a short `.lines` series still marks its points,
  /// a long one does not; a missing value is written as NaN (a gap), never as 0.
  func testStepsMarkedPointsAndGaps() throws {
    var chart = Chart(title: "c", x: Axis("k"), y: Axis("longest lag"))
    chart.add(Series("learned", x: [5, 10, 20], y: [4, .nan, 16], style: .steps))
    chart.add(Series("short", x: [1, 2, 3], y: [1, 2, 3], style: .lines))
    chart.add(Series("long", x: Array(1...100), y: Array(1...100), style: .lines))
    let figure = try script(Figure(name: "f", chart: chart))
    XCTAssertTrue(figure.script.contains("index 0 using 1:2 with steps linewidth 2"), figure.script)
    XCTAssertTrue(figure.script.contains("index 0 using 1:2 with points pointtype 7"), figure.script)
    XCTAssertTrue(figure.script.contains("index 1 using 1:2 with linespoints"), figure.script)
    XCTAssertTrue(figure.script.contains("index 2 using 1:2 with lines linewidth 2"), figure.script)
    XCTAssertTrue(figure.data.contains("10.0 NaN  # y was NaN"), figure.data)
    // A scatter uses open circles, larger than a line's filled dots, so coinciding points stay visible.
    var scatter = Chart(title: "c", x: Axis("k"), y: Axis("bytes"))
    scatter.add(Series("measured", x: [1, 2], y: [3, 4], style: .points))
    scatter.add(Series("formula", x: [1, 2], y: [3, 4]))
    let scatterScript = try script(Figure(name: "f", chart: scatter)).script
    XCTAssertTrue(scatterScript.contains("index 0 using 1:2 with points pointtype 6 pointsize 1.3"), scatterScript)
    XCTAssertTrue(scatterScript.contains("index 1 using 1:2 with linespoints linewidth 2 pointtype 7"), scatterScript)
  }

  /// A fitted line drawn as a series takes its kind's dash and no palette colour.
  func testAReferenceSeriesIsDashedAndTakesNoColour() throws {
    var chart = Chart(title: "c", x: Axis("x"), y: Axis("y"))
    chart.add(Series("fit", x: [0, 10], y: [0, 10], style: .reference(.fitted)))
    chart.add(Series("data", x: [1, 5], y: [1, 5]))
    let figure = try script(Figure(name: "f", chart: chart))
    XCTAssertTrue(figure.script.contains("with lines linewidth 1.5 \(FigureScript.referenceStyle(.fitted)) title \"fit\""))
    XCTAssertTrue(figure.script.contains("linecolor rgb \"\(FigureScript.palette[0])\" title \"data\""), figure.script)
  }
}
