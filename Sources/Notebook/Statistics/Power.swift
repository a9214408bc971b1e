import Foundation

/// What a design can resolve: the smallest true effect it detects with a given power, and its power for a given
/// effect. A lesson that finds "no difference" states this, so a reader can tell "no effect" from "too few seeds".
///
/// Every design here is a t test of an estimate with standard error SE and ν degrees of freedom at two-sided level
/// alpha. The minimum detectable effect is
///
///     MDE = (t_{1 - alpha/2, ν} + t_{power, ν}) SE,
///
/// the usual shifted-central-t approximation to the noncentral t: at ν = 4 it is about 1% below the exact value,
/// at ν >= 9 within 0.2% (so with few seeds the true MDE is a little larger than stated).
public enum Power {
  /// The smallest effect the estimate detects with probability `power` at two-sided level `alpha`.
  public static func minimumDetectableEffect(
    standardError: Double, degreesOfFreedom nu: Double, alpha: Double = 0.05, power: Double = 0.8
  ) -> Double {
    (StudentT.quantile(1 - alpha / 2, degreesOfFreedom: nu) + StudentT.quantile(power, degreesOfFreedom: nu))
      * standardError
  }

  /// The approximate probability that the test rejects at level `alpha` when the true effect is `effect`:
  /// P(T > t_c - δ) + P(T < -t_c - δ) with δ = effect / SE and T central t with ν degrees of freedom.
  public static func power(
    effect: Double, standardError: Double, degreesOfFreedom nu: Double, alpha: Double = 0.05
  ) -> Double {
    let critical = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: nu)
    let delta = effect / standardError
    return 1 - StudentT.cdf(critical - delta, degreesOfFreedom: nu) + StudentT.cdf(-critical - delta, degreesOfFreedom: nu)
  }

  /// Two independent groups of n units each (e.g. two settings, n seeds each), spread `sd` per unit:
  /// SE = sd sqrt(2 / n), ν = 2n - 2.
  public static func twoSampleMinimumDifference(perGroup n: Int, sd: Double, alpha: Double = 0.05, power: Double = 0.8) -> Double {
    minimumDetectableEffect(
      standardError: sd * (2 / Double(n)).squareRoot(), degreesOfFreedom: Double(2 * n - 2), alpha: alpha, power: power)
  }

  /// n paired units (the same seeds run under both settings), spread `sd` of the differences: SE = sd / sqrt n,
  /// ν = n - 1.
  public static func pairedMinimumDifference(pairs n: Int, sdOfDifferences sd: Double, alpha: Double = 0.05, power: Double = 0.8) -> Double {
    minimumDetectableEffect(
      standardError: sd / Double(n).squareRoot(), degreesOfFreedom: Double(n - 1), alpha: alpha, power: power)
  }

  /// The smallest slope a least-squares line through points at `x` detects, when the residuals have sd
  /// `residualSD`: SE(slope) = residualSD / sqrt(S_xx), ν = n - 2.
  public static func minimumDetectableSlope(x: [Double], residualSD: Double, alpha: Double = 0.05, power: Double = 0.8) -> Double {
    let mx = mean(x)
    let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
    return minimumDetectableEffect(
      standardError: residualSD / sxx.squareRoot(), degreesOfFreedom: Double(x.count - 2), alpha: alpha, power: power)
  }

  /// The smallest slope this fitted line's design could detect, using its own residual sd.
  public static func minimumDetectableSlope(of fit: LineFit, alpha: Double = 0.05, power: Double = 0.8) -> Double {
    minimumDetectableEffect(
      standardError: fit.slopeStandardError, degreesOfFreedom: Double(fit.count - 2), alpha: alpha, power: power)
  }
}
