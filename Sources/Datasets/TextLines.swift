import FileSafety
import Foundation

/// The bytes of a text file cut into numbered lines, shared by the file readers.
///
/// A UTF-8 byte-order mark at the start is dropped; lines end at LF, CRLF or a lone CR; the line terminator is not
/// part of the line. Lines are byte slices: values are parsed from bytes, so a corrupted byte can only make a
/// field fail to parse, never make the reader misbehave.
struct TextLines {
  /// The file name used in error messages.
  let file: String
  /// The lines in file order; `lines[k]` is line k + 1.
  let lines: [ArraySlice<UInt8>]

  init(bytes: [UInt8], file: String) {
    self.file = file
    var start = 0
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
    var lines: [ArraySlice<UInt8>] = []
    var lineStart = start
    var i = start
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        lines.append(bytes[lineStart..<i])
        if byte == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        lineStart = i + 1
      }
      i += 1
    }
    if lineStart < bytes.count { lines.append(bytes[lineStart..<bytes.count]) }  // last line without a newline
    self.lines = lines
  }

  /// Reads the whole file at `path`, or throws `fileNotFound` / `unreadable` naming it.
  static func bytes(atPath path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DatasetError.fileNotFound(path: path, searched: [])
    }
    if isDirectory.boolValue { throw DatasetError.unreadable(path: path, reason: "it is a directory, not a file") }
    // A FIFO or device would block or never end: refuse it by name rather than reading it.
    if let kind = FileKind.nonRegular(path) {
      throw DatasetError.unreadable(path: path, reason: "it is \(kind), not a regular file; save the data to a file first")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DatasetError.unreadable(path: path, reason: "permission denied or I/O error")
    }
    return [UInt8](data)
  }

  /// A `malformed` error at 1-based line `line` of this file.
  func error(line: Int, found: String, expected: String) -> DatasetError {
    .malformed(file: file, line: line, found: found, expected: expected)
  }
}

/// Byte-level helpers for parsing fields.
enum Bytes {
  static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

  /// The slice without leading and trailing spaces and tabs.
  static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var lower = slice.startIndex, upper = slice.endIndex
    while lower < upper && isBlank(slice[lower]) { lower += 1 }
    while upper > lower && isBlank(slice[upper - 1]) { upper -= 1 }
    return slice[lower..<upper]
  }

  /// The pieces of `slice` between occurrences of `separator` (empty pieces kept).
  static func split(_ slice: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
    slice.split(separator: separator, omittingEmptySubsequences: false)
  }

  /// The text of the slice for messages and names (invalid UTF-8 shown as U+FFFD).
  static func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }

  /// The slice as valid UTF-8, or nil.
  static func validText(_ slice: ArraySlice<UInt8>) -> String? { String(bytes: slice, encoding: .utf8) }

  /// ASCII lower-case of the slice (other bytes kept), for case-insensitive tags and keywords.
  static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
    String(decoding: slice.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
  }

  /// Whether the token is a missing-value marker: `?`, or `nan` in any case (aeon reads both as NaN).
  static func isMissingMarker(_ token: ArraySlice<UInt8>) -> Bool {
    if token.count == 1 && token.first == UInt8(ascii: "?") { return true }
    return token.count == 3 && lowercased(token) == "nan"
  }

  /// Parses a decimal number (digits, sign, point, exponent: `-4.9241071E-4`, `1.0`, `3`) as a finite Float.
  /// Returns nil for anything else, including `inf`, hexadecimal floats, and values beyond Float's range.
  static func float(_ token: ArraySlice<UInt8>) -> Float? {
    guard !token.isEmpty, token.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    for byte in token {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
        UInt8(ascii: "e"), UInt8(ascii: "E"):
        continue
      default: return nil
      }
    }
    guard let value = Float(text(token)), value.isFinite else { return nil }
    return value
  }
}
