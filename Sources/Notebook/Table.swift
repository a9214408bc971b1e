import Gnuplot
import LabText

/// A table of results with column headers and per-column number formatting; shown aligned on the console and as
/// a Markdown table in the report.
///
/// ```swift
/// var table = Table("Gradient after T steps", columns: [
///   .init("T (steps)"), .init("sigmoid", format: .significant(3)), .init("note", alignment: .left)])
/// table.append([.number(20), .number(9.1e-13), "vanished"])
/// ```
public struct Table: Sendable, Equatable {
  /// How a column prints its numbers.
  public enum NumberFormat: Sendable, Equatable {
    /// Whole numbers as integers, others with `digits` significant digits (`0.000123`, `12.3`, `1235`, `1.2e-07`).
    case automatic(digits: Int)
    /// Exactly `decimals` digits after the point.
    case fixed(decimals: Int)
    /// `digits` significant digits, scientific outside 1e-4 ..< 10^digits.
    case significant(Int)
  }

  /// Which side a column's cells line up on.
  public typealias Alignment = TextTable.Alignment

  /// One column.
  public struct Column: Sendable, Equatable {
    public var header: String
    public var format: NumberFormat
    public var alignment: Alignment

    /// A column; numbers line up on the right by default.
    public init(_ header: String, format: NumberFormat = .automatic(digits: 3), alignment: Alignment = .right) {
      self.header = header
      self.format = format
      self.alignment = alignment
    }
  }

  /// The table's title (shown above it).
  public var title: String
  public var columns: [Column]
  public var rows: [[TableValue]]

  /// An empty table.
  public init(_ title: String, columns: [Column]) {
    self.title = title
    self.columns = columns
    self.rows = []
  }

  /// An empty table whose columns all use the default format.
  public init(_ title: String, headers: [String]) {
    self.init(title, columns: headers.map { Column($0) })
  }

  /// Appends a row (checked against the number of columns when the notebook shows the table).
  public mutating func append(_ row: [TableValue]) { rows.append(row) }

  /// The cells as text, formatted by their columns.
  public func formattedRows() -> [[String]] {
    rows.map { row in
      row.enumerated().map { index, value in
        value.text(format: index < columns.count ? columns[index].format : .automatic(digits: 3))
      }
    }
  }

  /// The formatted cells as a `TextTable` (LabText's renderer: `plainText` for the console, `markdown` for the
  /// report), each column aligned as it says.
  public var textTable: TextTable {
    TextTable(columns.map(\.header), alignments: columns.map(\.alignment), rows: formattedRows())
  }

  func checkShape() throws {
    for (index, row) in rows.enumerated() where row.count != columns.count {
      throw NotebookError.tableShape(table: title, row: index, cells: row.count, columns: columns.count)
    }
  }
}

/// One cell of a ``Table``: a number (formatted by its column) or a text. Literals work: `[16, 0.25, "ok"]`.
public struct TableValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral
{
  private enum Storage: Sendable, Equatable {
    case number(Double)
    case text(String)
  }
  private let storage: Storage

  /// A number of any ``Plottable`` type (`Int`, `Float`, `Double`, ...).
  public static func number(_ value: some Plottable) -> TableValue { TableValue(storage: .number(value.plotValue)) }
  /// A text, shown as is.
  public static func text(_ value: String) -> TableValue { TableValue(storage: .text(value)) }

  private init(storage: Storage) { self.storage = storage }
  public init(stringLiteral value: String) { storage = .text(value) }
  public init(integerLiteral value: Int) { storage = .number(Double(value)) }
  public init(floatLiteral value: Double) { storage = .number(value) }

  /// The cell as text in `format`.
  public func text(format: Table.NumberFormat) -> String {
    switch storage {
    case .text(let text): return text
    case .number(let value):
      switch format {
      case .fixed(let decimals): return NumberText.fixed(value, decimals: decimals)
      case .significant(let digits): return NumberText.significant(value, digits: digits)
      case .automatic(let digits):
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return NumberText.fixed(value, decimals: 0) }
        if value.isFinite && abs(value) >= 1 && abs(value) < 1e15 {
          let integerDigits = String(Int(abs(value))).count
          return NumberText.fixed(value, decimals: max(0, digits - integerDigits))
        }
        return NumberText.significant(value, digits: digits)
      }
    }
  }

  /// Whether the cell holds a number.
  public var isNumber: Bool {
    if case .number = storage { return true }
    return false
  }
}
