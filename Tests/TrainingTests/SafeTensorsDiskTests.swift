import Foundation
import LabMath
@testable import Training
import XCTest

/// Saving is atomic (temporary file in the same folder, then rename) and reading reports unreadable paths.
final class SafeTensorsDiskTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func model(_ value: Float) -> SafeTensorsFile {
    SafeTensorsFile(tensors: ["w": SafeTensorsTensor(Matrix<Float>(rows: 64, columns: 64, repeating: value))], metadata: ["v": "\(value)"])
  }

  private func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

  func testWriteThenReadGivesTheSameFileAndLeavesNoTemporaryFile() throws {
    let url = folder.appendingPathComponent("model.safetensors")
    try model(1).write(to: url)
    XCTAssertEqual(try SafeTensorsFile(contentsOf: url), model(1))
    XCTAssertEqual(try SafeTensorsFile(contentsOf: url).source, url.path)
    try model(2).write(to: url)  // overwriting an existing model
    XCTAssertEqual(try SafeTensorsFile(contentsOf: url), model(2))
    XCTAssertEqual(try contents(), ["model.safetensors"])
  }

  func testACrashMidWriteLeavesThePreviousModelIntact() throws {
    let url = folder.appendingPathComponent("model.safetensors")
    try model(1).write(to: url)
    let size = model(2).encoded().count
    XCTAssertThrowsError(try model(2).write(to: url, simulatingCrashAfter: size / 2))
    // The destination still holds the complete old model; the half-written bytes are only in a stray temporary file.
    XCTAssertEqual(try SafeTensorsFile(contentsOf: url), model(1))
    let stray = try contents().filter { $0 != "model.safetensors" }
    XCTAssertEqual(stray.count, 1)
    XCTAssertTrue(stray[0].hasPrefix(".model.safetensors.") && stray[0].hasSuffix(".partial"), stray[0])
    let partial = folder.appendingPathComponent(stray[0])
    XCTAssertEqual(try Data(contentsOf: partial).count, size / 2)
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: partial))  // the half file is detectably broken
  }

  func testAFailedRenameRemovesTheTemporaryFileAndKeepsWhatWasThere() throws {
    let url = folder.appendingPathComponent("taken")
    try FileManager.default.createDirectory(at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
    XCTAssertThrowsError(try model(1).write(to: url)) { error in
      guard case .unwritable(url.path, _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
    }
    XCTAssertEqual(try contents(), ["taken"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.path), ["inside"])
  }

  func testWritingIntoAMissingFolderIsUnwritable() {
    let url = folder.appendingPathComponent("no/such/folder/model.safetensors")
    XCTAssertThrowsError(try model(1).write(to: url)) { error in
      guard case .unwritable(url.path, _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
    }
  }

  func testReadingAMissingFileNamesIt() {
    let url = folder.appendingPathComponent("absent.safetensors")
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: url)) { error in
      guard case .unreadable(url.path, _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
      XCTAssertTrue("\(error)".contains("absent.safetensors"))
    }
  }
}

/// Saving a model never replaces a device or FIFO, and writes through a symbolic link (AtomicFile underneath).
final class SafeTensorsSaveDestinationTests: XCTestCase {
  func testASaveToADeviceOrFIFOIsRefusedAndALinkIsWrittenThrough() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-dest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = SafeTensorsFile(tensors: ["x": SafeTensorsTensor(vector: [Float(1), 2])], metadata: [:])
    XCTAssertThrowsError(try file.write(to: URL(fileURLWithPath: "/dev/full"))) { error in
      XCTAssertTrue("\(error)".contains("character device"), "\(error)")
    }
    let fifo = folder.appendingPathComponent("fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    XCTAssertThrowsError(try file.write(to: fifo)) { XCTAssertTrue("\($0)".contains("FIFO"), "\($0)") }
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: fifo)) { XCTAssertTrue("\($0)".contains("FIFO"), "\($0)") }
    let real = folder.appendingPathComponent("real.safetensors"), link = folder.appendingPathComponent("link.safetensors")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
    try file.write(to: link)
    XCTAssertEqual(try SafeTensorsFile(contentsOf: real).tensors.keys.sorted(), ["x"])
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), real.path)
  }
}
