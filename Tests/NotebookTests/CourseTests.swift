import Foundation
import XCTest

@testable import Notebook

final class CourseTests: XCTestCase {
  /// A package folder with lessons `alpha` and `beta` (and two folders that are not lessons), and SwiftPM's
  /// products layout `.build/<triple>/release` with the `.build/release` link.
  private func makePackage() throws -> (root: URL, products: URL) {
    let root = try makeTemporaryDirectory(self)
    try Data("// manifest\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
    for name in ["beta", "alpha", "no-main", ".hidden"] {
      let folder = root.appendingPathComponent("lessons/\(name)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      if name != "no-main" { try Data("print(1)\n".utf8).write(to: folder.appendingPathComponent("main.swift")) }
    }
    let products = root.appendingPathComponent(".build/x86_64-unknown-linux-gnu/release")
    try FileManager.default.createDirectory(at: products, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent(".build/release").path, withDestinationPath: "x86_64-unknown-linux-gnu/release")
    return (root, products)
  }

  /// A fake lesson executable that writes what a notebook writes: a report, a picture, and summary.json.
  private func writeFakeLesson(_ name: String, in products: URL, status: Int32 = 0) throws {
    let summary = LessonSummary(
      lesson: name, title: "Lesson \(name)", quick: true, seconds: 0.5, keyChart: "key.png",
      keyChartCaption: "\(name)'s key chart", keyFinding: "\(name) measured 42", rendered: true,
      files: ["key.png", "README.md"])
    let json = try summary.json().replacingOccurrences(of: "'", with: "'\\''")
    try writeScript(
      """
      # arguments: --quick --output DIR ...
      out="$3/\(name)"
      mkdir -p "$out"
      printf '# Lesson \(name)\\n' > "$out/README.md"
      printf 'png' > "$out/key.png"
      printf '%s' '\(json)' > "$out/summary.json"
      echo "ran \(name) with $*"
      exit \(status)
      """, to: products.appendingPathComponent(name))
  }

  /// A lesson killed by SIGSEGV exits 128 + 11 = 139, and the course says what to try (a stale build); an ordinary
  /// failure or a Ctrl-C (SIGINT, 130) gets no such hint.
  func testACrashedLessonGetsTheStaleBuildHintAndOtherFailuresDoNot() throws {
    let status = try Course.runInheritingOutput(URL(fileURLWithPath: "/bin/sh"), ["-c", "kill -SEGV $$"], in: nil)
    XCTAssertEqual(status, 139)
    let hint = try XCTUnwrap(Course.crashHint(statuses: [0, status]))
    XCTAssertTrue(hint.contains("139") && hint.contains("rm -rf .build/release"), hint)
    XCTAssertNil(Course.crashHint(statuses: [0, 1, 130]))
  }

  func testLessonsAreTheFoldersHoldingAMainSwift() throws {
    let (root, _) = try makePackage()
    XCTAssertEqual(try Course.lessonNames(in: root), ["alpha", "beta"])
    let empty = try makeTemporaryDirectory(self)
    XCTAssertThrowsError(try Course.lessonNames(in: empty)) { error in
      XCTAssertTrue("\(error)".contains("lessons/<name>/ holding main.swift"), "\(error)")
    }
  }

  func testCourseOrderFileComesFirstAndUnlistedLessonsFollowAlphabetically() throws {
    let (root, _) = try makePackage()
    let order = root.appendingPathComponent("lessons/course-order.txt")
    try "# comment\nbeta  # second part\nnot-a-lesson\n".write(to: order, atomically: true, encoding: .utf8)
    XCTAssertEqual(try Course.lessonNames(in: root), ["beta", "alpha"])
  }

  func testTheCourseFindsItsPackageAndBuildsIntoTheSameProductsFolder() throws {
    let (root, products) = try makePackage()
    // Found from the executable's own path, through the .build/release link, whatever the current directory.
    let course = try Course(
      executable: root.appendingPathComponent(".build/release/lstmlab"), currentDirectory: URL(fileURLWithPath: "/"))
    XCTAssertEqual(course.packageRoot.standardizedFileURL.path, root.standardizedFileURL.path)
    XCTAssertEqual(course.products.path, products.resolvingSymlinksInPath().path)
    XCTAssertEqual(course.configuration, "release")
    XCTAssertEqual(course.lessons, ["alpha", "beta"])
    XCTAssertEqual(
      course.buildArguments,
      [
        "build", "-c", "release", "--package-path", course.packageRoot.path,
        "--scratch-path", root.appendingPathComponent(".build").resolvingSymlinksInPath().path,
        "--manifest-cache", "none",
      ])
    // Executables outside SwiftPM's layout are run as they are, without a build.
    let elsewhere = try Course(packageRoot: root, products: root.appendingPathComponent("bin"))
    XCTAssertNil(elsewhere.buildArguments)
  }

  func testRunningTheLessonsAndWritingTheIndexLeavesNoBrokenLink() throws {
    let (root, products) = try makePackage()
    try writeFakeLesson("alpha", in: products)
    try writeFakeLesson("beta", in: products, status: 3)
    let course = try Course(packageRoot: root, products: products)
    let output = root.appendingPathComponent("plots-test")
    let options = try LessonOptions.parse(["--quick", "--output", output.path])

    var entries: [CourseEntry] = []
    for lesson in course.lessons {
      let (status, seconds) = try course.run(lesson, arguments: options.arguments())
      XCTAssertGreaterThanOrEqual(seconds, 0)
      let summary = status == 0 ? try? LessonSummary.read(from: output.appendingPathComponent(lesson)) : nil
      entries.append(CourseEntry(lesson: lesson, status: status, seconds: seconds, summary: summary))
    }
    XCTAssertEqual(entries.map(\.status), [0, 3])
    XCTAssertEqual(entries[0].summary?.keyFinding, "alpha measured 42")

    let index = try CourseIndex.write(entries, to: output, quick: true, command: "lstmlab course --quick")
    XCTAssertEqual(try brokenLinks(in: index), [])
    let text = try String(contentsOf: index, encoding: .utf8)
    XCTAssertTrue(text.contains("![alpha's key chart](alpha/key.png)"), text)
    XCTAssertTrue(text.contains("| [Lesson alpha](alpha/README.md) | `swift run -c release alpha` | ok (quick) |"), text)
    XCTAssertTrue(text.contains("> alpha measured 42"), text)
    XCTAssertTrue(text.contains("**failed** (exit status 3)") && text.contains("**Failed** (exit status 3)"), text)
    XCTAssertTrue(text.contains("**Quick run:**"))
  }

  func testTheIndexLinksOnlyFilesThatExist() throws {
    let output = try makeTemporaryDirectory(self)
    let summary = LessonSummary(
      lesson: "gone", title: "Gone", quick: false, seconds: 1, keyChart: "missing.png", keyChartCaption: "c",
      keyFinding: "f", rendered: true, files: [])
    let text = CourseIndex.text(
      [CourseEntry(lesson: "gone", status: nil, seconds: nil, summary: summary)], output: output, quick: false,
      command: "lstmlab course")
    XCTAssertEqual(markdownLinks(text), [], text)
    XCTAssertTrue(text.contains("not run this time (earlier result)"), text)
  }

  /// The index and each entry say which tier produced them, so a class run never passes for the study.
  func testTheIndexStatesTheTierOfTheRunAndOfEachLesson() throws {
    let output = try makeTemporaryDirectory(self)
    func entry(_ tier: LessonTier) -> CourseEntry {
      let summary = LessonSummary(
        lesson: "l\(tier)", title: "L", quick: tier == .quick, tier: tier, seconds: 1, keyChart: nil,
        keyChartCaption: nil, keyFinding: "f", rendered: true, files: [])
      return CourseEntry(lesson: "l\(tier)", status: 0, seconds: 1, summary: summary)
    }
    let classText = CourseIndex.text(
      [entry(.classroom), entry(.full)], output: output, quick: false, command: "lstmlab course", tier: .classroom)
    XCTAssertTrue(classText.contains("**Class tier:**"), classText)
    XCTAssertTrue(classText.contains("| ok (class tier) |") && classText.contains("| ok (full study) |"), classText)
    let fullText = CourseIndex.text([entry(.full)], output: output, quick: false, command: "lstmlab course --full", tier: .full)
    XCTAssertTrue(fullText.contains("**Full study**") && !fullText.contains("Class tier"), fullText)
  }

  func testAMissingLessonExecutableSaysHowToBuildIt() throws {
    let (root, products) = try makePackage()
    let course = try Course(packageRoot: root, products: products)
    XCTAssertThrowsError(try course.run("alpha", arguments: [])) { error in
      XCTAssertTrue("\(error)".contains("swift build -c release"), "\(error)")
    }
  }
}
