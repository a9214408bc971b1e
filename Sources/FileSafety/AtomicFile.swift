import Foundation

/// The one way LSTMLab replaces a file (models, sweep results, histories, predictions, charts, reports): a reader
/// sees the old content or the new one, never half of it, and nothing but a regular file is ever replaced.
///
/// 1. The destination is resolved: a symbolic link is followed to its final target (so the link stays a link and the
///    file it points to gets the new content); a dangling link's target is created.
/// 2. A target that exists and is not a regular file (a device such as /dev/full, a FIFO, a socket, a folder) is
///    refused: renaming over it would replace the device node or pipe itself with a regular file.
/// 3. The bytes go to a temporary file `.NAME.UUID.partial` in the target's folder, which is flushed to disk
///    (`fsync`) when `durable`, then renamed over the target (`rename(2)` is atomic within one file system).
///    On any failure the temporary file is removed and the target is unchanged.
///
/// It lives in its own small module, below Gnuplot and Training alike, so that both use it without Gnuplot knowing
/// of neural networks or Training of plots.
public enum AtomicFile {
  /// Writes `bytes` to `url` atomically; `durable` adds an fsync before the rename (for results that must survive
  /// a power cut, not only a crash); missing folders are created when `createFolders`.
  public static func write(_ bytes: some DataProtocol, to url: URL, durable: Bool = false, createFolders: Bool = true)
    throws(AtomicFileError)
  {
    try write(Data(bytes), to: url, durable: durable, createFolders: createFolders, simulatingCrashAfter: nil)
  }

  /// Writes `text` as UTF-8 (see `write(_:to:durable:createFolders:)`).
  public static func write(_ text: String, to url: URL, durable: Bool = false, createFolders: Bool = true)
    throws(AtomicFileError)
  {
    try write(Data(text.utf8), to: url, durable: durable, createFolders: createFolders, simulatingCrashAfter: nil)
  }

  /// `write`, but when `crashAfter` is set it stops after that many bytes of the temporary file and throws without
  /// cleaning up or renaming, as a process killed mid-write would (for tests of atomicity).
  package static func write(
    _ data: Data, to url: URL, durable: Bool, createFolders: Bool = true, simulatingCrashAfter crashAfter: Int?
  ) throws(AtomicFileError) {
    let target = try destination(of: url)
    let manager = FileManager.default
    let folder = target.deletingLastPathComponent()
    if createFolders {
      do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
        throw AtomicFileError(path: url.path, reason: "cannot create the folder \(folder.path) (\(reason(error)))")
      }
    } else if !manager.fileExists(atPath: folder.path) {
      throw AtomicFileError(path: url.path, reason: "the folder \(folder.path) does not exist")
    }
    let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
    guard manager.createFile(atPath: temporary.path, contents: nil) else {
      throw AtomicFileError(path: url.path, reason: "cannot create a temporary file in \(folder.path) (\(String(cString: strerror(errno))))")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      let chunk = 1 << 20
      var written = 0
      while written < data.count {
        var end = min(written + chunk, data.count)
        if let crashAfter { end = min(end, crashAfter) }
        try handle.write(contentsOf: data[data.startIndex + written..<data.startIndex + end])
        written = end
        if let crashAfter, written >= crashAfter {
          try handle.close()
          throw AtomicFileError(path: url.path, reason: "simulated crash after \(written) bytes")
        }
      }
      if durable { try handle.synchronize() }
      try handle.close()
    } catch let error as AtomicFileError {
      throw error
    } catch {
      try? manager.removeItem(at: temporary)
      throw AtomicFileError(path: url.path, reason: reason(error))
    }
    guard rename(temporary.path, target.path) == 0 else {
      let why = String(cString: strerror(errno))
      try? manager.removeItem(at: temporary)
      throw AtomicFileError(path: url.path, reason: why)
    }
  }

  /// The file a write to `url` replaces: `url` itself, or the final target of the symbolic links it names (up to 40
  /// links, as the kernel allows). Throws when that target exists and is not a regular file.
  public static func destination(of url: URL) throws(AtomicFileError) -> URL {
    var path = url.standardizedFileURL.path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(path, &info) == 0 else { return URL(fileURLWithPath: path) }  // absent: a new file
      let kind = info.st_mode & S_IFMT
      if kind == S_IFREG { return URL(fileURLWithPath: path) }
      guard kind == S_IFLNK else {
        throw AtomicFileError(
          path: url.path,
          reason: "\(path == url.path ? "it" : path) is \(FileKind.name(of: kind)), not a regular file; a save replaces a "
            + "file by renaming a new one over it, which would replace the \(FileKind.name(of: kind, article: false)) "
            + "itself. Give the path of a regular file")
      }
      guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
        throw AtomicFileError(path: url.path, reason: "cannot read the symbolic link \(path)")
      }
      path = link.hasPrefix("/")
        ? link : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL.path
    }
    throw AtomicFileError(path: url.path, reason: "too many levels of symbolic links")
  }

  /// A short reason for a Foundation error (the POSIX message where there is one).
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}

/// The kinds of file `stat` reports, in words, for messages about a path that is not a regular file.
public enum FileKind {
  /// "a FIFO (named pipe)", "a character device", ... for an `st_mode & S_IFMT` value.
  public static func name(of kind: mode_t, article: Bool = true) -> String {
    let (a, noun): (String, String) =
      switch kind {
      case S_IFDIR: ("a", "folder")
      case S_IFCHR: ("a", "character device")
      case S_IFBLK: ("a", "block device")
      case S_IFIFO: ("a", "FIFO (named pipe)")
      case S_IFSOCK: ("a", "socket")
      case S_IFLNK: ("a", "symbolic link")
      case S_IFREG: ("a", "regular file")
      default: ("an", "unknown kind of file")
      }
    return article ? "\(a) \(noun)" : noun
  }

  /// nil when `path` is a regular file (after following links) or does not exist; otherwise its kind in words.
  public static func nonRegular(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let kind = info.st_mode & S_IFMT
    return kind == S_IFREG ? nil : name(of: kind)
  }
}

/// Why `AtomicFile` did not write: the path asked for and the reason. Nothing was replaced.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): cannot write the file (\(reason)); any previous file there is unchanged" }
}
