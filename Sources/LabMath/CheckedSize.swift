/// Element and byte counts computed with overflow checks, for sizes that come from users (flags, file headers):
/// `T * B * (F + 7H)` with T = 10^9 and H = 10^9 does not fit in 64 bits, and Swift traps on overflow. `product` and
/// `sum` return nil where the exact result exceeds `Int.max`; the `saturating` forms return `Int.max` instead, which
/// compares larger than any memory there is, so "needs more than fits" stays true.
public enum CheckedSize {
  /// a * b * ..., or nil when it overflows (or a factor is negative).
  public static func product(_ factors: Int...) -> Int? { product(factors) }

  /// The product of `factors`, or nil when it overflows (or a factor is negative).
  public static func product(_ factors: [Int]) -> Int? {
    var result = 1
    for factor in factors {
      guard factor >= 0 else { return nil }
      let (value, overflow) = result.multipliedReportingOverflow(by: factor)
      if overflow { return nil }
      result = value
    }
    return result
  }

  /// a + b + ..., or nil when it overflows (or a term is negative).
  public static func sum(_ terms: Int...) -> Int? { sum(terms) }

  /// The sum of `terms`, or nil when it overflows (or a term is negative).
  public static func sum(_ terms: [Int]) -> Int? {
    var result = 0
    for term in terms {
      guard term >= 0 else { return nil }
      let (value, overflow) = result.addingReportingOverflow(term)
      if overflow { return nil }
      result = value
    }
    return result
  }

  /// `product`, with `Int.max` standing for "more than 2^63 - 1".
  public static func saturatingProduct(_ factors: Int...) -> Int { product(factors) ?? .max }

  /// `sum`, with `Int.max` standing for "more than 2^63 - 1".
  public static func saturatingSum(_ terms: Int...) -> Int { sum(terms) ?? .max }
}
