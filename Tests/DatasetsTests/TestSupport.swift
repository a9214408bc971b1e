import Foundation
import LabMath
import XCTest

@testable import Datasets

/// The package's data/ folder, found from this file's location (Tests/DatasetsTests/ -> ../../data).
let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("data").path

/// The bytes of a shipped file, e.g. `shippedBytes("GunPoint/GunPoint_TRAIN.ts")`.
func shippedBytes(_ relativePath: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dataDirectory)/\(relativePath)")))
}

/// Parses `.ts` text given as a string (tests write small files inline).
func parseTS(_ text: String, file: String = "case.ts") throws -> TSReader.File {
  try TSReader.parse(Array(text.utf8), file: file)
}

/// Asserts that `body` throws a `DatasetError.malformed` naming `file` and `line`, whose message mentions every
/// string of `mentions`; returns the message.
@discardableResult
func assertMalformed(
  file expectedFile: String, line expectedLine: Int, mentions: [String] = [], _ body: () throws -> Any,
  sourceFile: StaticString = #filePath, sourceLine: UInt = #line
) -> String? {
  do {
    _ = try body()
    XCTFail("expected a malformed-file error at \(expectedFile):\(expectedLine), but reading succeeded", file: sourceFile, line: sourceLine)
    return nil
  } catch let error as DatasetError {
    let message = error.description
    XCTAssertEqual(error.file, expectedFile, message, file: sourceFile, line: sourceLine)
    XCTAssertEqual(error.line, expectedLine, message, file: sourceFile, line: sourceLine)
    XCTAssertTrue(message.contains("\(expectedFile):\(expectedLine):"), message, file: sourceFile, line: sourceLine)
    for text in mentions {
      XCTAssertTrue(message.contains(text), "message should mention \"\(text)\": \(message)", file: sourceFile, line: sourceLine)
    }
    return message
  } catch {
    XCTFail("expected DatasetError, got \(error)", file: sourceFile, line: sourceLine)
    return nil
  }
}

/// A small valid univariate header used by the malformed-file tests: 9 lines, @data on line 9, cases from line 10.
let univariateHeader = """
  # a comment
  @problemName Tiny
  @timeStamps false
  @missing false
  @univariate true
  @equalLength true
  @seriesLength 3
  @classLabel true a b
  @data
  """

/// The shipped sets, each read once per test run (parsing in debug builds is the slow part of these tests).
let shippedDatasets: [String: Dataset] = Dictionary(
  uniqueKeysWithValues: Dataset.shippedNames.compactMap { name in
    (try? Dataset.named(name, dataDirectory: dataDirectory)).map { (name, $0) }
  })

/// A shipped set from the cache; when it failed to load, loads it again so the test reports the reader's error.
func shipped(_ name: String) throws -> Dataset {
  if let dataset = shippedDatasets[name] { return dataset }
  return try Dataset.named(name, dataDirectory: dataDirectory)
}
