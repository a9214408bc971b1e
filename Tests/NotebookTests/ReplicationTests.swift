import Foundation
import XCTest

@testable import Notebook

/// The replication check of `lstmlab course --replicate K`, on hand-made findings whose verdicts follow from the
/// rule |e_N - e_0| <= sqrt(h_0^2 + h_N^2) worked out by hand.
final class ReplicationTests: XCTestCase {
  func finding(_ estimate: Double, _ lower: Double?, _ upper: Double?, name: String = "x") -> MeasuredFinding {
    MeasuredFinding(name: name, estimate: estimate, lower: lower, upper: upper)
  }

  /// Base 0.50 ± 0.03, replicate ± 0.04: they agree up to |d| = 0.05 (a 3-4-5 triangle).
  func testAgreementUsesBothIntervals() {
    let base = finding(0.50, 0.47, 0.53)
    XCTAssertEqual(Replication.agrees(finding(0.549, 0.509, 0.589), with: base), true)
    XCTAssertEqual(Replication.agrees(finding(0.551, 0.511, 0.591), with: base), false)
    XCTAssertEqual(Replication.agrees(finding(0.451, 0.411, 0.491), with: base), true)
    XCTAssertEqual(Replication.agrees(finding(0.449, 0.409, 0.489), with: base), false)
    // Outside the base interval (0.56 > 0.53) and still agreeing: the replicate has its own error.
    XCTAssertEqual(Replication.agrees(finding(0.545, 0.505, 0.585), with: base), true)
  }

  /// Wilson intervals are lopsided: the half-widths on the sides that face each other count. Base 0.2 [0.1, 0.5]
  /// (0.3 above), replicate 0.6 [0.5, 0.65] (0.1 below): sqrt(0.09 + 0.01) = 0.316 < 0.4, changed; read from the
  /// other sides (0.1 and 0.05) it would be changed too, so check a case where the side decides: replicate 0.45
  /// [0.44, 0.9] (0.01 below): sqrt(0.09 + 0.0001) = 0.30017 >= 0.25, agrees; with the base's lower side (0.1) it
  /// would not.
  func testAsymmetricIntervalsUseTheFacingSides() {
    let base = finding(0.2, 0.1, 0.5)
    XCTAssertEqual(Replication.agrees(finding(0.6, 0.5, 0.65), with: base), false)
    XCTAssertEqual(Replication.agrees(finding(0.45, 0.44, 0.9), with: base), true)
    XCTAssertEqual(Replication.agrees(finding(-0.05, -0.5, 0.21), with: base), true, "0.25 <= sqrt(0.01 + 0.0676)")
    XCTAssertEqual(Replication.agrees(finding(-0.05, -0.5, 0.1), with: base), false, "0.25 > sqrt(0.01 + 0.0225)")
  }

  func testWithoutAnIntervalTheBaseIntervalAloneDecidesOrNothingIsTested() {
    let base = finding(1.0, 0.9, 1.1)
    XCTAssertEqual(Replication.agrees(finding(1.05, nil, nil), with: base), true)
    XCTAssertEqual(Replication.agrees(finding(1.15, nil, nil), with: base), false)
    XCTAssertNil(Replication.agrees(finding(1.0, 0.9, 1.1), with: finding(1.0, nil, nil)))
    XCTAssertNil(Replication.agrees(MeasuredFinding(name: "x", estimate: .nan, lower: 0, upper: 1), with: base))
    // Identical deterministic numbers (zero-width intervals) agree; any change in them does not.
    XCTAssertEqual(Replication.agrees(finding(3, 3, 3), with: finding(3, 3, 3)), true)
    XCTAssertEqual(Replication.agrees(finding(3.001, 3.001, 3.001), with: finding(3, 3, 3)), false)
  }

