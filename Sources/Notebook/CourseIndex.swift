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
    _ entries: [CourseEntry], to output: URL, quick: Bool, command: String, tier: LessonTier? = nil,
    replication: CourseReplication? = nil
  ) throws -> URL {
    let url = output.appendingPathComponent("README.md")
    do {
      try AtomicFile.write(
        text(entries, output: output, quick: quick, command: command, tier: tier, replication: replication), to: url)
    } catch {
      throw NotebookError.fileFailed(path: error.path, reason: error.reason)
    }
    return url
  }

  /// The index text; links are relative to `output` and written only for files found there. With `replication`
  /// (`lstmlab course --replicate K`) the table gains a Replication column and each lesson a table of its recorded
  /// findings: the value in this folder's run, on the replicated tier's seeds as written, in each replicate, and the
  /// verdict (``Replication``).
  public static func text(
    _ entries: [CourseEntry], output: URL, quick: Bool, command: String, tier: LessonTier? = nil,
    replication: CourseReplication? = nil
  ) -> String {
    func exists(_ relative: String) -> Bool {
      FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path)
    }
    let total = entries.compactMap(\.seconds).reduce(0, +)
    let ran = entries.filter { $0.status != nil }.count
    var lines = ["# LSTMLab: the course, run", ""]
    if let replication {
      let rerun = entries.filter { $0.status != nil }.map(\.lesson)
      let since =
        rerun.isEmpty || command == replication.command
        ? ""
        : " `\(command)` then re-ran \(rerun.joined(separator: ", ")) (\(NumberText.fixed(total, decimals: 1)) s); "
          + "the Replication column is still the one `\(replication.command)` measured."
      lines.append(
        "*The lessons' findings below are those of the runs in this folder (the Result column names each one's tier); "
          + "each lesson's report holds its whole story, tables and charts. `\(replication.command)` added the "
          + "Replication column.\(since)*")
    } else {
      lines.append(
        "*Written by `\(command)`: \(ran) lesson\(ran == 1 ? "" : "s") in \(NumberText.fixed(total, decimals: 1)) s. "
          + "Every finding below was measured in that run; each lesson's report holds its whole story, tables and "
          + "charts.*")
    }
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
    if let replication { lines += ["", replicationLegend(replication)] }
    let replicationHeader =
      replication.map { " Replication (\($0.tier) tier, \(CourseReplication.seedSets($0.count))) |" } ?? ""
    lines += [
      "", "| Lesson | Command | Result | Run time |" + replicationHeader,
      "| :--- | :--- | :--- | ---: |" + (replication == nil ? "" : " :--- |"),
    ]
    for entry in entries {
      let title = entry.summary?.title ?? entry.lesson
      let report = "\(entry.lesson)/README.md"
      let name = exists(report) ? "[\(cell(title))](\(report))" : cell(title)
      let column = replication.map { " \($0.cell(entry.lesson)) |" } ?? ""
      lines.append(
        "| \(name) | `swift run -c release \(entry.lesson)` | \(result(entry, rewritten: replication != nil)) | \(time(entry)) |"
          + column)
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
      if let replication, let findings = replication.lessons[entry.lesson]?.findings, !findings.isEmpty {
        lines += [""] + replicationTable(findings, lesson: entry, replication: replication)
      }
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  /// The paragraph that says what the Replication column means and how many findings got each verdict.
  static func replicationLegend(_ replication: CourseReplication) -> String {
    let total = ReplicationVerdict.allCases.map { replication.count($0) }.reduce(0, +)
    let counts = ReplicationVerdict.allCases.map { "**\(replication.count($0)) \($0.rawValue)**" }.joined(separator: ", ")
    return "> **Replication** (`\(replication.command)`): each lesson of the \(replication.tier) tier ran on its seeds as written and "
      + "on \(replication.count) other seed set\(replication.count == 1 ? "" : "s") (`--replicate N` shifts every seed: data, "
      + "weights, shuffles, folds). A recorded finding is *replicated* when every replicate's estimate e_N lies "
      + "within sqrt(h_0^2 + h_N^2) of the first run's e_0 (h: the half-widths of the two 95% intervals; a 5% test of "
      + "\"both measure the same number\"), *changed* when one does not, *not tested* without an interval or a "
      + "replicate. A stable finding is still called changed about 1 - 0.95^K of the time when the runs are "
      + "independent, less often when they share data (a real data set is the same in every replicate, so the "
      + "estimates move together and the check is conservative). Of \(total) recorded "
      + "findings in \(replication.lessons.count) lesson\(replication.lessons.count == 1 ? "" : "s"): \(counts)."
      + " Each lesson's table gives, for the replicate closest to being called changed, how far it lay from the first "
      + "run and (in brackets) how far the check allowed: what the verdict can resolve. \(coarse(replication))"
      + apart(replication)
  }

  /// The sentence that names the lessons replicated apart from the course (another tier or K) and how.
  static func apart(_ replication: CourseReplication) -> String {
    let lessons = replication.separatelyReplicated
    guard !lessons.isEmpty else { return "" }
    return " Replicated apart from the rest: " + lessons.map { lesson in
      "\(lesson) at the \(replication.tier(of: lesson)) tier on \(CourseReplication.seedSets(replication.count(of: lesson)))"
        + (replication.lessons[lesson]?.command.map { " (`\($0)`)" } ?? "")
    }.joined(separator: "; ") + "."
  }

  /// The sentence that counts the replicated findings whose check allowed a change as large as the first run's
  /// estimate itself: for those, "replicated" says little more than that two wide intervals overlap.
  static func coarse(_ replication: CourseReplication) -> String {
    let replicated = replication.lessons.values.flatMap(\.findings).filter { $0.verdict == .replicated }
    let wide = replicated.filter { finding in
      guard let allowed = finding.closest?.allowed, let estimate = finding.base.estimate else { return false }
      return allowed >= abs(estimate)
    }
    return "\(wide.count) of the \(replicated.count) replicated findings allowed a change at least as large as the first "
      + "run's estimate itself (an estimate of 0 included): for those, the verdict says only that two wide intervals "
      + "overlap."
  }

  /// One lesson's recorded findings: this folder's value, the replicated tier's run on the seeds as written, each
  /// replicate, the verdict.
  static func replicationTable(_ findings: [FindingReplication], lesson entry: CourseEntry, replication: CourseReplication) -> [String] {
    let here = entry.summary.map { "this folder (\(tierName($0)))" } ?? "this folder"
    let k = replication.count(of: entry.lesson)
    let replicates = (1...max(1, k)).prefix(k).map { "replicate \($0)" }
    var lines = [
      "| Recorded finding | \(here) | \(replication.tier(of: entry.lesson)) tier, seeds as written | " + replicates.joined(separator: " | ")
        + (replicates.isEmpty ? "" : " | ") + "Largest change (allowed) | Verdict |",
      "| :--- | :--- | :--- |" + String(repeating: " :--- |", count: replicates.count) + " :--- | :--- |",
    ]
    for finding in findings {
      let mine = entry.summary?.findings?.first { $0.name == finding.name }?.text ?? "-"
      let others = finding.replicates.map { $0?.text ?? "-" }
      lines.append(
        "| \(cell(finding.name)) | \(cell(mine)) | \(cell(finding.base.text)) | "
          + others.map(cell).joined(separator: " | ") + (others.isEmpty ? "" : " | ") + "\(change(finding)) | \(finding.verdict.rawValue) |")
    }
    return lines
  }

  /// "0.031 (0.120)": the replicate closest to being called changed, its distance from the first run and the distance
  /// allowed; "-" when none was judged.
  private static func change(_ finding: FindingReplication) -> String {
    guard let closest = finding.closest else { return "-" }
    let unit = finding.base.unit.map { " " + $0 } ?? ""
    return NumberText.significant(closest.difference, digits: 2) + " (" + NumberText.significant(closest.allowed, digits: 2) + ")" + unit
  }

  private static func tierName(_ summary: LessonSummary) -> String {
    if summary.quick { return "quick" }
    switch summary.tier {
    case .full: return "full study"
    case .classroom: return "class tier"
    default: return "earlier run"
    }
  }

  private static func state(_ entry: CourseEntry) -> String {
    if let status = entry.status, status != 0 { return "**Failed** (exit status \(status)); see its output above." }
    guard let summary = entry.summary else {
      return entry.status == nil ? "Not run yet: no report in this folder." : "No summary: the lesson did not finish its report."
    }
    return summary.keyFinding ?? "(the lesson states no finding)"
  }

  private static func result(_ entry: CourseEntry, rewritten: Bool = false) -> String {
    if rewritten, entry.status == nil, let summary = entry.summary { return "ok (\(tierName(summary)))" }
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
    let resumed = entry.summary?.sweepCells?.resumedText.map { " (\($0))" } ?? ""
    return NumberText.fixed(seconds, decimals: 1) + " s" + resumed
  }

  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
