import ArgumentParser
import Foundation
import LSTMLab

/// Where a command's data comes from: a shipped (or `--data-dir`) data set by name, or a `.ts` / `.tsv` file.
struct DataOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A data set name (\(Dataset.shippedNames.joined(separator: ", ")), or a folder <NAME>/<NAME>_TRAIN.ts under --data-dir) or a .ts/.tsv file.",
      valueName: "name-or-path"))
  var data: String

  @Option(name: .customLong("data-dir"), help: ArgumentHelp("The folder holding data sets by name (default: $LSTMLAB_DATA, ./data, or the package's data/).", valueName: "dir"))
  var dataDirectory: String?

  func validate() throws {
    if isPath && !FileManager.default.fileExists(atPath: data) {
      throw ValidationError("--data: no file at \(data) (a data set name has no '/' and no .ts/.tsv extension).")
    }
  }

  /// Whether `data` names a file rather than a data set.
  var isPath: Bool {
    let ext = (data as NSString).pathExtension.lowercased()
    return ["ts", "tsv", "txt"].contains(ext) || data.contains("/")
  }

  /// The training part and, when there is one, the test part: for a file `X_TRAIN.ts` the test part is `testPath`
  /// or the sibling `X_TEST.ts` if it exists.
  func loadForTraining(testPath: String?) throws -> (name: String, train: LabeledSequences, test: LabeledSequences?) {
    if !isPath {
      let dataset = try Dataset.named(data, dataDirectory: dataDirectory)
      return (dataset.name, dataset.train, dataset.test)
    }
    try requireFile(data, flag: "--data")
    let sibling = data.replacingOccurrences(of: "_TRAIN.", with: "_TEST.")
    let test = testPath ?? (sibling != data && FileManager.default.fileExists(atPath: sibling) ? sibling : nil)
    if let test {
      try requireFile(test, flag: "--test-data")
      let dataset = try Dataset.load(trainPath: data, testPath: test)
      return (dataset.name, dataset.train, dataset.test)
    }
    let train = try Dataset.load(path: data).interpolatingMissingValues()
    return (train.name, train, nil)
  }

  /// One part to evaluate or predict on: `part` of a named data set, or the whole file.
  func loadPart(_ part: DataPart) throws -> LabeledSequences {
    if isPath {
      try requireFile(data, flag: "--data")
      return try Dataset.load(path: data).interpolatingMissingValues()
    }
    let dataset = try Dataset.named(data, dataDirectory: dataDirectory)
    return part == .train ? dataset.train : dataset.test
  }

  private func requireFile(_ path: String, flag: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandError("\(flag): no file at \(path).")
    }
  }
}

/// Which part of a named data set to use.
enum DataPart: String, CaseIterable, ExpressibleByArgument {
  case train, test
}
