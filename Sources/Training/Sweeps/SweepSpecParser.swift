import Foundation

/// Reads a grid written as text, one axis per space-separated token:
///
/// ```
/// T=20,50,100 B=8..64*2 lr=1e-3,3e-3 seed=1..3 fold=0..4
/// ```
///
/// - `name=v1,v2,...` lists values; a value is kept as written (`1e-3` stays `1e-3`).
/// - `name=lo..hi` is every whole number from lo to hi inclusive; `lo..hi+s` steps by s (`T=20..100+40` is 20, 60,
///   100); `lo..hi*k` multiplies by k while the value stays <= hi (`B=4..512*2` is 4, 8, ..., 512).
/// - Lists and ranges mix: `T=10,20..50+10,100`.
///
/// A mistake throws `SweepError.badSpecToken` naming the token, its column and what is wrong.
public enum SweepSpecParser {
  /// The most values one range may expand to.
  public static let maximumRangeCount = 100_000

  /// The axes `spec` describes, in the order written; `source` names the text's origin in errors (e.g. `--grid`).
  public static func parse(_ spec: String, source: String = "sweep spec") throws -> [SweepAxis] {
    let tokens = splitTokens(spec)
    guard !tokens.isEmpty else {
      throw SweepError.badSpecToken(source: source, token: "", column: 1, reason: "the spec is empty")
    }
    var axes: [SweepAxis] = []
    for (token, column) in tokens {
      func fail(_ reason: String) -> SweepError {
        .badSpecToken(source: source, token: token, column: column, reason: reason)
      }
      guard let equals = token.firstIndex(of: "=") else { throw fail("missing '=' between an axis name and its values") }
      let name = String(token[..<equals])
      let list = String(token[token.index(after: equals)...])
      guard !name.isEmpty else { throw fail("the axis has no name before '='") }
      guard SweepAxis.isValidName(name) else {
        throw fail("'\(name)' is not an axis name (a letter or _ first, then letters, digits, _, - or .)")
      }
      guard name != SweepResults.cellColumn else { throw fail("'\(name)' is reserved for the results' cell id column") }
      guard !axes.contains(where: { $0.name == name }) else { throw fail("axis '\(name)' is given twice") }
      guard !list.isEmpty else { throw fail("axis '\(name)' has no values after '='") }
      var values: [String] = []
      for piece in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
        guard !piece.isEmpty else { throw fail("an empty value between commas") }
        if piece.contains("..") {
          values += try expandRange(piece, fail: fail)
        } else {
          guard SweepAxis.isValidValue(piece) else {
            throw fail("value '\(piece)' has a character that is not allowed ('=', a quote or a control character)")
          }
          values.append(piece)
        }
        guard values.count <= maximumRangeCount else { throw fail("more than \(maximumRangeCount) values") }
      }
      var seen = Set<String>()
      if let repeated = values.first(where: { !seen.insert($0).inserted }) {
        throw fail("value '\(repeated)' appears twice")
      }
      axes.append(SweepAxis(name, values))
    }
    return axes
  }

  /// `lo..hi`, `lo..hi+step` or `lo..hi*factor` expanded to its whole numbers.
  private static func expandRange(_ piece: String, fail: (String) -> SweepError) throws -> [String] {
    let parts = piece.components(separatedBy: "..")
    guard parts.count == 2 else { throw fail("'\(piece)' is not a range lo..hi") }
    let lowText = parts[0]
    var highText = parts[1]
    var step = 1
    var geometric = false
    // The operator is searched after the first character so that a negative upper bound (`-5..-1`) still reads.
    if let op = highText.dropFirst().firstIndex(where: { $0 == "+" || $0 == "*" }) {
      geometric = highText[op] == "*"
      let stepText = String(highText[highText.index(after: op)...])
      highText = String(highText[..<op])
      guard let s = Int(stepText) else { throw fail("the \(geometric ? "factor" : "step") '\(stepText)' in '\(piece)' is not a whole number") }
      step = s
    }
    guard let low = Int(lowText), let high = Int(highText) else {
      throw fail("range '\(piece)' needs whole-number bounds; list real values one by one (lr=1e-3,3e-3)")
    }
    guard low <= high else { throw fail("range '\(piece)' goes down: its lower bound \(low) exceeds \(high)") }
    var values: [String] = []
    if geometric {
      guard step >= 2 else { throw fail("the factor in '\(piece)' must be at least 2") }
      guard low >= 1 else { throw fail("a geometric range must start at 1 or more, '\(piece)' starts at \(low)") }
      var v = low
      while v <= high {
        values.append(String(v))
        let (next, overflow) = v.multipliedReportingOverflow(by: step)
        if overflow { break }
        v = next
      }
    } else {
      guard step >= 1 else { throw fail("the step in '\(piece)' must be at least 1") }
      guard (high - low) / step < maximumRangeCount else { throw fail("range '\(piece)' has more than \(maximumRangeCount) values") }
      values = stride(from: low, through: high, by: step).map { String($0) }
    }
    return values
  }

  /// The whitespace-separated tokens with the 1-based column where each starts.
  private static func splitTokens(_ text: String) -> [(String, Int)] {
    var tokens: [(String, Int)] = []
    var current = ""
    var start = 0
    for (offset, character) in text.enumerated() {
      if character.isWhitespace {
        if !current.isEmpty { tokens.append((current, start + 1)) }
        current = ""
      } else {
        if current.isEmpty { start = offset }
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append((current, start + 1)) }
    return tokens
  }
}
