import Foundation
import LabText

/// Writes a notebook's cells to standard output as they happen: styled with ANSI colours on a terminal, plain text
/// when the output goes to a file or a pipe (or when NO_COLOR is set or TERM is dumb).
struct Console: Sendable {
  /// Whether ANSI styles are written.
  let styled: Bool

  init(styled: Bool? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.styled =
      styled ?? (isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb")
  }

  enum Style: String {
    case bold = "1", dim = "2", heading = "1;36", finding = "1;32", warning = "33"
  }

  func style(_ text: String, _ style: Style) -> String {
    styled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// Prints `text` and flushes, so the lines interleave correctly with a parent process's output.
  func write(_ text: String) {
    print(text)
    fflush(nil)
  }

  /// Markdown narrative: headings styled, the rest as written.
  func markdown(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      line.hasPrefix("#") ? style(String(line), .heading) : String(line)
    }
    write(lines.joined(separator: "\n") + "\n")
  }

  /// A table with aligned columns.
  func table(_ table: Table) {
    let lines = table.textTable.plainTextLines
    let text = [style(table.title, .bold), style(lines[0], .bold)] + lines.dropFirst()
    write(text.joined(separator: "\n") + "\n")
  }
}
