import Foundation

/// Reading a safetensors file from disk, and writing one atomically.
///
/// `write(to:)` never leaves a broken file at the destination: it writes the bytes to a temporary file in the same
/// folder (`.NAME.UUID.partial`), flushes it to disk, and renames it over the destination (`rename(2)` is atomic
/// within a file system). A reader sees the old file or the new one, never half of one; a crash mid-write leaves at
/// most a stray `.partial` file beside the model.
extension SafeTensorsFile {
  /// Reads and checks the safetensors file at `url`.
  public init(contentsOf url: URL) throws(SafeTensorsError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .unreadable(file: url.path, reason: SafeTensorsFile.reason(error))
    }
    try self.init(decoding: [UInt8](data), source: url.path)
  }

  /// Writes the file to `url` atomically (temporary file in the same folder, then rename).
  public func write(to url: URL) throws(SafeTensorsError) {
    try write(to: url, simulatingCrashAfter: nil)
  }

  /// `write(to:)`, but when `crashAfter` is set it stops after that many bytes of the temporary file and throws
  /// without cleaning up or renaming, as a process killed mid-write would (for the test of atomicity).
  func write(to url: URL, simulatingCrashAfter crashAfter: Int?) throws(SafeTensorsError) {
    let bytes = encoded()
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
    let manager = FileManager.default
    guard manager.createFile(atPath: temporary.path, contents: nil) else {
      throw .unwritable(file: url.path, reason: "cannot create \(temporary.lastPathComponent) in its folder")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      let chunk = 1 << 20
      var written = 0
      while written < bytes.count {
        var end = min(written + chunk, bytes.count)
        if let crashAfter { end = min(end, crashAfter) }
        try handle.write(contentsOf: Data(bytes[written..<end]))
        written = end
        if let crashAfter, written >= crashAfter {
          try handle.close()
          throw SafeTensorsError.unwritable(file: url.path, reason: "simulated crash after \(written) bytes")
        }
      }
      try handle.synchronize()
      try handle.close()
    } catch let error as SafeTensorsError {
      throw error
    } catch {
      try? manager.removeItem(at: temporary)
      throw .unwritable(file: url.path, reason: SafeTensorsFile.reason(error))
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: temporary)
      throw .unwritable(file: url.path, reason: reason)
    }
  }

  /// A short reason for a Foundation error (the POSIX message where there is one).
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
    return nsError.localizedDescription
  }
}
