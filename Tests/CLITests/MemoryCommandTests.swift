import Foundation
import Training
import XCTest

/// `lstmlab memory` run as a user would, its figures checked against the library's calculator.
final class MemoryCommandTests: XCTestCase {
  func testMemoryPrintsEachModesBytesAndTheLargestBatch() throws {
    let result = try CommandRunner.run(
      ["memory", "--seq-len", "200", "--batch", "16", "--features", "5", "--hidden", "64", "--budget", "16GiB", "--exact"])
    XCTAssertEqual(result.status, 0, result.all)
    let calculator = try MemoryCalculator(steps: 200, batchSize: 16, inputSize: 5, hiddenSize: 64)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    for (label, mode) in [("full", BPTTMode.full), ("truncated (window 15)", .truncated(window: 15)), ("checkpointed (segment 15)", .checkpointed(segment: 15))] {
      let line = try XCTUnwrap(lines.first { $0.hasPrefix(label) }, result.all)
      let numbers = line.dropFirst(label.count).split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
      let b = calculator.breakdown(mode)
      XCTAssertEqual(numbers, [b.parameters, b.gradients, b.optimizerState, b.activations, b.workspace, b.total,
                               calculator.largestBatch(mode, fitting: 16 << 30)], line)
      XCTAssertTrue(line.contains(" yes "), line)
    }
  }

  func testABadBudgetIsReportedWithTheFlagAndUsage() throws {
    let result = try CommandRunner.run(["memory", "--seq-len", "200", "--batch", "16", "--hidden", "64", "--budget", "16XB"])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(result.standardError.contains("--budget"), result.all)
    XCTAssertTrue(result.standardError.contains("Usage: lstmlab memory"), result.all)
  }

  func testAnUnknownFlagAndABadNumberAreRejectedWithUsage() throws {
    for arguments in [
      ["memory", "--seq-len", "200", "--batch", "16", "--hidden", "64", "--bogus"],
      ["memory", "--seq-len", "two hundred", "--batch", "16", "--hidden", "64"],
      ["memory", "--seq-len", "0", "--batch", "16", "--hidden", "64"],
      ["memory", "--batch", "16", "--hidden", "64"],
    ] {
      let result = try CommandRunner.run(arguments)
      XCTAssertEqual(result.status, 64, result.all)  // EX_USAGE, the argument parser's exit code for bad input
      XCTAssertTrue(result.standardError.contains("Usage: lstmlab memory"), result.all)
    }
  }

  func testHelpShowsExamples() throws {
    let result = try CommandRunner.run(["memory", "--help"])
    XCTAssertEqual(result.status, 0, result.all)
    XCTAssertTrue(result.standardOutput.contains("lstmlab memory --seq-len 200"), result.all)
  }
}
