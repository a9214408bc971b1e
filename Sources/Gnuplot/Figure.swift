/// One picture a lesson writes: a name (the file stem), a size, and one panel or several arranged in a grid.
///
/// Writing it (``FigureRenderer/write(_:to:)``) produces, in the chosen folder,
/// `<name>.dat` (the numbers), `<name>.gp` (the gnuplot script that reads them by relative path), and,
/// when gnuplot is installed, `<name>.png` and `<name>.svg`. `cd <folder> && gnuplot <name>.gp` redraws both.
///
/// ```swift
/// let figure = Figure(name: "loss", chart: chart)                       // one panel
/// let panels = Figure(name: "gates", title: "Gate activity",
///                     panels: [.chart(left), .chart(right)], columns: 2, width: 1200, height: 500)
/// ```
public struct Figure: Sendable, Equatable {
  /// One panel of a figure.
  public enum Panel: Sendable, Equatable {
    case chart(Chart)
    case heatmap(Heatmap)

    var title: String {
      switch self {
      case .chart(let chart): chart.title
      case .heatmap(let heatmap): heatmap.title
      }
    }
  }

  /// The file stem: letters, digits, '-', '_' and '.' only (it becomes `<name>.png`, `<name>.gp`, ...).
  public var name: String
  /// A title over all panels (for several panels), or nil.
  public var title: String?
  /// The panels, filled row by row.
  public var panels: [Panel]
  /// Panels per row.
  public var columns: Int
  /// Picture size in pixels (PNG) and points (SVG).
  public var width: Int
  public var height: Int

  /// A figure of several panels, `columns` per row.
  public init(name: String, title: String? = nil, panels: [Panel], columns: Int = 2, width: Int = 900, height: Int = 600) {
    self.name = name
    self.title = title
    self.panels = panels
    self.columns = max(1, min(columns, max(1, panels.count)))
    self.width = width
    self.height = height
  }

  /// A figure of one chart.
  public init(name: String, chart: Chart, width: Int = 900, height: Int = 600) {
    self.init(name: name, panels: [.chart(chart)], columns: 1, width: width, height: height)
  }

  /// A figure of one heatmap.
  public init(name: String, heatmap: Heatmap, width: Int = 900, height: Int = 600) {
    self.init(name: name, panels: [.heatmap(heatmap)], columns: 1, width: width, height: height)
  }

  /// Rows of panels.
  public var rows: Int { (panels.count + columns - 1) / columns }

  /// The title to show for the figure as a whole (the figure title, or the only panel's title).
  public var displayTitle: String { title ?? panels.first?.title ?? name }
}
