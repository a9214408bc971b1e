import Foundation

/// Runs every cell of a grid (or of one shard of it) on a pool of worker threads, writing each finished cell to a
/// CSV results file at once.
///
/// - Resumable: on start the runner reads the results file and skips the cells it already holds, so after Ctrl-C,
///   a crash or a failed cell, running again computes only what is missing.
/// - Deterministic: a cell's work sees only the cell (its values and its own generator, `cell.generator(seed:)`), so
///   its result does not depend on the order, the number of workers or the shard.
/// - Canonical: when the last cell of the shard is written, the file is rewritten sorted (see `SweepResults`), so
///   the same sweep always ends in the same bytes.
///
/// ```swift
/// let grid = try SweepGrid(spec: "T=20,50 B=8..32*2 seed=1..3")
/// let runner = try SweepRunner(grid: grid, metrics: ["loss"], resultsFile: URL(fileURLWithPath: "sweep.csv"))
/// let report = try runner.run { cell in
///   var rng = cell.generator()
///   return ["loss": try train(T: cell.int("T"), B: cell.int("B"), using: &rng)]
/// }
/// ```
public struct SweepRunner: Sendable {
  /// The configurations to run.
  public let grid: SweepGrid
  /// The names of the numbers each cell's work returns, in the order of the results' columns.
  public let metrics: [String]
  /// Where results are appended (created if missing, resumed if present).
  public let resultsFile: URL
  /// How many cells run at once.
  public var workers: Int
  /// Which share of the grid this run covers.
  public var shard: SweepShard
  /// Whether a finished shard's file is rewritten in canonical order.
  public var sortsWhenComplete: Bool

  /// A runner; throws when a metric name is invalid, repeated or equal to an axis name. `workers` defaults to the
  /// number of active cores.
  public init(
    grid: SweepGrid, metrics: [String], resultsFile: URL,
    workers: Int = ProcessInfo.processInfo.activeProcessorCount, shard: SweepShard = .all,
    sortsWhenComplete: Bool = true
  ) throws {
    guard !metrics.isEmpty else { throw SweepError.invalidMetrics("a sweep needs at least one metric") }
    for name in metrics {
      guard SweepAxis.isValidName(name) else {
        throw SweepError.invalidMetrics("'\(name)' is not a valid name (a letter or _ first, then letters, digits, _, - or .)")
      }
      guard name != SweepResults.cellColumn, !grid.axisNames.contains(name) else {
        throw SweepError.invalidMetrics("'\(name)' is already a column (an axis or '\(SweepResults.cellColumn)')")
      }
    }
    guard Set(metrics).count == metrics.count else { throw SweepError.invalidMetrics("\(metrics) repeats a name") }
    guard workers >= 1 else { throw SweepError.invalidMetrics("workers must be at least 1, not \(workers)") }
    self.grid = grid
    self.metrics = metrics
    self.resultsFile = resultsFile
    self.workers = workers
    self.shard = shard
    self.sortsWhenComplete = sortsWhenComplete
  }

  /// The header line this sweep writes.
  public var header: String { SweepResults.header(axisNames: grid.axisNames, metricNames: metrics) }

  /// The cells of this shard that the results file already holds, and those still to run (in grid order).
  public func status() throws -> (finished: [SweepCell], pending: [SweepCell]) {
    let done = try existingResults()?.results?.cellIDs ?? []
    let cells = shard.cells(of: grid)
    return (cells.filter { done.contains($0.id) }, cells.filter { !done.contains($0.id) })
  }

  /// Runs the pending cells of the shard (at most `limit` of them when given), `body` computing each cell's
  /// metrics; `progress` is told about each finished cell, one call at a time.
  ///
  /// When a cell's `body` throws, no new cell starts, the cells already running finish and are written, and
  /// `SweepError.cellFailed` is thrown: running again resumes.
  @discardableResult
  public func run(
    limit: Int? = nil,
    progress: (@Sendable (SweepProgress) -> Void)? = nil,
    _ body: @escaping @Sendable (SweepCell) throws -> [String: Double]
  ) throws -> SweepReport {
    let started = Date()
    let existing = try existingResults()
    let done = existing?.results?.cellIDs ?? []
    let shardCells = shard.cells(of: grid)
    let pending = shardCells.filter { !done.contains($0.id) }
    let toRun = Array(pending.prefix(max(0, limit ?? pending.count)))
    let alreadyDone = shardCells.count - pending.count

    let appender: SweepResultsAppender
    if let existing, existing.results != nil {
      appender = try SweepResultsAppender(url: resultsFile, truncatingTo: existing.hasTornLastLine ? existing.completeByteCount : nil)
    } else {
      // A new file, an empty one, or one whose header line was torn: start it with the header.
      appender = try SweepResultsAppender(url: resultsFile, truncatingTo: 0)
      try appender.append(header + "\n")
    }

    let pool = SweepPool(
      cells: toRun, metrics: metrics, appender: appender, shardCount: shardCells.count, alreadyDone: alreadyDone,
      progress: progress)
    pool.run(workers: min(workers, max(1, toRun.count)), body)
    if let failure = pool.failure { throw failure }

    let remaining = pending.count - toRun.count
    if remaining == 0 && sortsWhenComplete {
      let results = try SweepResults.read(from: resultsFile)
      try results.canonicalized().write(to: resultsFile)
    }
    return SweepReport(
      shardCells: shardCells.count, alreadyDone: alreadyDone, ran: toRun.count, remaining: remaining,
      seconds: Date().timeIntervalSince(started), results: try SweepResults.read(from: resultsFile))
  }

