import FileSafety
import Foundation
import Gnuplot
import LabText

/// One lesson's line in the course index: how its run went and what it left.
public struct CourseEntry: Sendable, Equatable {
  /// The lesson's name.
  public var lesson: String
  /// The exit status of this run, or nil when the lesson was not run this time (its earlier summary is shown).
  public var status: Int32?
  /// Wall-clock seconds of this run (nil when not run).
  public var seconds: Double?
  /// What the lesson left in `<output>/<lesson>/summary.json`, when it did.
  public var summary: LessonSummary?

  public init(lesson: String, status: Int32?, seconds: Double?, summary: LessonSummary?) {
    self.lesson = lesson
    self.status = status
    self.seconds = seconds
    self.summary = summary
  }
}

/// The course index `<output>/README.md`: a table of the lessons (finding, run time) and, per lesson, its key chart
/// and key finding, each linking to the lesson's full report. Only links to files that exist are written.
public enum CourseIndex {
  /// Writes the index into `output` atomically and returns its URL.
  @discardableResult
  public static func write(
    _ entries: [CourseEntry], to output: URL, quick: Bool, command: String, tier: LessonTier? = nil
  ) throws -> URL {
    let url = output.appendingPathComponent("README.md")
    do {
      try AtomicFile.write(text(entries, output: output, quick: quick, command: command, tier: tier), to: url)
    } catch {
      throw NotebookError.fileFailed(path: error.path, reason: error.reason)
    }
    return url
  }

  /// The index text; links are relative to `output` and written only for files found there.
  public static func text(
    _ entries: [CourseEntry], output: URL, quick: Bool, command: String, tier: LessonTier? = nil
  ) -> String {
    func exists(_ relative: String) -> Bool {
      FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path)
    }
    let total = entries.compactMap(\.seconds).reduce(0, +)
    let ran = entries.filter { $0.status != nil }.count
    var lines = ["# LSTMLab: the course, run", ""]
    lines.append(
      "*Written by `\(command)`: \(ran) lesson\(ran == 1 ? "" : "s") in \(NumberText.fixed(total, decimals: 1)) s. "
        + "Every finding below was measured in that run; each lesson's report holds its whole story, tables and "
        + "charts.*")
    if quick {
      lines += ["", "> **Quick run:** tiny sizes that show the code works; the numbers do not show the effects."]
    } else if tier == .classroom {
      lines += [
        "",
        "> **Class tier:** the sizes a class runs in minutes. The study is `lstmlab course --full`; where this "
          + "budget cannot resolve an effect, the lesson's finding says so.",
      ]
    } else if tier == .full {
      lines += ["", "> **Full study** (`lstmlab course --full`): the sizes behind the committed findings."]
    }
    lines += ["", "| Lesson | Command | Result | Run time |", "| :--- | :--- | :--- | ---: |"]
    for entry in entries {
      let title = entry.summary?.title ?? entry.lesson
      let report = "\(entry.lesson)/README.md"
      let name = exists(report) ? "[\(cell(title))](\(report))" : cell(title)
      lines.append("| \(name) | `swift run -c release \(entry.lesson)` | \(result(entry)) | \(time(entry)) |")
    }
    for entry in entries {
      lines.append("")
      let title = entry.summary?.title ?? entry.lesson
      let report = "\(entry.lesson)/README.md"
      lines += [exists(report) ? "## [\(title)](\(report))" : "## \(title)", ""]
      if let chart = entry.summary?.keyChart, exists("\(entry.lesson)/\(chart)") {
        lines += ["![\(entry.summary?.keyChartCaption ?? title)](\(entry.lesson)/\(chart))", ""]
      }
      lines.append("> " + state(entry))
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  private static func state(_ entry: CourseEntry) -> String {
    if let status = entry.status, status != 0 { return "**Failed** (exit status \(status)); see its output above." }
    guard let summary = entry.summary else { return "No summary: the lesson did not finish its report." }
    return summary.keyFinding ?? "(the lesson states no finding)"
  }

  private static func result(_ entry: CourseEntry) -> String {
    guard let status = entry.status else { return "not run this time" + (entry.summary == nil ? "" : " (earlier result)") }
    if status != 0 { return "**failed** (exit status \(status))" }
    guard let summary = entry.summary else { return "no report" }
    if summary.quick { return "ok (quick)" }
    switch summary.tier {
    case .full: return "ok (full study)"
    case .classroom: return "ok (class tier)"
    default: return "ok"
    }
  }

  private static func time(_ entry: CourseEntry) -> String {
    guard let seconds = entry.seconds ?? entry.summary?.seconds else { return "" }
    return NumberText.fixed(seconds, decimals: 1) + " s"
  }

  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
