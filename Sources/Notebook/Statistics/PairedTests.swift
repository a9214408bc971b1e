import Foundation

/// The result of a t test: the statistic, its degrees of freedom and the two-sided p-value P(|T| >= |t|).
///
/// The constructors compare two settings (A and B) measured on the same units: the same seeds, the same splits.
/// Pairing removes what the units share, and the units' own variation (a new seed draws new weights and a new order
/// of the data) stays in the denominator, so a difference smaller than the seed-to-seed spread is not called real.
public struct PairedTest: Sendable, Equatable {
  public var statistic: Double
  public var degreesOfFreedom: Double
  public var pValue: Double
  /// The mean difference A - B over the units, with its t interval (95%).
  public var difference: ConfidenceInterval

  /// Whether the p-value is below `alpha`.
  public func isSignificant(alpha: Double = 0.05) -> Bool { pValue < alpha }

  /// The paired t test over k independent units (seeds): t = mean(d) / (s_d / sqrt k), k - 1 degrees of freedom,
  /// where d_i = A_i - B_i. Each unit must be independent of the others: different seeds on the same data, or
  /// disjoint test sets. nil with fewer than two differences.
  public static func pairedT(differences: [Double]) -> PairedTest? {
    correctedResampledT(differences: differences, testToTrainRatio: 0)
  }

  /// Nadeau & Bengio's (2003) corrected resampled t test, for k differences measured on resampled train/test splits
  /// of one data set (random subsampling or cross-validation repeated with other seeds), whose test sets overlap and
  /// whose differences are therefore correlated:
  ///
  ///     t = mean(d) / sqrt((1/k + n_test/n_train) s_d^2),   k - 1 degrees of freedom.
  ///
  /// The n_test/n_train term widens the denominator for that correlation (the plain paired t test, which it becomes
  /// at ratio 0, rejects far too often on resampled splits). nil with fewer than two differences.
  public static func correctedResampledT(differences d: [Double], testToTrainRatio ratio: Double) -> PairedTest? {
    guard d.count >= 2 else { return nil }
    let k = Double(d.count)
    let variance = standardDeviation(d) * standardDeviation(d)
    let scale = ((1 / k + ratio) * variance).squareRoot()
    let t = mean(d) / scale
    let nu = k - 1
    let half = StudentT.quantile(0.975, degreesOfFreedom: nu) * scale
    return PairedTest(
      statistic: t, degreesOfFreedom: nu, pValue: StudentT.twoSidedPValue(t, degreesOfFreedom: nu),
      difference: ConfidenceInterval(estimate: mean(d), lower: mean(d) - half, upper: mean(d) + half, level: 0.95))
  }

  /// Dietterich's (1998) 5x2cv paired t test: five replications of 2-fold cross-validation, each with its own
  /// shuffle (seed), give differences (p_i1, p_i2) of A - B on the two folds. With p̄_i = (p_i1 + p_i2)/2 and
  /// s_i^2 = (p_i1 - p̄_i)^2 + (p_i2 - p̄_i)^2,
  ///
  ///     t = p_11 / sqrt((1/5) sum_i s_i^2),   5 degrees of freedom.
  ///
  /// The difference interval, mean of the ten differences ± t_{0.975, 5} sqrt(mean s_i^2 / 5), is for orientation;
  /// the test is the statistic above. nil unless exactly five pairs are given.
  public static func fiveByTwoCV(differences pairs: [(Double, Double)]) -> PairedTest? {
    guard pairs.count == 5 else { return nil }
    let variances = pairs.map { p1, p2 in
      let m = (p1 + p2) / 2
      return (p1 - m) * (p1 - m) + (p2 - m) * (p2 - m)
    }
    let scale = mean(variances).squareRoot()
    let t = pairs[0].0 / scale
    let all = pairs.flatMap { [$0.0, $0.1] }
    let half = StudentT.quantile(0.975, degreesOfFreedom: 5) * scale / 5.0.squareRoot()
    return PairedTest(
      statistic: t, degreesOfFreedom: 5, pValue: StudentT.twoSidedPValue(t, degreesOfFreedom: 5),
      difference: ConfidenceInterval(estimate: mean(all), lower: mean(all) - half, upper: mean(all) + half, level: 0.95))
  }
}
