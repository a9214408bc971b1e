import Foundation

/// Fisher's exact test for a 2 x 2 table of counts: do two settings succeed at different rates, when the counts are
/// too small for a chi-squared approximation (e.g. 8 of 10 seeds solved the task with clipping, 1 of 6 without)?
///
///               success   failure
///     setting 1    a         b
///     setting 2    c         d
///
/// With the margins fixed, a follows the hypergeometric law P(a = x) = C(a+b, x) C(c+d, a+c-x) / C(n, a+c). The
/// two-sided p-value sums P(x) over every table at most as probable as the observed one (R's and SciPy's rule);
/// the one-sided `greater` p-value sums P(x) over x >= a (setting 1 succeeds more often).
public enum FisherExact {
  /// Which departure from "same rate" the p-value measures.
  public enum Alternative: Sendable { case twoSided, greater, less }

  /// The p-value of the table [[a, b], [c, d]] (all counts >= 0).
  public static func pValue(_ a: Int, _ b: Int, _ c: Int, _ d: Int, alternative: Alternative = .twoSided) -> Double {
    precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "FisherExact: negative count in [[\(a), \(b)], [\(c), \(d)]]")
    let (row1, column1, n) = (a + b, a + c, a + b + c + d)
    let range = max(0, column1 - (c + d))...min(row1, column1)
    func logChoose(_ n: Int, _ k: Int) -> Double {
      lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
    let logTotal = logChoose(n, column1)
    func probability(_ x: Int) -> Double {
      Foundation.exp(logChoose(row1, x) + logChoose(n - row1, column1 - x) - logTotal)
    }
    let sum: Double
    switch alternative {
    case .greater: sum = (a...range.upperBound).map(probability).reduce(0, +)
    case .less: sum = (range.lowerBound...a).map(probability).reduce(0, +)
    case .twoSided:
      let observed = probability(a)
      sum = range.map(probability).filter { $0 <= observed * (1 + 1e-7) }.reduce(0, +)
    }
    return min(1, sum)
  }
}
