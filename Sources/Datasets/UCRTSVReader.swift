import LabMath

/// Reads the UCR archive's `.tsv` format (UCR 2018): one univariate case per line, the class label first, then the
/// values, separated by tabs.
///
///     label<TAB>v1<TAB>v2<TAB>...<TAB>vL
///
/// Also accepted: commas instead of tabs, or runs of spaces (the older UCR `.txt` files), a byte-order mark, CRLF,
/// blank lines. There is no header, so the class names are the distinct labels found, sorted numerically when they
/// are all numbers (`-1 < 1 < 2`) and as text otherwise; a numeric label with an integral value is named without
/// its decimals (`1.0000000e+00` -> `1`). `NaN` (any case) or `?` is a missing value. Variable-length UCR sets pad
/// short series with NaN at the end: trailing NaNs are padding and are removed, so such a case is shorter; NaNs
/// before the last number are missing values (see `interpolatingMissingValues()`).
///
/// Rejected with file, line and what was expected: an empty file, an empty label field (a line starting with a tab),
/// a line with a label but no value, an empty or non-numeric value, a case made only of NaNs.
public enum UCRTSVReader {
  /// Reads the `.tsv` file at `path`; the part is named after the file.
  public static func read(path: String) throws -> LabeledSequences {
    try parse(TextLines.bytes(atPath: path), file: path)
  }

  /// Parses the bytes of a UCR `.tsv` file; `file` names it in error messages.
  public static func parse(_ bytes: [UInt8], file: String) throws -> LabeledSequences {
    let text = TextLines(bytes: bytes, file: file)
    var sequences: [Matrix<Float>] = []
    var labelTexts: [String] = []
    for (index, raw) in text.lines.enumerated() {
      let lineNumber = index + 1
      let line = Bytes.trimmed(raw)
      if line.isEmpty { continue }
      // A tab is a field separator, never padding: a line that starts with one has an empty label field, which
      // trimming would otherwise hide (the first value would silently become the label of a new class).
      if let firstTab = raw.firstIndex(of: UInt8(ascii: "\t")), raw[raw.startIndex..<firstTab].allSatisfy(Bytes.isBlank) {
        throw text.error(line: lineNumber, found: "an empty label field (the line starts with a tab)", expected: "a class label as the first field")
      }
      let fields: [ArraySlice<UInt8>]
      if line.contains(UInt8(ascii: "\t")) {
        fields = Bytes.split(line, on: UInt8(ascii: "\t"))
      } else if line.contains(UInt8(ascii: ",")) {
        fields = Bytes.split(line, on: UInt8(ascii: ","))
      } else {
        fields = line.split(separator: UInt8(ascii: " "))
      }
      let label = Bytes.trimmed(fields[0])
      guard !label.isEmpty, let labelText = Bytes.validText(label) else {
        throw text.error(line: lineNumber, found: quoted(Bytes.text(label)), expected: "a class label as the first field")
      }
      guard fields.count >= 2 else {
        throw text.error(line: lineNumber, found: "only the label \(quoted(labelText))", expected: "label<TAB>v1<TAB>v2...")
      }
      var values: [Float] = []
      values.reserveCapacity(fields.count - 1)
      for (position, field) in fields.dropFirst().enumerated() {
        let token = Bytes.trimmed(field)
        if Bytes.isMissingMarker(token) {
          values.append(.nan)
        } else if let value = Bytes.float(token) {
          values.append(value)
        } else {
          throw text.error(
            line: lineNumber,
            found: "\(token.isEmpty ? "an empty value" : quoted(Bytes.text(token))) at value \(position + 1)",
            expected: "a decimal number within Float range, or NaN for a missing value")
        }
      }
      while let last = values.last, last.isNaN { values.removeLast() }  // NaN padding of variable-length sets
      guard !values.isEmpty else {
        throw text.error(line: lineNumber, found: "no number after the label", expected: "at least one value that is not NaN")
      }
      sequences.append(Matrix(rows: values.count, columns: 1, scalars: values))
      labelTexts.append(labelText)
    }
    guard !sequences.isEmpty else {
      throw text.error(line: 1, found: "an empty file", expected: "one case per line: label<TAB>v1<TAB>v2...")
    }
    let classNames = sortedClassNames(Set(labelTexts.map(canonicalLabel)))
    var index: [String: Int] = [:]
    for (k, name) in classNames.enumerated() { index[name] = k }
    return LabeledSequences(
      name: TSReader.partName(file: file), sequences: sequences, labels: labelTexts.map { index[canonicalLabel($0)]! },
      classNames: classNames, featureCount: 1)
  }

  /// `1.0000000e+00` -> `1`; other labels unchanged.
  static func canonicalLabel(_ label: String) -> String {
    if let value = Double(label), value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      return String(Int(value))
    }
    return label
  }

  /// Numeric order when every name is a number, text order otherwise.
  static func sortedClassNames(_ names: Set<String>) -> [String] {
    let numbers = names.compactMap { name in Double(name).map { (name, $0) } }
    if numbers.count == names.count { return numbers.sorted { $0.1 < $1.1 }.map(\.0) }
    return names.sorted()
  }
}
