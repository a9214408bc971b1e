import FileSafety
import Foundation
import Gnuplot
import LabMath
import LabText

/// A lesson run as an executed notebook: a sequence of cells (narrative, experiments, tables, charts, findings),
/// shown on the console as they run and written at the end as `<output>/<lesson>/README.md`, which reads like the
/// notebook in any Markdown viewer, with the charts embedded. Beside it, `summary.json` records the key chart and the
/// key finding for the course index.
///
/// A lesson's `main.swift`, top to bottom:
///
/// ```swift
/// import ArgumentParser
/// import LSTMLab
///
/// struct Saturation: ParsableCommand {
///   @OptionGroup var options: LessonOptions                      // --quick, --output, --no-render, --preview
///   @Option(help: "Longest chain of steps.") var steps = 30      // the lesson's own knob
///
///   func run() throws {
///     var book = try Notebook(lesson: "saturation", title: "Saturation and gradients", options: options)
///     book.markdown("Why do gradients vanish? ...")
///     book.experiment("Slopes of sigmoid and tanh", details: "z from -8 to 8")
///     let slope = ...                                            // compute
///     try book.chart(Figure(name: "slopes", chart: chart), caption: "Slopes", isKey: true)
///     book.finding("sigmoid's slope is at most \(NumberText.fixed(slope, decimals: 2)) ...", isKey: true)
///     try book.finish()
///   }
/// }
/// Saturation.main()
/// ```
///
/// Charts go through a ``FigureRenderer``: each becomes `<name>.gp` + `<name>.dat`, drawn to PNG and SVG when gnuplot
/// is installed. Without gnuplot the lesson still runs to the end and ``finish()`` prints one line saying how to
/// install it.
public struct Notebook {
  /// The lesson's name (its folder and executable name).
  public let lesson: String
  /// The lesson's title.
  public let title: String
  /// How the notebook runs.
  public let settings: NotebookSettings
  /// The folder the lesson writes: `<output>/<lesson>`.
  public let directory: URL
  /// The cells so far.
  public private(set) var cells: [NotebookCell] = []
  /// The headline numbers recorded so far (``finding(_:_:unit:)``), in the order first recorded.
  public private(set) var measuredFindings: [MeasuredFinding] = []

  /// Which replicate this run is: 0 for the seeds as written, N > 0 for the N-th other set (`--replicate N`).
  public var replicate: Int { settings.replicate }

  /// The tier this run is: quick, class or full.
  public var tier: LessonTier { settings.tier }

  /// A knob's value for this run's tier, resolved once: `let updates = book.size(quick: 50, class: 2000, full: 10000)`.
  public func size<Value>(quick: Value, class classValue: Value, full: Value) -> Value {
    tier.size(quick: quick, class: classValue, full: full)
  }

  private let renderer: FigureRenderer
  private let notRenderedReason: String?
  private let console: Console
  private let start = ContinuousClock.now
  private var firstChart: (file: String, caption: String)?
  private var markedChart: (file: String, caption: String)?
  private var lastFinding: String?
  private var markedFinding: String?
  private var headlineText: String?
  private var files: [String] = []
  private var measurements: [String: Double] = [:]
  private var sweepCells: LessonSummary.SweepCellCount?

  /// A notebook for `lesson` configured by the lesson's command-line flags.
  public init(lesson: String, title: String, options: LessonOptions) throws {
    try self.init(lesson: lesson, title: title, settings: options.settings)
  }

