import Foundation
import LabText
import Gnuplot

/// An estimate with the interval that covers the true value with probability `level` (e.g. 0.95) under the method's
/// assumptions: what a headline number in a report carries so a reader knows how far to trust it.
///
/// The constructors are the three a lesson needs: a t interval for a mean over independent units (seeds, folds), a
/// Wilson interval for a success fraction, and a seeded percentile bootstrap for any other statistic.
public struct ConfidenceInterval: Sendable, Equatable, CustomStringConvertible {
  /// The point estimate (the mean, the fraction, the statistic of the original sample).
  public var estimate: Double
  public var lower: Double
  public var upper: Double
  /// The coverage the interval was built for, in (0, 1).
  public var level: Double

  public init(estimate: Double, lower: Double, upper: Double, level: Double) {
    (self.estimate, self.lower, self.upper, self.level) = (estimate, lower, upper, level)
  }

  /// Half the width, (upper - lower) / 2: the "±" of a symmetric interval.
  public var halfWidth: Double { (upper - lower) / 2 }

  /// Whether `value` lies in [lower, upper].
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

  /// Whether this interval and `other` share a point.
  public func overlaps(_ other: ConfidenceInterval) -> Bool { lower <= other.upper && other.lower <= upper }

  /// "0.52 [0.41, 0.63]" with three significant digits.
  public var description: String {
    func f(_ v: Double) -> String { NumberText.significant(v, digits: 3) }
    return "\(f(estimate)) [\(f(lower)), \(f(upper))]"
  }

  /// The t interval for the mean of independent values: mean ± t_{(1+level)/2, n-1} s / sqrt(n).
  ///
  /// Exact when the values are normal, and close for moderate n otherwise. With fewer than two values the bounds are
  /// nan: one value says nothing about the spread.
  public static func mean(of values: [Double], level: Double = 0.95) -> ConfidenceInterval {
    let m = arithmeticMean(values)
    guard values.count >= 2 else { return ConfidenceInterval(estimate: m, lower: .nan, upper: .nan, level: level) }
    let half = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(values.count - 1)) * standardError(values)
    return ConfidenceInterval(estimate: m, lower: m - half, upper: m + half, level: level)
  }

  /// The t interval for the geometric mean of positive values that vary by factors (noise scales, critical batch
  /// sizes, steps to a target): the t interval of their logarithms, mapped back,
  ///
  ///     exp(mean log x ± t_{(1+level)/2, n-1} sd(log x) / sqrt(n)),
  ///
  /// so the estimate is the geometric mean and the interval is symmetric in ratio ("x/÷ factor"). Values that are not
  /// positive and finite are left out; with fewer than two left the bounds are nan.
  public static func geometricMean(of values: [Double], level: Double = 0.95) -> ConfidenceInterval {
    let logs = values.filter { $0 > 0 && $0.isFinite }.map { Foundation.log($0) }
    guard !logs.isEmpty else { return ConfidenceInterval(estimate: .nan, lower: .nan, upper: .nan, level: level) }
    let interval = mean(of: logs, level: level)
    return ConfidenceInterval(
      estimate: Foundation.exp(interval.estimate), lower: Foundation.exp(interval.lower),
      upper: Foundation.exp(interval.upper), level: level)
  }

  /// The Wilson score interval for a success fraction p = k / n (Wilson 1927): with z = Φ^-1((1 + level) / 2),
  ///
  ///     centre = (p + z^2 / 2n) / (1 + z^2 / n),  half = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n).
  ///
  /// Unlike p ± z sqrt(p(1-p)/n) it stays inside [0, 1] and is not empty at 0/n or n/n (0 of 10 gives [0, 0.28]).
  /// The estimate is k / n; nan bounds for n = 0.
  public static func wilson(successes k: Int, trials n: Int, level: Double = 0.95) -> ConfidenceInterval {
    precondition(k >= 0 && k <= n, "wilson: \(k) successes in \(n) trials")
    guard n > 0 else { return ConfidenceInterval(estimate: .nan, lower: .nan, upper: .nan, level: level) }
    let z = StandardNormal.quantile((1 + level) / 2)
    let (p, n) = (Double(k) / Double(n), Double(n))
    let denominator = 1 + z * z / n
    let centre = (p + z * z / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
    return ConfidenceInterval(estimate: p, lower: max(0, centre - half), upper: min(1, centre + half), level: level)
  }

  /// "k/n [lower, upper]": a success count with its 95% Wilson interval to two decimals, as the lessons' tables and
  /// findings state it; "not tried" when n is 0.
  public static func wilsonText(_ k: Int, _ n: Int) -> String {
    guard n > 0 else { return "not tried" }
    let interval = wilson(successes: k, trials: n)
    return "\(k)/\(n) [\(NumberText.fixed(interval.lower, decimals: 2)), \(NumberText.fixed(interval.upper, decimals: 2))]"
  }

  /// The percentile bootstrap (Efron 1979): draw `resamples` samples of n values with replacement from `values`,
  /// compute `statistic` on each, and take the (1 - level)/2 and (1 + level)/2 quantiles of those statistics.
  ///
  /// The estimate is the statistic of the original values. Seeded through `generator`, so a report is reproducible.
  /// Needs no normality, but with few values (under about 10) it is too narrow: prefer the t interval there.
  public static func bootstrap<G: RandomNumberGenerator>(
    _ values: [Double], level: Double = 0.95, resamples: Int = 2000, using generator: inout G,
    statistic: ([Double]) -> Double = { arithmeticMean($0) }
  ) -> ConfidenceInterval {
    let estimate = statistic(values)
    guard !values.isEmpty, resamples > 0 else {
      return ConfidenceInterval(estimate: estimate, lower: .nan, upper: .nan, level: level)
    }
    var statistics: [Double] = []
    statistics.reserveCapacity(resamples)
    var sample = values
    for _ in 0..<resamples {
      for i in sample.indices { sample[i] = values[Int.random(in: 0..<values.count, using: &generator)] }
      statistics.append(statistic(sample))
    }
    return ConfidenceInterval(
      estimate: estimate, lower: quantile(statistics, (1 - level) / 2), upper: quantile(statistics, (1 + level) / 2),
      level: level)
  }
}
