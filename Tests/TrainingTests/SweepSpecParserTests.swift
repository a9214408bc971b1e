import XCTest

@testable import Training

final class SweepSpecParserTests: XCTestCase {
  func testListsRangesStepsAndFactorsExpandAsWritten() throws {
    let axes = try SweepSpecParser.parse("T=20,50,100  B=8..64*2 lr=1e-3,3e-3 seed=1..3 L=10..50+20,100 d=-2..-1")
    XCTAssertEqual(axes.map(\.name), ["T", "B", "lr", "seed", "L", "d"])
    XCTAssertEqual(axes[0].values, ["20", "50", "100"])
    XCTAssertEqual(axes[1].values, ["8", "16", "32", "64"])
    XCTAssertEqual(axes[2].values, ["1e-3", "3e-3"], "values are kept as written")
    XCTAssertEqual(axes[3].values, ["1", "2", "3"])
    XCTAssertEqual(axes[4].values, ["10", "30", "50", "100"])
    XCTAssertEqual(axes[5].values, ["-2", "-1"])
    XCTAssertEqual(try SweepGrid(spec: "T=20,50,100 B=8..32*2 lr=1e-3 seed=1..3").count, 27)
    XCTAssertEqual(try SweepSpecParser.parse("B=4..100*3")[0].values, ["4", "12", "36"], "stops at the bound")
  }

  func testGridSpecReadsBackAsTheSameGrid() throws {
    let grid = try SweepGrid(spec: "T=20..60+20 lr=1e-3,0.01 opt=adam")
    XCTAssertEqual(try SweepGrid(spec: grid.spec), grid)
  }

  func testErrorsNameTheBadTokenAndItsColumn() {
    let cases: [(spec: String, token: String, column: Int, says: String)] = [
      ("T=20 B16", "B16", 6, "missing '='"),
      ("T=20,,50", "T=20,,50", 1, "empty value"),
      ("T=20 =5", "=5", 6, "no name"),
      ("T=20 2x=5", "2x=5", 6, "not an axis name"),
      ("T=1 B=2 T=3", "T=3", 9, "given twice"),
      ("T=", "T=", 1, "no values"),
      ("B=8..x", "B=8..x", 1, "whole-number bounds"),
      ("seed=5..1", "seed=5..1", 1, "goes down"),
      ("B=0..8*2", "B=0..8*2", 1, "start at 1"),
      ("B=1..8*1", "B=1..8*1", 1, "factor"),
      ("T=1..9+0", "T=1..9+0", 1, "step"),
      ("T=1..9+z", "T=1..9+z", 1, "'z'"),
      ("T=1..2..3", "T=1..2..3", 1, "not a range"),
      ("T=5,5", "T=5,5", 1, "'5' appears twice"),
      ("T=1,2..3,2", "T=1,2..3,2", 1, "'2' appears twice"),
      ("T=a=b", "T=a=b", 1, "not allowed"),
      ("seed=1..1000000", "seed=1..1000000", 1, "more than"),
      ("cell=1", "cell=1", 1, "reserved"),
      ("   ", "", 1, "empty"),
    ]
    for c in cases {
      XCTAssertThrowsError(try SweepSpecParser.parse(c.spec, source: "--grid"), c.spec) { error in
        guard case let SweepError.badSpecToken(source, token, column, reason) = error else {
          return XCTFail("\(c.spec): unexpected \(error)")
        }
        XCTAssertEqual(source, "--grid")
        XCTAssertEqual(token, c.token, c.spec)
        XCTAssertEqual(column, c.column, c.spec)
        XCTAssertTrue(reason.contains(c.says), "\(c.spec): \(reason)")
        XCTAssertTrue("\(error)".hasPrefix("--grid: bad token '\(c.token)' at column \(c.column)"), "\(error)")
      }
    }
  }
}
