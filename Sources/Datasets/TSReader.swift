import LabMath

/// Reads the UEA/UCR time-series classification format `.ts` (sktime/aeon), univariate or multivariate, equal or
/// variable length, into `LabeledSequences`.
///
/// The file is a header of `#` comments, blank lines and `@tag value` lines (see `TSHeader`), ended by `@data`, then
/// one case per line:
///
///     ch1_v1,ch1_v2,...,ch1_vL:ch2_v1,...,ch2_vL:...:label
///
/// Channels are separated by `:`, values by `,`, the last `:`-field is the class label, which must be one of the
/// labels declared by `@classLabel true ...`; label index k is the k-th declared label. Case i becomes the
/// `L_i x channels` matrix `sequences[i]` (row t = time step t). With `@timeStamps true` a value is written
/// `(timestamp,value)`; the timestamps are checked for presence and dropped, the values kept in file order.
///
/// Accepted variations: a UTF-8 byte-order mark, LF / CRLF / CR line ends, blank and `#` lines anywhere, tag names
/// in any case, spaces around values, `?` or `nan` for a missing value (read as NaN; see
/// `interpolatingMissingValues()`), integers and exponents (`3`, `-4.9241071E-4`).
///
/// Rejected, with the file, the line and what was expected (`DatasetError.malformed`): an empty file; a line before
/// `@data` that is not a tag, comment or blank; an unknown, repeated or ill-valued tag; `@univariate true` with
/// `@dimensions` > 1; no `@classLabel true` (LSTMLab classifies, so labels are required); no `@data`; no case after
/// `@data`; a case with a different number of channels than declared (or than the first case); channels of one case
/// with different lengths; a value that is not a finite decimal number in Float range; `?` under `@missing false`;
/// a label not declared; a length different from `@seriesLength`, or from the first case under `@equalLength true`.
/// Nothing is returned unless the whole file is valid.
public enum TSReader {
  /// The header and the cases of one `.ts` file.
  public struct File: Sendable, Equatable {
    public var header: TSHeader
    public var sequences: LabeledSequences
  }

  /// Reads the `.ts` file at `path`; the part is named after the file (`GunPoint_TRAIN`).
  public static func read(path: String) throws -> LabeledSequences {
    try readFile(path: path).sequences
  }

  /// Reads the `.ts` file at `path`, with its header.
  public static func readFile(path: String) throws -> File {
    let bytes = try TextLines.bytes(atPath: path)
    return try parse(bytes, file: path)
  }

  /// Parses the bytes of a `.ts` file; `file` is the name used in error messages and for the part's name.
  public static func parse(_ bytes: [UInt8], file: String) throws -> File {
    let text = TextLines(bytes: bytes, file: file)
    let header = try parseHeader(text)
    let (sequences, labels) = try parseCases(text, header: header)
    let name = partName(file: file)
    let part = LabeledSequences(
      name: name, sequences: sequences, labels: labels, classNames: header.classLabels ?? [],
      featureCount: sequences.first?.columns ?? 0)
    return File(header: header, sequences: part)
  }

  /// The file name without folders and extension: `data/GunPoint/GunPoint_TRAIN.ts` -> `GunPoint_TRAIN`.
  static func partName(file: String) -> String {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
    return String(base[..<dot])
  }

  // MARK: - Header

  private static let knownTags = [
    "@problemName", "@timeStamps", "@missing", "@univariate", "@dimensions", "@equalLength", "@seriesLength",
    "@classLabel", "@data",
  ]

