import Foundation

/// A trend measured on independent units (seeds, independently drawn data sets, folds): a least-squares slope is
/// fitted through each unit's own points, and the uncertainty comes from the spread of those n slopes, not from the
/// scatter of all points pooled (points of one unit are correlated, so pooling them overstates the evidence).
///
/// With unit slopes b_1 ... b_n, mean b̄ and sd s:
///
///     SE = s sqrt(1/n + r),   ν = n - 1,   interval b̄ ± t_{(1+level)/2, ν} SE
///
/// where r = n_test / n_train is Nadeau & Bengio's (2003) correction when the units are folds or resamples of one
/// data set (their training parts overlap, so their slopes are positively correlated); r = 0 for truly independent
/// units. The smallest slope the design detects with power 0.8 at alpha 0.05 is (t_{0.975, ν} + t_{0.8, ν}) SE
/// (`Power.minimumDetectableEffect`): a null is stated with it.
public struct ReplicatedSlope: Sendable, Equatable {
  /// Each unit's least-squares slope (units whose x do not vary are left out).
  public var unitSlopes: [Double]
  /// The mean slope b̄.
  public var slope: Double
  public var standardError: Double
  public var degreesOfFreedom: Double
  /// r in SE = s sqrt(1/n + r).
  public var testToTrainRatio: Double

  /// The slopes of y on x of each unit's points; nil with fewer than two units that determine a line.
  public init?(units: [[(x: Double, y: Double)]], testToTrainRatio: Double = 0) {
    let slopes = units.compactMap { points -> Double? in
      let line = fitLine(x: points.map(\.x), y: points.map(\.y))
      return line.slope.isFinite ? line.slope : nil
    }
    self.init(unitSlopes: slopes, testToTrainRatio: testToTrainRatio)
  }

  /// From slopes already fitted per unit; nil with fewer than two finite slopes.
  public init?(unitSlopes: [Double], testToTrainRatio: Double = 0) {
    let slopes = unitSlopes.filter(\.isFinite)
    guard slopes.count >= 2, testToTrainRatio >= 0 else { return nil }
    let n = Double(slopes.count)
    self.unitSlopes = slopes
    slope = mean(slopes)
    standardError = standardDeviation(slopes) * (1 / n + testToTrainRatio).squareRoot()
    degreesOfFreedom = n - 1
    self.testToTrainRatio = testToTrainRatio
  }

  /// b̄ ± t_{(1+level)/2, ν} SE.
  public func interval(level: Double = 0.95) -> ConfidenceInterval {
    let half = StudentT.quantile((1 + level) / 2, degreesOfFreedom: degreesOfFreedom) * standardError
    return ConfidenceInterval(estimate: slope, lower: slope - half, upper: slope + half, level: level)
  }

  /// -1, 0 or +1: the sign of the slope when its interval at `level` excludes zero, else 0.
  public func trend(level: Double = 0.95) -> Int {
    let i = interval(level: level)
    guard i.lower.isFinite, i.upper.isFinite else { return 0 }
    return i.lower > 0 ? 1 : (i.upper < 0 ? -1 : 0)
  }

  /// The smallest true slope this design detects with probability `power` (two-sided level `alpha`).
  public func minimumDetectableSlope(alpha: Double = 0.05, power: Double = 0.8) -> Double {
    Power.minimumDetectableEffect(standardError: standardError, degreesOfFreedom: degreesOfFreedom, alpha: alpha, power: power)
  }

  /// The probability that this design detects a true slope `effect` (two-sided level `alpha`).
  public func power(against effect: Double, alpha: Double = 0.05) -> Double {
    Power.power(effect: effect, standardError: standardError, degreesOfFreedom: degreesOfFreedom, alpha: alpha)
  }
}
