import Foundation
import LabText

/// A number of bytes, parsed from what people write ("16GiB", "512 MB", "1.5gb", "800000") and printed in binary
/// units ("16 GiB").
///
/// Units: B; SI kB/KB, MB, GB, TB (powers of 1000); binary KiB, MiB, GiB, TiB (powers of 1024), case-insensitive.
/// Single letters (K, M, G) are refused as ambiguous rather than guessed.
public struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The number of bytes.
  public var bytes: Int

  public init(bytes: Int) { self.bytes = bytes }

  /// What went wrong parsing a size, naming the flag or field it came from.
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var flag: String
    public var reason: String
    public var description: String {
      "\(flag): cannot read \"\(text)\" as a size: \(reason). Write a positive number with a unit, for example 16GiB, 512MB or 800000 (bytes)."
    }
  }

  static let units: [String: Double] = [
    "": 1, "b": 1,
    "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
    "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
  ]

  /// Parses `text`; `flag` names where it came from in the error ("--budget").
  public init(parsing text: String, flag: String) throws(ParseError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let number = trimmed.prefix { $0.isNumber || $0 == "." }
    let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).lowercased()
    guard !number.isEmpty, let value = Double(number) else {
      throw ParseError(text: text, flag: flag, reason: "it does not start with a number")
    }
    guard let scale = ByteSize.units[unit] else {
      let hint = ["k", "m", "g", "t"].contains(unit) ? " (ambiguous: write \(unit.uppercased())iB for powers of 1024 or \(unit.uppercased())B for powers of 1000)" : ""
      throw ParseError(text: text, flag: flag, reason: "unknown unit \"\(unit)\"\(hint); use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB")
    }
    let bytes = (value * scale).rounded(.down)
    guard bytes >= 1 else { throw ParseError(text: text, flag: flag, reason: "it is less than one byte") }
    guard bytes < 0x1p62 else { throw ParseError(text: text, flag: flag, reason: "it is too large") }
    self.bytes = Int(bytes)
  }

  /// The size in the largest binary unit that leaves at least 1, with up to 3 significant decimals: "1.5 GiB", "640 B".
  public var description: String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var value = Double(bytes)
    var index = 0
    while abs(value) >= 1024, index < units.count - 1 {
      value /= 1024
      index += 1
    }
    if index == 0 { return "\(bytes) B" }
    let text = value >= 100 ? String(Int(value.rounded())) : value >= 10 ? NumberText.short(value, maximumDecimals: 1) : NumberText.short(value, maximumDecimals: 2)
    return "\(text) \(units[index])"
  }

  public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}