  /// A Wilson interval of 0 successes can end a rounding error above 0 (5.6e-17): two runs that both solved 0 of 5
  /// agree (half-width 0 on that side), they are not "not tested".
  func testAnIntervalEndARoundingErrorPastItsEstimateCountsAsZero() {
    let none = MeasuredFinding(name: "solved", estimate: 0, lower: 5.55e-17, upper: 0.561)
    XCTAssertEqual(Replication.agrees(none, with: none), true)
    let all = MeasuredFinding(name: "solved", estimate: 1, lower: 0.722, upper: 1 - 1.1e-16)
    XCTAssertEqual(Replication.agrees(all, with: all), true)
    // A real gap is still a gap: 0 of 5 against 5 of 5 disagree.
    XCTAssertEqual(Replication.agrees(all, with: none), false)
  }

  func testVerdictsAndMatchingByName() {
    let base = [finding(0.5, 0.4, 0.6, name: "a"), finding(0.5, 0.4, 0.6, name: "b"), finding(7, nil, nil, name: "c"),
                finding(1, 0, 2, name: "d")]
    let replicate1 = [finding(0.55, 0.45, 0.65, name: "a"), finding(0.9, 0.85, 0.95, name: "b"), finding(7, 6, 8, name: "c")]
    let replicate2 = [finding(0.45, 0.35, 0.55, name: "a"), finding(0.52, 0.42, 0.62, name: "b")]
    let compared = Replication.compare(base: base, replicates: [replicate1, replicate2])
    XCTAssertEqual(compared.map(\.verdict), [.replicated, .changed, .notTested, .notTested])
    XCTAssertEqual(compared[1].replicates.map { $0?.estimate }, [0.9, 0.52])
    XCTAssertEqual(compared[3].replicates.map { $0?.estimate }, [nil, nil], "d was measured by no replicate")
    XCTAssertEqual(Replication.counts(compared), [.replicated: 1, .changed: 1, .notTested: 2])
    XCTAssertEqual(Replication.verdict(base: base[0], replicates: []), .notTested)
  }

  func testNonFiniteNumbersAreStoredAsMissingAndSurviveJSON() throws {
    let finding = MeasuredFinding(name: "n", estimate: 0.25, lower: -.infinity, upper: .nan, unit: "")
    XCTAssertEqual(finding.estimate, 0.25)
    XCTAssertNil(finding.lower)
    XCTAssertNil(finding.upper)
    XCTAssertNil(finding.unit)
    XCTAssertEqual(finding.text, "0.250")
    XCTAssertEqual(MeasuredFinding(name: "t", estimate: 1800, lower: 1800, upper: 1800, unit: "bytes").text, "1.80e+03 bytes (exact)")
    let summary = LessonSummary(
      lesson: "l", title: "t", quick: false, tier: .classroom, seconds: 1, keyChart: nil, keyChartCaption: nil,
      keyFinding: nil, rendered: false, files: [], findings: [finding, self.finding(1, 0.5, 1.5, name: "m")], replicate: 2)
    let decoded = try JSONDecoder().decode(LessonSummary.self, from: Data(try summary.json().utf8))
    XCTAssertEqual(decoded, summary)
    // A summary written before findings existed still reads.
    let old = #"{"lesson":"l","title":"t","quick":false,"seconds":1,"rendered":true,"files":[]}"#
    XCTAssertNil(try JSONDecoder().decode(LessonSummary.self, from: Data(old.utf8)).findings)
  }

