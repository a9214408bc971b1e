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
/// Non-finite y values (a diverged run) are written as missing points: the line shows a gap.
public struct Series: Sendable, Equatable {
  /// How the points are drawn.
  public enum Style: Sendable, Equatable {
    /// Points joined by lines, each point marked (the default: shows where the measurements are).
    case linesPoints
    /// Lines only (dense curves such as a loss per step).
    case lines
    /// Points only (scatter).
    case points
  }

  /// The legend entry.
  public var title: String
  /// x values.
  public var x: [Double]
  /// y values, one per x value.
  public var y: [Double]
  /// Half-widths of the error bars, one per point, or nil for none.
  public var errors: [Double]?
  /// How the points are drawn.
  public var style: Style

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
