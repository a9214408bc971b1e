import Foundation
import LSTMLab
import XCTest

/// The command line on absurd but reachable values, damaged files and hostile destinations: each gets a clear error
/// (exit 1, or 64 for a bad flag) naming the file or flag, never a trap, a runaway allocation or a silent success.
final class HardeningTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("lstmlab-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// The package's data folder (Tests/CLITests/ -> ../../data).
  var dataDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("data").path
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  @discardableResult
  func lstmlab(
    _ arguments: [String], expectStatus: Int32, environment: [String: String] = [:], mentions: [String] = [],
    file: StaticString = #filePath, line: UInt = #line
  ) throws -> CommandRunner.Result {
    let result = try CommandRunner.run(arguments, in: folder, environment: environment)
    XCTAssertEqual(result.status, expectStatus, result.all, file: file, line: line)
    for text in mentions {
      XCTAssertTrue(result.standardError.contains(text), "no \"\(text)\" in:\n\(result.all)", file: file, line: line)
    }
    return result
  }

  var italy: [String] { ["--data", "ItalyPowerDemand", "--data-dir", dataDirectory] }

  /// A small model for ItalyPowerDemand (1 feature, classes "1", "2"), with `metadata` changes applied, saved here.
  func savedModel(_ name: String, hidden: Int = 3, change: (inout ModelFile<Float>) -> Void = { _ in }) throws -> String {
    var model = Sequential(layers: ModelFile<Float>.layerSpecs(hiddenSize: hidden, layerCount: 1, classCount: 2))
    try model.build(inputFeatures: 1, seed: 3)
    var file = try ModelFile<Float>(
      model, metadata: ModelFileMetadata(inputSize: 1, hiddenSize: hidden, classNames: ["1", "2"], sequenceLength: 24, lengthPolicy: .resample))
    change(&file)
    try file.write(to: URL(fileURLWithPath: path(name)))
    return path(name)
  }

  // MARK: - Sizes

  func testMemoryCommandRefusesSizesBeyondSixtyFourBitsInsteadOfTrapping() throws {
    try lstmlab(["memory", "-T", "24", "-B", "32", "-H", "1000000000"], expectStatus: 64, mentions: ["2^63", "--hidden"])
    try lstmlab(["memory", "-T", "24", "-B", "32", "-H", "8", "--layers", "9223372036854775807"], expectStatus: 64, mentions: ["2^63"])
  }

  func testTrainRefusesBeforeAllocatingWhatCannotFitAndAllowLargeOverrides() throws {
    for extra in [["--hidden", "100000"], ["--hidden", "1000000000"], ["--seq-len", "1000000000"]] {
      try lstmlab(["train"] + italy + ["--epochs", "1"] + extra, expectStatus: 1, mentions: ["--allow-large", "memory"])
    }
    // A limit set below the estimate of a small run refuses it; --allow-large runs it.
    let tiny = ["train"] + italy + ["--epochs", "0", "--hidden", "4", "--progress", "silent"]
    try lstmlab(tiny, expectStatus: 1, environment: ["LSTMLAB_MEMORY_LIMIT": "1000"], mentions: ["--allow-large"])
    try lstmlab(tiny + ["--allow-large"], expectStatus: 0, environment: ["LSTMLAB_MEMORY_LIMIT": "1000"])
  }

  func testEvaluateRefusesAModelWhoseSequenceLengthIsAbsurd() throws {
    let absurd = try savedModel("long.safetensors") { $0.metadata.sequenceLength = 1_000_000_000 }
    try lstmlab(["evaluate", "--model", absurd] + italy, expectStatus: 1, mentions: ["long.safetensors", "sequence_length"])
    let long = try savedModel("long2.safetensors") { $0.metadata.sequenceLength = 5_000_000 }
    try lstmlab(
      ["predict", "--model", long] + italy, expectStatus: 1, environment: ["LSTMLAB_MEMORY_LIMIT": "16GiB"],
      mentions: ["--allow-large", "T = 5000000"])
  }
}
