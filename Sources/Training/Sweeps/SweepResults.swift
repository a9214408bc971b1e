/// One finished sweep cell as a results file holds it: the axis values, the cell id and the measured metrics.
public struct SweepRow: Sendable, Hashable {
  /// The cell's stable id (`T=20 B=8 lr=1e-3 seed=1`).
  public let cellID: String
  /// The axis names of the sweep, in column order.
  public let axisNames: [String]
  /// The value of each axis, in the order of `axisNames`.
  public let values: [String]
  /// The metric names of the sweep, in column order.
  public let metricNames: [String]
  /// The value of each metric, in the order of `metricNames`.
  public let metrics: [Double]

  /// The value's text on axis `name`, or nil when there is no such axis.
  public func value(_ name: String) -> String? { axisNames.firstIndex(of: name).map { values[$0] } }

  /// The value on axis `name` as a number, or nil when there is no such axis or the value is not a number.
  public func number(_ name: String) -> Double? { value(name).flatMap(Double.init) }

  /// The metric `name`, or nil when there is no such metric.
  public func metric(_ name: String) -> Double? { metricNames.firstIndex(of: name).map { metrics[$0] } }
}

/// The table a sweep writes: a CSV file with the header `axis1,...,axisN,cell,metric1,...,metricM` and one line per
/// finished cell, e.g.
///
/// ```
/// T,B,seed,cell,loss,accuracy
/// 20,8,1,T=20 B=8 seed=1,0.4133,0.875
/// ```
///
/// The `cell` column separates the axes (before it) from the metrics (after it), so a file describes itself; the
/// cell id repeats the axis values and is checked against them when the file is read. Metrics are written in
/// Swift's shortest round-trip form, so reading a file back gives the very numbers that were written.
///
/// Canonical order: rows sorted by their axis values, axis by axis in column order, numbers by value and before
/// text, text by its characters. A finished sweep leaves its file in that order, so two runs of the same grid give
/// byte-identical files whatever the workers, shards or interruptions.
public struct SweepResults: Sendable, Hashable {
  /// The header of the column holding the cell id.
  public static let cellColumn = "cell"

  /// The axis names, in column order.
  public let axisNames: [String]
  /// The metric names, in column order.
  public let metricNames: [String]
  /// The finished cells, in file order.
  public var rows: [SweepRow]

  /// An empty table with these columns (checked by the grid and the runner that make them).
  public init(axisNames: [String], metricNames: [String], rows: [SweepRow] = []) {
    self.axisNames = axisNames
    self.metricNames = metricNames
    self.rows = rows
  }

  /// The header line, without its newline.
  public var header: String { Self.header(axisNames: axisNames, metricNames: metricNames) }

  static func header(axisNames: [String], metricNames: [String]) -> String {
    (axisNames + [cellColumn] + metricNames).joined(separator: ",")
  }

  /// The line a finished cell is written as, with its newline.
  static func line(cell: SweepCell, metrics: [Double]) -> String {
    (cell.values + [cell.id] + metrics.map { "\($0)" }).joined(separator: ",") + "\n"
  }

  /// The row for a cell and its metrics (in `metricNames` order).
  func row(cell: SweepCell, metrics: [Double]) -> SweepRow {
    SweepRow(cellID: cell.id, axisNames: axisNames, values: cell.values, metricNames: metricNames, metrics: metrics)
  }

  /// The whole file's text: the header and every row, each line ending in a newline.
  public var csv: String {
    var text = header + "\n"
    for row in rows {
      text += (row.values + [row.cellID] + row.metrics.map { "\($0)" }).joined(separator: ",") + "\n"
    }
    return text
  }

  /// The row of cell `id`, or nil when that cell has not finished.
  public subscript(cellID id: String) -> SweepRow? { rows.first { $0.cellID == id } }

  /// The ids of the finished cells.
  public var cellIDs: Set<String> { Set(rows.map(\.cellID)) }

  /// The rows in canonical order with repeated cell ids dropped (the first row of each id is kept).
  public func canonicalized() -> SweepResults {
    var seen = Set<String>()
    let unique = rows.filter { seen.insert($0.cellID).inserted }
    return SweepResults(axisNames: axisNames, metricNames: metricNames, rows: unique.sorted(by: Self.canonicallyPrecedes))
  }

  /// The canonical order of rows (see the type's description).
  static func canonicallyPrecedes(_ a: SweepRow, _ b: SweepRow) -> Bool {
    for (x, y) in zip(a.values, b.values) where x != y {
      return valuePrecedes(x, y)
    }
    return a.cellID < b.cellID
  }

  /// Finite numbers by value (ties by text), before any other text; other text by its Unicode scalars.
  static func valuePrecedes(_ x: String, _ y: String) -> Bool {
    let nx = Double(x).flatMap { $0.isFinite ? $0 : nil }
    let ny = Double(y).flatMap { $0.isFinite ? $0 : nil }
    switch (nx, ny) {
    case let (u?, v?): return u != v ? u < v : x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    case (.some, nil): return true
    case (nil, .some): return false
    case (nil, nil): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    }
  }
}
