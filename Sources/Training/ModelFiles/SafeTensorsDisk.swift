import FileSafety
import Foundation

/// Reading a safetensors file from disk, and writing one atomically.
///
/// `write(to:)` never leaves a broken file at the destination (FileSafety's `AtomicFile`, durable): it writes the
/// bytes to a temporary file in the target's folder (`.NAME.UUID.partial`), flushes it to disk, and renames it over
/// the target. A reader sees the old file or the new one, never half of one; a crash mid-write leaves at most a stray
/// `.partial` file beside the model. A symbolic link is written through to its target; a device or FIFO is refused.
extension SafeTensorsFile {
  /// Reads and checks the safetensors file at `url`.
  public init(contentsOf url: URL) throws(SafeTensorsError) {
    if let kind = FileKind.nonRegular(url.path) {
      throw .unreadable(file: url.path, reason: "it is \(kind), not a regular file")
    }
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
    do {
      try AtomicFile.write(Data(encoded()), to: url, durable: true, createFolders: false, simulatingCrashAfter: crashAfter)
    } catch {
      throw .unwritable(file: url.path, reason: error.reason)
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
