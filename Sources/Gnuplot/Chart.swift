/// One set of axes with several series, a legend and optional horizontal reference lines:
/// the panel most lesson charts are made of.
///
/// ```swift
/// var chart = Chart(title: "Training loss", x: Axis("epoch"), y: Axis("loss (nats)", scale: .log()))
/// chart.add(Series("T = 16", y: loss16))
/// chart.add(Series("T = 64", y: loss64))
/// chart.addReference(y: 0.693, title: "chance (ln 2)")
/// ```
public struct Chart: Sendable, Equatable {
  /// Where the legend sits.
  public enum KeyPosition: String, Sendable, Equatable {
    /// The default: the corner of the plot area with no data under the legend, computed from the data (see
    /// ``FigureScript/keyPosition(for:panelWidth:panelHeight:)``); outside on the right when every corner is taken.
    case automatic
    case topRight = "top right", topLeft = "top left", topCenter = "top center"
    case bottomRight = "bottom right", bottomLeft = "bottom left", bottomCenter = "bottom center"
    /// Right of the plot area, outside it (for many series).
    case outside = "outside right top"
    /// Under the plot area, entries side by side (for long titles in a narrow panel).
    case below = "below"
    /// No legend.
    case hidden
  }

  /// What a reference line stands for; each kind has its own dash pattern, so "chance" and "chance + 2 SE" never
  /// look alike, and every one of them differs from the solid data lines.
  public enum ReferenceKind: Sendable, Equatable, CaseIterable {
    /// What guessing achieves (long dashes).
    case chance
    /// A bound from an uncertainty: 1 SE above the best, chance + 2 SE (dots).
    case bound
    /// A fitted line or model prediction (dash-dot).
    case fitted
    /// A target, budget or theoretical value (short dashes).
    case level
  }

  /// A horizontal line at a fixed y (chance level, a target, a theoretical value), drawn dashed in grey.
  public struct Reference: Sendable, Equatable {
    public var y: Double
    public var title: String
    public var kind: ReferenceKind
  }

  /// The panel title.
  public var title: String
  /// The horizontal axis.
  public var x: Axis
  /// The vertical axis.
  public var y: Axis
  /// The series, drawn in this order with the legend in this order.
  public var series: [Series]
  /// Dashed horizontal lines.
  public var references: [Reference]
  /// Where the legend sits.
  public var key: KeyPosition

  /// An empty chart; add series with ``add(_:)``.
  public init(title: String, x: Axis, y: Axis, series: [Series] = [], key: KeyPosition = .automatic) {
    self.title = title
    self.x = x
    self.y = y
    self.series = series
    self.references = []
    self.key = key
  }

  /// Adds a series (drawn after the ones already there).
  public mutating func add(_ series: Series) { self.series.append(series) }

  /// Adds a dashed horizontal line at `y` with a legend entry. Without a `kind`, a title that starts with "chance"
  /// is a ``ReferenceKind/chance`` line and any other a ``ReferenceKind/level``.
  public mutating func addReference(y: Double, title: String, kind: ReferenceKind? = nil) {
    let kind = kind ?? (title.lowercased().hasPrefix("chance") && !title.contains("+") ? .chance : .level)
    references.append(Reference(y: y, title: title, kind: kind))
  }
}
