import Foundation
import XCTest

/// The package as other machines and other packages see it: no two paths that a case-insensitive file system
/// (macOS's default, Windows) would merge, and a manifest SwiftPM accepts in a version-resolved dependency
/// (.ci/versioned-dependency builds such a dependent package).
final class PortabilityTests: XCTestCase {
  /// The package root (Tests/LSTMLabTests/ -> ../..).
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Folders that are not part of the package's sources (build products, version control, editor state).
  static let skipped: Set<String> = [".build", ".git", ".swiftpm", ".index-build", "node_modules"]

  /// Every pair of entries of one folder whose names differ only by case, anywhere below `folder`.
  func caseClashes(below folder: URL) throws -> [String] {
    let manager = FileManager.default
    var clashes: [String] = []
    var pending = [folder]
    while let current = pending.popLast() {
      let names = try manager.contentsOfDirectory(atPath: current.path)
      var seen: [String: String] = [:]
      for name in names.sorted() {
        let key = name.lowercased()
        if let other = seen[key] {
          clashes.append(current.appendingPathComponent(other).path + " and " + name)
        }
        seen[key] = name
        var isDirectory: ObjCBool = false
        let url = current.appendingPathComponent(name)
        if !Self.skipped.contains(name), manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
          (try? manager.destinationOfSymbolicLink(atPath: url.path)) == nil
        {
          pending.append(url)
        }
      }
    }
    return clashes
  }

  func testNoTwoPathsDifferOnlyByCase() throws {
    XCTAssertEqual(try caseClashes(below: root), [], "these would be one path on a case-insensitive file system")
  }

  func testTheCaseClashCheckFindsAClash() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("case-clash-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Sources/LSTMLab"), withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: scratch.appendingPathComponent("Sources/lstmlab"), withIntermediateDirectories: true)
    guard try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("Sources").path).count == 2 else {
      throw XCTSkip("this file system is case-insensitive: Sources/lstmlab is Sources/LSTMLab here")
    }
    XCTAssertEqual(try caseClashes(below: scratch).count, 1)
  }

  func testTheManifestHasNoUnsafeFlags() throws {
    let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let code = manifest.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
    XCTAssertFalse(code.contains { $0.contains("unsafeFlags") }, "SwiftPM refuses unsafeFlags in a version-resolved dependency")
  }
}