  /// Summaries of replicates 0...2 in their folders; a summary of another tier or replicate is ignored; the index
  /// shows the column, the counts and each finding's row.
  func testCourseReplicationReadsTheReplicateFoldersAndTheIndexShowsTheColumn() throws {
    let root = try makeTemporaryDirectory(self)
    func folder(_ n: Int) -> URL { root.appendingPathComponent("class/\(n)", isDirectory: true) }
    func write(_ lesson: String, _ n: Int, tier: LessonTier = .classroom, replicate: Int? = nil, _ findings: [MeasuredFinding]) throws {
      let directory = folder(n).appendingPathComponent(lesson, isDirectory: true)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let summary = LessonSummary(
        lesson: lesson, title: lesson, quick: false, tier: tier, seconds: 1, keyChart: nil, keyChartCaption: nil,
        keyFinding: "k", rendered: false, files: [], findings: findings, replicate: replicate ?? (n == 0 ? nil : n))
      try Data(try summary.json().utf8).write(to: directory.appendingPathComponent(LessonSummary.fileName))
    }
    try write("alpha", 0, [finding(0.5, 0.4, 0.6, name: "a"), finding(2, 1, 3, name: "b")])
    try write("alpha", 1, [finding(0.55, 0.45, 0.65, name: "a"), finding(9, 8, 10, name: "b")])
    try write("alpha", 2, replicate: 1, [finding(0.5, 0.4, 0.6, name: "a")])  // says it is replicate 1: ignored
    try write("beta", 0, [])
    try write("gamma", 0, tier: .full, [finding(1, 0, 2, name: "g")])  // another tier: ignored
    let replication = CourseReplication.read(lessons: ["alpha", "beta", "gamma"], tier: .classroom, count: 2, folder: folder)
    XCTAssertEqual(replication.lessons["alpha"]?.replicatesRun, 1)
    XCTAssertEqual(replication.lessons["alpha"]?.findings.map(\.verdict), [.replicated, .changed])
    XCTAssertEqual(replication.cell("alpha"), "1 replicated, 1 changed, 0 not tested (1 of 2 replicates ran)")
    XCTAssertEqual(replication.cell("beta"), "no recorded findings")
    XCTAssertEqual(replication.cell("gamma"), "not run")
    XCTAssertEqual(replication.count(.changed), 1)

    let gallery = LessonSummary(
      lesson: "alpha", title: "Alpha", quick: false, tier: .full, seconds: 9, keyChart: nil, keyChartCaption: nil,
      keyFinding: "alpha's study finding", rendered: true, files: [], findings: [finding(0.52, 0.5, 0.54, name: "a")])
    let text = CourseIndex.text(
      [CourseEntry(lesson: "alpha", status: nil, seconds: nil, summary: gallery)], output: root, quick: false,
      command: "lstmlab course --replicate 2", tier: .full, replication: replication)
    XCTAssertTrue(text.contains("| Replication (class tier, 2 other seed sets) |"), text)
    XCTAssertTrue(text.contains("| ok (full study) |"), text)
    XCTAssertTrue(text.contains("1 replicated, 1 changed, 0 not tested (1 of 2 replicates ran) |"), text)
    XCTAssertTrue(text.contains("**1 replicated**, **1 changed**, **0 not tested**"), text)
    XCTAssertTrue(
      text.contains("| a | 0.520 [0.500, 0.540] | 0.500 [0.400, 0.600] | 0.550 [0.450, 0.650] | - | 0.050 (0.14) | replicated |"), text)
    // b: |9 - 2| = 7 against sqrt(1^2 + 1^2) = 1.41 allowed (both intervals' half-widths on the facing side are 1).
    XCTAssertTrue(text.contains("| b | - | 2.00 [1.00, 3.00] | 9.00 [8.00, 10.0] | - | 7.0 (1.4) | changed |"), text)
    XCTAssertTrue(text.contains("0 of the 1 replicated findings allowed a change at least as large"), text)
    XCTAssertEqual(replication.lessons["alpha"]?.findings.first?.closest?.difference ?? .nan, 0.05, accuracy: 1e-12)
    XCTAssertEqual(replication.lessons["alpha"]?.findings.first?.closest?.allowed ?? .nan, 0.02.squareRoot(), accuracy: 1e-9)
  }

