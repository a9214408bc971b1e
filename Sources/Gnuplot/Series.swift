/// A number a chart can plot: `Int`, `Float` and `Double` (and the other standard number types).
public protocol Plottable {
  /// The value as a `Double`.
  var plotValue: Double { get }
}

extension Double: Plottable { public var plotValue: Double { self } }
extension Float: Plottable { public var plotValue: Double { Double(self) } }
extension Int: Plottable { public var plotValue: Double { Double(self) } }
extension Int32: Plottable { public var plotValue: Double { Double(self) } }
extension Int64: Plottable { public var plotValue: Double { Double(self) } }
extension UInt: Plottable { public var plotValue: Double { Double(self) } }

/// One named line (or set of points) on a ``Chart``: y against x, optionally with an error bar of
/// ± `errors[i]` at each point (for example the standard deviation over seeds).
///
/// ```swift
/// Series("T = 64", x: epochs, y: losses)                       // [Int], [Float]: any Plottable
/// Series("mean of 5 seeds", x: batchSizes, y: means, errors: deviations)
/// ```
/// Non-finite y values (a diverged run, "none") are written as missing points: the line shows a gap, never a 0.
/// Error bars are drawn from `lower` to `upper` (or y ± error) and clipped to the y axis's fixed range, so a
/// fraction's bar never runs below 0 or above 1 when the axis says `range: 0...1`.
public struct Series: Sendable, Equatable {
  /// How the points are drawn.
  public enum Style: Sendable, Equatable {
    /// Points joined by lines, each point marked (the default: shows where the measurements are).
    case linesPoints
    /// Lines only, for dense curves such as a loss per step; a series of at most
    /// ``Series/markedPointLimit`` points is still drawn with its points marked.
    case lines
    /// Points only (scatter), drawn as open circles so that they stay visible over a line's filled points.
    case points
    /// A step function: each value holds from its x to the next x, points marked (a longest lag learned at each
    /// truncation length, a count that jumps).
    case steps
    /// A line that is not a measurement (a fitted line, a model's prediction), drawn dashed without points in the
    /// pattern of its kind.
    case reference(Chart.ReferenceKind)
  }

  /// Series with at most this many points are drawn with their points marked even in the `.lines` style.
  public static let markedPointLimit = 40

  /// The legend entry.
  public var title: String
  /// Whether the legend lists the series. False for a series whose title an earlier panel of the same figure already
  /// explains: the title still picks its colour (one colour per title across the figure), and the legend stays small.
  public var inKey = true
  /// x values.
  public var x: [Double]
  /// y values, one per x value.
  public var y: [Double]
  /// Half-widths of the error bars, one per point, or nil for none.
  public var errors: [Double]?
  /// How the points are drawn.
  public var style: Style
  /// Lower and upper ends of the error bars (intervals need not be symmetric: a Wilson interval is not), or nil.
  /// Set by the `lower:upper:` initialiser; `errors` gives y - error and y + error.
  public var lower: [Double]?
  public var upper: [Double]?

  /// The ends of the bar at point i: from `lower`/`upper` when given, else y ± errors[i]; nil without bars.
  public func bar(_ i: Int) -> (low: Double, high: Double)? {
    if let lower, let upper { return (lower[i], upper[i]) }
    if let errors { return (y[i] - errors[i], y[i] + errors[i]) }
    return nil
  }

  /// Whether the series has error bars.
  public var hasBars: Bool { errors != nil || (lower != nil && upper != nil) }

  /// A series whose error bars run from `lower[i]` to `upper[i]` (e.g. confidence intervals).
  public init<X: Sequence, Y: Sequence>(
    _ title: String, x: X, y: Y, lower: [Double], upper: [Double], style: Style = .linesPoints
  ) where X.Element: Plottable, Y.Element: Plottable {
    self.init(title, x: x, y: y, style: style)
    self.lower = lower
    self.upper = upper
  }

  /// A series from x and y values of any ``Plottable`` type.
  public init<X: Sequence, Y: Sequence>(
    _ title: String, x: X, y: Y, errors: [Double]? = nil, style: Style = .linesPoints
  ) where X.Element: Plottable, Y.Element: Plottable {
    self.title = title
    self.x = x.map(\.plotValue)
    self.y = y.map(\.plotValue)
    self.errors = errors
    self.style = style
  }

  /// A series against x = 1, 2, 3, ... (for example a loss per epoch).
  public init<Y: Sequence>(_ title: String, y: Y, errors: [Double]? = nil, style: Style = .linesPoints)
  where Y.Element: Plottable {
    let values = y.map(\.plotValue)
    self.init(title, x: (0..<values.count).map { $0 + 1 }, y: values, errors: errors, style: style)
  }
}
