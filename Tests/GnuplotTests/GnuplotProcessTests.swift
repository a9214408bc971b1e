import Foundation
import XCTest

@testable import Gnuplot

final class GnuplotProcessTests: XCTestCase {
  func testAnExplicitPathThatDoesNotExistIsReportedWithInstallAdvice() throws {
    XCTAssertThrowsError(try Gnuplot(path: "/nonexistent/bin/gnuplot")) { error in
      XCTAssertEqual(error as? GnuplotError, .notFound(searched: ["/nonexistent/bin/gnuplot"]))
      let text = "\(error)"
      XCTAssertTrue(text.contains("/nonexistent/bin/gnuplot"), text)
      XCTAssertTrue(text.contains("apt-get install gnuplot-nox"), text)
      XCTAssertTrue(text.contains("brew install gnuplot"), text)
    }
  }

  func testSearchesEveryFolderOnThePathInOrder() throws {
    let empty = try makeTemporaryDirectory(self)
    let withFake = try makeTemporaryDirectory(self)
    let fake = try fakeGnuplot(in: withFake, stderr: "", status: 0)
    let found = try Gnuplot(environment: ["PATH": "\(empty.path):\(withFake.path)"])
    XCTAssertEqual(found.executable.path, fake.path)
    XCTAssertThrowsError(try Gnuplot(environment: ["PATH": empty.path])) { error in
      XCTAssertEqual(error as? GnuplotError, .notFound(searched: [empty.path]))
    }
    XCTAssertThrowsError(try Gnuplot(environment: [:]))
  }

  func testAFailingExitStatusBecomesAnErrorCarryingStderr() throws {
    // A stand-in that behaves like gnuplot after an error: message on stderr, exit status 1.
    let folder = try makeTemporaryDirectory(self)
    let fake = try Gnuplot(path: try fakeGnuplot(in: folder, stderr: "line 2: unrecognized plot type", status: 1).path)
    XCTAssertThrowsError(try fake.run("plot sin(x) with lnes\n", name: "test script")) { error in
      guard case .scriptFailed(let status, let message, let script) = error as? GnuplotError else {
        return XCTFail("expected scriptFailed, got \(error)")
      }
      XCTAssertEqual(status, 1)
      XCTAssertEqual(script, "test script")
      XCTAssertTrue(message.contains("unrecognized plot type"), message)
    }
  }

  func testABadCommandRaisesGnuplotsOwnMessage() throws {
    let gnuplot = try gnuplotOrSkip()
    XCTAssertThrowsError(try gnuplot.run("set terminal dumb\nplot sin(x) with lnes\n")) { error in
      guard case .scriptFailed(let status, let message, _) = error as? GnuplotError else {
        return XCTFail("expected scriptFailed, got \(error)")
      }
      XCTAssertEqual(status, 1)
      XCTAssertTrue(message.contains("unrecognized plot type"), "gnuplot's message: \(message)")
      XCTAssertTrue("\(error)".contains("unrecognized plot type"))
    }
  }

  func testStandardOutputAndWarningsComeBack() throws {
    let gnuplot = try gnuplotOrSkip()
    let output = try gnuplot.run("set print \"-\"\nprint 6 * 7\nset print\nprint \"note\"\n")
    XCTAssertEqual(output.standardOutput, "42\n")
    XCTAssertEqual(output.warnings, "note\n")
  }

  func testQuotedTextReachesGnuplotUnchanged() throws {
    let gnuplot = try gnuplotOrSkip()
    let nasty = #"it's a "test" with \backslash, x_t^2 @ {braces}; print "injected""#
    XCTAssertEqual(gnuplotQuoted("a\"b\\c\nd"), #""a\"b\\c\nd""#)
    let output = try gnuplot.run("set print \"-\"\nprint \(gnuplotQuoted(nasty))\nprint \(gnuplotQuoted("two\nlines"))\n")
    XCTAssertEqual(output.standardOutput, nasty + "\ntwo\nlines\n")
  }

  func testRunsInTheGivenDirectory() throws {
    let gnuplot = try gnuplotOrSkip()
    let folder = try makeTemporaryDirectory(self)
    try Data("1 2\n3 4\n".utf8).write(to: folder.appendingPathComponent("here.dat"))
    let output = try gnuplot.run("set print \"-\"\nstats \"here.dat\" using 2 nooutput\nprint STATS_sum\n", in: folder)
    XCTAssertEqual(output.standardOutput, "6.0\n")
  }
}

final class GnuplotDatablockTests: XCTestCase {
  func testADatablockIsReadByNameAndSkipsNonFiniteValues() throws {
    let block = Gnuplot.datablock("d", rows: [[1, 0.5], [2, .nan], [3, 1.5]])
    XCTAssertEqual(block, "$d << EOD\n1.0 0.5\n2.0 NaN\n3.0 1.5\nEOD\n")
    let gnuplot = try gnuplotOrSkip()
    // Mean of the valid y values, 0.5 and 1.5 (the NaN row counts as invalid, not as a number).
    let output = try gnuplot.run(block + "set print \"-\"\nstats $d using 2 nooutput\nprint STATS_mean, STATS_invalid\n")
    XCTAssertEqual(output.standardOutput, "1.0 1\n")
  }
}
