import FileSafety
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing sweep results files safely.
///
/// - Appending: each finished cell is one `write` of a whole line to a file opened with `O_APPEND`, followed by
///   `fsync`, so a line reaches the disk before the next cell is reported.
/// - Crash tolerance: a crash can still leave the last line cut short. Every line ends in a newline, so a last line
///   without one is a torn write: readers ignore it, and a resumed sweep truncates it before appending.
/// - Rewriting (sorting a finished file, merging shards): the new text goes to a temporary file next to the target,
///   is synced, and replaces the target with `rename`, which is atomic: a reader sees the old file or the new one.
extension SweepResults {
  /// What a read found: the complete rows, and how many bytes of the file they and the header cover.
  struct FileContents {
    var results: SweepResults?  // nil when the file holds no complete header line
    var completeByteCount: Int
    var fileByteCount: Int
    var hasTornLastLine: Bool { completeByteCount < fileByteCount }
  }

  /// The results in the file at `url`; a torn last line (no final newline) is ignored. Throws
  /// `SweepError.malformedResults` with the file and line of the first bad line, or `SweepError.io`.
  public static func read(from url: URL) throws -> SweepResults {
    let contents = try readContents(of: url)
    guard let results = contents.results else {
      throw SweepError.malformedResults(file: url.path, line: 1, reason: "the file has no complete header line")
    }
    return results
  }

  /// Parses a results file; `results` is nil when the file is empty or its header line is torn.
  static func readContents(of url: URL) throws -> FileContents {
    if let kind = FileKind.nonRegular(url.path) {
      throw SweepError.io(file: url.path, reason: "it is \(kind), not a regular file; give a results file path")
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw SweepError.io(file: url.path, reason: "cannot read the results file (\(error.localizedDescription))")
    }
    return try parse(Array(data), file: url.path)
  }

  /// Parses the bytes of a results file named `file` (for messages).
  static func parse(_ bytes: [UInt8], file: String) throws -> FileContents {
    let newline = UInt8(ascii: "\n")
    let complete = (bytes.lastIndex(of: newline).map { $0 + 1 }) ?? 0
    var lines = bytes[..<complete].split(separator: newline, omittingEmptySubsequences: false).map { slice -> String in
      var text = String(decoding: slice, as: UTF8.self)
      if text.hasSuffix("\r") { text.removeLast() }
      return text
    }
    if lines.last == "" { lines.removeLast() }  // the empty piece after the final newline
    guard let headerLine = lines.first else {
      return FileContents(results: nil, completeByteCount: 0, fileByteCount: bytes.count)
    }
    let columns = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let cellColumns = columns.indices.filter { columns[$0] == cellColumn }
    guard cellColumns.count == 1, let cellIndex = cellColumns.first else {
      throw SweepError.malformedResults(
        file: file, line: 1,
        reason: "the header '\(headerLine)' needs exactly one '\(cellColumn)' column between the axes and the metrics")
    }
    let axisNames = Array(columns[..<cellIndex])
    let metricNames = Array(columns[(cellIndex + 1)...])
    if let bad = columns.first(where: { $0 != cellColumn && !SweepAxis.isValidName($0) }) {
      throw SweepError.malformedResults(file: file, line: 1, reason: "header column '\(bad)' is not a valid name")
    }
    guard !axisNames.isEmpty else {
      throw SweepError.malformedResults(file: file, line: 1, reason: "the header names no axis before '\(cellColumn)'")
    }
    guard Set(columns).count == columns.count else {
      throw SweepError.malformedResults(file: file, line: 1, reason: "the header '\(headerLine)' repeats a column")
    }

    var rows: [SweepRow] = []
    for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let lineNumber = offset + 1
      func fail(_ reason: String) -> SweepError { .malformedResults(file: file, line: lineNumber, reason: reason) }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == columns.count else {
        throw fail("\(fields.count) fields where the header has \(columns.count)")
      }
      let values = Array(fields[..<cellIndex])
      if let bad = values.first(where: { !SweepAxis.isValidValue($0) }) { throw fail("axis value '\(bad)' is not valid") }
      let expectedID = zip(axisNames, values).map { "\($0)=\($1)" }.joined(separator: " ")
      guard fields[cellIndex] == expectedID else {
        throw fail("cell id '\(fields[cellIndex])' does not match its axis values (expected '\(expectedID)')")
      }
      var metrics: [Double] = []
      for (name, text) in zip(metricNames, fields[(cellIndex + 1)...]) {
        guard let value = Double(text) else { throw fail("metric '\(name)' has value '\(text)', which is not a number") }
        metrics.append(value)
      }
      rows.append(SweepRow(cellID: expectedID, axisNames: axisNames, values: values, metricNames: metricNames, metrics: metrics))
    }
    let results = SweepResults(axisNames: axisNames, metricNames: metricNames, rows: rows)
    return FileContents(results: results, completeByteCount: complete, fileByteCount: bytes.count)
  }

  /// Writes `csv` to `url` atomically (temporary file, fsync, rename), creating the folder if needed.
  public func write(to url: URL) throws {
    try Self.writeAtomically(csv, to: url)
  }

  static func writeAtomically(_ text: String, to url: URL) throws {
    do { try AtomicFile.write(text, to: url, durable: true) } catch {
      throw SweepError.io(file: url.path, reason: error.reason)
    }
  }

  static func createFolder(of url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      throw SweepError.io(file: folder.path, reason: "cannot create the folder (\(error.localizedDescription))")
    }
  }
}

/// Appends whole lines to a results file: `O_APPEND` so every write lands at the end, one write per line, `fsync`
/// after each. Not thread-safe: the runner calls it under its lock.
final class SweepResultsAppender {
  private let handle: FileHandle
  private let path: String

  /// Opens (creating if needed) the file at `url` for appending; `truncatingTo` first cuts a torn last line.
  init(url: URL, truncatingTo length: Int?) throws {
    path = url.path
    try SweepResults.createFolder(of: url)
    let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard descriptor >= 0 else {
      throw SweepError.io(file: url.path, reason: "cannot open for appending (\(String(cString: strerror(errno))))")
    }
    handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    if let length {
      do { try handle.truncate(atOffset: UInt64(length)) } catch {
        throw SweepError.io(file: url.path, reason: "cannot cut the torn last line (\(error.localizedDescription))")
      }
    }
  }

  /// Writes `line` (which ends in a newline) and syncs it to disk.
  func append(_ line: String) throws {
    do {
      try handle.write(contentsOf: Data(line.utf8))
      try handle.synchronize()
    } catch {
      throw SweepError.io(file: path, reason: "cannot append a result (\(error.localizedDescription))")
    }
  }
}