  private static func parseHeader(_ text: TextLines) throws -> TSHeader {
    var header = TSHeader()
    var seen: [String: Int] = [:]  // tag -> line
    var sawContent = false
    for (index, raw) in text.lines.enumerated() {
      let lineNumber = index + 1
      let line = Bytes.trimmed(raw)
      if line.isEmpty { continue }
      sawContent = true
      if line.first == UInt8(ascii: "#") {
        header.comments.append(Bytes.text(line.dropFirst()))
        continue
      }
      guard line.first == UInt8(ascii: "@") else {
        throw text.error(
          line: lineNumber, found: quoted(Bytes.text(line)),
          expected: "a header line (@tag value, # comment or blank) before @data")
      }
      let nameEnd = line.firstIndex(where: Bytes.isBlank) ?? line.endIndex
      let tag = Bytes.lowercased(line[line.startIndex..<nameEnd])
      let value = Bytes.trimmed(line[nameEnd..<line.endIndex])
      let canonical = tag == "@dimension" ? "@dimensions" : tag
      if let previous = seen[canonical] {
        throw text.error(line: lineNumber, found: "a second \(canonical) (first on line \(previous))", expected: "each tag once")
      }
      seen[canonical] = lineNumber

      func flag() throws -> Bool {
        switch Bytes.lowercased(value) {
        case "true": return true
        case "false": return false
        default: throw text.error(line: lineNumber, found: quoted(Bytes.text(value)), expected: "true or false after \(canonical)")
        }
      }
      func positiveInteger() throws -> Int {
        guard let number = Int(Bytes.text(value)), number > 0 else {
          throw text.error(line: lineNumber, found: quoted(Bytes.text(value)), expected: "a positive integer after \(canonical)")
        }
        return number
      }

      switch canonical {
      case "@problemname":
        guard let name = Bytes.validText(value), !name.isEmpty else {
          throw text.error(line: lineNumber, found: quoted(Bytes.text(value)), expected: "a problem name after @problemName")
        }
        header.problemName = name
      case "@timestamps": header.timeStamps = try flag()
      case "@missing": header.missing = try flag()
      case "@univariate": header.univariate = try flag()
      case "@dimensions": header.dimensions = try positiveInteger()
      case "@equallength": header.equalLength = try flag()
      case "@serieslength": header.seriesLength = try positiveInteger()
      case "@classlabel":
        header.classLabels = try parseClassLabels(value, text: text, line: lineNumber)
      case "@targetlabel":
        throw text.error(
          line: lineNumber, found: "@targetLabel (a regression file)",
          expected: "a classification file with @classLabel true <labels>; LSTMLab's readers classify")
      case "@data":
        guard value.isEmpty else {
          throw text.error(line: lineNumber, found: quoted(Bytes.text(value)), expected: "nothing after @data on its line")
        }
        header.dataLine = lineNumber
        try checkConsistency(header, seen: seen, text: text)
        return header
      default:
        throw text.error(
          line: lineNumber, found: "unknown tag \(quoted(Bytes.text(line[line.startIndex..<nameEnd])))",
          expected: "one of \(knownTags.joined(separator: " "))")
      }
    }
    if !sawContent {
      throw text.error(line: 1, found: "an empty file", expected: "a .ts header (@problemName, @classLabel true ..., @data) and cases")
    }
    throw text.error(
      line: text.lines.count + 1, found: "the end of the file",
      expected: "@data ending the header (is the file truncated?)")
  }

  private static func parseClassLabels(_ value: ArraySlice<UInt8>, text: TextLines, line: Int) throws -> [String] {
    let tokens = value.split(whereSeparator: Bytes.isBlank)
    guard let first = tokens.first else {
      throw text.error(line: line, found: "nothing", expected: "true <label> <label> ... after @classLabel")
    }
    switch Bytes.lowercased(first) {
    case "true": break
    case "false":
      throw text.error(
        line: line, found: "@classLabel false (a file without class labels)",
        expected: "@classLabel true <labels>: LSTMLab trains classifiers and needs a label on every case")
    default:
      throw text.error(line: line, found: quoted(Bytes.text(first)), expected: "true or false after @classLabel")
    }
    var labels: [String] = []
    for token in tokens.dropFirst() {
      guard let label = Bytes.validText(token), !label.contains(":") else {
        throw text.error(line: line, found: quoted(Bytes.text(token)), expected: "class labels in UTF-8 without ':'")
      }
      if labels.contains(label) {
        throw text.error(line: line, found: "label \(quoted(label)) twice", expected: "distinct class labels")
      }
      labels.append(label)
    }
    guard !labels.isEmpty else {
      throw text.error(line: line, found: "@classLabel true with no label", expected: "the class labels after @classLabel true")
    }
    return labels
  }

