/// The fit of steps-to-target against batch size by McCandlish et al. (2018),
///
/// ```
/// S(B) = S_min (1 + B_crit / B)
/// ```
///
/// S_min is the number of updates an infinitely large batch would need and B_crit the critical batch size: below it,
/// doubling B nearly halves the updates; above it, a bigger batch buys few. S is linear in 1/B with intercept S_min and
/// slope S_min B_crit, so an ordinary least-squares line through (1/B, S) gives both.
public struct CriticalBatchFit: Sendable, Equatable {
  /// S_min, the updates needed with an unlimited batch (the intercept).
  public var minimumSteps: Double
  /// B_crit = slope / intercept.
  public var criticalBatch: Double

  /// The fit through measured `steps` at `batchSizes`; nil with fewer than 3 points, mismatched counts, batch sizes
  /// that are all equal, or a line with a non-positive intercept or slope (no bend in the measured range).
  public init?(batchSizes: [Double], steps: [Double]) {
    guard batchSizes.count >= 3, batchSizes.count == steps.count, batchSizes.allSatisfy({ $0 > 0 }) else { return nil }
    let (intercept, slope) = fitLine(x: batchSizes.map { 1 / $0 }, y: steps)
    // All batch sizes equal give no line (NaN), which fails this test too.
    guard intercept > 0, slope > 0 else { return nil }
    (minimumSteps, criticalBatch) = (intercept, slope / intercept)
  }

  /// The fitted S(B) = S_min (1 + B_crit / B).
  public func steps(batch: Double) -> Double { minimumSteps * (1 + criticalBatch / batch) }
}
