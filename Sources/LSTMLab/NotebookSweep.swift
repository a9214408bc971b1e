import Foundation

/// What ``Notebook/sweep(_:grid:metrics:settings:fresh:shard:workers:code:_:)`` reports: the results and how many
/// cells were reused from an earlier run rather than computed.
public struct NotebookSweep: Sendable {
  /// Every row of the results file (this shard's cells, and any others already in it).
  public let results: SweepResults
  /// The file the cells were appended to.
  public let file: URL
  /// Cells of this shard found in the file from an earlier run with the same settings and code.
  public let reused: Int
  /// Cells computed in this run.
  public let ran: Int
  /// Cells of the shard still missing (none unless a cell failed).
  public let remaining: Int
}

extension Notebook {
  /// Runs a lesson's sweep with its results cache: the cells of `grid` (this `shard`'s share) that are not already in
  /// `<lesson folder>/<name>-<key>.csv` are computed by `body`, `workers` at a time, and appended as each finishes, so
  /// an interrupted run resumes.
  ///
  /// The cache key hashes `settings` (every knob a cell depends on, as text), the metric names and `code`, by default
  /// ``CodeIdentity/current`` (the executable's own hash): edited and rebuilt code never reuses stale rows. `fresh`
  /// deletes the file first. Under `--replicate N` (N > 0) the key holds N too, so a replicate never reuses the rows
  /// of another (their seeds differ). Progress goes to the console; the report says how many cells were reused.
  public mutating func sweep(
    _ name: String, grid: SweepGrid, metrics: [String], settings: String, fresh: Bool = false,
    shard: SweepShard = .all, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    code: String = CodeIdentity.current,
    _ body: @escaping @Sendable (SweepCell) throws -> [String: Double]
  ) throws -> NotebookSweep {
    let file = sweepFile(name, metrics: metrics, settings: settings, shard: shard, code: code)
    if fresh { try? FileManager.default.removeItem(at: file) }
    let runner = try SweepRunner(grid: grid, metrics: metrics, resultsFile: file, workers: workers, shard: shard)
    let report = try runner.run(progress: { progress in
      if progress.finished % max(1, progress.total / 20) == 0 || progress.finished == progress.total {
        print("  \(progress.finished)/\(progress.total) cells (last: \(progress.cell.id), "
          + "\(NumberText.fixed(progress.seconds, decimals: 1)) s)")
      }
    }, body)
    countSweepCells(total: report.shardCells, reused: report.alreadyDone)
    markdown(
      "*The \(report.shardCells) cells of this sweep are saved to `\(file.lastPathComponent)` as each finishes: "
        + (report.alreadyDone == 0
          ? "all computed in this run"
          : "reused \(report.alreadyDone) from an earlier run with the same settings and the same build of the code, "
            + "computed \(report.ran)")
        + " (`--fresh` recomputes them).*")
    return NotebookSweep(
      results: report.results, file: file, reused: report.alreadyDone, ran: report.ran, remaining: report.remaining)
  }

  /// The results file ``sweep(_:grid:metrics:settings:fresh:shard:workers:code:_:)`` appends to for these arguments:
  /// `<name>-<key>.csv`, or `<name>-<key>.shard-i-of-n.csv` for one shard (`lstmlab sweep merge` joins the shards'
  /// files into the first).
  public func sweepFile(
    _ name: String, metrics: [String], settings: String, shard: SweepShard = .all, code: String = CodeIdentity.current
  ) -> URL {
    let key = sweepStableHash(Self.sweepKeyText(settings: settings, metrics: metrics, code: code, replicate: replicate))
    let stem = "\(name)-\(String(key, radix: 16))"
    return directory.appendingPathComponent(shard == .all ? "\(stem).csv" : "\(stem).shard-\(shard.index)-of-\(shard.count).csv")
  }

  /// Whether the results file of `grid` (all shards merged) already holds every one of its cells, so that running
  /// the sweep computes nothing: how a sharded study tells a round already merged from one still to share.
  public func sweepIsComplete(_ name: String, grid: SweepGrid, metrics: [String], settings: String, code: String = CodeIdentity.current) -> Bool {
    let file = sweepFile(name, metrics: metrics, settings: settings, code: code)
    guard let results = try? SweepResults.read(from: file) else { return false }
    let done = Set(results.rows.map(\.cellID))
    return grid.cells.allSatisfy { done.contains($0.id) }
  }

  /// The text a sweep's cache key hashes: the settings, the metric names, the code and, for N > 0, the replicate
  /// (replicate 0 keeps the key it had before replicates existed).
  static func sweepKeyText(settings: String, metrics: [String], code: String, replicate: Int) -> String {
    "\(settings) metrics=\(metrics.joined(separator: ",")) code=\(code)" + (replicate == 0 ? "" : " replicate=\(replicate)")
  }
}
