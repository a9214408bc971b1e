/// What can go wrong when a sweep is described, run, read back or merged. Every case says what went wrong, where
/// (the spec token and its column, the results file and line, the shard flag) and how to fix it.
public enum SweepError: Error, CustomStringConvertible {
  /// A grid spec such as `T=20,50 B=8..32*2` has a bad token; `column` counts characters from 1.
  case badSpecToken(source: String, token: String, column: Int, reason: String)
  /// The grid itself is invalid (an empty axis, a repeated name or value, a value with a reserved character).
  case invalidGrid(String)
  /// The metric names given to the runner are invalid or collide with an axis name.
  case invalidMetrics(String)
  /// A `--shard i/n` value is not two whole numbers with 1 <= i <= n.
  case badShard(String)
  /// A results file cannot be parsed at `line` (1-based).
  case malformedResults(file: String, line: Int, reason: String)
  /// A results file's header (its line 1) is not the header this sweep writes.
  case headerMismatch(file: String, expected: String, found: String)
  /// Two files to merge have different headers.
  case inconsistentHeaders(first: String, firstHeader: String, other: String, otherHeader: String)
  /// A cell asked for an axis the grid does not have, or for a value of the wrong type.
  case badCellValue(cell: String, axis: String, reason: String)
  /// The closure of a cell returned metrics other than the ones the sweep declared.
  case metricsMismatch(cell: String, expected: [String], returned: [String])
  /// The closure of a cell threw; cells that finished before it are in the results file.
  case cellFailed(cell: String, underlying: any Error)
  /// Reading, writing or renaming a file failed.
  case io(file: String, reason: String)
  /// Merged files hold the same cells with different results (not only different times): runs of different
  /// settings (epochs, data, ...) or program versions, which one table must not mix.
  case conflictingResults(cells: [String], metrics: [String])

  public var description: String {
    switch self {
    case let .badSpecToken(source, token, column, reason):
      return "\(source): bad token '\(token)' at column \(column): \(reason). "
        + "Write axes as name=v1,v2,... or name=lo..hi (step +s, factor *k), separated by spaces, "
        + "e.g. 'T=20,50,100 B=8..64*2 lr=1e-3 seed=1..3'."
    case let .invalidGrid(reason):
      return "invalid sweep grid: \(reason)"
    case let .invalidMetrics(reason):
      return "invalid sweep metrics: \(reason)"
    case let .badShard(text):
      return "bad shard '\(text)': write i/n with whole numbers 1 <= i <= n (e.g. --shard 2/8 runs the second of "
        + "eight shares; with a Slurm array --array=1-8 pass --shard $SLURM_ARRAY_TASK_ID/8)."
    case let .malformedResults(file, line, reason):
      return "\(file):\(line): malformed sweep results: \(reason). "
        + "Fix or delete that line (finished cells on other lines are kept), or write to another file."
    case let .headerMismatch(file, expected, found):
      return "\(file):1: the results file was written by another sweep: its header is '\(found)' but this sweep "
        + "writes '\(expected)'. Use another results file, or run the same grid and metrics to resume it."
    case let .inconsistentHeaders(first, firstHeader, other, otherHeader):
      return "\(other):1: header '\(otherHeader)' differs from \(first):1 '\(firstHeader)'; only shards of the "
        + "same sweep (same axes, same metrics) can be merged."
    case let .badCellValue(cell, axis, reason):
      return "sweep cell '\(cell)', axis '\(axis)': \(reason)"
    case let .metricsMismatch(cell, expected, returned):
      return "sweep cell '\(cell)' returned metrics \(returned.sorted()) but the sweep declares \(expected); "
        + "return exactly the declared metrics (NaN for one that could not be measured)."
    case let .cellFailed(cell, underlying):
      return "sweep cell '\(cell)' failed: \(underlying). Cells finished before it are saved; run the sweep again "
        + "to resume from where it stopped."
    case let .io(file, reason):
      return "\(file): \(reason)"
    case let .conflictingResults(cells, metrics):
      return "\(cells.count) cell\(cells.count == 1 ? "" : "s") (\(cells.prefix(3).joined(separator: "; "))\(cells.count > 3 ? "; ..." : "")) "
        + "have different \(metrics.joined(separator: ", ")) in different files: these files come from runs with different "
        + "settings (epochs, data, flags) or program versions, and one table must not mix them. Nothing was written; "
        + "merge files of one sweep, or re-run the cells that differ."
    }
  }
}
