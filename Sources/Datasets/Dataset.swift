import Foundation
import LabMath

/// A classification data set: a training part and a test part with the same features and class names.
///
/// `Dataset.named("GunPoint")` reads `data/GunPoint/GunPoint_TRAIN.ts` and `..._TEST.ts` (see `DataDirectory` for
/// where `data/` is looked for); `Dataset.load(trainPath:testPath:)` reads any pair of files and
/// `Dataset.load(path:)` any single `.ts` or `.tsv` file. The test part's labels index the training part's class
/// names, so a model trained on `train` is scored on `test` without a mapping.
public struct Dataset: Sendable, Equatable {
  /// The data set's name (`GunPoint`).
  public var name: String
  /// The part to fit on (and to cut validation folds from).
  public var train: LabeledSequences
  /// The held-out part, touched only to report a final score.
  public var test: LabeledSequences

  public init(name: String, train: LabeledSequences, test: LabeledSequences) {
    self.name = name
    self.train = train
    self.test = test
  }

  /// The sets shipped in data/ (provenance in data/README.md).
  public static let shippedNames = ["ArrowHead", "BasicMotions", "GunPoint", "ItalyPowerDemand", "JapaneseVowels"]

  /// The data set `name` from the data directory: `<dir>/<name>/<name>_TRAIN.ts` and `_TEST.ts` (`.tsv` also
  /// accepted; the name matches case-insensitively). Missing values are treated by `missingValues`
  /// (default: linear interpolation within each series, see `interpolatingMissingValues()`).
  public static func named(
    _ name: String, dataDirectory: String? = nil, missingValues: MissingValuePolicy = .interpolateLinearly
  ) throws -> Dataset {
    let directory = try DataDirectory.locate(explicit: dataDirectory)
    let available = availableNames(in: directory)
    guard let folder = available.first(where: { $0 == name }) ?? available.first(where: { $0.lowercased() == name.lowercased() })
    else {
      throw DatasetError.unknownDataset(name: name, directory: directory, available: available)
    }
    let (trainPath, testPath) = try partPaths(folder: folder, directory: directory)
    return try load(trainPath: trainPath, testPath: testPath, name: folder, missingValues: missingValues)
  }

  /// The names of the data sets in `directory`: the folders `<Name>` that hold `<Name>_TRAIN.ts` or `.tsv`, sorted.
  public static func availableNames(in directory: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return entries.filter { entry in
      ["ts", "tsv"].contains { FileManager.default.fileExists(atPath: "\(directory)/\(entry)/\(entry)_TRAIN.\($0)") }
    }.sorted()
  }

  private static func partPaths(folder: String, directory: String) throws -> (String, String) {
    for ext in ["ts", "tsv"] {
      let train = "\(directory)/\(folder)/\(folder)_TRAIN.\(ext)"
      if FileManager.default.fileExists(atPath: train) { return (train, "\(directory)/\(folder)/\(folder)_TEST.\(ext)") }
    }
    throw DatasetError.fileNotFound(path: "\(directory)/\(folder)/\(folder)_TRAIN.ts", searched: ["\(folder)_TRAIN.tsv"])
  }

  /// Reads a training file and a test file (each `.ts` or `.tsv`). Every class of the test part must occur in the
  /// training part's class names; test labels are re-indexed to the training order.
  public static func load(
    trainPath: String, testPath: String, name: String? = nil, missingValues: MissingValuePolicy = .interpolateLinearly
  ) throws -> Dataset {
    let train = try missingValues.apply(to: load(path: trainPath), file: trainPath)
    var test = try missingValues.apply(to: load(path: testPath), file: testPath)
    if test.featureCount != train.featureCount {
      throw DatasetError.shapeMismatch(
        what: "\(testPath): channels", expected: "\(train.featureCount) like \(trainPath)", found: "\(test.featureCount)")
    }
    if test.classNames != train.classNames {
      var trainIndex: [String: Int] = [:]
      for (k, className) in train.classNames.enumerated() { trainIndex[className] = k }
      var remap: [Int] = []
      for className in test.classNames {
        guard let k = trainIndex[className] else {
          throw DatasetError.shapeMismatch(
            what: "\(testPath): class \(quoted(className))",
            expected: "a class of the training part (\(train.classNames.joined(separator: ", ")))", found: "a new class")
        }
        remap.append(k)
      }
      test.labels = test.labels.map { remap[$0] }
      test.classNames = train.classNames
    }
    let datasetName = name ?? TSReader.partName(file: trainPath).replacingOccurrences(of: "_TRAIN", with: "")
    return Dataset(name: datasetName, train: train, test: test)
  }

  /// Reads one file by its extension: `.ts` with `TSReader`, `.tsv` (or UCR `.txt`) with `UCRTSVReader`.
  /// Missing values stay NaN here; `named` and `load(trainPath:testPath:)` apply a `MissingValuePolicy`.
  public static func load(path: String) throws -> LabeledSequences {
    switch (path as NSString).pathExtension.lowercased() {
    case "ts": return try TSReader.read(path: path)
    case "tsv", "txt": return try UCRTSVReader.read(path: path)
    default:
      throw DatasetError.invalidArgument(
        argument: "Dataset.load(path: \(path))", found: "extension \"\((path as NSString).pathExtension)\"",
        expected: ".ts (UEA/UCR) or .tsv (UCR)")
    }
  }
}
