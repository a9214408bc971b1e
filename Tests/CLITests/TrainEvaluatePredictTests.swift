import Foundation
import LabMath
import Training
import XCTest

/// `lstmlab train`, `evaluate` and `predict` run as a user would, on the shipped ItalyPowerDemand set (24 steps,
/// 1 feature, 2 classes, 67 training and 1029 test sequences), in a scratch folder.
final class TrainEvaluatePredictTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("lstmlab-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// The package's data folder (Tests/CLITests/ -> ../../data), so the tests do not depend on the working directory.
  var dataDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("data").path
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  @discardableResult
  func lstmlab(_ arguments: [String], expectStatus: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws
    -> CommandRunner.Result
  {
    let result = try CommandRunner.run(arguments, in: folder)
    XCTAssertEqual(result.status, expectStatus, result.all, file: file, line: line)
    return result
  }

  @discardableResult
  func train(_ extra: [String] = [], save: String = "italy.safetensors") throws -> CommandRunner.Result {
    try lstmlab(
      ["train", "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--hidden", "6", "--epochs", "3", "--batch", "16",
       "--lr", "0.01", "--seed", "7", "--progress", "silent", "--save", path(save)] + extra)
  }

  /// The number after `label` in `text` ("accuracy 0.9123" -> 0.9123).
  func number(after label: String, in text: String) throws -> Double {
    let range = try XCTUnwrap(text.range(of: label + " "), "no '\(label)' in:\n\(text)")
    let rest = text[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" }
    return try XCTUnwrap(Double(rest), "no number after '\(label)' in:\n\(text)")
  }

  func testTrainSavesAModelAndHistoryThatEvaluateAndPredictAgreeOn() throws {
    let trained = try train(["--history", path("history.csv")])
    XCTAssertTrue(trained.standardOutput.contains("Data: ItalyPowerDemand, 67 training and 1029 test sequences, T = 24"), trained.all)
    let testAccuracy = try number(after: "accuracy", in: String(trained.standardOutput[trained.standardOutput.range(of: "Test:")!.lowerBound...]))

    // The history: a header and one row per epoch with finite numbers.
    let history = try String(contentsOfFile: path("history.csv"), encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(history.first, "epoch,loss,accuracy,val_loss,val_accuracy,seconds,updates")
    XCTAssertEqual(history.count, 4)
    for (k, row) in history.dropFirst().enumerated() {
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      XCTAssertEqual(cells.count, 7)
      XCTAssertEqual(cells[0], "\(k + 1)")
      XCTAssertTrue(Double(cells[1])!.isFinite)
      XCTAssertEqual(cells[6], "5")  // ceil(67 / 16) updates per epoch
    }

    // The model file: PyTorch names and the metadata needed to prepare new data.
    let model = try ModelFile<Float>(contentsOf: URL(fileURLWithPath: path("italy.safetensors")))
    XCTAssertEqual(model.metadata.hiddenSize, 6)
    XCTAssertEqual(model.metadata.inputSize, 1)
    XCTAssertEqual(model.metadata.classNames, ["1", "2"])
    XCTAssertEqual(model.metadata.sequenceLength, 24)
    XCTAssertNotNil(model.metadata.normalization)
    XCTAssertEqual(
      Set(try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path("italy.safetensors"))).tensors.keys),
      ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias"])

    // evaluate reports the accuracy train reported on the test part, and a confusion matrix of all 1029.
    let evaluated = try lstmlab(["evaluate", "--model", path("italy.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory])
    XCTAssertEqual(try number(after: "accuracy", in: evaluated.standardOutput), testAccuracy, accuracy: 1e-4, evaluated.all)
    let matrixRows = evaluated.standardOutput.split(separator: "\n").filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }
    let counts = matrixRows.flatMap { $0.split(separator: " ").dropFirst().compactMap { Int($0.replacingOccurrences(of: ",", with: "")) } }
    XCTAssertEqual(counts.reduce(0, +), 1029, evaluated.all)

    // predict: one row per test sequence, probabilities summing to 1, and the same accuracy.
    let predicted = try lstmlab(["predict", "--model", path("italy.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory])
    let rows = predicted.standardOutput.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    XCTAssertEqual(rows.first, ["index", "label", "predicted", "p_1", "p_2"])
    XCTAssertEqual(rows.count, 1030)
    var correct = 0
    for row in rows.dropFirst() {
      XCTAssertEqual(Double(row[3])! + Double(row[4])!, 1, accuracy: 1e-5)
      if row[1] == row[2] { correct += 1 }
    }
    XCTAssertEqual(Double(correct) / 1029, testAccuracy, accuracy: 1e-4)
  }

  func testPredictOnAHandWrittenPyTorchStateDictMatchesPyTorchsEquations() throws {
    // A state dict as PyTorch saves it: module names "rnn" and "head", both LSTM biases, no metadata. H = 3, F = 1.
    var rng = SeededGenerator(seed: 21)
    func tensor(_ shape: [Int]) -> (SafeTensorsTensor, [Double]) {
      let values: [Double] = (0..<shape.reduce(1, *)).map { _ in rng.uniform(-1.0, 1.0) }
      let tensor = shape.count == 1
        ? SafeTensorsTensor(vector: values.map(Float.init))
        : SafeTensorsTensor(Matrix(rows: shape[0], columns: shape[1], scalars: values.map(Float.init)))
      return (tensor, values.map { Double(Float($0)) })
    }
    let h = 3
    let (wih, Wih) = tensor([4 * h, 1]), (whh, Whh) = tensor([4 * h, h])
    let (bih, Bih) = tensor([4 * h]), (bhh, Bhh) = tensor([4 * h])
    let (fcw, A) = tensor([2, h]), (fcb, c) = tensor([2])
    try SafeTensorsFile(tensors: [
      "rnn.weight_ih_l0": wih, "rnn.weight_hh_l0": whh, "rnn.bias_ih_l0": bih, "rnn.bias_hh_l0": bhh,
      "head.weight": fcw, "head.bias": fcb,
    ], metadata: ["format": "pt"]).write(to: URL(fileURLWithPath: path("torch.safetensors")))

    let predicted = try lstmlab(["predict", "--model", path("torch.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory])
    let rows = predicted.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    XCTAssertEqual(rows.count, 1029)

    // PyTorch's documented nn.LSTM + nn.Linear + softmax on the raw series (no metadata: no resampling or scaling).
    let lines = try String(contentsOfFile: dataDirectory + "/ItalyPowerDemand/ItalyPowerDemand_TEST.ts", encoding: .utf8)
      .split(separator: "\n").drop { !$0.hasPrefix("@data") }.dropFirst()
    for (index, line) in lines.prefix(20).enumerated() {
      let x = line.split(separator: ":")[0].split(separator: ",").map { Double($0)! }
      var hidden = [Double](repeating: 0, count: h), cell = hidden
      for xt in x {
        func gate(_ g: Int, _ u: Int) -> Double {
          let row = g * h + u
          var z = Wih[row] * xt + Bih[row] + Bhh[row]
          for j in 0..<h { z += Whh[row * h + j] * hidden[j] }
          return z
        }
        func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        var next = hidden
        for u in 0..<h {
          let i = sigmoid(gate(0, u)), f = sigmoid(gate(1, u)), g = tanh(gate(2, u)), o = sigmoid(gate(3, u))
          cell[u] = f * cell[u] + i * g
          next[u] = o * tanh(cell[u])
        }
        hidden = next
      }
      let logits = (0..<2).map { k in c[k] + (0..<h).reduce(0) { $0 + A[k * h + $1] * hidden[$1] } }
      let p1 = 1 / (1 + exp(logits[0] - logits[1]))
      XCTAssertEqual(Double(rows[index][4])!, p1, accuracy: 1e-5, "sequence \(index)")
      XCTAssertEqual(rows[index][2], p1 > 0.5 ? "1" : "0")
    }
  }

  func testANumpyImplementationOfPyTorchsLSTMOnTheSavedFileReproducesPredict() throws {
    // Hugging Face's reader (safetensors.numpy) and PyTorch's nn.LSTM / nn.Linear equations written in numpy, with
    // the saved normalisation: an implementation that shares nothing with LSTMLab's. Skipped without numpy/safetensors.
    try train(["--epochs", "5"])
    try lstmlab(["predict", "--model", path("italy.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--output", path("p.csv")])
    let script = """
      import numpy as np, json, csv
      from safetensors import safe_open
      from safetensors.numpy import load_file
      t = load_file("\(path("italy.safetensors"))")
      meta = safe_open("\(path("italy.safetensors"))", framework="np").metadata()
      mean, std = np.array(json.loads(meta["normalization_mean"])), np.array(json.loads(meta["normalization_std"]))
      text = open("\(dataDirectory)/ItalyPowerDemand/ItalyPowerDemand_TEST.ts").read().split("@data")[1].split()
      x = (np.array([[float(v) for v in line.split(":")[0].split(",")] for line in text])[:, :, None] - mean) / std
      H = t["lstm.weight_hh_l0"].shape[1]
      sig = lambda z: 1 / (1 + np.exp(-z))
      h = np.zeros((len(x), H)); c = np.zeros_like(h)
      for s in range(x.shape[1]):
          z = x[:, s] @ t["lstm.weight_ih_l0"].T + t["lstm.bias_ih_l0"] + h @ t["lstm.weight_hh_l0"].T + t["lstm.bias_hh_l0"]
          i, f, g, o = sig(z[:, :H]), sig(z[:, H:2*H]), np.tanh(z[:, 2*H:3*H]), sig(z[:, 3*H:])
          c = f * c + i * g
          h = o * np.tanh(c)
      logits = h @ t["fc.weight"].T + t["fc.bias"]
      p = np.exp(logits - logits.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
      rows = list(csv.reader(open("\(path("p.csv"))")))[1:]
      ours = np.array([[float(r[3]), float(r[4])] for r in rows])
      print("max difference", np.abs(p - ours).max(), len(rows))
      assert len(rows) == 1029 and np.abs(p - ours).max() < 1e-5
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { throw XCTSkip("python3 not available") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if output.contains("ModuleNotFoundError") { throw XCTSkip("python3 cannot import numpy/safetensors: pip install numpy safetensors") }
    XCTAssertEqual(process.terminationStatus, 0, output)
  }

  func testTheSameSeedGivesTheSameWeightsAndInitWithZeroEpochsKeepsThem() throws {
    try train(save: "a.safetensors")
    try train(save: "b.safetensors")
    let a = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path("a.safetensors")))
    let b = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path("b.safetensors")))
    XCTAssertEqual(a.tensors, b.tensors)
    try lstmlab(
      ["train", "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--init", path("a.safetensors"), "--epochs", "0",
       "--progress", "silent", "--save", path("c.safetensors")])
    let c = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path("c.safetensors")))
    XCTAssertEqual(c.tensors, a.tensors)
    XCTAssertEqual(c.metadata["normalization_mean"], a.metadata["normalization_mean"])
  }

  func testBadFlagsAndValuesGetTheParsersErrorWithUsage() throws {
    let base = ["train", "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--progress", "silent"]
    for (extra, message) in [
      (["--bogus"], "Unknown option '--bogus'"),
      (["--epochs", "many"], "--epochs"),
      (["--epochs", "-1"], "Missing value for '--epochs"),
      (["--batch", "0"], "--batch must be at least 1"),
      (["--lr", "0"], "--lr must be a positive number"),
      (["--optimizer", "adamw"], "--optimizer"),
      (["--clip-norm", "1", "--clip-value", "1"], "exclude each other"),
      (["--seq-len", "1"], "--seq-len must be at least 2"),
    ] {
      let result = try lstmlab(base + extra, expectStatus: 64)
      XCTAssertTrue(result.standardError.contains(message), result.all)
      XCTAssertTrue(result.standardError.contains("Usage: lstmlab train"), result.all)
    }
    let missing = try lstmlab(["train", "--epochs", "1"], expectStatus: 64)
    XCTAssertTrue(missing.standardError.contains("Missing expected argument '--data"), missing.all)
  }

  func testAFilePathFindsItsTestSiblingAndVariableLengthsNeedASequenceLength() throws {
    let file = dataDirectory + "/JapaneseVowels/JapaneseVowels_TRAIN.ts"
    let cropped = try lstmlab(
      ["train", "--data", file, "--seq-len", "20", "--length-policy", "crop", "--hidden", "4", "--epochs", "1",
       "--progress", "silent", "--save", path("vowels.safetensors")])
    XCTAssertTrue(cropped.standardOutput.contains("270 training and 370 test sequences, T = 20 (cropped from 7-26), F = 12, 9 classes"), cropped.all)
    let saved = try ModelFile<Float>(contentsOf: URL(fileURLWithPath: path("vowels.safetensors")))
    XCTAssertEqual(saved.metadata.lengthPolicy, .crop)
    XCTAssertEqual(saved.metadata.sequenceLength, 20)
    // Evaluating the variable-length test file crops it the same way.
    try lstmlab(["evaluate", "--model", path("vowels.safetensors"), "--data", dataDirectory + "/JapaneseVowels/JapaneseVowels_TEST.ts"])
    let unequal = try lstmlab(["train", "--data", file, "--epochs", "1", "--progress", "silent"], expectStatus: 1)
    XCTAssertTrue(unequal.standardError.contains("7 to 26 steps; pass --seq-len T"), unequal.all)
    let absent = try lstmlab(["train", "--data", "nowhere/X_TRAIN.ts"], expectStatus: 64)
    XCTAssertTrue(absent.standardError.contains("--data: no file at nowhere/X_TRAIN.ts"), absent.all)
    XCTAssertTrue(absent.standardError.contains("Usage: lstmlab train"), absent.all)
  }

  func testUnknownDataAndBrokenModelFilesAreReportedByName() throws {
    let unknown = try lstmlab(["train", "--data", "NoSuchSet", "--data-dir", dataDirectory], expectStatus: 1)
    XCTAssertTrue(unknown.standardError.contains("NoSuchSet"), unknown.all)
    try Data("not a model".utf8).write(to: URL(fileURLWithPath: path("broken.safetensors")))
    let broken = try lstmlab(
      ["evaluate", "--model", path("broken.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory], expectStatus: 1)
    XCTAssertTrue(broken.standardError.contains("broken.safetensors"), broken.all)
    let absent = try lstmlab(
      ["predict", "--model", path("absent.safetensors"), "--data", "ItalyPowerDemand", "--data-dir", dataDirectory], expectStatus: 1)
    XCTAssertTrue(absent.standardError.contains("absent.safetensors"), absent.all)
  }

  func testSweepWritesOneRowPerCellResumesAndShardsMergeToTheSameCells() throws {
    let base = ["sweep", "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--grid", "B=16,32 seed=1,2", "--epochs", "1",
                "--hidden", "4", "--workers", "2"]
    let full = try lstmlab(base + ["--results", path("all.csv")])
    XCTAssertTrue(full.standardOutput.contains("4 to run"), full.all)
    let again = try lstmlab(base + ["--results", path("all.csv")])
    XCTAssertTrue(again.standardOutput.contains("4 already in"), again.all)
    XCTAssertTrue(again.standardOutput.contains("0 to run"), again.all)
    try lstmlab(base + ["--results", path("s1.csv"), "--shard", "1/2"])
    try lstmlab(base + ["--results", path("s2.csv"), "--shard", "2/2"])
    try lstmlab(["sweep", "merge", path("s1.csv"), path("s2.csv"), "--output", path("merged.csv")])
    func withoutSeconds(_ file: String) throws -> [String] {
      let lines = try String(contentsOfFile: path(file), encoding: .utf8).split(separator: "\n").map(String.init)
      let secondsColumn = try XCTUnwrap(lines.first?.split(separator: ",").firstIndex(of: "seconds"))
      return lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != secondsColumn }.map(\.element).joined(separator: ",") }
    }
    let merged = try withoutSeconds("merged.csv")
    XCTAssertEqual(merged.count, 5)
    XCTAssertEqual(merged, try withoutSeconds("all.csv"))
    let badAxis = try lstmlab(
      ["sweep", "--data", "ItalyPowerDemand", "--data-dir", dataDirectory, "--grid", "batch=16", "--results", path("x.csv")],
      expectStatus: 64)
    XCTAssertTrue(badAxis.standardError.contains("unknown axis 'batch'"), badAxis.all)
  }
}
