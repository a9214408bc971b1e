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

  /// What a comparison of two settings with n runs each can detect: the smallest d for which d successes of n
  /// against 0 of n gives a two-sided p-value below `alpha`. nil when even n of n against 0 of n does not (n <= 3 at
  /// 0.05: 3/3 against 0/3 gives p = 0.1).
  public static func smallestSeparableCount(trials n: Int, alpha: Double = 0.05) -> Int? {
    guard n >= 1 else { return nil }
    return (1...n).first { d in pValue(d, n - d, 0, n) < alpha }
  }

  /// The power of the two-sided test at level `alpha` when setting 1 succeeds with probability `rate1` in each of
  /// `trials1` independent runs and setting 2 with `rate2` in `trials2`: the probability that the table the runs
  /// produce has p < alpha,
  ///
  ///     power = sum over a = 0 ... n1, c = 0 ... n2 of Bin(a; n1, rate1) Bin(c; n2, rate2) [p(a, n1 - a, c, n2 - c) < alpha],
  ///
  /// computed exactly by enumerating every table. What a design with this many seeds per cell could have detected.
  public static func power(rate1: Double, rate2: Double, trials1: Int, trials2: Int, alpha: Double = 0.05) -> Double {
    precondition((0...1).contains(rate1) && (0...1).contains(rate2), "FisherExact.power: rates must lie in [0, 1]")
    precondition(trials1 >= 0 && trials2 >= 0, "FisherExact.power: negative trials")
    func binomial(_ k: Int, _ n: Int, _ p: Double) -> Double {
      if p == 0 { return k == 0 ? 1 : 0 }
      if p == 1 { return k == n ? 1 : 0 }
      let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
      return Foundation.exp(logChoose + Double(k) * Foundation.log(p) + Double(n - k) * Foundation.log(1 - p))
    }
    var total = 0.0
    for a in 0...trials1 {
      let pa = binomial(a, trials1, rate1)
      guard pa > 0 else { continue }
      for c in 0...trials2 where pValue(a, trials1 - a, c, trials2 - c) < alpha {
        total += pa * binomial(c, trials2, rate2)
      }
    }
    return min(1, total)
  }
}
