import Foundation

/// Numbers as text, identical under every locale: the decimal sign is always '.', never ','.
///
/// Nothing here goes through `printf`, `String(format:)` or a `NumberFormatter`, all of which may follow the
/// process locale (under `de_DE`, `printf("%g", 1.5)` writes `1,5`, which gnuplot silently reads as 1).
/// Exact values use Swift's own shortest round-trip text (`"\(x)"`); rounded values are built from integer digits.
///
/// ```swift
/// NumberText.data(0.1)                 // "0.1"   (round trip, what .dat files hold)
/// NumberText.data(.nan)                // "NaN"   (gnuplot skips the point)
/// NumberText.fixed(3.14159, decimals: 2) // "3.14"
/// NumberText.significant(0.000123456, digits: 3) // "0.000123"
/// NumberText.significant(123456789, digits: 3)   // "1.23e+08"
/// NumberText.grouped(1234567)                    // "1,234,567"
/// ```
public enum NumberText {
  /// The value in a form gnuplot reads back exactly: Swift's shortest round-trip text (`0.1`, `1e-05`,
  /// `123456789.0`). Not-a-number and infinities become `NaN`, which gnuplot treats as a missing point
  /// (a gap in a line), because gnuplot would read `inf` as a huge number and wreck the autoscaled axis.
  public static func data(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "NaN"
  }

  /// What a non-finite value really was (`NaN`, `+inf`, `-inf`), for comments and cell labels; `nil` when finite.
  public static func nonFiniteName(_ value: Double) -> String? {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+inf" : "-inf" }
    return nil
  }

  /// `value` rounded to `decimals` digits after the point (`fixed(2.5, decimals: 0)` is `"3"`, ties away
  /// from zero). Magnitudes of 1e15 and more fall back to ``significant(_:digits:)`` with 15 digits.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    if let name = nonFiniteName(value) { return name }
    let decimals = max(0, min(decimals, 15))
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return significant(value, digits: 15) }
    var digits = String(UInt64(scaled))
    if decimals > 0 {
      if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    let isZero = scaled == 0
    return (value < 0 && !isZero ? "-" : "") + digits
  }

  /// `value` rounded to at most `maximumDecimals` digits after the point, without trailing zeros
  /// (`short(1.50, maximumDecimals: 2)` is `"1.5"`, `short(2.004, maximumDecimals: 2)` is `"2"`).
  public static func short(_ value: Double, maximumDecimals: Int) -> String {
    var text = fixed(value, decimals: maximumDecimals)
    guard nonFiniteName(value) == nil, text.contains(".") else { return text }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A whole number with a comma between groups of three digits: 11900 -> "11,900", -1234567 -> "-1,234,567".
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return result
  }

  /// `value` rounded to a whole number (ties away from zero) and grouped as ``grouped(_:)-(Int)``; not-a-number
  /// and infinities as ``nonFiniteName(_:)``, magnitudes of 9e15 and more as ``significant(_:digits:)``.
  public static func grouped(_ value: Double) -> String {
    if let name = nonFiniteName(value) { return name }
    guard abs(value) < 9e15 else { return significant(value, digits: 15) }
    return grouped(Int(value.rounded(.toNearestOrAwayFromZero)))
  }

  /// `value` with `digits` significant digits, the way a person writes it: plain between 1e-4 and 10^digits
  /// (`0.000123`, `12.3`, `1230`), scientific outside (`1.23e-05`, `4.57e+09`).
  public static func significant(_ value: Double, digits: Int = 3) -> String {
    if let name = nonFiniteName(value) { return name }
    if value == 0 { return "0" }
    let digits = max(1, min(digits, 15))
    var exponent = decimalExponent(of: abs(value))
    // Rounding to `digits` digits may carry into the next power of ten (9.996 with 3 digits is 10.0).
    let mantissa = (abs(value) * power10(-exponent) * power10(digits - 1)).rounded(.toNearestOrAwayFromZero)
    if mantissa >= power10(digits) { exponent += 1 }
    if exponent >= -4 && exponent < digits {
      return fixed(value, decimals: max(0, digits - 1 - exponent))
    }
    let mantissaText = fixed(value * power10(-exponent), decimals: digits - 1)
    let magnitude = String(abs(exponent))
    return mantissaText + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
  }

  /// 10^exponent, exact for |exponent| <= 22 (powers of ten up to 1e22 are exact doubles).
  private static func power10(_ exponent: Int) -> Double {
    var power = 1.0
    for _ in 0..<min(abs(exponent), 308) { power *= 10 }
    return exponent >= 0 ? power : 1 / power
  }

  /// The integer e with 10^e <= magnitude < 10^(e+1), for a finite magnitude > 0.
  private static func decimalExponent(of magnitude: Double) -> Int {
    var exponent = Int(log10(magnitude).rounded(.down))
    // log10 may land one off next to an exact power of ten: correct against the powers themselves.
    if power10(exponent + 1) <= magnitude { exponent += 1 } else if power10(exponent) > magnitude { exponent -= 1 }
    return exponent
  }
}