  /// The file's contents, nil when there is no file; throws when its header is not this sweep's.
  private func existingResults() throws -> SweepResults.FileContents? {
    guard FileManager.default.fileExists(atPath: resultsFile.path) else { return nil }
    let contents = try SweepResults.readContents(of: resultsFile)
    if let results = contents.results, results.header != header {
      throw SweepError.headerMismatch(file: resultsFile.path, expected: header, found: results.header)
    }
    return contents
  }
}

/// What one finished cell reports while a sweep runs.
public struct SweepProgress: Sendable {
  /// The cell that finished.
  public let cell: SweepCell
  /// Its metrics, by name.
  public let metrics: [String: Double]
  /// Cells of the shard finished so far, this one and earlier runs' included.
  public let finished: Int
  /// Cells in the shard.
  public let total: Int
  /// Seconds the cell's work took.
  public let seconds: Double
}

/// What a call to `SweepRunner.run` did.
public struct SweepReport: Sendable {
  /// Cells in the shard.
  public let shardCells: Int
  /// Cells the results file already held when the run started (skipped).
  public let alreadyDone: Int
  /// Cells computed by this run.
  public let ran: Int
  /// Cells of the shard still missing (non-zero when `limit` stopped the run early).
  public let remaining: Int
  /// Wall-clock seconds of the run.
  public let seconds: Double
  /// The results file as it stands after the run.
  public let results: SweepResults
}

/// The worker pool: `workers` threads take cells in order from a shared queue; finished cells are appended under a
/// lock, so lines never interleave. The first failure stops new cells from starting.
private final class SweepPool: @unchecked Sendable {
  // Every mutable field below is read and written only while `lock` is held.
  private let lock = NSLock()
  private let cells: [SweepCell]
  private let metrics: [String]
  private let appender: SweepResultsAppender
  private let shardCount: Int
  private let progress: (@Sendable (SweepProgress) -> Void)?
  private var nextIndex = 0
  private var finished: Int
  private(set) var failure: SweepError?

  init(
    cells: [SweepCell], metrics: [String], appender: SweepResultsAppender, shardCount: Int, alreadyDone: Int,
    progress: (@Sendable (SweepProgress) -> Void)?
  ) {
    self.cells = cells
    self.metrics = metrics
    self.appender = appender
    self.shardCount = shardCount
    self.finished = alreadyDone
    self.progress = progress
  }

  func run(workers: Int, _ body: @escaping @Sendable (SweepCell) throws -> [String: Double]) {
    guard !cells.isEmpty else { return }
    let group = DispatchGroup()
    for _ in 0..<workers {
      group.enter()
      let thread = Thread { [self] in
        work(body)
        group.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
  }

  private func takeNext() -> SweepCell? {
    lock.lock()
    defer { lock.unlock() }
    guard failure == nil, nextIndex < cells.count else { return nil }
    nextIndex += 1
    return cells[nextIndex - 1]
  }

  private func fail(_ error: SweepError) {
    lock.lock()
    defer { lock.unlock() }
    if failure == nil { failure = error }
  }

  private func work(_ body: @Sendable (SweepCell) throws -> [String: Double]) {
    while let cell = takeNext() {
      let start = Date()
      let returned: [String: Double]
      do { returned = try body(cell) } catch {
        fail(.cellFailed(cell: cell.id, underlying: error))
        return
      }
      let seconds = Date().timeIntervalSince(start)
      guard Set(returned.keys) == Set(metrics) else {
        fail(.metricsMismatch(cell: cell.id, expected: metrics, returned: Array(returned.keys)))
        return
      }
      let line = SweepResults.line(cell: cell, metrics: metrics.map { returned[$0] ?? .nan })
      lock.lock()
      do {
        try appender.append(line)
        finished += 1
        progress?(SweepProgress(cell: cell, metrics: returned, finished: finished, total: shardCount, seconds: seconds))
      } catch let error as SweepError {
        if failure == nil { failure = error }
      } catch {
        if failure == nil { failure = .io(file: "results", reason: "\(error)") }
      }
      lock.unlock()
    }
  }
}
