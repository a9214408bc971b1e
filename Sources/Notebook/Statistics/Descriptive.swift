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

/// The standard error of the mean, s / sqrt(n): how far the mean of n independent values typically lies from the
/// mean of the population they were drawn from. nan with fewer than two values (no spread to measure).
public func standardError(_ values: [Double]) -> Double {
  standardDeviation(values) / Double(values.count).squareRoot()
}

/// The q-quantile (0 <= q <= 1) of the values by linear interpolation between order statistics (R's and NumPy's
/// default, "type 7"): with the values sorted as v_0 <= ... <= v_{n-1} and h = (n - 1) q, it is
/// v_floor(h) + (h - floor(h)) (v_floor(h)+1 - v_floor(h)). So the 0.5-quantile is the median. nan for no values.
public func quantile(_ values: [Double], _ q: Double) -> Double {
  precondition((0...1).contains(q), "quantile: q = \(q) is not in [0, 1]")
  guard !values.isEmpty else { return .nan }
  let sorted = values.sorted()
  let h = Double(sorted.count - 1) * q
  let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
  return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
}

/// The geometric mean, exp(mean(log v_i)), of the values that are positive and finite; the others are skipped (a
/// noisy estimate that came out negative or infinite has no logarithm). nan when no value is left.
///
/// For quantities that span decades, where one large value would dominate the arithmetic mean.
public func geometricMean(_ values: [Double]) -> Double {
  let logs = values.filter { $0 > 0 && $0.isFinite }.map { Foundation.log($0) }
  return logs.isEmpty ? .nan : Foundation.exp(mean(logs))
}


/// `mean` and `rSquared` under names that members called `mean`/`rSquared` do not shadow.
@usableFromInline func arithmeticMean(_ values: [Double]) -> Double { mean(values) }
func coefficientOfDetermination(x: [Double], y: [Double], line: (intercept: Double, slope: Double)) -> Double {
  rSquared(x: x, y: y, line: line)
}
