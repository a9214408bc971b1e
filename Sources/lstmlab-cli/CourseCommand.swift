import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab course`: builds and runs every lesson, then writes the course index.
struct CourseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "course",
    abstract: "Run every lesson and write <output>/README.md, an index of their key charts and findings.",
    discussion: """
      Lessons are the folders lessons/<name>/ holding a main.swift. `swift run lstmlab` builds only lstmlab, \
      so the course first runs `swift build -c <configuration>` (this lstmlab's configuration; seconds when all \
      is up to date) and then runs each lesson from the same build folder. One command from a fresh clone:

        swift run -c release lstmlab course          (-> plots/README.md)
        swift run -c release lstmlab course --quick  (-> .build/plots-quick)

      Replication: `lstmlab course --replicate K` runs the tier's lessons (or --only these) on their seeds as \
      written and on K other seed sets (each lesson's own --replicate N, N = 1...K), each run into \
      .build/replicates/<tier>/<N>/, then rewrites the index in the output folder with a Replication column: \
      each finding a lesson records is replicated, changed or not tested. The lessons in the output folder are \
      not re-run, so the committed full study keeps its findings and gains the class tier's column. The column is \
      kept in <output>/replication.json: a later `lstmlab course --only ...` keeps it (and says it is older),       and a later `--replicate K --only ...` replaces only those lessons' rows, so one lesson can be replicated at       another tier beside the class tier's column of all (the index says which). --compare-only runs no lesson and       compares the replicate runs already in .build/replicates/<tier>/ (run one by one, or on other machines):

        swift run -c release lstmlab course --replicate 2   (class tier, 3 runs per lesson -> plots/README.md)
        swift run -c release lstmlab course --full --replicate 2 --only optimal-batch   (its study, 3 times)
      """)

  @OptionGroup var options: LessonOptions

  @Option(parsing: .upToNextOption, help: "Run only these lessons (the index still lists the others' last results).")
  var only: [String] = []

  @Flag(name: .customLong("no-build"), help: "Do not run `swift build`; use the lesson executables already built.")
  var noBuild = false

  @Flag(help: "With --replicate K: run no lesson; compare the runs already in .build/replicates/<tier>/0...K.")
  var compareOnly = false

  func validate() throws {
    if compareOnly && options.replicate < 1 {
      throw ValidationError("--compare-only compares replicate runs: it needs --replicate K with K >= 1")
    }
  }

  func run() throws {
    let course = try Course()
    for name in only where !course.lessons.contains(name) {
      throw NotebookError.unknownLesson(name: name, known: course.lessons)
    }
    if course.configuration != "release" {
      print("note: this is a \(course.configuration) build; lessons run much faster built with -c release")
    }
    if !noBuild && !compareOnly {
      print("== building the lessons (\(course.configuration))")
      if try course.build() == nil {
        print("note: could not run `swift build` (no swift on PATH, or not a SwiftPM build folder); using the executables in \(course.products.path)")
      }
    }
    // The index's folder: --output, else the tier's gallery (never a replicate's folder).
    let output = URL(
      fileURLWithPath: options.output ?? NotebookSettings.defaultOutput(quick: options.quick), isDirectory: true
    ).standardizedFileURL
    let selected = only.isEmpty ? course.lessons : course.lessons.filter(only.contains)
    if options.replicate > 0 {
      return try replicate(course, selected: selected, output: output)
    }
    // The Replication column of an earlier `--replicate K` stays, said to be older than the lessons re-run since
    // (read first: a file that does not read stops the course before any lesson runs).
    let kept = try CourseReplication.saved(in: output)
    var entries: [CourseEntry] = []
    for lesson in course.lessons {
      let folder = output.appendingPathComponent(lesson)
      guard selected.contains(lesson) else {
        entries.append(CourseEntry(lesson: lesson, status: nil, seconds: nil, summary: try? LessonSummary.read(from: folder)))
        continue
      }
      print("\n== \(lesson)")
      let (status, seconds) = try course.run(lesson, arguments: options.arguments())
      let summary = status == 0 ? try? LessonSummary.read(from: folder) : nil
      entries.append(CourseEntry(lesson: lesson, status: status, seconds: seconds, summary: summary))
    }
    let tier = options.settings.tier
    let command = "lstmlab course" + (tier.flag.isEmpty ? "" : " " + tier.flag)
    let index = try CourseIndex.write(
      entries, to: output, quick: options.quick, command: command + (only.isEmpty ? "" : " --only " + only.joined(separator: " ")),
      tier: tier, replication: kept)

    print("\n== course summary (\(course.configuration) build)")
    let budget = tier == .classroom ? 120.0 : nil  // the class tier's per-lesson budget
    for entry in entries where entry.status != nil {
      let seconds = entry.seconds ?? 0
      let verdict = entry.status == 0 ? "ok" : "FAILED (exit status \(entry.status ?? -1))"
      let over = budget.map { seconds > $0 ? "  over the \(Int($0)) s budget" : "" } ?? ""
      print("\(entry.lesson.padding(toLength: 28, withPad: " ", startingAt: 0)) \(NumberText.fixed(seconds, decimals: 1).leftPadded(7)) s  \(verdict)\(over)")
    }
    let total = entries.compactMap(\.seconds).reduce(0, +)
    print("total \(NumberText.fixed(total, decimals: 1)) s; index: \(index.path)")
    let failed = entries.filter { ($0.status ?? 0) != 0 }.map(\.lesson)
    if !failed.isEmpty {
      print("\(failed.count) lesson(s) failed: \(failed.joined(separator: ", "))")
      if let hint = Course.crashHint(statuses: entries.compactMap(\.status)) { print(hint) }
      throw ExitCode.failure
    }
  }
}

extension CourseCommand {
  /// `--replicate K`: every selected lesson on its seeds as written and on K other seed sets, then the index in
  /// `output` rewritten with the Replication column.
  func replicate(_ course: Course, selected: [String], output: URL) throws {
    let count = options.replicate
    let tier = options.settings.tier
    func folder(_ n: Int) -> URL {
      URL(fileURLWithPath: NotebookSettings.replicateOutput(tier: tier, replicate: n), isDirectory: true).standardizedFileURL
    }
    // Read first: a kept replication that does not read stops the course before any lesson runs.
    let kept = try CourseReplication.saved(in: output)
    var failed: [String] = []
    var statuses: [Int32] = []
    var total = 0.0
    for lesson in selected where !compareOnly {
      for n in 0...count {
        var lessonOptions = options
        lessonOptions.replicate = n
        lessonOptions.output = folder(n).path
        print("\n== \(lesson), \(n == 0 ? "seeds as written" : "replicate \(n) of \(count)") (\(tier) tier)")
        let (status, seconds) = try course.run(lesson, arguments: lessonOptions.arguments())
        total += seconds
        if status != 0 { failed.append("\(lesson) (replicate \(n), exit status \(status))"); statuses.append(status) }
      }
    }
    let entries = course.lessons.map { lesson in
      CourseEntry(
        lesson: lesson, status: nil, seconds: nil,
        summary: try? LessonSummary.read(from: output.appendingPathComponent(lesson, isDirectory: true)))
    }
    var replication = CourseReplication.read(lessons: course.lessons, tier: tier, count: count, folder: folder)
    if !only.isEmpty { replication.command += " --only " + only.joined(separator: " ") }
    if compareOnly {
      let missing = selected.filter { replication.lessons[$0] == nil }
      if !missing.isEmpty {
        throw ValidationError(
          "--compare-only: no \(tier)-tier run on the seeds as written of \(missing.joined(separator: ", ")) in "
            + "\(folder(0).path)/<lesson>/summary.json; run them first (without --compare-only)")
      }
    }
    // --only with a kept replication: only the selected lessons' rows change (the others keep theirs).
    if let kept, selected.count < course.lessons.count { replication = kept.merging(replication, for: selected) }
    let tiers = Set(entries.compactMap { $0.summary?.tier })
    try replication.save(in: output)
    let index = try CourseIndex.write(
      entries, to: output, quick: entries.contains { $0.summary?.quick == true }, command: replication.command,
      tier: tiers.count == 1 ? tiers.first : nil, replication: replication)

    print("\n== replication (\(tier) tier, \(CourseReplication.seedSets(count)))")
    for lesson in course.lessons where replication.lessons[lesson] != nil {
      print("\(lesson.padding(toLength: 28, withPad: " ", startingAt: 0)) \(replication.cell(lesson))")
      for finding in replication.lessons[lesson]?.findings ?? [] where finding.verdict == .changed {
        print("    changed: \(finding.name): \(finding.base.text) -> "
          + finding.replicates.map { $0?.text ?? "-" }.joined(separator: ", "))
      }
    }
    print(
      ReplicationVerdict.allCases.map { "\(replication.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        + "; \(NumberText.fixed(total, decimals: 1)) s of lesson runs; index: \(index.path)")
    if !failed.isEmpty {
      print("\(failed.count) run(s) failed: \(failed.joined(separator: ", "))")
      if let hint = Course.crashHint(statuses: statuses) { print(hint) }
      throw ExitCode.failure
    }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
