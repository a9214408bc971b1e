import XCTest

@testable import Notebook

final class TableTests: XCTestCase {
  func testAutomaticFormatPrintsWholeNumbersAsIntegersAndOthersWithThreeDigits() {
    let format = Table.NumberFormat.automatic(digits: 3)
    XCTAssertEqual(TableValue.number(1024).text(format: format), "1024")
    XCTAssertEqual(TableValue.number(12.3456).text(format: format), "12.3")
    XCTAssertEqual(TableValue.number(1234.56).text(format: format), "1235")
    XCTAssertEqual(TableValue.number(0.000123456).text(format: format), "0.000123")
    XCTAssertEqual(TableValue.number(1.5e-7).text(format: format), "1.50e-07")
    XCTAssertEqual(TableValue.number(Float.nan).text(format: format), "NaN")
    XCTAssertEqual(TableValue.number(0.5).text(format: .fixed(decimals: 2)), "0.50")
    XCTAssertEqual(TableValue.number(123456).text(format: .significant(2)), "1.2e+05")
    XCTAssertEqual(("text" as TableValue).text(format: format), "text")
  }

  func testRowsFormatByTheirColumns() {
    var table = Table("t", columns: [.init("n"), .init("loss", format: .fixed(decimals: 3))])
    table.append([16, 0.25])
    table.append([.number(32), .number(Float(0.125))])
    XCTAssertEqual(table.formattedRows(), [["16", "0.250"], ["32", "0.125"]])
    XCTAssertEqual(
      MarkdownReport.markdown(table), ["**t**", "", "|    n |  loss |", "| ---: | ----: |", "|   16 | 0.250 |", "|   32 | 0.125 |"])
  }
}
