import Foundation

/// What a lesson run leaves for the course index: its title, key chart and key finding, how long it ran, and the
/// files it wrote. Stored as `<output>/<lesson>/summary.json` beside the report.
public struct LessonSummary: Codable, Sendable, Equatable {
  /// The lesson's folder and executable name.
  public var lesson: String
  /// The lesson's title.
  public var title: String
  /// Whether this was a `--quick` run (tiny sizes: the numbers show the code runs, not the effect).
  public var quick: Bool
  /// The tier that produced the run ("quick", "class" or "full"); nil in summaries written before tiers existed.
  public var tier: LessonTier?
  /// Wall-clock seconds from the notebook's start to its report. A run that resumed its sweeps from their results
  /// files ran only the missing cells: ``sweepCells`` says how many it reused.
  public var seconds: Double
  /// The key chart's PNG file name (relative to the lesson folder), nil when no chart was drawn.
  public var keyChart: String?
  /// The key chart's caption.
  public var keyChartCaption: String?
  /// The key finding, with the numbers measured in this run.
  public var keyFinding: String?
  /// Whether the charts were drawn (false without gnuplot or with --no-render).
  public var rendered: Bool
  /// Every file the run wrote into the lesson folder (the next run removes them before writing its own).
  public var files: [String]
  /// The headline numbers the lesson recorded with their intervals (``Notebook/finding(_:_:unit:)``); nil when it
  /// recorded none (and in summaries written before findings were recorded).
  public var findings: [MeasuredFinding]?
  /// The replicate this run was (`--replicate N`); nil for the seeds as written.
  public var replicate: Int?
  /// Named numbers that describe the run's setting, for another lesson to check it compares like with like (e.g.
  /// `batch-tradeoffs` records its T, H and training-set size beside its critical batch, which it records as a
  /// finding); nil in summaries that recorded none.
  public var measurements: [String: Double]? = nil
  /// The sweep cells of this run: how many there were and how many came from an earlier run's results file (the
  /// run's ``seconds`` leave those out); nil when the run had no sweep (and in summaries written before this was kept).
  public var sweepCells: SweepCellCount? = nil

  /// How many cells a run's sweeps had, and how many of them it reused from an earlier run.
  public struct SweepCellCount: Codable, Sendable, Equatable {
    /// Cells of every sweep the run made (its share of each, under --shard).
    public var total: Int
    /// Of those, the cells read from an earlier run's results file instead of computed.
    public var reused: Int
    public init(total: Int, reused: Int) {
      self.total = total
      self.reused = reused
    }
    /// "resumed: 120 of 130 sweep cells from an earlier run", or nil when every cell was computed in this run.
    public var resumedText: String? {
      reused == 0 ? nil : "resumed: \(reused) of \(total) sweep cells from an earlier run"
    }
  }

  /// The file name of the summary inside a lesson folder.
  public static let fileName = "summary.json"

  /// A number another run recorded with `Notebook.record(_:_:)` in the lesson folder `directory` (e.g.
  /// `book.directory.deletingLastPathComponent().appendingPathComponent("batch-tradeoffs")`), with that run's summary
  /// (its tier, its date of writing via the file, its finding); nil when there is no summary or it recorded no such
  /// number.
  public static func measurement(_ name: String, in directory: URL) -> (value: Double, summary: LessonSummary)? {
    guard let summary = try? read(from: directory), let value = summary.measurements?[name] else { return nil }
    return (value, summary)
  }

  /// A headline number another run recorded with `Notebook.finding(_:_:unit:)` in the lesson folder `directory`, with
  /// its interval and that run's summary; nil when there is no summary or it recorded no finding of that name. One
  /// lesson cross-checks against another's finding this way (e.g. `noise-scale` reads `batch-tradeoffs`' critical
  /// batch), so the number it quotes is the same one the replication check tests.
  public static func finding(_ name: String, in directory: URL) -> (finding: MeasuredFinding, summary: LessonSummary)? {
    guard let summary = try? read(from: directory), let finding = summary.findings?.first(where: { $0.name == name })
    else { return nil }
    return (finding, summary)
  }

  /// Reads `<directory>/summary.json`.
  public static func read(from directory: URL) throws -> LessonSummary {
    let url = directory.appendingPathComponent(fileName)
    return try JSONDecoder().decode(LessonSummary.self, from: Data(contentsOf: url))
  }

  /// The summary as pretty, key-sorted JSON.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
