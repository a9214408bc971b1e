import Foundation
import LabMath

/// A calendar day as written in the market files (`M/D/YYYY`), ordered by time.
public struct TradingDay: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `M/D/YYYY` (no zero padding needed), or returns nil.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
      (1...12).contains(m), (1...31).contains(d), (1000...9999).contains(y)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func < (a: TradingDay, b: TradingDay) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// ISO 8601, `1999-01-04`.
  public var description: String {
    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(pad(month))-\(pad(day))"
  }
}

/// Daily prices of the S&P 500 index: one entry per trading day, oldest first.
public struct DailyPrices: Sendable, Equatable {
  public var days: [TradingDay]
  public var open: [Double]
  public var high: [Double]
  public var low: [Double]
  public var close: [Double]
  public var adjustedClose: [Double]
  public var volume: [Double]

  /// Daily log returns in percent, r_t = 100 ln(close_t / close_{t-1}), t = 1 ..< count (one fewer than days).
  public var logReturns: [Double] { (1..<close.count).map { 100 * Foundation.log(close[$0] / close[$0 - 1]) } }
}

/// The two market files shipped in data/ (from the `arch` package, see data/README.md): `sp500/sp500.csv`
/// (S&P 500 daily OHLC, adjusted close and volume, 1999-01-04 to 2018-12-31, 5031 days) and `vix/vix.csv`
/// (CBOE VIX daily close, 2014-01-03 to 2019-01-03, 1305 weekdays, holidays written `.`).
///
/// Both are CSV with CRLF line ends (the archives of the arch package, decompressed), parsed strictly:
/// a wrong header, a wrong field count, a bad date, a date not after the previous one or a non-positive price is an
/// error naming the file and line.
public enum MarketData {
  /// Reads `sp500/sp500.csv` from the data directory (see `DataDirectory`), or the given file.
  public static func sp500(dataDirectory: String? = nil, path: String? = nil) throws -> DailyPrices {
    let file = try path ?? "\(DataDirectory.locate(explicit: dataDirectory))/sp500/sp500.csv"
    let text = try csvLines(file)
    try expectHeader(text, "Date,Open,High,Low,Close,Adj Close,Volume")
    var prices = DailyPrices(days: [], open: [], high: [], low: [], close: [], adjustedClose: [], volume: [])
    for (index, line) in text.lines.enumerated().dropFirst() where !Bytes.trimmed(line).isEmpty {
      let fields = Bytes.split(line, on: UInt8(ascii: ","))
      guard fields.count == 7 else {
        throw text.error(line: index + 1, found: "\(fields.count) fields", expected: "7 fields: Date,Open,High,Low,Close,Adj Close,Volume")
      }
      let day = try parseDay(fields[0], text: text, line: index + 1, after: prices.days.last)
      var values: [Double] = []
      for (k, field) in fields.dropFirst().enumerated() {
        guard let value = Double(Bytes.text(Bytes.trimmed(field))), value.isFinite, value > 0 || (k == 5 && value >= 0) else {
          throw text.error(line: index + 1, found: quoted(Bytes.text(field)), expected: "a positive number in field \(k + 2)")
        }
        values.append(value)
      }
      prices.days.append(day)
      prices.open.append(values[0])
      prices.high.append(values[1])
      prices.low.append(values[2])
      prices.close.append(values[3])
      prices.adjustedClose.append(values[4])
      prices.volume.append(values[5])
    }
    guard prices.days.count >= 2 else {
      throw text.error(line: text.lines.count + 1, found: "\(prices.days.count) data rows", expected: "at least 2 days of prices")
    }
    return prices
  }

  /// Reads `vix/vix.csv`: the VIX close per weekday, nil on exchange holidays (written `.`).
  public static func vix(dataDirectory: String? = nil, path: String? = nil) throws -> [(day: TradingDay, level: Double?)] {
    let file = try path ?? "\(DataDirectory.locate(explicit: dataDirectory))/vix/vix.csv"
    let text = try csvLines(file)
    try expectHeader(text, "Date,vix")
    var rows: [(day: TradingDay, level: Double?)] = []
    for (index, line) in text.lines.enumerated().dropFirst() where !Bytes.trimmed(line).isEmpty {
      let fields = Bytes.split(line, on: UInt8(ascii: ","))
      guard fields.count == 2 else {
        throw text.error(line: index + 1, found: "\(fields.count) fields", expected: "2 fields: Date,vix")
      }
      let day = try parseDay(fields[0], text: text, line: index + 1, after: rows.last?.day)
      let field = Bytes.text(Bytes.trimmed(fields[1]))
      if field == "." {
        rows.append((day, nil))
      } else if let level = Double(field), level.isFinite, level > 0 {
        rows.append((day, level))
      } else {
        throw text.error(line: index + 1, found: quoted(field), expected: "a positive VIX level, or . for a holiday")
      }
    }
    guard !rows.isEmpty else { throw text.error(line: 2, found: "no data row", expected: "at least one day") }
    return rows
  }

  private static func csvLines(_ file: String) throws -> TextLines {
    TextLines(bytes: try TextLines.bytes(atPath: file), file: file)
  }

  private static func expectHeader(_ text: TextLines, _ header: String) throws {
    guard let first = text.lines.first, Bytes.text(Bytes.trimmed(first)) == header else {
      throw text.error(line: 1, found: quoted(text.lines.first.map(Bytes.text) ?? "an empty file", limit: 60), expected: "the header \(header)")
    }
  }

  private static func parseDay(_ field: ArraySlice<UInt8>, text: TextLines, line: Int, after previous: TradingDay?) throws -> TradingDay {
    guard let day = TradingDay(Bytes.text(Bytes.trimmed(field))) else {
      throw text.error(line: line, found: quoted(Bytes.text(field)), expected: "a date M/D/YYYY")
    }
    if let previous, !(previous < day) {
      throw text.error(line: line, found: "\(day) after \(previous)", expected: "dates in strictly increasing order")
    }
    return day
  }
}
