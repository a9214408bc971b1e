import Foundation

/// The (weighted) least-squares line y = intercept + slope x: it minimises sum_i w_i (y_i - intercept - slope x_i)^2,
/// with every w_i = 1 when `weights` is nil.
///
/// slope = sum w (x - mx)(y - my) / sum w (x - mx)^2 and intercept = my - slope mx, where mx and my are the weighted
/// means. Both are nan when the x values do not vary (fewer than two distinct x, or no points): no line is determined.
public func fitLine(x: [Double], y: [Double], weights: [Double]? = nil) -> (intercept: Double, slope: Double) {
  precondition(x.count == y.count, "fitLine: \(x.count) x values but \(y.count) y values")
  precondition(weights.map { $0.count == x.count } ?? true, "fitLine: \(weights?.count ?? 0) weights for \(x.count) points")
  let w = weights ?? [Double](repeating: 1, count: x.count)
  let total = w.reduce(0, +)
  let mx = zip(w, x).map { $0 * $1 }.reduce(0, +) / total
  let my = zip(w, y).map { $0 * $1 }.reduce(0, +) / total
  let sxx = zip(w, x).map { $0 * ($1 - mx) * ($1 - mx) }.reduce(0, +)
  let sxy = zip(w, zip(x, y)).map { $0 * ($1.0 - mx) * ($1.1 - my) }.reduce(0, +)
  let slope = sxx > 0 ? sxy / sxx : .nan
  return (my - slope * mx, slope)
}

/// The coefficient of determination of a line through the points: R^2 = 1 - sum (y - intercept - slope x)^2 /
/// sum (y - mean y)^2, the fraction of the variance of y the line explains (1: every point on the line).
///
/// 1 when y does not vary (nothing left to explain); nan for no points.
public func rSquared(x: [Double], y: [Double], line: (intercept: Double, slope: Double)) -> Double {
  precondition(x.count == y.count, "rSquared: \(x.count) x values but \(y.count) y values")
  guard !y.isEmpty else { return .nan }
  let my = mean(y)
  let residual = zip(x, y).map { x, y in (y - line.intercept - line.slope * x) * (y - line.intercept - line.slope * x) }
  let total = y.map { ($0 - my) * ($0 - my) }.reduce(0, +)
  return total > 0 ? 1 - residual.reduce(0, +) / total : 1
}

/// The ordinary least-squares line y = intercept + slope x with the uncertainty of its coefficients: what a lesson
/// reports when it says "B grows with T" (the slope and its interval), not just the slope.
///
/// With residuals r_i = y_i - intercept - slope x_i, n points and S_xx = sum (x_i - mean x)^2:
///
///     residual sd   s = sqrt(sum r_i^2 / (n - 2))
///     SE(slope)     = s / sqrt(S_xx)
///     SE(intercept) = s sqrt(1/n + mean(x)^2 / S_xx)
///
/// and the slope's interval is slope ± t_{(1+level)/2, n-2} SE(slope). nil when the x values do not vary; the
/// standard errors are nan with two points (a line through two points has no residual to measure).
public struct LineFit: Sendable, Equatable {
  public var intercept: Double
  public var slope: Double
  public var slopeStandardError: Double
  public var interceptStandardError: Double
  /// s, the standard deviation of the residuals with n - 2 degrees of freedom.
  public var residualStandardDeviation: Double
  /// The number of points, n.
  public var count: Int
  /// S_xx = sum (x_i - mean x)^2: with the residual sd, it sets how small a slope the design can detect.
  public var xSpread: Double
  /// The fraction of the variance of y the line explains (see `rSquared(x:y:line:)`).
  public var rSquared: Double

  /// Fits the line through (x_i, y_i); nil when fewer than two distinct x values determine no line.
  public init?(x: [Double], y: [Double]) {
    let line = fitLine(x: x, y: y)
    guard line.slope.isFinite else { return nil }
    let n = Double(x.count)
    let mx = arithmeticMean(x)
    let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
    let residuals = zip(x, y).map { $1 - line.intercept - line.slope * $0 }
    let s = x.count > 2 ? (residuals.map { $0 * $0 }.reduce(0, +) / (n - 2)).squareRoot() : .nan
    (intercept, slope, count, xSpread) = (line.intercept, line.slope, x.count, sxx)
    residualStandardDeviation = s
    slopeStandardError = s / sxx.squareRoot()
    interceptStandardError = s * (1 / n + mx * mx / sxx).squareRoot()
    rSquared = coefficientOfDetermination(x: x, y: y, line: line)
  }

  /// The value of the line at x.
  public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }

  /// slope ± t_{(1+level)/2, n-2} SE(slope).
  public func slopeInterval(level: Double = 0.95) -> ConfidenceInterval {
    let half = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(count - 2)) * slopeStandardError
    return ConfidenceInterval(estimate: slope, lower: slope - half, upper: slope + half, level: level)
  }

  /// -1, 0 or +1: the sign of the slope when its interval at `level` excludes zero, else 0 (no trend resolved).
  public func trend(level: Double = 0.95) -> Int {
    let interval = slopeInterval(level: level)
    guard interval.lower.isFinite else { return 0 }
    return interval.lower > 0 ? 1 : (interval.upper < 0 ? -1 : 0)
  }
}