  /// The replication an index shows is kept beside it and reads back the same; an index rewritten by a later run that
  /// re-ran a lesson keeps the column and says the column is older; a kept file that does not read names itself.
  func testAKeptReplicationSurvivesALaterRunAndSaysItIsOlder() throws {
    let root = try makeTemporaryDirectory(self)
    XCTAssertNil(try CourseReplication.saved(in: root))
    let findings = Replication.compare(
      base: [finding(0.5, 0.4, 0.6, name: "a")], replicates: [[finding(0.55, 0.45, 0.65, name: "a")]])
    let replication = CourseReplication(
      tier: .classroom, count: 1, lessons: ["alpha": LessonReplication(findings: findings, replicatesRun: 1)])
    XCTAssertEqual(replication.command, "lstmlab course --replicate 1")
    try replication.save(in: root)
    XCTAssertEqual(try CourseReplication.saved(in: root), replication)

    let summary = LessonSummary(
      lesson: "alpha", title: "Alpha", quick: false, tier: .full, seconds: 9, keyChart: nil, keyChartCaption: nil,
      keyFinding: "k", rendered: true, files: [], findings: [finding(0.52, 0.5, 0.54, name: "a")])
    let text = CourseIndex.text(
      [CourseEntry(lesson: "alpha", status: 0, seconds: 12.5, summary: summary)], output: root, quick: false,
      command: "lstmlab course --full --only alpha", tier: .full, replication: replication)
    XCTAssertTrue(text.contains("`lstmlab course --replicate 1` added the Replication column."), text)
    XCTAssertTrue(text.contains("`lstmlab course --full --only alpha` then re-ran alpha (12.5 s)"), text)
    XCTAssertTrue(text.contains("| ok (full study) | 12.5 s | 1 replicated, 0 changed, 0 not tested |"), text)
    XCTAssertTrue(text.contains("> **Replication** (`lstmlab course --replicate 1`)"), text)

    try Data("not json".utf8).write(to: root.appendingPathComponent(CourseReplication.fileName))
    XCTAssertThrowsError(try CourseReplication.saved(in: root)) { error in
      XCTAssertTrue("\(error)".contains(CourseReplication.fileName), "\(error)")
    }
  }

  /// A later `--replicate K --only alpha` at another tier replaces alpha's row only: beta keeps the class tier's, the
  /// course-wide tier and command stay, and the index says alpha was replicated apart and how. A file written before
  /// lessons could be replicated apart still reads.
  func testALessonReplicatedAtAnotherTierReplacesOnlyItsOwnRowAndTheIndexSaysSo() throws {
    let a = Replication.compare(base: [finding(0.5, 0.4, 0.6, name: "a")], replicates: [[finding(0.55, 0.45, 0.65, name: "a")]])
    let b = Replication.compare(base: [finding(2, 1, 3, name: "b")], replicates: [[finding(9, 8, 10, name: "b")]])
    let kept = CourseReplication(
      tier: .classroom, count: 1,
      lessons: ["alpha": LessonReplication(findings: a, replicatesRun: 1), "beta": LessonReplication(findings: b, replicatesRun: 1)])
    let study = Replication.compare(
      base: [finding(0.52, 0.5, 0.54, name: "a")],
      replicates: [[finding(0.53, 0.51, 0.55, name: "a")], [finding(0.51, 0.49, 0.53, name: "a")]])
    var newer = CourseReplication(
      tier: .full, count: 2,
      lessons: ["alpha": LessonReplication(findings: study, replicatesRun: 2), "beta": LessonReplication(findings: [], replicatesRun: 0)])
    newer.command += " --only alpha"
    let merged = kept.merging(newer, for: ["alpha", "gamma"])
    XCTAssertEqual(merged.tier, .classroom)
    XCTAssertEqual(merged.command, "lstmlab course --replicate 1")
    XCTAssertEqual(merged.lessons["beta"], kept.lessons["beta"], "a lesson not selected keeps its row")
    XCTAssertNil(merged.lessons["gamma"], "a selected lesson with no new run gains no row")
    XCTAssertEqual(merged.lessons["alpha"]?.findings, study)
    XCTAssertEqual(merged.tier(of: "alpha"), .full)
    XCTAssertEqual(merged.count(of: "alpha"), 2)
    XCTAssertEqual(merged.tier(of: "beta"), .classroom)
    XCTAssertEqual(merged.separatelyReplicated, ["alpha"])
    XCTAssertEqual(merged.cell("alpha"), "full tier, 2 other seed sets: 1 replicated, 0 changed, 0 not tested")
    XCTAssertEqual(merged.cell("beta"), "0 replicated, 1 changed, 0 not tested")

    // Replicated again at the course's own tier and K: the row loses its own tier, K and command.
    let again = merged.merging(CourseReplication(tier: .classroom, count: 1, lessons: ["alpha": LessonReplication(findings: a, replicatesRun: 1)]), for: ["alpha"])
    XCTAssertEqual(again, kept)

    let root = try makeTemporaryDirectory(self)
    try merged.save(in: root)
    XCTAssertEqual(try CourseReplication.saved(in: root), merged)
    let summary = LessonSummary(
      lesson: "alpha", title: "Alpha", quick: false, tier: .full, seconds: 9, keyChart: nil, keyChartCaption: nil,
      keyFinding: "k", rendered: true, files: [], findings: [finding(0.52, 0.5, 0.54, name: "a")])
    let text = CourseIndex.text(
      [CourseEntry(lesson: "alpha", status: nil, seconds: nil, summary: summary), CourseEntry(lesson: "beta", status: nil, seconds: nil, summary: nil)],
      output: root, quick: false, command: merged.command, tier: .full, replication: merged)
    XCTAssertTrue(text.contains("| Replication (class tier, 1 other seed set) |"), text)
    XCTAssertTrue(text.contains("| full tier, 2 other seed sets: 1 replicated, 0 changed, 0 not tested |"), text)
    XCTAssertTrue(
      text.contains("Replicated apart from the rest: alpha at the full tier on 2 other seed sets (`lstmlab course --replicate 2 --full --only alpha`)."),
      text)
    XCTAssertTrue(text.contains("| Recorded finding | this folder (full study) | full tier, seeds as written | replicate 1 | replicate 2 |"), text)
    XCTAssertTrue(text.contains("| Recorded finding | this folder | class tier, seeds as written | replicate 1 |"), text)

    // replication.json as written before a lesson could be replicated apart.
    let old = #"{"command":"lstmlab course --replicate 1","count":1,"lessons":{"beta":{"findings":[],"replicatesRun":1}},"tier":"class"}"#
    let decoded = try JSONDecoder().decode(CourseReplication.self, from: Data(old.utf8))
    XCTAssertEqual(decoded.tier(of: "beta"), .classroom)
    XCTAssertEqual(decoded.separatelyReplicated, [])
  }

