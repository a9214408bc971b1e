/// One named dimension of a sweep grid with the values it takes, e.g. `T` with 20, 50, 100.
///
/// Values are kept as the text that names them (`"1e-3"` stays `"1e-3"`), because that text is part of each cell's
/// stable id: the same grid written the same way always gives the same ids, whatever machine reads it. Numbers given
/// as numbers are written with Swift's shortest round-trip form (`0.001`, `20`).
public struct SweepAxis: Sendable, Hashable {
  /// The axis name: a letter or `_` first, then letters, digits, `_`, `-` or `.` (`T`, `B`, `lr`, `seed`, `fold`).
  public let name: String
  /// The values in the order cells run through them.
  public let values: [String]

  /// An axis with values given as text; the grid checks names and values when it is built.
  public init(_ name: String, _ values: [String]) {
    self.name = name
    self.values = values
  }

  /// An axis of whole numbers (`SweepAxis("B", [8, 16, 32])`).
  public init(_ name: String, _ values: [Int]) {
    self.init(name, values.map { String($0) })
  }

  /// An axis of real numbers (`SweepAxis("lr", [1e-3, 3e-3])` writes `0.001`, `0.003`).
  public init(_ name: String, _ values: [Double]) {
    self.init(name, values.map { "\($0)" })
  }

  /// Whether `text` can name an axis or a metric: a letter or `_` first, then letters, digits, `_`, `-`, `.`.
  static func isValidName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
    return text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
  }

  /// Whether `text` can be a value: not empty, printable ASCII without space, comma, `=` or quote (these delimit the
  /// cell id and the CSV columns).
  static func isValidValue(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !",=\"'".unicodeScalars.contains($0) }
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
