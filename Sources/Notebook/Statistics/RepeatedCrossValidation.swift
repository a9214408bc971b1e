import Foundation

/// The statistics of k-fold cross-validation repeated r times, each repetition with its own split into folds and its
/// own training seeds: intervals and a paired test that include the training variance (a new seed draws new weights
/// and a new order of the data) and the overlap of the training sets.
///
/// The n = r k scores are not independent: two folds of one repetition train on overlapping data, and every
/// repetition re-uses the same sequences. Nadeau and Bengio (2003) widen the variance of their mean for that
/// correlation, and Bouckaert and Frank (2004) apply it to repeated k-fold cross-validation:
///
///     SE(mean) = sqrt((1/n + n_test/n_train) s^2),   n - 1 degrees of freedom,
///
/// with s the standard deviation of the n scores (or of the n paired differences A - B when two settings are
/// compared on the same repetitions and folds). n_test/n_train is 1/(k - 1) for k equal folds. The plain t interval
/// (the ratio set to 0) is far too narrow here: its 1/n shrinks with every repetition, while the overlap of the
/// training sets does not, so SE never falls below sqrt(n_test/n_train) s however many repetitions run.
public struct RepeatedCrossValidation: Sendable, Equatable {
  /// Repetitions r (each with its own folds and seeds).
  public var repetitions: Int
  /// Folds k of each repetition.
  public var folds: Int
  /// n_test / n_train of one fold.
  public var testToTrainRatio: Double

  /// A design of `repetitions` x `folds`; the ratio defaults to 1/(k - 1), that of k equal folds.
  public init(repetitions: Int, folds: Int, testToTrainRatio: Double? = nil) {
    precondition(repetitions >= 1 && folds >= 2, "RepeatedCrossValidation: \(repetitions) repetitions of \(folds) folds")
    self.repetitions = repetitions
    self.folds = folds
    self.testToTrainRatio = testToTrainRatio ?? 1 / Double(folds - 1)
  }

  /// The number of scores, r k.
  public var units: Int { repetitions * folds }

  /// The corrected standard error of the mean of `values` (scores, or paired differences): sqrt((1/n + ratio) s^2).
  public func standardError(of values: [Double]) -> Double {
    ((1 / Double(values.count) + testToTrainRatio)).squareRoot() * standardDeviation(values)
  }

  /// The interval for the mean score of one setting: mean ± t_{(1+level)/2, n-1} SE(mean).
  public func interval(of scores: [Double], level: Double = 0.95) -> ConfidenceInterval {
    let m = mean(scores)
    guard scores.count >= 2 else { return ConfidenceInterval(estimate: m, lower: .nan, upper: .nan, level: level) }
    let half = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(scores.count - 1)) * standardError(of: scores)
    return ConfidenceInterval(estimate: m, lower: m - half, upper: m + half, level: level)
  }

  /// The corrected resampled t test of A - B, where `a[i]` and `b[i]` come from the same repetition and fold (the
  /// same split and the same seeds): ``PairedTest/correctedResampledT(differences:testToTrainRatio:)``. nil with fewer
  /// than two pairs or lists of different lengths.
  public func compare(_ a: [Double], _ b: [Double]) -> PairedTest? {
    guard a.count == b.count else { return nil }
    return PairedTest.correctedResampledT(differences: zip(a, b).map { $0 - $1 }, testToTrainRatio: testToTrainRatio)
  }

  /// The smallest true mean difference the paired test detects with probability `power` at two-sided level `alpha`,
  /// when the differences of the r k units have standard deviation `sd`:
  /// (t_{1-alpha/2, n-1} + t_{power, n-1}) sqrt((1/n + ratio)) sd (``Power/minimumDetectableEffect``).
  public func minimumDetectableDifference(sdOfDifferences sd: Double, alpha: Double = 0.05, power: Double = 0.8) -> Double {
    Power.minimumDetectableEffect(
      standardError: ((1 / Double(units) + testToTrainRatio)).squareRoot() * sd, degreesOfFreedom: Double(units - 1),
      alpha: alpha, power: power)
  }
}
