import LabText
import XCTest

/// The one table renderer, against tables written out by hand.
final class TextTableTests: XCTestCase {
  func testPlainTextPadsColumnsLabelsLeftAndNumbersRight() {
    var table = TextTable(["T", "seconds"])
    table.append(["20", "0.084"])
    table.append(["200", "0.89"])
    XCTAssertEqual(
      table.plainText,
      """
      T    seconds
      ---  -------
      20     0.084
      200     0.89
      """)
  }

  func testMarkdownHasAnAlignmentRowAtLeastThreeDashesWideAndEscapesPipes() {
    var table = TextTable(["n", "note"], alignments: [.right, .left])
    table.append(["16", "a|b"])
    XCTAssertEqual(
      table.markdownLines,
      [
        "|    n | note |",
        "| ---: | :--- |",
        "|   16 | a\\|b |",
      ])
  }

  func testShortRowsArePaddedAndLongRowsCutToTheHeader() {
    var table = TextTable(["a", "b"])
    table.append(["x"])
    table.append(["1", "2", "3"])
    XCTAssertEqual(table.plainTextLines, ["a  b", "-  -", "x   ", "1  2"])
  }

  func testWidthsCountCharactersNotBytes() {
    var table = TextTable(["Σ", "x²"])
    table.append(["é", "1"])
    XCTAssertEqual(table.plainTextLines, ["Σ  x²", "-  --", "é   1"])
  }
}

final class QuotingTests: XCTestCase {
  func testStringLiteralEscapesQuotesBackslashesAndLineBreaks() {
    let text = "say \"hi\"\\\n\tend"
    XCTAssertEqual(Quoting.stringLiteral(text, otherControlCharacters: .dropped), #""say \"hi\"\\\n\tend""#)
    XCTAssertEqual(Quoting.stringLiteral(text, otherControlCharacters: .unicodeEscaped), #""say \"hi\"\\\n\tend""#)
  }

  func testOtherControlCharactersAreDroppedForGnuplotAndEscapedForJSON() {
    let text = "a\rb\u{1}c\u{7F}d"
    XCTAssertEqual(Quoting.stringLiteral(text, otherControlCharacters: .dropped), "\"abcd\"")
    XCTAssertEqual(Quoting.stringLiteral(text, otherControlCharacters: .unicodeEscaped), #""a\u000db\u0001c\u007fd""#)
    XCTAssertEqual(Quoting.stringLiteral("café", otherControlCharacters: .unicodeEscaped), "\"café\"")
  }

  func testCSVFieldsAreQuotedOnlyWhenTheyMustBe() {
    XCTAssertEqual(Quoting.csvField("plain"), "plain")
    XCTAssertEqual(Quoting.csvField("a,b"), "\"a,b\"")
    XCTAssertEqual(Quoting.csvField("say \"hi\""), "\"say \"\"hi\"\"\"")
    XCTAssertEqual(Quoting.csvField("two\r\nlines"), "\"two\r\nlines\"")
  }

  func testMessageTokensAreShortenedAndKeptOnOneLine() {
    XCTAssertEqual(Quoting.forMessage("1.5"), "\"1.5\"")
    XCTAssertEqual(Quoting.forMessage("a\nb"), "\"a\u{FFFD}b\"")
    XCTAssertEqual(Quoting.forMessage(String(repeating: "x", count: 50), limit: 4), "\"xxxx...\"")
  }
}

final class NumberTextGroupingTests: XCTestCase {
  func testGroupedPutsACommaBetweenGroupsOfThreeDigits() {
    XCTAssertEqual(NumberText.grouped(0), "0")
    XCTAssertEqual(NumberText.grouped(999), "999")
    XCTAssertEqual(NumberText.grouped(1000), "1,000")
    XCTAssertEqual(NumberText.grouped(-1_234_567), "-1,234,567")
    XCTAssertEqual(NumberText.grouped(11_899.5), "11,900")
    XCTAssertEqual(NumberText.grouped(-0.4), "0")
    XCTAssertEqual(NumberText.grouped(Double.nan), "NaN")
  }

  func testShortDropsTrailingZeros() {
    XCTAssertEqual(NumberText.short(1.5, maximumDecimals: 2), "1.5")
    XCTAssertEqual(NumberText.short(2.004, maximumDecimals: 2), "2")
    XCTAssertEqual(NumberText.short(1.256, maximumDecimals: 2), "1.26")
    XCTAssertEqual(NumberText.short(10.0, maximumDecimals: 1), "10")
    XCTAssertEqual(NumberText.short(-0.001, maximumDecimals: 2), "0")
    XCTAssertEqual(NumberText.short(.infinity, maximumDecimals: 2), "+inf")
  }
}
