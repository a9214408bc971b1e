import Foundation

/// What merging shard files found: the merged table and how many rows were dropped as repeats.
public struct SweepMergeSummary: Sendable {
  /// The merged rows, in canonical order, one per cell id.
  public let results: SweepResults
  /// Rows read from all files together (torn last lines not counted).
  public let rowsRead: Int
  /// Rows dropped because an earlier file (or line) already held their cell.
  public let duplicatesDropped: Int
  /// Cell ids whose repeated rows disagree in a metric other than a time (runs with different settings, different
  /// program versions, or non-deterministic work); with `refusingConflicts` the merge throws instead.
  public let conflictingCells: [String]
  /// Cell ids whose repeated rows differ only in timing metrics (`isTimingMetric`): expected, since wall-clock
  /// times vary from run to run; the first row was kept.
  public let timingOnlyCells: [String]
  /// The files whose last line was torn and ignored.
  public let filesWithTornLastLine: [String]
}

extension SweepResults {
  /// Merges the results files of a sweep's shards into one table, in canonical order with each cell once (the
  /// first row read wins), and writes it atomically to `output` when given (which may be one of the inputs).
  ///
  /// Throws `SweepError.inconsistentHeaders` when two files' headers differ, `SweepError.conflictingResults` (before
  /// writing anything) when `refusingConflicts` and a cell's repeated rows differ in a metric that is not a time,
  /// and the reading errors of `read(from:)`.
  @discardableResult
  public static func merge(_ files: [URL], into output: URL? = nil, refusingConflicts: Bool = true) throws -> SweepMergeSummary {
    guard let firstFile = files.first else {
      throw SweepError.io(file: "(no files)", reason: "merging needs at least one results file")
    }
    var first: SweepResults?
    var rows: [SweepRow] = []
    var torn: [String] = []
    for file in files {
      let contents = try readContents(of: file)
      guard let results = contents.results else {
        throw SweepError.malformedResults(file: file.path, line: 1, reason: "the file has no complete header line")
      }
      if contents.hasTornLastLine { torn.append(file.path) }
      if let first, first.header != results.header {
        throw SweepError.inconsistentHeaders(
          first: firstFile.path, firstHeader: first.header, other: file.path, otherHeader: results.header)
      }
      if first == nil { first = results }
      rows += results.rows
    }
    guard let first else { throw SweepError.io(file: firstFile.path, reason: "nothing to merge") }

    var kept: [String: SweepRow] = [:]
    var conflicts: [String] = [], timingOnly: [String] = []
    var conflictingMetrics: Set<String> = []
    for row in rows {
      if let earlier = kept[row.cellID] {
        // Bit patterns, so that NaN equals NaN and 0.0 differs from -0.0.
        let differing = first.metricNames.indices.filter { k in
          k < earlier.metrics.count && k < row.metrics.count && earlier.metrics[k].bitPattern != row.metrics[k].bitPattern
        }.map { first.metricNames[$0] }
        let settings = differing.filter { !isTimingMetric($0) }
        if !settings.isEmpty {
          if !conflicts.contains(row.cellID) { conflicts.append(row.cellID) }
          conflictingMetrics.formUnion(settings)
        } else if !differing.isEmpty, !timingOnly.contains(row.cellID) {
          timingOnly.append(row.cellID)
        }
      } else {
        kept[row.cellID] = row
      }
    }
    timingOnly.removeAll { conflicts.contains($0) }
    if refusingConflicts, !conflicts.isEmpty {
      throw SweepError.conflictingResults(cells: conflicts.sorted(), metrics: conflictingMetrics.sorted())
    }
    let merged = SweepResults(axisNames: first.axisNames, metricNames: first.metricNames, rows: rows).canonicalized()
    if let output { try merged.write(to: output) }
    return SweepMergeSummary(
      results: merged, rowsRead: rows.count, duplicatesDropped: rows.count - merged.rows.count,
      conflictingCells: conflicts.sorted(), timingOnlyCells: timingOnly.sorted(), filesWithTornLastLine: torn)
  }

  /// Whether a metric is a time (`seconds`, `*_seconds`, `time`, `*_time`), which differs from run to run of the
  /// same cell and so never marks two rows as results of different settings.
  public static func isTimingMetric(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "seconds" || lower.hasSuffix("_seconds") || lower == "time" || lower.hasSuffix("_time")
  }

  /// The cells of `grid` that these results do not hold yet, in grid order (what a merge is still missing).
  public func missingCells(of grid: SweepGrid) -> [SweepCell] {
    let done = cellIDs
    return grid.cells.filter { !done.contains($0.id) }
  }
}
