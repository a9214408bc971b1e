import Foundation
import XCTest

/// Runs the built `lstmlab` executable, found in the build products folder beside the test bundle (as
/// swift-argument-parser's own `AssertExecuteCommand` does), and captures what it prints.
struct CommandRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// Both streams, for failure messages.
    var all: String { "exit \(status)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)" }
  }

  /// The folder holding the build products (the .xctest bundle's parent).
  static var productsFolder: URL {
    let bundle = Bundle(for: Marker.self).bundleURL
    return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
  }

  private final class Marker {}

  /// Runs `lstmlab arguments...` in `folder` (with `environment` added to this process's) and waits for it.
  static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Result {
    let executable = productsFolder.appendingPathComponent("lstmlab")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
      throw XCTSkip("lstmlab was not built next to the tests (\(executable.path)); run `swift build` first")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes to the end before waiting, so a chatty command never blocks on a full pipe.
    let errorData = ReadAll(error.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData.wait(), as: UTF8.self))
  }
}

/// Reads a file handle to its end on another thread.
final class ReadAll: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