  /// A notebook for `lesson`: creates `<output>/<lesson>/`, removes the files the previous run listed in its
  /// summary there (and nothing else), and prints the title.
  public init(lesson: String, title: String, settings: NotebookSettings) throws {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    guard !lesson.isEmpty, lesson.allSatisfy(allowed.contains) else { throw NotebookError.invalidLessonName(lesson) }
    self.lesson = lesson
    self.title = title
    self.settings = settings
    directory = settings.output.appendingPathComponent(lesson, isDirectory: true)
    let (gnuplot, notice) = settings.gnuplot(directory: directory)
    renderer = FigureRenderer(gnuplot: gnuplot)
    notRenderedReason = notice
    console = Console(styled: settings.styled)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw NotebookError.fileFailed(path: directory.path, reason: "\(error)")
    }
    if let previous = try? LessonSummary.read(from: directory) {
      for file in previous.files + [LessonSummary.fileName] where !file.contains("/") {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(file))
      }
    }
    console.write(console.style("# \(title)", .heading) + (settings.quick ? console.style("  (quick run)", .dim) : console.style("  (\(settings.tier) tier)", .dim)))
    console.write("")
    // Lessons time training steps, some through their own loops (compute-scaling's hand-written update): the
    // allocator keeps freed memory, so a step's time does not depend on whether its tape is faulted in afresh.
    _ = Allocator.keepingFreedMemory
    // Every seeded generator of this process mixes the replicate in from here on (0: the seeds as written).
    SeedReplicate.current = UInt64(settings.replicate)
    if settings.replicate > 0 {
      markdown(
        "> **Replicate \(settings.replicate):** every seed of this run is replaced by another one fixed for replicate "
          + "\(settings.replicate) (data, initial weights, shuffles and folds all change), so its findings are measured again "
          + "on other seeds. `lstmlab course --replicate K` compares them with the run on the seeds as written.")
    }
  }

  /// Whether this is a `--quick` run: use tiny sizes.
  public var isQuick: Bool { settings.quick }

  /// Narrative in Markdown.
  public mutating func markdown(_ text: String) {
    cells.append(.markdown(text))
    console.markdown(text)
  }

  /// The heading of an experiment, with its settings (shown as a code block) when given.
  public mutating func experiment(_ title: String, details: String? = nil) {
    cells.append(.experiment(title: title, details: details))
    console.write(console.style("▶ \(title)", .heading))
    if let details { console.write(console.style(details, .dim)) }
    console.write("")
  }

  /// A table of results.
  /// - Throws: ``NotebookError/tableShape(table:row:cells:columns:)`` when a row does not fit the columns.
  public mutating func table(_ table: Table) throws {
    try table.checkShape()
    cells.append(.table(table))
    console.table(table)
  }

  /// Writes `figure` into the lesson folder (`.gp`, `.dat`, and `.png` + `.svg` when gnuplot is available) and adds
  /// it to the report with `caption`. `isKey` marks the chart the course index shows (default: the first chart).
  @discardableResult
  public mutating func chart(_ figure: Figure, caption: String, isKey: Bool = false) throws -> WrittenFigure {
    let written = try renderer.write(figure, to: directory)
    cells.append(.chart(written, caption: caption))
    files += [written.script, written.data, written.png, written.svg].compactMap { $0?.lastPathComponent }
    if let png = written.png {
      if firstChart == nil { firstChart = (png.lastPathComponent, caption) }
      if isKey { markedChart = (png.lastPathComponent, caption) }
    }
    let shown = written.png ?? written.script
    console.write(console.style("chart: ", .bold) + "\(caption) -> \(Self.relativePath(shown))")
    if !written.warnings.isEmpty {
      console.write(console.style("gnuplot warned: " + written.warnings.trimmingCharacters(in: .whitespacesAndNewlines), .warning))
    }
    if settings.preview, let text = try renderer.preview(written) { console.write(text) }
    console.write("")
    return written
  }

  /// A finding: what this run measured, stated with the measured numbers (never numbers typed into the text).
  /// `isKey` marks the finding the course index shows (default: the last finding).
  public mutating func finding(_ text: String, isKey: Bool = false) {
    cells.append(.finding(text))
    lastFinding = text
    if isKey { markedFinding = text }
    console.write(console.style("Finding: ", .finding) + text)
    console.write("")
  }

  /// The headline: a finding computed at the end of a run but shown first, at the top of the report (above every
  /// other cell), and the key finding the course index quotes. A lesson whose answer needs the whole run calls it
  /// last; a second call replaces the first headline.
  public mutating func headline(_ text: String) {
    if let old = headlineText, cells.first == .finding(old) { cells.removeFirst() }
    cells.insert(.finding(text), at: 0)
    headlineText = text
    markedFinding = text
    console.write(console.style("Headline: ", .finding) + text)
    console.write("")
  }

  /// Records a headline number with its interval under a stable `name`, for `summary.json` and the course's
  /// replication check: the same lesson run with other seeds (`--replicate N`) records the same name, and
  /// ``Replication`` compares the two. Call it beside the ``finding(_:isKey:)`` sentence that states the number.
  /// Recording a name again replaces its earlier value.
  public mutating func finding(_ name: String, _ interval: ConfidenceInterval, unit: String? = nil) {
    record(MeasuredFinding(name: name, interval, unit: unit))
  }

  /// Records a headline number from its estimate and interval ends (nil ends: a number with no interval, which the
  /// replication check reports as not tested).
  public mutating func finding(
    _ name: String, estimate: Double, lower: Double? = nil, upper: Double? = nil, level: Double = 0.95,
    unit: String? = nil
  ) {
    record(MeasuredFinding(name: name, estimate: estimate, lower: lower, upper: upper, level: level, unit: unit))
  }

  private mutating func record(_ finding: MeasuredFinding) {
    if let index = measuredFindings.firstIndex(where: { $0.name == finding.name }) {
      measuredFindings[index] = finding
    } else {
      measuredFindings.append(finding)
    }
    console.write(console.style("recorded: ", .dim) + "\(finding.name) = \(finding.text)")
  }

  /// The table of recorded headline numbers that ends a report.
  var measuredFindingsTable: Table {
    var table = Table(
      "Headline numbers of this run (recorded in summary.json; `lstmlab course --replicate K` re-measures them on other seeds)",
      columns: [.init("finding", alignment: .left), .init("estimate [95% interval]", alignment: .left)])
    for finding in measuredFindings {
      let level = finding.level.map { $0 == 0.95 ? "" : " (\(NumberText.fixed($0 * 100, decimals: 0))%)" } ?? ""
      table.append([.text(finding.name), .text(finding.text + level)])
    }
    return table
  }

  /// Records a number that describes this run's setting under `name` in `summary.json` (`LessonSummary.measurements`:
  /// its T, H, training-set size, target), so another lesson that reads one of its findings with
  /// `LessonSummary.finding(_:in:)` can check the two runs compare like with like (`LessonSummary.measurement(_:in:)`).
  /// A measured result belongs in ``finding(_:_:unit:)``, with its interval. Recording a name again replaces it; a
  /// value that is not finite (nothing was measured) removes the name, since JSON has no nan.
  /// Counts a sweep's cells for the summary: `reused` of `total` came from an earlier run's results file, so the
  /// run's time leaves them out (the report and the course index say so).
  public mutating func countSweepCells(total: Int, reused: Int) {
    let before = sweepCells ?? .init(total: 0, reused: 0)
    sweepCells = .init(total: before.total + total, reused: before.reused + reused)
  }

  public mutating func record(_ name: String, _ value: Double) {
    measurements[name] = value.isFinite ? value : nil
  }

  /// Writes `README.md` (the whole notebook) and `summary.json` atomically, prints where they are, and prints one line
  /// when charts were not drawn. Returns the report's URL.
  @discardableResult
  public mutating func finish() throws -> URL {
    let elapsed = (ContinuousClock.now - start).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let lessonReadme = directory.appendingPathComponent("../../lessons/\(lesson)/README.md").standardizedFileURL
    let report = MarkdownReport(
      lesson: lesson, title: title, tier: settings.tier,
      cells: cells + (measuredFindings.isEmpty ? [] : [.table(measuredFindingsTable)]), seconds: seconds,
      resumed: sweepCells?.resumedText, notRendered: notRenderedReason != nil,
      linksLessonReadme: FileManager.default.fileExists(atPath: lessonReadme.path))
    let keyChart = markedChart ?? firstChart
    let summary = LessonSummary(
      lesson: lesson, title: title, quick: settings.quick, tier: settings.tier, seconds: (seconds * 100).rounded() / 100,
      keyChart: keyChart?.file, keyChartCaption: keyChart?.caption, keyFinding: markedFinding ?? lastFinding,
      rendered: notRenderedReason == nil, files: files + ["README.md"],
      findings: measuredFindings.isEmpty ? nil : measuredFindings, replicate: settings.replicate == 0 ? nil : settings.replicate,
      measurements: measurements.isEmpty ? nil : measurements, sweepCells: sweepCells)
    let readme = directory.appendingPathComponent("README.md")
    do {
      try AtomicFile.write(report.text, to: readme)
      try AtomicFile.write(try summary.json(), to: directory.appendingPathComponent(LessonSummary.fileName))
    } catch let error as AtomicFileError {
      throw NotebookError.fileFailed(path: error.path, reason: error.reason)
    }
    console.write(
      console.style("report: ", .bold) + Self.relativePath(readme) + " (" + NumberText.fixed(seconds, decimals: 1) + " s"
        + (sweepCells?.resumedText.map { "; " + $0 } ?? "") + ")")
    if let notRenderedReason { console.write(console.style(notRenderedReason, .warning)) }
    return readme
  }

  /// `url` relative to the current directory when it lies below it (shorter console lines).
  static func relativePath(_ url: URL) -> String {
    let current = FileManager.default.currentDirectoryPath
    let path = url.standardizedFileURL.path
    return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
  }
}
