/// A grid of coloured cells with the value printed in each cell: the picture of a sweep over two settings,
/// such as sequence length T (columns) by batch size B (rows).
///
/// `values[row][column]`; row 0 is drawn at the bottom, column 0 at the left. Each cell shows its value with
/// `digits` significant digits (or the text in `cellLabels`); non-finite values (a diverged run) leave the cell
/// white and print `NaN`, `+inf` or `-inf`.
///
/// ```swift
/// let grid = Heatmap(
///   title: "Test accuracy", x: Axis("sequence length T"), y: Axis("batch size B"),
///   columns: ["16", "64", "256"], rows: ["8", "32"],
///   values: [[0.91, 0.88, 0.62], [0.93, 0.85, 0.55]], colorLabel: "accuracy")
/// ```
public struct Heatmap: Sendable, Equatable {
  /// The panel title.
  public var title: String
  /// Axis titles (the categories come from `columns` and `rows`; scales and ranges are ignored).
  public var x: Axis
  public var y: Axis
  /// Tick labels of the columns, left to right.
  public var columns: [String]
  /// Tick labels of the rows, bottom to top.
  public var rows: [String]
  /// `values[row][column]`.
  public var values: [[Double]]
  /// Title of the colour bar (what the colour means, with its unit).
  public var colorLabel: String
  /// Logarithmic colour scale (for losses or gradient norms spanning decades); non-positive values then count
  /// as missing.
  public var logColor: Bool
  /// Significant digits of the numbers printed in the cells.
  public var digits: Int
  /// Texts printed in the cells instead of the values (`cellLabels[row][column]`), or nil.
  public var cellLabels: [[String]]?
  /// Give this panel its own colour scale. By default the heatmaps of one figure that share a `colorLabel` (and
  /// log setting) share one colour scale, so equal colours mean equal values across the panels being compared.
  public var ownColorScale: Bool = false

  /// A heatmap from values of any ``Plottable`` type.
  public init<Value: Plottable>(
    title: String, x: Axis, y: Axis, columns: [String], rows: [String], values: [[Value]],
    colorLabel: String, logColor: Bool = false, digits: Int = 3, cellLabels: [[String]]? = nil,
    ownColorScale: Bool = false
  ) {
    self.ownColorScale = ownColorScale
    self.title = title
    self.x = x
    self.y = y
    self.columns = columns
    self.rows = rows
    self.values = values.map { $0.map(\.plotValue) }
    self.colorLabel = colorLabel
    self.logColor = logColor
    self.digits = digits
    self.cellLabels = cellLabels
  }
}