  private static func checkConsistency(_ header: TSHeader, seen: [String: Int], text: TextLines) throws {
    if header.univariate == true, let dimensions = header.dimensions, dimensions != 1 {
      throw text.error(
        line: seen["@dimensions"] ?? header.dataLine, found: "@dimensions \(dimensions) with @univariate true",
        expected: "@dimensions 1, or @univariate false")
    }
    if header.classLabels == nil {
      throw text.error(
        line: header.dataLine, found: "@data without a @classLabel tag",
        expected: "@classLabel true <label> <label> ... before @data")
    }
  }

  // MARK: - Cases

  private static func parseCases(_ text: TextLines, header: TSHeader) throws -> ([Matrix<Float>], [Int]) {
    let labels = header.classLabels ?? []
    var labelIndex: [String: Int] = [:]
    for (k, label) in labels.enumerated() { labelIndex[label] = k }
    var channelCount = header.declaredChannelCount
    let channelSource = header.dimensions != nil ? "@dimensions" : "@univariate true"
    var firstLength: (length: Int, line: Int)? = nil
    var sequences: [Matrix<Float>] = []
    var caseLabels: [Int] = []

    for index in header.dataLine..<text.lines.count {
      let lineNumber = index + 1
      let line = Bytes.trimmed(text.lines[index])
      if line.isEmpty || line.first == UInt8(ascii: "#") { continue }

      // Split off the label (after the last top-level ':') and the channels.
      let fields = header.timeStamps == true ? splitOutsideParentheses(line) : Bytes.split(line, on: UInt8(ascii: ":"))
      guard fields.count >= 2 else {
        throw text.error(
          line: lineNumber, found: "no ':' before a class label",
          expected: "values then ':label' (a case is ch1_values:ch2_values:...:label)")
      }
      let labelText = Bytes.trimmed(fields[fields.count - 1])
      guard let labelString = Bytes.validText(labelText), let label = labelIndex[labelString] else {
        throw text.error(
          line: lineNumber, found: "label \(quoted(Bytes.text(labelText)))",
          expected: "a class label declared in @classLabel (\(labels.joined(separator: ", ")))")
      }
      let channelFields = fields.dropLast()
      if let expected = channelCount {
        guard channelFields.count == expected else {
          let source = header.declaredChannelCount != nil ? channelSource : "the first case"
          throw text.error(
            line: lineNumber, found: "\(channelFields.count) channel\(channelFields.count == 1 ? "" : "s")",
            expected: "\(expected) channel\(expected == 1 ? "" : "s") separated by ':' (from \(source))")
        }
      } else {
        channelCount = channelFields.count
      }

      var channels: [[Float]] = []
      for (c, field) in channelFields.enumerated() {
        let values =
          header.timeStamps == true
          ? try parseTimestampedChannel(field, channel: c, header: header, text: text, line: lineNumber)
          : try parseChannel(field, channel: c, header: header, text: text, line: lineNumber)
        if let first = channels.first, values.count != first.count {
          throw text.error(
            line: lineNumber, found: "\(values.count) values in channel \(c + 1)",
            expected: "every channel of a case to have the same length (channel 1 has \(first.count))")
        }
        channels.append(values)
      }
      let length = channels[0].count

      if let seriesLength = header.seriesLength, header.equalLength != false, length != seriesLength {
        throw text.error(
          line: lineNumber, found: "\(length) values per channel", expected: "\(seriesLength) values per channel (@seriesLength)")
      }
      if header.promisesEqualLength, let first = firstLength, length != first.length {
        throw text.error(
          line: lineNumber, found: "\(length) values per channel",
          expected: "\(first.length) like the case on line \(first.line) (@equalLength true)")
      }
      if firstLength == nil { firstLength = (length, lineNumber) }

      // Interleave the channels into the T x F matrix (row t = time step t).
      let f = channels.count
      var scalars = [Float](repeating: 0, count: length * f)
      for c in 0..<f {
        for t in 0..<length { scalars[t * f + c] = channels[c][t] }
      }
      sequences.append(Matrix(rows: length, columns: f, scalars: scalars))
      caseLabels.append(label)
    }
    guard !sequences.isEmpty else {
      throw text.error(
        line: text.lines.count + 1, found: "the end of the file",
        expected: "at least one case after @data on line \(header.dataLine) (is the file truncated?)")
    }
    return (sequences, caseLabels)
  }

