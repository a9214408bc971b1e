import LabMath
import XCTest

@testable import Datasets

final class UCRTSVReaderTests: XCTestCase {
  func parse(_ text: String) throws -> LabeledSequences { try UCRTSVReader.parse(Array(text.utf8), file: "set.tsv") }

  func testLabelFirstThenValuesSeparatedByTabs() throws {
    let part = try parse("2\t0.5\t-1.25\t3\n-1\t1\t2\t3\n")
    XCTAssertEqual(part.classNames, ["-1", "2"])  // numeric order
    XCTAssertEqual(part.labels, [1, 0])
    XCTAssertEqual(part.sequences[0], Matrix<Float>([[0.5], [-1.25], [3]]))
    XCTAssertEqual(part.featureCount, 1)
    XCTAssertEqual(part.name, "set")
  }

  func testOldUCRTextWithSpacesAndFloatLabelsAndCommasAreAccepted() throws {
    let spaces = try parse("  1.0000000e+00   2.0   3.0\r\n  2.0000000e+00  4.0  5.0\r\n")
    XCTAssertEqual(spaces.classNames, ["1", "2"])
    XCTAssertEqual(spaces.sequences[1], Matrix<Float>([[4], [5]]))
    let commas = try parse("cat,1,2\ndog,3,4\n")
    XCTAssertEqual(commas.classNames, ["cat", "dog"])
  }

  func testTrailingNaNIsPaddingAndInnerNaNIsMissing() throws {
    let part = try parse("1\t1\tNaN\t3\tNaN\tNaN\n")
    XCTAssertEqual(part.sequences[0].rows, 3)
    XCTAssertTrue(part.sequences[0][1, 0].isNaN)
    XCTAssertEqual(try part.interpolatingMissingValues().sequences[0], Matrix<Float>([[1], [2], [3]]))
  }

  func testMalformedLinesNameFileAndLine() {
    assertMalformed(file: "set.tsv", line: 1, mentions: ["empty file"]) { try self.parse("") }
    assertMalformed(file: "set.tsv", line: 2, mentions: ["\"x1\"", "value 2"]) { try self.parse("1\t2\t3\n1\t2\tx1\n") }
    assertMalformed(file: "set.tsv", line: 1, mentions: ["only the label"]) { try self.parse("7\n") }
    assertMalformed(file: "set.tsv", line: 1, mentions: ["empty value"]) { try self.parse("1\t2\t\t3\n") }
    assertMalformed(file: "set.tsv", line: 3, mentions: ["no number"]) { try self.parse("1\t2\n\n1\tNaN\tNaN\n") }
  }

  /// A line starting with a tab has an empty label field: rejected, never read as "first value = label".
  func testEmptyLabelFieldIsRejected() {
    assertMalformed(file: "set.tsv", line: 2, mentions: ["empty label"]) { try self.parse("1\t2\t3\n\t2\t3\n") }
    assertMalformed(file: "set.tsv", line: 1, mentions: ["empty label"]) { try self.parse("  \t2\t3\n") }
  }
}
