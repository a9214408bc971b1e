import Foundation
import LabMath
import XCTest

@testable import Datasets

final class MarketDataTests: XCTestCase {
  func testTheShippedMarketFilesHaveTheSizesAndLineEndsOfTheReadme() throws {
    // data/README.md: sp500.csv is 400,462 bytes, vix.csv 21,756, both with CRLF line ends (gunzip's output).
    let (sp500, vix) = (try shippedBytes("sp500/sp500.csv"), try shippedBytes("vix/vix.csv"))
    XCTAssertEqual(sp500.count, 400_462)
    XCTAssertEqual(vix.count, 21_756)
    for bytes in [sp500, vix] {
      let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
      XCTAssertFalse(lineFeeds.isEmpty)
      XCTAssertTrue(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "every line ends in CRLF")
    }
  }

  func testSP500HasTheRowsAndEndpointsOfTheReadme() throws {
    let prices = try MarketData.sp500(dataDirectory: dataDirectory)
    XCTAssertEqual(prices.days.count, 5031)
    XCTAssertEqual(prices.days.first, TradingDay(year: 1999, month: 1, day: 4))
    XCTAssertEqual(prices.days.last, TradingDay(year: 2018, month: 12, day: 31))
    XCTAssertEqual(prices.close.first, 1228.099976)
    XCTAssertEqual(prices.close.last, 2506.850098)
    XCTAssertEqual(prices.open.first, 1229.22998)
    XCTAssertEqual(prices.volume.first, 877_000_000)
    XCTAssertEqual(prices.adjustedClose, prices.close)  // the README: Adj Close equals Close in every row
    XCTAssertEqual(prices.close.min(), 676.530029)  // 676.53 in the README, rounded
    XCTAssertEqual(prices.close.max(), 2930.75)
    XCTAssertTrue(zip(prices.high, prices.low).allSatisfy { $0 >= $1 })
    // First log return by hand: 100 ln(close of 1/5/1999 / 1228.099976), from the file's second row.
    XCTAssertEqual(prices.logReturns[0], 100 * log(prices.close[1] / 1228.099976), accuracy: 1e-12)
    XCTAssertEqual(prices.logReturns.count, 5030)
  }

  func testVIXHasTheRowsAndHolidaysOfTheReadme() throws {
    let vix = try MarketData.vix(dataDirectory: dataDirectory)
    XCTAssertEqual(vix.count, 1305)
    XCTAssertEqual(vix.filter { $0.level == nil }.count, 46)
    XCTAssertEqual(vix.first?.level, 13.76)
    XCTAssertEqual(vix.last?.level, 25.45)
    let christmas = try XCTUnwrap(vix.first { $0.day == TradingDay(year: 2014, month: 12, day: 25) })
    XCTAssertNil(christmas.level)  // written `12/25/2014,.`
    // Every S&P 500 day from 1/3/2014 on has a VIX value (data/README.md).
    let prices = try MarketData.sp500(dataDirectory: dataDirectory)
    let levels = Dictionary(uniqueKeysWithValues: vix.map { ($0.day, $0.level) })
    let recent = prices.days.filter { $0 >= TradingDay(year: 2014, month: 1, day: 3) }
    XCTAssertEqual(recent.count, 1257)
    XCTAssertTrue(recent.allSatisfy { levels[$0] != nil && levels[$0]! != nil })
  }

  func testAMalformedCSVIsRejectedWithItsLine() throws {
    let path = NSTemporaryDirectory() + "LSTMLab-\(UUID().uuidString)-vix.csv"
    try "Date,vix\r\n1/3/2014,13.76\r\n1/2/2014,14\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    assertMalformed(file: path, line: 3, mentions: ["increasing"]) { try MarketData.vix(path: path) }
    try "Date,vix\r\n1/3/2014,high\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    assertMalformed(file: path, line: 2, mentions: ["\"high\""]) { try MarketData.vix(path: path) }
    try "Day,vix\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    assertMalformed(file: path, line: 1, mentions: ["Date,vix"]) { try MarketData.vix(path: path) }
  }

  func testVolatilityWindowsAreChronologicalWithThresholdsFromTrainOnly() throws {
    let prices = try MarketData.sp500(dataDirectory: dataDirectory)
    let task = MarketVolatilityTask(steps: 20, horizon: 5, classCount: 3, stride: 5, testFraction: 0.2)
    let result = try task.make(from: prices)
    let train = result.dataset.train, test = result.dataset.test
    XCTAssertEqual(train.featureCount, 2)
    XCTAssertEqual(train.commonLength, 20)
    // No test window or label day overlaps a training window or its label: first test input day > last train
    // label day. Window ends are 5 days apart, so the first test window starts after 20 + 5 - 1 days of gap.
    let lastTrainEnd = prices.days.firstIndex(of: result.trainDays.last!)!
    let firstTestEnd = prices.days.firstIndex(of: result.testDays.first!)!
    XCTAssertGreaterThan(firstTestEnd - 20 + 1, lastTrainEnd + 5)
    XCTAssertTrue(result.trainDays.last! < result.testDays.first!)
    // Labels are the quantile bins of the realised volatility, thresholds from the training windows (about a
    // third in each class on train).
    XCTAssertEqual(result.thresholds.count, 2)
    for (v, label) in zip(result.trainVolatility + result.testVolatility, train.labels + test.labels) {
      XCTAssertEqual(label, result.thresholds.filter { v >= $0 }.count)
    }
    for count in train.classCounts { XCTAssertEqual(Double(count) / Double(train.count), 1.0 / 3, accuracy: 0.01) }
    // Feature values by hand: the last day of the first training window is day 20 (ends start at T).
    let x = train.sequences[0]
    XCTAssertEqual(Double(x[19, 0]), 100 * log(prices.close[20] / prices.close[19]), accuracy: 1e-4)
    XCTAssertEqual(Double(x[19, 1]), 100 * log(prices.high[20] / prices.low[20]), accuracy: 1e-4)
    // Target of the first window with horizon 5: the realised volatility of days 21...25.
    let r = (21...25).map { 100 * log(prices.close[$0] / prices.close[$0 - 1]) }
    XCTAssertEqual(result.trainVolatility[0], (r.map { $0 * $0 }.reduce(0, +) / 5).squareRoot(), accuracy: 1e-12)
  }
}
