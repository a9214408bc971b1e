import Foundation
import XCTest

@testable import Gnuplot

/// A gnuplot that hangs is stopped after `timeout` seconds: `run` throws `timedOut`, and the renderer returns the
/// figure undrawn with the reason as its warning, so a lesson goes on.
final class GnuplotTimeoutTests: XCTestCase {
  /// A stand-in "gnuplot" that never finishes (a shell script that sleeps), in `folder`.
  func hangingGnuplot(in folder: URL) throws -> Gnuplot {
    let script = folder.appendingPathComponent("gnuplot")
    try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: script)
    XCTAssertEqual(chmod(script.path, 0o755), 0)
    var gnuplot = try Gnuplot(path: script.path)
    gnuplot.timeout = 0.5
    return gnuplot
  }

  func testAHangingGnuplotIsStoppedAndTheChartIsSkippedWithAWarning() throws {
    let folder = try makeTemporaryDirectory(self)
    let gnuplot = try hangingGnuplot(in: folder)
    let start = Date()
    XCTAssertThrowsError(try gnuplot.run("plot x\n", name: "hang.gp")) { error in
      guard case GnuplotError.timedOut(0.5, "hang.gp") = error else { return XCTFail("unexpected \(error)") }
      XCTAssertTrue("\(error)".contains("LSTMLAB_GNUPLOT_TIMEOUT"), "\(error)")
    }
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)

    var chart = Chart(title: "t", x: Axis("x"), y: Axis("y"))
    chart.add(Series("s", x: [1, 2], y: [1, 2]))
    let written = try FigureRenderer(gnuplot: gnuplot).write(Figure(name: "c", chart: chart), to: folder)
    XCTAssertFalse(written.isRendered)
    XCTAssertTrue(written.warnings.contains("did not finish"), written.warnings)
    XCTAssertTrue(FileManager.default.fileExists(atPath: written.script.path))
  }

  func testTheTimeoutComesFromTheEnvironment() throws {
    let folder = try makeTemporaryDirectory(self)
    let script = folder.appendingPathComponent("gnuplot")
    try Data("#!/bin/sh\n".utf8).write(to: script)
    XCTAssertEqual(chmod(script.path, 0o755), 0)
    XCTAssertEqual(try Gnuplot(path: script.path, environment: ["LSTMLAB_GNUPLOT_TIMEOUT": "7.5"]).timeout, 7.5)
    XCTAssertEqual(try Gnuplot(path: script.path, environment: [:]).timeout, 60)
  }
}
