/// Text written into another language so that it reads back as the same text: LSTMLab's one quoting helper.
///
/// - ``stringLiteral(_:otherControlCharacters:)``: a double-quoted string literal with backslash escapes, the
///   syntax JSON and gnuplot share (`"` ... `"`, `\\`, `\"`, `\n`, `\t`). Quotes, backslashes and line breaks in a
///   title, a label, a file name or a metadata value cannot end the string early or inject commands.
/// - ``csvField(_:)``: a CSV field (RFC 4180).
/// - ``forMessage(_:limit:)``: a token from a file, shortened and on one line, for an error message.
public enum Quoting {
  /// What `stringLiteral` does with a control character other than line feed and tab (U+0000 to U+001F, U+007F).
  public enum ControlCharacters: Sendable {
    /// Written as `\u00XX` (JSON's escape).
    case unicodeEscaped
    /// Left out (gnuplot has no escape for them and they never belong in a title).
    case dropped
  }

  /// `text` as `"..."` with `\` -> `\\`, `"` -> `\"`, line feed -> `\n`, tab -> `\t`, and the other control
  /// characters escaped or dropped as `otherControlCharacters` says.
  public static func stringLiteral(_ text: String, otherControlCharacters: ControlCharacters) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        guard otherControlCharacters == .unicodeEscaped else { continue }
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// `text` as one CSV field: unchanged unless it holds a comma, a quote or a line break, else in double quotes
  /// with each quote doubled (`say "hi"` -> `"say ""hi"""`).
  public static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }

  /// A token from a file for an error message: in double quotes, control characters shown as U+FFFD so that the
  /// message stays on one line, and cut to `limit` characters with "..." (a corrupted file may put a whole line
  /// where a number should be).
  public static func forMessage(_ text: some StringProtocol, limit: Int = 40) -> String {
    let clean = text.map { character -> Character in
      character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "\u{FFFD}" : character
    }
    let shown = clean.count > limit ? String(clean.prefix(limit)) + "..." : String(clean)
    return "\"" + shown + "\""
  }
}
