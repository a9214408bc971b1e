import Foundation

/// Writes a file so that a reader sees either the old content or the new one, never half of it:
/// the text goes to a temporary file in the same folder, which is then renamed over the target
/// (`rename(2)` replaces the target in one step when both are on the same file system).
package enum AtomicFile {
  /// Writes `text` (UTF-8) to `url`, creating missing folders.
  package static func write(_ text: String, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw GnuplotError.fileFailed(path: url.path, reason: reason)
      }
    } catch let error as GnuplotError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw GnuplotError.fileFailed(path: url.path, reason: "\(error)")
    }
  }
}
