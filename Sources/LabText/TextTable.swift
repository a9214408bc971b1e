/// Rows of text cells in aligned columns: LSTMLab's one table renderer, for the terminal (`plainText`: a header, a
/// rule of dashes, columns padded to their widest cell and separated by two spaces) and for reports (`markdown`: a
/// Markdown table, padded the same way so that it also reads as plain text).
///
/// ```swift
/// var table = TextTable(["T", "seconds"])
/// table.append(["20", "0.084"])
/// print(table.plainText)
/// // T   seconds
/// // --  -------
/// // 20    0.084
/// ```
///
/// Widths count characters (grapheme clusters), so `Σ` and `²` are one column wide. A row with fewer cells than
/// the header is padded with empty cells; a longer one is cut to the header.
public struct TextTable: Sendable, Equatable {
  /// Which side a column's cells line up on.
  public enum Alignment: Sendable, Equatable { case left, right }

  /// The column headers.
  public var header: [String]
  /// The body, one array of cells per row.
  public var rows: [[String]]
  /// One alignment per column; when nil, the first column lines up on the left (labels) and the others on the
  /// right (numbers).
  public var alignments: [Alignment]?

  /// An empty table with these column headers.
  public init(_ header: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
    self.header = header
    self.alignments = alignments
    self.rows = rows
  }

  /// Appends a row.
  public mutating func append(_ row: [String]) { rows.append(row) }

  /// The alignment of column `index`.
  public func alignment(ofColumn index: Int) -> Alignment {
    if let alignments, index < alignments.count { return alignments[index] }
    return index == 0 ? .left : .right
  }

  /// The terminal form, line by line: header, rule, rows.
  public var plainTextLines: [String] {
    let (cells, widths) = laidOut(escapingPipes: false)
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return [line(cells[0], widths, separator: "  ")] + [rule] + cells.dropFirst().map { line($0, widths, separator: "  ") }
  }

  /// The terminal form as one text.
  public var plainText: String { plainTextLines.joined(separator: "\n") }

  /// The Markdown form, line by line: `| header |`, the alignment row (`:---` left, `---:` right), `| row |`.
  /// A `|` inside a cell is escaped as `\|`.
  public var markdownLines: [String] {
    let (cells, widths) = laidOut(escapingPipes: true, minimumWidth: 4)
    let rule = widths.indices.map { index -> String in
      let dashes = String(repeating: "-", count: widths[index] - 1)
      return alignment(ofColumn: index) == .left ? ":" + dashes : dashes + ":"
    }
    func row(_ text: String) -> String { "| " + text + " |" }
    return [row(line(cells[0], widths, separator: " | ")), row(rule.joined(separator: " | "))]
      + cells.dropFirst().map { row(line($0, widths, separator: " | ")) }
  }

  /// The Markdown form as one text.
  public var markdown: String { markdownLines.joined(separator: "\n") }

  /// Header and rows cut or padded to the header's column count, and each column's width.
  private func laidOut(escapingPipes: Bool, minimumWidth: Int = 0) -> (cells: [[String]], widths: [Int]) {
    let cells = ([header] + rows).map { row in
      header.indices.map { index -> String in
        let cell = index < row.count ? row[index] : ""
        return escapingPipes ? cell.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : cell
      }
    }
    let widths = header.indices.map { index in cells.map { $0[index].count }.max().map { Swift.max($0, minimumWidth) } ?? 0 }
    return (cells, widths)
  }

  private func line(_ cells: [String], _ widths: [Int], separator: String) -> String {
    cells.indices.map { index in
      let padding = String(repeating: " ", count: widths[index] - cells[index].count)
      return alignment(ofColumn: index) == .left ? cells[index] + padding : padding + cells[index]
    }.joined(separator: separator)
  }
}
