import Foundation
import XCTest

@testable import Notebook

final class LessonOptionsTests: XCTestCase {
  func testDefaultsWriteTheGalleryAndQuickRunsWriteElsewhere() throws {
    let full = try LessonOptions.parse([])
    XCTAssertEqual(full.settings.output.lastPathComponent, "plots")
    XCTAssertEqual(full.settings.rendering, .gnuplotOnPath)
    XCTAssertFalse(full.settings.quick)
    let quick = try LessonOptions.parse(["--quick"])
    XCTAssertTrue(quick.settings.quick)
    XCTAssertTrue(quick.settings.output.path.hasSuffix(".build/plots-quick"), quick.settings.output.path)
  }

  func testFlagsChooseTheFolderAndTheRendering() throws {
    let options = try LessonOptions.parse(["--output", "/tmp/x", "--gnuplot", "/opt/gp", "--preview"])
    XCTAssertEqual(options.settings.output.path, "/tmp/x")
    XCTAssertEqual(options.settings.rendering, .gnuplot(path: "/opt/gp"))
    XCTAssertTrue(options.settings.preview)
    XCTAssertEqual(try LessonOptions.parse(["--no-render", "--gnuplot", "/opt/gp"]).settings.rendering, .none)
    XCTAssertThrowsError(try LessonOptions.parse(["--unknown"]))
  }

  func testTheCoursePassesTheSameFlagsOnToEveryLesson() throws {
    let options = try LessonOptions.parse(["--quick", "--output", "/tmp/out", "--no-render", "--gnuplot", "/g"])
    let arguments = options.arguments()
    XCTAssertEqual(arguments, ["--quick", "--output", "/tmp/out", "--no-render", "--gnuplot", "/g"])
    XCTAssertEqual(try LessonOptions.parse(arguments).settings, options.settings)
    XCTAssertTrue(try LessonOptions.parse([]).arguments()[1].hasPrefix("/"), "the output folder is passed as an absolute path")
  }

  /// `--full` selects the study tier, is passed on by the course, and `--quick` wins when both are given.
  func testFullSelectsTheStudyTierAndIsPassedOn() throws {
    XCTAssertEqual(try LessonOptions.parse([]).settings.tier, .classroom)
    let full = try LessonOptions.parse(["--full", "--output", "/tmp/out"])
    XCTAssertEqual(full.settings.tier, .full)
    XCTAssertEqual(full.arguments(), ["--full", "--output", "/tmp/out"])
    XCTAssertEqual(try LessonOptions.parse(full.arguments()).settings, full.settings)
    XCTAssertEqual(try LessonOptions.parse(["--quick", "--full"]).settings.tier, .quick)
  }
}
