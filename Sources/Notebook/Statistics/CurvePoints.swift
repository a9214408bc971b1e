import Foundation

/// Two readings of a measured curve y(x) that lessons need when a grid is coarse: where its peak lies between grid
/// points, and where it first reaches a target.
public enum CurvePoints {
  /// The x of the peak of y, refined between grid points: the vertex of the parabola through the highest point and
  /// its two neighbours,
  ///
  ///     x_v = x2 - ((x2 - x1)^2 (y2 - y3) - (x2 - x3)^2 (y2 - y1)) / (2 ((x2 - x1)(y2 - y3) - (x2 - x3)(y2 - y1))),
  ///
  /// which lies between x1 and x3 because y2 is the largest. At an end of the grid (no neighbour on one side) the end
  /// itself is returned: the peak is not bracketed there. Three equal values give x2. `x` must be increasing; points
  /// whose y is not finite are left out; nil when no point is left. (On a log2 grid of batch sizes this turns the
  /// best of 4, 8, 16, ... into a continuous log2 B, so a slope across T is not quantised to whole doublings.)
  public static func refinedPeak(x: [Double], y: [Double]) -> Double? {
    precondition(x.count == y.count, "refinedPeak: \(x.count) x values but \(y.count) y values")
    let points = zip(x, y).filter { $0.1.isFinite }
    guard !points.isEmpty else { return nil }
    var best = 0
    for i in points.indices where points[i].1 > points[best].1 { best = i }
    guard best > 0, best < points.count - 1 else { return points[best].0 }
    let (x1, y1) = points[best - 1], (x2, y2) = points[best], (x3, y3) = points[best + 1]
    let denominator = (x2 - x1) * (y2 - y3) - (x2 - x3) * (y2 - y1)
    guard denominator != 0 else { return x2 }
    let numerator = (x2 - x1) * (x2 - x1) * (y2 - y3) - (x2 - x3) * (x2 - x3) * (y2 - y1)
    return x2 - numerator / (2 * denominator)
  }

  /// The x of the peak of y from a least-squares parabola through every point: y ≈ a + b u + c u² with u = x - mean x,
  /// peak at u = -b / (2c), clamped to the range of x. Less sensitive to the noise of single points than the best
  /// grid point or `refinedPeak`, because every point pulls on the fit. When the fitted parabola has no maximum
  /// (c >= 0: the curve is flat, rising or U-shaped), the x of the largest y is returned. Points whose y is not finite
  /// are left out; nil with no point left, the largest y's x with fewer than three.
  public static func quadraticPeak(x: [Double], y: [Double]) -> Double? {
    precondition(x.count == y.count, "quadraticPeak: \(x.count) x values but \(y.count) y values")
    let points = zip(x, y).filter { $0.1.isFinite }
    guard let top = points.max(by: { $0.1 < $1.1 }) else { return nil }
    guard points.count >= 3 else { return top.0 }
    let mx = points.map(\.0).reduce(0, +) / Double(points.count)
    // Normal equations of the centred fit: sums of u^k (k = 0...4) and of y u^k (k = 0...2), solved by Cramer's rule.
    var s = [Double](repeating: 0, count: 5), t = [Double](repeating: 0, count: 3)
    for (xi, yi) in points {
      let u = xi - mx
      var power = 1.0
      for k in 0..<5 {
        s[k] += power
        if k < 3 { t[k] += yi * power }
        power *= u
      }
    }
    let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]]
    func determinant(_ a: [[Double]]) -> Double {
      a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    }
    let d = determinant(m)
    guard d != 0 else { return top.0 }
    func replaced(_ column: Int) -> [[Double]] { m.enumerated().map { i, row in row.enumerated().map { j, v in j == column ? t[i] : v } } }
    let b = determinant(replaced(1)) / d, c = determinant(replaced(2)) / d
    guard c < 0 else { return top.0 }
    let lowest = points.map(\.0).min()!, highest = points.map(\.0).max()!
    return Swift.min(highest, Swift.max(lowest, mx - b / (2 * c)))
  }

  /// The first x at which y reaches `target` (y >= target), interpolated linearly between the last point below the
  /// target and the first at or above it; x[0] when the first point already reaches it; nil when no point does.
  /// Shallue et al.'s (2019) "steps to reach a target validation score", read from a curve measured at checkpoints.
  public static func firstCrossing(x: [Double], y: [Double], target: Double) -> Double? {
    precondition(x.count == y.count, "firstCrossing: \(x.count) x values but \(y.count) y values")
    guard let i = y.firstIndex(where: { $0 >= target }) else { return nil }
    guard i > 0, y[i - 1].isFinite else { return x[i] }
    let w = (target - y[i - 1]) / (y[i] - y[i - 1])
    return x[i - 1] + w * (x[i] - x[i - 1])
  }
}