  /// The "allowed" distance says what a verdict can resolve: a finding whose intervals are wider than the estimate
  /// itself is replicated by any replicate between 0 and twice the estimate, and the index counts such findings.
  func testTheIndexCountsReplicatedFindingsWhoseCheckWasTooCoarseToTellTheNumberFromZero() {
    let findings = Replication.compare(
      base: [finding(0.1, -0.5, 0.7, name: "wide"), finding(0.5, 0.45, 0.55, name: "narrow")],
      replicates: [[finding(0.0, -0.6, 0.6, name: "wide"), finding(0.52, 0.47, 0.57, name: "narrow")],
                   [finding(0.15, -0.45, 0.75, name: "wide"), finding(0.49, 0.44, 0.54, name: "narrow")]])
    XCTAssertEqual(findings.map(\.verdict), [.replicated, .replicated])
    // wide: replicate 1 lies 0.1 below with 0.6 and 0.6 facing: allowed sqrt(0.72) = 0.849; replicate 2 lies 0.05 above
    // (allowed sqrt(0.6^2 + 0.6^2) too): replicate 1 is the closer call.
    XCTAssertEqual(findings[0].closest?.difference ?? .nan, 0.1, accuracy: 1e-12)
    XCTAssertEqual(findings[0].closest?.allowed ?? .nan, 0.72.squareRoot(), accuracy: 1e-9)
    let replication = CourseReplication(
      tier: .classroom, count: 2, lessons: ["l": LessonReplication(findings: findings, replicatesRun: 2)])
    XCTAssertEqual(
      CourseIndex.coarse(replication),
      "1 of the 2 replicated findings allowed a change at least as large as the first run's estimate itself (an "
        + "estimate of 0 included): for those, the verdict says only that two wide intervals overlap.")
  }
}
