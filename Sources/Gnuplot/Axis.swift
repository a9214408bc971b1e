/// One axis of a chart: its label (say the unit: "loss (nats)", "time per step (ms)"), its scale and its range.
///
/// ```swift
/// Axis("sequence length T (steps)", scale: .log(base: 2))   // 16, 32, 64, ... evenly spaced
/// Axis("accuracy", range: 0...1)
/// ```
public struct Axis: Sendable, Equatable {
  /// How values map to positions on the axis.
  public enum Scale: Sendable, Equatable {
    /// Equal differences, equal distances.
    case linear
    /// Equal ratios, equal distances: `base` 10 for losses and gradient norms, 2 for powers of two like T and B.
    case log(base: Double = 10)
  }

  /// The axis title, with its unit.
  public var label: String
  /// Linear or logarithmic.
  public var scale: Scale
  /// Lower bound, or nil to let gnuplot fit the data.
  public var minimum: Double?
  /// Upper bound, or nil to let gnuplot fit the data.
  public var maximum: Double?

  /// An axis with an optional fixed range (`range: 0...1`); without a range gnuplot fits the data.
  public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    minimum = range?.lowerBound
    maximum = range?.upperBound
  }

  /// An axis with only one end fixed (`Axis("loss", minimum: 0)`).
  public init(_ label: String, scale: Scale = .linear, minimum: Double?, maximum: Double? = nil) {
    self.label = label
    self.scale = scale
    self.minimum = minimum
    self.maximum = maximum
  }
}
