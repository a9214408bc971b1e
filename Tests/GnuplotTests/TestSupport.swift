import Foundation
import XCTest

@testable import Gnuplot

/// A fresh empty folder under the system's temporary directory, removed by the test's teardown block.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("lstmlab-gnuplot-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

/// The gnuplot on PATH, or a skip when there is none (rendering checks need it; everything else does not).
func gnuplotOrSkip() throws -> Gnuplot {
  guard let gnuplot = Gnuplot.onPath() else {
    throw XCTSkip("gnuplot is not installed (apt-get install gnuplot-nox): rendering checks skipped")
  }
  return gnuplot
}

/// Width and height from a PNG file's IHDR chunk, after checking the 8-byte PNG signature.
/// Layout (PNG spec): signature 89 50 4E 47 0D 0A 1A 0A, then length (4), "IHDR", width (4, big endian), height (4).
func pngSize(_ url: URL) throws -> (width: Int, height: Int) {
  let bytes = [UInt8](try Data(contentsOf: url))
  guard bytes.count >= 24 else { throw GnuplotError.fileFailed(path: url.path, reason: "shorter than a PNG header") }
  XCTAssertEqual(Array(bytes[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
  XCTAssertEqual(String(decoding: bytes[12..<16], as: UTF8.self), "IHDR", "first chunk must be IHDR")
  func bigEndian(_ start: Int) -> Int { bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) } }
  return (bigEndian(16), bigEndian(20))
}

/// Runs an executable directly (not through the module under test) and returns its exit status and stderr.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, stderr: String) {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.currentDirectoryURL = directory
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  let data = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A shell script standing in for gnuplot: swallows its stdin, prints `stderr` on stderr, exits with `status`.
func fakeGnuplot(in directory: URL, stderr: String, status: Int32) throws -> URL {
  let url = directory.appendingPathComponent("gnuplot")
  let script = "#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' '\(stderr)' >&2\nexit \(status)\n"
  try Data(script.utf8).write(to: url)
  try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
  return url
}

/// The blocks of a .dat file (separated by two blank lines), each as its non-comment lines.
func dataBlocks(_ text: String) -> [[String]] {
  text.components(separatedBy: "\n\n\n").map { block in
    block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      .filter { !$0.hasPrefix("#") }
  }.filter { $0.contains { !$0.isEmpty } }
}
