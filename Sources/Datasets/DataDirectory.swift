import Foundation

/// Finds LSTMLab's `data/` folder, the one that holds `GunPoint/GunPoint_TRAIN.ts` and the other shipped sets.
///
/// Tried in order, the first folder that exists wins:
/// 1. the directory passed explicitly (`--data DIR` on a command line);
/// 2. the environment variable `LSTMLAB_DATA`;
/// 3. `./data` under the current directory (`swift run` and `swift test` run from the package root);
/// 4. `data/` next to `Sources/` of the package this file was compiled from (found from `#filePath`), so a binary
///    built from a checkout finds the data wherever it is started.
///
/// An explicit directory or `LSTMLAB_DATA` that does not exist is an error rather than skipped, so a typo is
/// reported instead of silently reading another folder.
public enum DataDirectory {
  /// The environment variable that names the data folder.
  public static let environmentVariable = "LSTMLAB_DATA"

  /// The data folder, or throws `dataDirectoryNotFound` listing every place tried.
  public static func locate(
    explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    if let explicit {
      guard isDirectory(explicit) else { throw DatasetError.dataDirectoryNotFound(searched: ["\(explicit) (given explicitly)"]) }
      return explicit
    }
    if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
      guard isDirectory(fromEnvironment) else {
        throw DatasetError.dataDirectoryNotFound(searched: ["\(fromEnvironment) (from \(environmentVariable))"])
      }
      return fromEnvironment
    }
    let candidates = [
      FileManager.default.currentDirectoryPath + "/data",
      packageDataDirectory,
    ]
    for candidate in candidates where isDirectory(candidate) { return candidate }
    throw DatasetError.dataDirectoryNotFound(searched: candidates + ["$\(environmentVariable) (not set)"])
  }

  /// `data/` of the package this source file belongs to: Sources/Datasets/DataDirectory.swift -> ../../data.
  public static var packageDataDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data").path
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
