import FileSafety
import Foundation

/// The replication of one lesson: its recorded findings on the seeds as written, each compared with the same finding
/// in replicates 1...K (``Replication``).
public struct LessonReplication: Codable, Sendable, Equatable {
  /// The findings of the run on the seeds as written, with their replicates and verdicts.
  public var findings: [FindingReplication]
  /// How many of replicates 1...K left a summary.
  public var replicatesRun: Int
  /// Where this lesson was replicated apart from the rest of the course (another tier or K, by a later
  /// `lstmlab course --replicate K --only ...`): its tier, K and command. Nil: the course replication's.
  public var tier: LessonTier?
  public var count: Int?
  public var command: String?

  public init(findings: [FindingReplication], replicatesRun: Int, tier: LessonTier? = nil, count: Int? = nil, command: String? = nil) {
    self.findings = findings
    self.replicatesRun = replicatesRun
    self.tier = tier
    self.count = count
    self.command = command
  }

  /// How many findings got `verdict`.
  public func count(_ verdict: ReplicationVerdict) -> Int { findings.filter { $0.verdict == verdict }.count }
}

/// What `lstmlab course --replicate K` found for the lessons of one tier: each lesson run on the seeds as written
/// (replicate 0) and on K other seed sets, every run in its own folder
/// (``NotebookSettings/replicateOutput(tier:replicate:)``), and the findings compared. The course index shows it as a
/// column beside the findings of the runs in its own folder, and keeps it in that folder's `replication.json`, so a
/// later `lstmlab course --only ...` that re-runs a few lessons rewrites the index without losing the column.
public struct CourseReplication: Codable, Sendable, Equatable {
  /// The tier that was replicated.
  public var tier: LessonTier
  /// K, the number of other seed sets.
  public var count: Int
  /// The lessons whose run on the seeds as written left a summary, by name.
  public var lessons: [String: LessonReplication]
  /// The command that made it, as the index quotes it: `lstmlab course --replicate K` (and the tier's flag).
  public var command: String

  public init(tier: LessonTier, count: Int, lessons: [String: LessonReplication], command: String? = nil) {
    self.tier = tier
    self.count = count
    self.lessons = lessons
    self.command = command ?? "lstmlab course --replicate \(count)" + (tier.flag.isEmpty ? "" : " " + tier.flag)
  }

  /// The file in a course's output folder that keeps the replication its index shows.
  public static let fileName = "replication.json"

  /// Writes this replication into `output`'s ``fileName`` atomically.
  public func save(in output: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let url = output.appendingPathComponent(Self.fileName)
    do {
      try AtomicFile.write(String(decoding: try encoder.encode(self), as: UTF8.self) + "\n", to: url)
    } catch let error as AtomicFileError {
      throw NotebookError.fileFailed(path: error.path, reason: error.reason)
    }
  }

  /// The replication kept in `output`, or nil when there is none. A file that is there but does not read is an
  /// error that names it: it is never dropped in silence.
  public static func saved(in output: URL) throws -> CourseReplication? {
    let url = output.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    do {
      return try JSONDecoder().decode(CourseReplication.self, from: Data(contentsOf: url))
    } catch {
      throw NotebookError.fileFailed(
        path: url.path, reason: "expected the replication written by `lstmlab course --replicate K` (\(error))")
    }
  }

  /// Reads the summaries of `lessons` in `folder(n)/<lesson>` for replicates n = 0...count and compares their
  /// findings. A summary counts only when it is of `tier` and says it is replicate n (nil meaning 0), so a run of
  /// another tier or replicate left in the folder is never compared by mistake.
  public static func read(lessons: [String], tier: LessonTier, count: Int, folder: (Int) -> URL) -> CourseReplication {
    func summary(_ lesson: String, _ n: Int) -> LessonSummary? {
      guard let summary = try? LessonSummary.read(from: folder(n).appendingPathComponent(lesson, isDirectory: true)),
        summary.tier == tier, (summary.replicate ?? 0) == n
      else { return nil }
      return summary
    }
    var found: [String: LessonReplication] = [:]
    for lesson in lessons {
      guard let base = summary(lesson, 0) else { continue }
      let replicates = count < 1 ? [] : (1...count).map { summary(lesson, $0) }
      found[lesson] = LessonReplication(
        findings: Replication.compare(base: base.findings ?? [], replicates: replicates.map { $0?.findings ?? [] }),
        replicatesRun: replicates.compactMap { $0 }.count)
    }
    return CourseReplication(tier: tier, count: count, lessons: found)
  }

  /// This replication with `newer`'s entries for `selected` lessons in place of its own (a lesson that left no entry
  /// in `newer`, because it failed, keeps its old one). The course-wide tier, K and command stay this one's; an entry
  /// of another tier or K keeps its own, so the index can say which lessons were replicated how: `lstmlab course
  /// --full --replicate 2 --only optimal-batch` adds the full study's replication of one lesson beside the class
  /// tier's of all.
  public func merging(_ newer: CourseReplication, for selected: [String]) -> CourseReplication {
    var merged = self
    for lesson in selected {
      guard var entry = newer.lessons[lesson] else { continue }
      let (entryTier, entryCount) = (newer.tier(of: lesson), newer.count(of: lesson))
      let same = entryTier == tier && entryCount == count
      entry.tier = same ? nil : entryTier
      entry.count = same ? nil : entryCount
      entry.command = same ? nil : entry.command ?? newer.command
      merged.lessons[lesson] = entry
    }
    return merged
  }

  /// The tier `lesson` was replicated at: its own, else the course's.
  public func tier(of lesson: String) -> LessonTier { lessons[lesson]?.tier ?? tier }
  /// K, the other seed sets `lesson` ran on: its own, else the course's.
  public func count(of lesson: String) -> Int { lessons[lesson]?.count ?? count }
  /// The lessons replicated apart from the course (another tier or K), by name.
  public var separatelyReplicated: [String] { lessons.keys.filter { lessons[$0]?.tier != nil || lessons[$0]?.count != nil }.sorted() }

  /// How many findings of all lessons got `verdict`.
  public func count(_ verdict: ReplicationVerdict) -> Int { lessons.values.map { $0.count(verdict) }.reduce(0, +) }

  /// The column text for `lesson`: "3 replicated, 1 changed, 0 not tested" (led by "full tier, 2 other seed sets: "
  /// when it was replicated apart from the course), or why there is none.
  public func cell(_ lesson: String) -> String {
    guard let replication = lessons[lesson] else { return "not run" }
    let k = count(of: lesson)
    let own = separatelyReplicated.contains(lesson) ? "\(tier(of: lesson)) tier, \(Self.seedSets(k)): " : ""
    guard !replication.findings.isEmpty else { return own + "no recorded findings" }
    let counts = ReplicationVerdict.allCases.map { "\(replication.count($0)) \($0.rawValue)" }.joined(separator: ", ")
    return own + counts + (replication.replicatesRun < k ? " (\(replication.replicatesRun) of \(k) replicates ran)" : "")
  }

  /// "1 other seed set", "2 other seed sets".
  public static func seedSets(_ k: Int) -> String { "\(k) other seed set\(k == 1 ? "" : "s")" }
}
