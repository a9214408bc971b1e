import Foundation
import XCTest

@testable import Notebook

/// `--replicate N`: where a replicate writes, what the course passes on, what is refused.
final class ReplicateOptionsTests: XCTestCase {
  func testAReplicateWritesItsOwnFolderPerTierUnlessTold() throws {
    XCTAssertEqual(try LessonOptions.parse([]).settings.replicate, 0)
    let classRun = try LessonOptions.parse(["--replicate", "2"])
    XCTAssertEqual(classRun.settings.replicate, 2)
    XCTAssertTrue(classRun.settings.output.path.hasSuffix(".build/replicates/class/2"), classRun.settings.output.path)
    let full = try LessonOptions.parse(["--full", "--replicate", "1"])
    XCTAssertTrue(full.settings.output.path.hasSuffix(".build/replicates/full/1"), full.settings.output.path)
    let told = try LessonOptions.parse(["--replicate", "3", "--output", "/tmp/r"])
    XCTAssertEqual(told.settings.output.path, "/tmp/r")
    XCTAssertThrowsError(try LessonOptions.parse(["--replicate", "-1"]))
  }

  func testTheCoursePassesTheReplicateOnAndReadsItBack() throws {
    let options = try LessonOptions.parse(["--quick", "--replicate", "4", "--output", "/tmp/out"])
    let arguments = options.arguments()
    XCTAssertEqual(arguments, ["--quick", "--output", "/tmp/out", "--replicate", "4"])
    XCTAssertEqual(try LessonOptions.parse(arguments).settings, options.settings)
    XCTAssertFalse(try LessonOptions.parse(["--quick"]).arguments().contains("--replicate"), "replicate 0 says nothing")
  }
}
