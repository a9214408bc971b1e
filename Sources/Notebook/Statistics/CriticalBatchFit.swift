/// The fit of steps-to-target against batch size by McCandlish et al. (2018),
///
/// ```
/// S(B) = S_min (1 + B_crit / B)
/// ```
///
/// S_min is the number of updates an infinitely large batch would need and B_crit the critical batch size: below it,
/// doubling B nearly halves the updates; above it, a bigger batch buys few. S is linear in 1/B with intercept S_min and
/// slope S_min B_crit, so a least-squares line through (1/B, S) gives both.
///
/// Measured steps span orders of magnitude (thousands at B = 2, tens at B = 128), so an ordinary least-squares line
/// is pulled almost entirely by the smallest batches. `.relative` weighting minimises sum ((S_i - Ŝ_i) / S_i)^2 instead
/// (weights 1 / S_i^2), so every batch size counts by its relative error: the fit to use across a x2 grid of B.
public struct CriticalBatchFit: Sendable, Equatable {
  /// How the points are weighted: `.absolute` (ordinary least squares on S) or `.relative` (weights 1 / S^2).
  public enum Weighting: Sendable, Equatable { case absolute, relative }

  /// S_min, the updates needed with an unlimited batch (the intercept).
  public var minimumSteps: Double
  /// B_crit = slope / intercept.
  public var criticalBatch: Double

  /// The fit through measured `steps` at `batchSizes`; nil with fewer than 3 points, mismatched counts, batch sizes
  /// that are all equal, or a line with a non-positive intercept or slope (no bend in the measured range).
  public init?(batchSizes: [Double], steps: [Double]) {
    self.init(batchSizes: batchSizes, steps: steps, weighting: .absolute)
  }

  /// The fit with the given weighting of the points; nil in the same cases, and for `.relative` when a step count is
  /// not positive.
  public init?(batchSizes: [Double], steps: [Double], weighting: Weighting) {
    guard batchSizes.count >= 3, batchSizes.count == steps.count, batchSizes.allSatisfy({ $0 > 0 }) else { return nil }
    guard weighting == .absolute || steps.allSatisfy({ $0 > 0 }) else { return nil }
    let (intercept, slope) = fitLine(
      x: batchSizes.map { 1 / $0 }, y: steps, weights: weighting == .relative ? steps.map { 1 / ($0 * $0) } : nil)
    // All batch sizes equal give no line (NaN), which fails this test too.
    guard intercept > 0, slope > 0 else { return nil }
    (minimumSteps, criticalBatch) = (intercept, slope / intercept)
  }

  /// The fitted S(B) = S_min (1 + B_crit / B).
  public func steps(batch: Double) -> Double { minimumSteps * (1 + criticalBatch / batch) }
}
