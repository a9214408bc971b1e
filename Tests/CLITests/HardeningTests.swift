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

  func testASweepRefusesACellThatCannotFitBeforeRunningAny() throws {
    let result = try lstmlab(
      ["sweep"] + italy + ["--grid", "hidden=4,100000", "--epochs", "1", "--results", path("big.csv")], expectStatus: 1,
      mentions: ["cell hidden=100000", "--allow-large"])
    XCTAssertFalse(result.standardOutput.contains("to run"), result.all)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("big.csv")))
  }

  func testEvaluateRefusesAModelWhoseSequenceLengthIsAbsurd() throws {
    let absurd = try savedModel("long.safetensors") { $0.metadata.sequenceLength = 1_000_000_000 }
    try lstmlab(["evaluate", "--model", absurd] + italy, expectStatus: 1, mentions: ["long.safetensors", "sequence_length"])
    let long = try savedModel("long2.safetensors") { $0.metadata.sequenceLength = 5_000_000 }
    try lstmlab(
      ["predict", "--model", long] + italy, expectStatus: 1, environment: ["LSTMLAB_MEMORY_LIMIT": "16GiB"],
      mentions: ["--allow-large", "T = 5000000"])
  }

  // MARK: - Silent acceptance

  /// A small two-class .tsv training file: 20 series of 12 steps, class 1 rising and class 2 falling.
  func trainingFile(_ name: String, edit: (inout [[String]]) -> Void = { _ in }) throws -> String {
    var rows = (0..<20).map { k -> [String] in
      let label = k % 2 == 0 ? "1" : "2"
      return [label] + (0..<12).map { t in String(Double(k % 2 == 0 ? t : 12 - t) + Double(k) / 10) }
    }
    edit(&rows)
    try Data(rows.map { $0.joined(separator: "\t") }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path(name)))
    return path(name)
  }

  func testAPairOfHugeValuesInTheTrainingDataIsRefusedNamingNoNormalize() throws {
    let file = try trainingFile("spiked.tsv") { rows in
      rows[3][5] = "3.4e38"
      rows[8][2] = "-3.4e38"
    }
    try lstmlab(["train", "--data", file, "--epochs", "1", "--hidden", "4"], expectStatus: 1, mentions: ["feature 0", "--no-normalize"])
  }

  func testAnEmptyLabelFieldIsRejectedNamingTheLine() throws {
    let file = try trainingFile("empty-label.tsv") { rows in rows[6][0] = "" }
    try lstmlab(["train", "--data", file, "--epochs", "1", "--hidden", "4"], expectStatus: 1, mentions: ["empty-label.tsv:7:", "empty label"])
  }

  func testModelsWithNonFiniteWeightsOrDegenerateNormalisationAreRefused() throws {
    let nanWeights = try savedModel("nan.safetensors") { $0.headBias[0, 1] = .nan }
    try lstmlab(["evaluate", "--model", nanWeights] + italy, expectStatus: 1, mentions: ["nan.safetensors", "fc.bias", "nan"])
    let tiny = try savedModel("tiny-std.safetensors") { $0.metadata.normalization = .init(mean: [0], standardDeviation: [1e-300]) }
    try lstmlab(["predict", "--model", tiny] + italy, expectStatus: 1, mentions: ["tiny-std.safetensors", "normalization_std"])
    let huge = try savedModel("huge-mean.safetensors") { $0.metadata.normalization = .init(mean: [1e308], standardDeviation: [1]) }
    try lstmlab(["predict", "--model", huge] + italy, expectStatus: 1, mentions: ["huge-mean.safetensors", "normalization_mean"])
  }

  func testWriteErrorsOnStandardOutputExitNonZero() throws {
    let model = try savedModel("ok.safetensors")
    let process = Process()
    process.executableURL = CommandRunner.productsFolder.appendingPathComponent("lstmlab")
    process.arguments = ["predict", "--model", model] + italy
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    let error = Pipe()
    process.standardError = error
    try process.run()
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 1, message)
    XCTAssertTrue(message.contains("standard output"), message)
  }

  // MARK: - Saving and reading special files

  func testSavesNeverReplaceAFIFOAndReadersNameIt() throws {
    let fifo = path("pipe")
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    for flag in ["--save", "--history"] {
      try lstmlab(["train"] + italy + ["--epochs", "0", "--hidden", "2", "--progress", "silent", flag, fifo], expectStatus: 1, mentions: ["FIFO"])
    }
    try lstmlab(["train", "--data", fifo + ".ts"], expectStatus: 64)  // no such file: the parser's check
    let named = path("pipe.ts")
    XCTAssertEqual(mkfifo(named, 0o600), 0)
    try lstmlab(["train", "--data", named, "--epochs", "0"], expectStatus: 1, mentions: ["pipe.ts", "FIFO", "not a regular file"])
    try lstmlab(["sweep"] + italy + ["--grid", "seed=1", "--epochs", "0", "--results", fifo], expectStatus: 1, mentions: ["FIFO"])
    try lstmlab(["sweep"] + italy + ["--grid-file", fifo, "--epochs", "0"], expectStatus: 64, mentions: ["FIFO"])
    var info = stat()
    XCTAssertEqual(lstat(fifo, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
  }

  func testASaveThroughASymbolicLinkWritesItsTarget() throws {
    try FileManager.default.createSymbolicLink(atPath: path("link.safetensors"), withDestinationPath: "real.safetensors")
    try lstmlab(["train"] + italy + ["--epochs", "0", "--hidden", "2", "--progress", "silent", "--save", path("link.safetensors")], expectStatus: 0)
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.safetensors")), "real.safetensors")
    XCTAssertNoThrow(try ModelFile<Float>(contentsOf: URL(fileURLWithPath: path("real.safetensors"))))
  }

  // MARK: - Validation split, sweeps, messages

  func testValidationSplitOfAClassSortedFileHoldsOutEveryClass() throws {
    let sorted = try trainingFile("sorted.tsv") { rows in rows.sort { $0[0] < $1[0] } }
    let result = try lstmlab(
      ["train", "--data", sorted, "--epochs", "1", "--hidden", "3", "--validation-split", "0.25", "--progress", "silent"], expectStatus: 0)
    XCTAssertTrue(result.standardOutput.contains("Validation: 6 of 20 sequences held out"), result.all)
    XCTAssertTrue(result.standardOutput.contains("(1: 3, 2: 3)"), result.all)  // round(10 * 0.25) of each class
    let help = try CommandRunner.run(["train", "--help"])
    XCTAssertTrue(help.standardOutput.contains("stratified"), help.all)
  }

  func testSweepGridsAreValidatedWithTrainsRulesBeforeAnyCellRuns() throws {
    for (grid, message) in [("lr=1e-3,0", "cell lr=0: lr must be a positive number"), ("momentum=0.5,1", "momentum must be in [0, 1)"),
                            ("clip=1,0", "clip must be a positive number"), ("B=0", "B must be at least 1"), ("T=1", "T must be at least 2")] {
      let result = try lstmlab(
        ["sweep"] + italy + ["--grid", grid, "--epochs", "1", "--hidden", "2", "--results", path("g.csv")], expectStatus: 64, mentions: [message])
      XCTAssertFalse(FileManager.default.fileExists(atPath: path("g.csv")), result.all)
    }
  }

  func testSweepMergeNotesTimingOnlyDifferencesAndRefusesDifferentSettings() throws {
    let base = ["sweep"] + italy + ["--grid", "seed=1,2", "--hidden", "2", "--workers", "1"]
    try lstmlab(base + ["--epochs", "1", "--results", path("a.csv")], expectStatus: 0)
    try lstmlab(base + ["--epochs", "1", "--results", path("b.csv")], expectStatus: 0)
    try lstmlab(base + ["--epochs", "2", "--results", path("c.csv")], expectStatus: 0)
    let same = try lstmlab(["sweep", "merge", path("a.csv"), path("b.csv"), "--output", path("ab.csv")], expectStatus: 0)
    XCTAssertFalse(same.all.contains("Warning"), same.all)
    let different = try lstmlab(["sweep", "merge", path("a.csv"), path("c.csv"), "--output", path("ac.csv")], expectStatus: 1)
    XCTAssertTrue(different.standardError.contains("different settings"), different.all)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("ac.csv")))
  }

  func testTheDivergenceMessageNamesTheFlags() throws {
    let result = try lstmlab(
      ["train"] + italy + ["--optimizer", "sgd", "--lr", "1e38", "--epochs", "3", "--hidden", "4", "--progress", "lines"], expectStatus: 1)
    XCTAssertTrue(result.all.contains("--clip-norm"), result.all)
    XCTAssertFalse(result.all.contains("compile("), result.all)
  }
}
