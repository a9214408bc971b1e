import Foundation

/// What merging shard files found: the merged table and how many rows were dropped as repeats.
public struct SweepMergeSummary: Sendable {
  /// The merged rows, in canonical order, one per cell id.
  public let results: SweepResults
  /// Rows read from all files together (torn last lines not counted).
  public let rowsRead: Int
  /// Rows dropped because an earlier file (or line) already held their cell.
  public let duplicatesDropped: Int
  /// Cell ids whose repeated rows disagree in a metric (a sign of non-deterministic work or of files from
  /// different program versions); the first row was kept.
  public let conflictingCells: [String]
  /// The files whose last line was torn and ignored.
  public let filesWithTornLastLine: [String]
}

extension SweepResults {
  /// Merges the results files of a sweep's shards into one table, in canonical order with each cell once (the
  /// first row read wins), and writes it atomically to `output` when given (which may be one of the inputs).
  ///
  /// Throws `SweepError.inconsistentHeaders` when two files' headers differ, and the reading errors of `read(from:)`.
  @discardableResult
  public static func merge(_ files: [URL], into output: URL? = nil) throws -> SweepMergeSummary {
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
    var conflicts: [String] = []
    for row in rows {
      if let earlier = kept[row.cellID] {
        // Bit patterns, so that NaN equals NaN and 0.0 differs from -0.0.
        if earlier.metrics.map(\.bitPattern) != row.metrics.map(\.bitPattern), !conflicts.contains(row.cellID) {
          conflicts.append(row.cellID)
        }
      } else {
        kept[row.cellID] = row
      }
    }
    let merged = SweepResults(axisNames: first.axisNames, metricNames: first.metricNames, rows: rows).canonicalized()
    if let output { try merged.write(to: output) }
    return SweepMergeSummary(
      results: merged, rowsRead: rows.count, duplicatesDropped: rows.count - merged.rows.count,
      conflictingCells: conflicts.sorted(), filesWithTornLastLine: torn)
  }

  /// The cells of `grid` that these results do not hold yet, in grid order (what a merge is still missing).
  public func missingCells(of grid: SweepGrid) -> [SweepCell] {
    let done = cellIDs
    return grid.cells.filter { !done.contains($0.id) }
  }
}
