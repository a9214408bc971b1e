import Foundation
import XCTest

@testable import Gnuplot
@testable import Notebook

/// A fresh empty folder, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("lstmlab-notebook-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

/// The gnuplot on PATH, or a skip.
func requireGnuplot() throws {
  guard Gnuplot.onPath() != nil else {
    throw XCTSkip("gnuplot is not installed (apt-get install gnuplot-nox): rendering checks skipped")
  }
}

/// Every relative link target in a Markdown text: `[text](target)` and `![alt](target)`.
func markdownLinks(_ text: String) -> [String] {
  var links: [String] = []
  var rest = Substring(text)
  while let open = rest.range(of: "](") {
    let after = rest[open.upperBound...]
    guard let close = after.firstIndex(of: ")") else { break }
    links.append(String(after[..<close]))
    rest = after[close...]
  }
  return links.filter { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") }
}

/// Links in the Markdown file at `url` whose targets do not exist (relative to the file's folder).
func brokenLinks(in url: URL) throws -> [String] {
  let text = try String(contentsOf: url, encoding: .utf8)
  let folder = url.deletingLastPathComponent()
  return markdownLinks(text).filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
}

/// Makes `url` an executable shell script with `body`.
func writeScript(_ body: String, to url: URL) throws {
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try Data(("#!/bin/sh\n" + body).utf8).write(to: url)
  try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
}
