import Foundation

// The few statistics lessons use to summarise what they measured. Every function returns nan where its formula is
// undefined (no values, a line through x values that do not vary) rather than a number that looks measured.

/// The arithmetic mean, (v_1 + ... + v_n) / n; nan for no values.
public func mean(_ values: [Double]) -> Double {
  values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
}

/// The median: the middle of the sorted values, or the mean of the two middle ones when n is even (so the median of
/// [4, 1, 3, 2] is 2.5); nan for no values.
public func median(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return .nan }
  let sorted = values.sorted()
  let half = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
}

/// The sample standard deviation, s = sqrt(sum_i (v_i - mean)^2 / (n - 1)) (Bessel's n - 1: the spread of the
/// population the values were drawn from, e.g. over seeds).
///
/// With fewer than two values there is no spread to measure and the result is `whenFewerThanTwo`: nan unless the
/// caller says otherwise (a lesson that draws "no error bar" for a single seed passes 0).
public func standardDeviation(_ values: [Double], whenFewerThanTwo: Double = .nan) -> Double {
  guard values.count >= 2 else { return whenFewerThanTwo }
  let m = mean(values)
  return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
}

/// The geometric mean, exp(mean(log v_i)), of the values that are positive and finite; the others are skipped (a
/// noisy estimate that came out negative or infinite has no logarithm). nan when no value is left.
///
/// For quantities that span decades, where one large value would dominate the arithmetic mean.
public func geometricMean(_ values: [Double]) -> Double {
  let logs = values.filter { $0 > 0 && $0.isFinite }.map { Foundation.log($0) }
  return logs.isEmpty ? .nan : Foundation.exp(mean(logs))
}

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