  private static let numberExpectation =
    "a decimal number (like -0.6478854 or 1.2E-4) within Float range, or ? for a missing value"

  private static func parseValue(
    _ raw: ArraySlice<UInt8>, channel: Int, position: Int, header: TSHeader, text: TextLines, line: Int
  ) throws -> Float {
    let token = Bytes.trimmed(raw)
    if Bytes.isMissingMarker(token) {
      if header.missing == false {
        throw text.error(
          line: line, found: "missing value \(quoted(Bytes.text(token))) at channel \(channel + 1), value \(position + 1)",
          expected: "numbers only, as the header says @missing false (set @missing true if values are missing)")
      }
      return .nan
    }
    guard let value = Bytes.float(token) else {
      let what = token.isEmpty ? "an empty value" : quoted(Bytes.text(token))
      if token.first == UInt8(ascii: "(") {
        throw text.error(
          line: line, found: "\(what) at channel \(channel + 1), value \(position + 1)",
          expected: "plain values; (timestamp,value) pairs need @timeStamps true in the header")
      }
      throw text.error(
        line: line, found: "\(what) at channel \(channel + 1), value \(position + 1)", expected: numberExpectation)
    }
    return value
  }

  private static func parseChannel(
    _ field: ArraySlice<UInt8>, channel: Int, header: TSHeader, text: TextLines, line: Int
  ) throws -> [Float] {
    let tokens = Bytes.split(field, on: UInt8(ascii: ","))
    var values: [Float] = []
    values.reserveCapacity(tokens.count)
    for (position, token) in tokens.enumerated() {
      values.append(try parseValue(token, channel: channel, position: position, header: header, text: text, line: line))
    }
    return values
  }

  /// Splits a timestamped case at the ':' that are outside parentheses (timestamps may contain ':').
  private static func splitOutsideParentheses(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var fields: [ArraySlice<UInt8>] = []
    var depth = 0
    var start = line.startIndex
    for i in line.indices {
      switch line[i] {
      case UInt8(ascii: "("): depth += 1
      case UInt8(ascii: ")"): depth -= 1
      case UInt8(ascii: ":") where depth == 0:
        fields.append(line[start..<i])
        start = i + 1
      default: break
      }
    }
    fields.append(line[start..<line.endIndex])
    return fields
  }

  /// Parses `(t1,v1),(t2,v2),...`: keeps the values, checks each timestamp is present.
  private static func parseTimestampedChannel(
    _ field: ArraySlice<UInt8>, channel: Int, header: TSHeader, text: TextLines, line: Int
  ) throws -> [Float] {
    var values: [Float] = []
    var i = field.startIndex
    let expectation = "(timestamp,value) pairs separated by ',' (@timeStamps true)"
    while true {
      while i < field.endIndex && Bytes.isBlank(field[i]) { i += 1 }
      guard i < field.endIndex, field[i] == UInt8(ascii: "(") else {
        let found = i < field.endIndex ? quoted(Bytes.text(field[i..<field.endIndex])) : "the end of channel \(channel + 1)"
        throw text.error(line: line, found: found, expected: expectation)
      }
      guard let close = field[i...].firstIndex(of: UInt8(ascii: ")")) else {
        throw text.error(line: line, found: "'(' without ')' in channel \(channel + 1)", expected: expectation)
      }
      let inside = field[(i + 1)..<close]
      guard let comma = inside.lastIndex(of: UInt8(ascii: ",")), !Bytes.trimmed(inside[inside.startIndex..<comma]).isEmpty
      else {
        throw text.error(line: line, found: quoted(Bytes.text(inside)), expected: "timestamp,value inside parentheses")
      }
      values.append(
        try parseValue(
          inside[(comma + 1)..<inside.endIndex], channel: channel, position: values.count, header: header, text: text,
          line: line))
      i = close + 1
      while i < field.endIndex && Bytes.isBlank(field[i]) { i += 1 }
      if i == field.endIndex { return values }
      guard field[i] == UInt8(ascii: ",") else {
        throw text.error(line: line, found: quoted(Bytes.text(field[i..<field.endIndex])), expected: expectation)
      }
      i += 1
    }
  }
}
