/// A plain-text table with right-aligned columns, for the terminal and for pasting into notes.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []

  init(_ header: String...) { self.header = header }

  mutating func add(_ cells: String...) { rows.append(cells) }

  mutating func add(_ cells: [String]) { rows.append(cells) }

  /// The table as Markdown (pipes), columns padded so that it also reads well as plain text.
  var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      let padded = widths.indices.map { column -> String in
        let cell = column < cells.count ? cells[column] : ""
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + pad : pad + cell
      }
      return "| " + padded.joined(separator: " | ") + " |"
    }
    let rule = "|" + widths.enumerated().map { $0.offset == 0 ? " :" + String(repeating: "-", count: max($0.element - 1, 1)) + " " : " " + String(repeating: "-", count: max($0.element - 1, 1)) + ": " }.joined(separator: "|") + "|"
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}

/// `value` with `digits` digits after the point.
func fixed(_ value: Double, _ digits: Int = 1) -> String {
  guard value.isFinite else { return "-" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = "\(rounded)"
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    if digits == 0 { text = String(text[..<dot]) } else if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
  }
  return text
}

/// A whole number with thousands separators: 11900 -> "11,900".
func grouped(_ value: Double) -> String {
  guard value.isFinite else { return "-" }
  let digits = String(Int(value.rounded()))
  var out = ""
  for (index, character) in digits.reversed().enumerated() {
    if index > 0, index % 3 == 0, character != "-" { out.append(",") }
    out.append(character)
  }
  return String(out.reversed())
}

/// Bytes as MiB with one decimal.
func mebibytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) }
