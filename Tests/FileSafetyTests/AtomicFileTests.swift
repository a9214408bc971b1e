import FileSafety
import Foundation
import XCTest

/// `AtomicFile`: the new content or the old, never half; a symbolic link written through to its target; a device,
/// FIFO or folder never replaced.
final class AtomicFileTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
  func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
  func leftovers() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }
  }

  func testWritesANewFileAndReplacesAnOldOneCreatingFolders() throws {
    let target = url("a/b/file.txt")
    try AtomicFile.write("one", to: target)
    XCTAssertEqual(try read(target), "one")
    try AtomicFile.write("two", to: target, durable: true)
    XCTAssertEqual(try read(target), "two")
  }

  func testASymbolicLinkIsWrittenThroughToItsTargetAndStaysALink() throws {
    try AtomicFile.write("old", to: url("real.txt"))
    try FileManager.default.createSymbolicLink(atPath: url("link.txt").path, withDestinationPath: "real.txt")  // relative
    try FileManager.default.createSymbolicLink(atPath: url("link2.txt").path, withDestinationPath: url("link.txt").path)
    try AtomicFile.write("new", to: url("link2.txt"))
    XCTAssertEqual(try read(url("real.txt")), "new")
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: url("link.txt").path), "real.txt")
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: url("link2.txt").path), url("link.txt").path)
    // A dangling link: its target is created.
    try FileManager.default.createSymbolicLink(atPath: url("dangling.txt").path, withDestinationPath: "later.txt")
    try AtomicFile.write("made", to: url("dangling.txt"))
    XCTAssertEqual(try read(url("later.txt")), "made")
    XCTAssertEqual(try leftovers(), [])
  }

  func testAFIFOADeviceAndAFolderAreNeverReplaced() throws {
    let fifo = url("pipe")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    for (path, kind) in [(fifo.path, "FIFO"), ("/dev/null", "character device"), (folder.path, "folder")] {
      XCTAssertThrowsError(try AtomicFile.write("x", to: URL(fileURLWithPath: path))) { error in
        let text = "\(error)"
        XCTAssertTrue(text.contains(kind) && text.contains("not a regular file"), text)
      }
    }
    var info = stat()
    XCTAssertEqual(lstat(fifo.path, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)  // still a FIFO
    // Through a link too.
    try FileManager.default.createSymbolicLink(atPath: url("null-link").path, withDestinationPath: "/dev/null")
    XCTAssertThrowsError(try AtomicFile.write("x", to: url("null-link")))
    XCTAssertEqual(FileKind.nonRegular(fifo.path), "a FIFO (named pipe)")
    XCTAssertNil(FileKind.nonRegular(url("absent").path))
  }

  func testACrashMidWriteLeavesTheOldFile() throws {
    let target = url("model.bin")
    try AtomicFile.write("old content", to: target)
    XCTAssertThrowsError(
      try AtomicFile.write(Data(repeating: 7, count: 4096), to: target, durable: true, simulatingCrashAfter: 100))
    XCTAssertEqual(try read(target), "old content")
  }

  func testAnUnwritableFolderIsReportedAndNothingIsLeft() throws {
    XCTAssertThrowsError(try AtomicFile.write("x", to: URL(fileURLWithPath: "/proc/version/x"))) { error in
      XCTAssertTrue("\(error)".contains("/proc/version/x"), "\(error)")
    }
  }
}
