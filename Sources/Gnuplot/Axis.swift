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

  /// The range the plotted quantity can take at all (0...1 for a fraction), or nil: error bars are clipped to it,
  /// while the drawn range still fits the data.
  public var limits: ClosedRange<Double>?

  /// An axis with an optional fixed range (`range: 0...1`); without a range the drawn range fits the data.
  /// `limits` bounds the quantity itself (see ``limits``).
  public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil, limits: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    minimum = range?.lowerBound
    maximum = range?.upperBound
    self.limits = limits
  }

  /// An axis for a fraction (accuracy, success rate): its error bars never run below 0 or above 1.
  public static func fraction(_ label: String) -> Axis { Axis(label, limits: 0...1) }

  /// An axis with only one end fixed (`Axis("loss", minimum: 0)`).
  public init(_ label: String, scale: Scale = .linear, minimum: Double?, maximum: Double? = nil) {
    self.label = label
    self.scale = scale
    self.minimum = minimum
    self.maximum = maximum
  }
}
