import Foundation

/// Where a curve measured at discrete points (evaluations along training) first reaches a level, located between the
/// two evaluations that bracket it: what "updates to reach 90% accuracy" or "the noise scale at training loss 0.5"
/// means when the curve is only known at checkpoints.
///
/// With values y_0, y_1, ... measured at checkpoints 0, 1, ..., the crossing of `level` is the first k with y_k on the
/// target side of the level (y_k >= level when rising, y_k <= level when falling). When k > 0 the curve is taken as a
/// straight line between checkpoints k - 1 and k, and the crossing sits at the fraction
///
///     f = (level - y_{k-1}) / (y_k - y_{k-1})          (0 < f <= 1)
///
/// of the way from k - 1 to k. Any other quantity measured at the same checkpoints (updates, seconds, a noise scale)
/// is then read at the crossing by `value(of:)`: x_{k-1} + f (x_k - x_{k-1}), or geometrically,
/// exp(log x_{k-1} + f (log x_k - log x_{k-1})), for quantities that grow by factors (updates on a geometric schedule).
///
/// The interpolation error is at most the gap between the two bracketing checkpoints; `bracket(of:)` reports that gap
/// so a lesson can state its resolution. Non-finite values are skipped (a checkpoint that was not measured).
public struct LevelCrossing: Sendable, Equatable {
  /// Whether the curve must rise to the level (accuracy) or fall to it (loss).
  public enum Direction: Sendable, Equatable {
    case rising, falling
  }

  /// The first checkpoint on the target side of the level.
  public var index: Int
  /// The checkpoint before it on the curve (nil when the very first measured checkpoint is already past the level:
  /// the crossing happened before it and cannot be located).
  public var previous: Int?
  /// f, where the crossing sits between `previous` (0) and `index` (1); 1 when `previous` is nil.
  public var fraction: Double

  /// The first crossing of `level` by `values` in `direction`; nil when the curve never reaches the level.
  public init?(values: [Double], level: Double, direction: Direction) {
    let measured = values.indices.filter { values[$0].isFinite }
    func reached(_ y: Double) -> Bool { direction == .rising ? y >= level : y <= level }
    guard let position = measured.firstIndex(where: { reached(values[$0]) }) else { return nil }
    index = measured[position]
    guard position > 0 else {
      previous = nil
      fraction = 1
      return
    }
    let before = measured[position - 1]
    previous = before
    let (y0, y1) = (values[before], values[index])
    fraction = y1 != y0 ? min(max((level - y0) / (y1 - y0), 0), 1) : 1
  }

  /// `series` (measured at the same checkpoints as the curve) read at the crossing: linear interpolation, or
  /// geometric interpolation when `geometric` (both values must then be positive; nan otherwise). The value at
  /// `index` when there is no previous checkpoint.
  public func value(of series: [Double], geometric: Bool = false) -> Double {
    let x1 = series[index]
    guard let previous else { return x1 }
    let x0 = series[previous]
    if geometric {
      guard x0 > 0, x1 > 0 else { return .nan }
      return Foundation.exp(Foundation.log(x0) + fraction * (Foundation.log(x1) - Foundation.log(x0)))
    }
    return x0 + fraction * (x1 - x0)
  }

  /// The values of `series` at the two bracketing checkpoints (equal when there is no previous one): the crossing's
  /// resolution in that quantity.
  public func bracket(of series: [Double]) -> (lower: Double, upper: Double) {
    (series[previous ?? index], series[index])
  }
}
