import Foundation
import LSTMLab
import XCTest

/// `lstmlab course --replicate K` end to end on the smallest lesson: the lesson runs on its seeds as written and on
/// another seed set, each into its own folder, the seeds really change, and the index gains the Replication column.
final class CourseReplicateTests: XCTestCase {
  func testReplicateRunsTheLessonOnOtherSeedsAndTheIndexMarksEachFinding() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lstmlab-replicate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let lesson = CommandRunner.productsFolder.appendingPathComponent("hello-lesson")
    guard FileManager.default.isExecutableFile(atPath: lesson.path) else {
      throw XCTSkip("hello-lesson was not built next to the tests; run `swift build --build-tests` first")
    }
    let gallery = folder.appendingPathComponent("gallery")
    let result = try CommandRunner.run(
      ["course", "--quick", "--replicate", "1", "--only", "hello-lesson", "--no-build", "--no-render", "--output", gallery.path],
      in: folder)
    XCTAssertEqual(result.status, 0, result.all)

    func summary(_ n: Int) throws -> LessonSummary {
      try LessonSummary.read(from: folder.appendingPathComponent(".build/replicates/quick/\(n)/hello-lesson"))
    }
    let base = try summary(0), other = try summary(1)
    XCTAssertNil(base.replicate)
    XCTAssertEqual(other.replicate, 1)
    let baseFindings = try XCTUnwrap(base.findings), otherFindings = try XCTUnwrap(other.findings)
    XCTAssertFalse(baseFindings.isEmpty)
    XCTAssertEqual(baseFindings.map(\.name), otherFindings.map(\.name), "a replicate records the same findings")
    // Other seeds, other inputs: the measured numbers move (bit-identical numbers would mean the seeds did not shift).
    XCTAssertNotEqual(baseFindings.map(\.estimate), otherFindings.map(\.estimate))
    XCTAssertFalse(FileManager.default.fileExists(atPath: gallery.appendingPathComponent("hello-lesson").path),
      "the output folder's lessons are not re-run")

    let index = try String(contentsOf: gallery.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertTrue(index.contains("Replication (quick tier, 1 other seed set)"), index)
    let verdicts = baseFindings.count
    let judged = ["replicated", "changed"].map { verdict in
      index.components(separatedBy: " \(verdict) |").count - 1
    }.reduce(0, +)
    XCTAssertEqual(judged, verdicts, "every finding of hello-lesson gets a verdict row:\n\(index)")
    XCTAssertTrue(result.standardOutput.contains("== replication (quick tier, 1 other seed set)"), result.all)

    // A later course run that re-runs the lesson in the gallery keeps the column (kept in replication.json) and says
    // that the column is older than the lesson's new run.
    let kept = try XCTUnwrap(try CourseReplication.saved(in: gallery))
    XCTAssertEqual(kept.command, "lstmlab course --replicate 1 --quick --only hello-lesson")
    let rerun = try CommandRunner.run(
      ["course", "--quick", "--only", "hello-lesson", "--no-build", "--no-render", "--output", gallery.path], in: folder)
    XCTAssertEqual(rerun.status, 0, rerun.all)
    let rewritten = try String(contentsOf: gallery.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertTrue(rewritten.contains("Replication (quick tier, 1 other seed set)"), rewritten)
    XCTAssertTrue(
      rewritten.contains("`lstmlab course --quick --only hello-lesson` then re-ran hello-lesson"), rewritten)
    XCTAssertTrue(rewritten.contains("is still the one `lstmlab course --replicate 1 --quick --only hello-lesson` measured"), rewritten)
    XCTAssertEqual(
      ["replicated", "changed"].map { rewritten.components(separatedBy: " \($0) |").count - 1 }.reduce(0, +), verdicts,
      "the verdict rows stay:\n\(rewritten)")

    // --compare-only runs no lesson: it compares the runs already in .build/replicates/quick/0...1.
    let compared = try CommandRunner.run(
      ["course", "--quick", "--replicate", "1", "--only", "hello-lesson", "--compare-only", "--output", gallery.path], in: folder)
    XCTAssertEqual(compared.status, 0, compared.all)
    XCTAssertFalse(compared.standardOutput.contains("== hello-lesson,"), "no lesson ran:\n\(compared.all)")
    XCTAssertTrue(compared.standardOutput.contains("== replication (quick tier, 1 other seed set)"), compared.all)
    let missing = try CommandRunner.run(
      ["course", "--quick", "--replicate", "1", "--only", "vanishing-gradients", "--compare-only", "--output", gallery.path], in: folder)
    XCTAssertNotEqual(missing.status, 0, missing.all)
    XCTAssertTrue(missing.all.contains("vanishing-gradients") && missing.all.contains(".build/replicates/quick/0"), missing.all)

    // The lesson replicated again at the class tier replaces its own row only, which says so; the column stays the
    // quick tier's.
    let classTier = try CommandRunner.run(
      ["course", "--replicate", "1", "--only", "hello-lesson", "--no-build", "--no-render", "--output", gallery.path], in: folder)
    XCTAssertEqual(classTier.status, 0, classTier.all)
    let apart = try String(contentsOf: gallery.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertTrue(apart.contains("Replication (quick tier, 1 other seed set)"), apart)
    XCTAssertTrue(apart.contains("| class tier, 1 other seed set: "), apart)
    XCTAssertTrue(
      apart.contains("hello-lesson at the class tier on 1 other seed set (`lstmlab course --replicate 1 --only hello-lesson`)"), apart)
    XCTAssertEqual(try CourseReplication.saved(in: gallery)?.tier(of: "hello-lesson"), .classroom)

    // A kept file that does not read is an error naming it, never a column dropped in silence.
    try Data("{".utf8).write(to: gallery.appendingPathComponent(CourseReplication.fileName))
    let broken = try CommandRunner.run(
      ["course", "--quick", "--only", "hello-lesson", "--no-build", "--no-render", "--output", gallery.path], in: folder)
    XCTAssertNotEqual(broken.status, 0, broken.all)
    XCTAssertTrue(broken.all.contains(CourseReplication.fileName), broken.all)
  }

  func testCompareOnlyWithoutReplicateIsRefused() throws {
    let result = try CommandRunner.run(["course", "--compare-only", "--no-build"])
    XCTAssertNotEqual(result.status, 0, result.all)
    XCTAssertTrue(result.standardError.contains("--compare-only"), result.all)
  }

  func testANegativeReplicateIsRefused() throws {
    let result = try CommandRunner.run(["course", "--replicate", "-1", "--no-build"])
    XCTAssertNotEqual(result.status, 0, result.all)
    XCTAssertTrue(result.standardError.contains("--replicate"), result.all)
  }
}
