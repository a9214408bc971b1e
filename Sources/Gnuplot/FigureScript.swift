import Foundation
import LabText

/// The two texts a ``Figure`` becomes: the gnuplot script (`<name>.gp`) and its data (`<name>.dat`).
///
/// The data file holds one block per series or heatmap, blocks separated by two blank lines and selected in the
/// script with `index N`; every block starts with a `#` comment naming its panel, series and columns. The script
/// reads the data by relative path, so it redraws from the folder it lives in, and it loops over the output
/// formats named in the gnuplot variable `formats` (default `"png svg"`; `"dumb"` draws text on stdout).
struct FigureScript: Sendable, Equatable {
  /// The `.gp` text.
  var script: String
  /// The `.dat` text.
  var data: String

  /// Default text size of the pictures.
  static let font = "Sans,11"
  /// Size of the text preview in characters.
  static let previewColumns = 100, previewRows = 32
  /// Colour-blind friendly stops of the viridis palette (dark violet to yellow).
  static let viridis = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]

  init(_ figure: Figure) throws {
    try Self.validate(figure)
    var script = ScriptText()
    var data = ScriptText()
    let name = figure.name
    script.line("# \(Self.comment(figure.displayTitle)): drawn by LSTMLab from \(name).dat")
    script.line("# Redraw (writes \(name).png and \(name).svg):  gnuplot \(name).gp")
    script.line("# Text preview in the terminal:            gnuplot -e 'formats=\"dumb\"' \(name).gp")
    script.line("# Each series is one block of \(name).dat, chosen below with `index N`.")
    script.line("if (!exists(\"formats\")) formats = \"png svg\"")
    script.line("set encoding utf8")
    script.line("do for [format in formats] {")
    let size = "size \(figure.width),\(figure.height)"
    let font = "font \(gnuplotQuoted(Self.font))"
    script.line(
      "  if (format eq \"png\") { set terminal pngcairo \(size) noenhanced \(font); "
        + "set output \(gnuplotQuoted(name + ".png")) }")
    script.line(
      "  if (format eq \"svg\") { set terminal svg \(size) noenhanced \(font) background \"white\"; "
        + "set output \(gnuplotQuoted(name + ".svg")) }")
    script.line(
      "  if (format eq \"dumb\") { set terminal dumb size \(Self.previewColumns),\(Self.previewRows) noenhanced; "
        + "set output }")
    let multiplot = figure.panels.count > 1
    if multiplot {
      var command = "  set multiplot layout \(figure.rows),\(figure.columns)"
      if let title = figure.title { command += " title \(gnuplotQuoted(title))" }
      script.line(command)
    }
    var block = 0
    let dataFile = gnuplotQuoted(name + ".dat")
    for (number, panel) in figure.panels.enumerated() {
      script.line("  # Panel \(number + 1): \(Self.comment(panel.title))")
      script.line("  reset")
      switch panel {
      case .chart(let chart):
        Self.write(chart, dataFile: dataFile, block: &block, script: &script, data: &data)
      case .heatmap(let heatmap):
        Self.write(heatmap, dataFile: dataFile, block: &block, script: &script, data: &data)
      }
    }
    if multiplot { script.line("  unset multiplot") }
    script.line("  unset output")
    script.line("}")
    self.script = script.text
    self.data = data.text
  }

  // MARK: - Charts

  private static func write(
    _ chart: Chart, dataFile: String, block: inout Int, script: inout ScriptText, data: inout ScriptText
  ) {
    script.line("  set title \(gnuplotQuoted(chart.title))")
    script.line("  set xlabel \(gnuplotQuoted(chart.x.label))")
    script.line("  set ylabel \(gnuplotQuoted(chart.y.label))")
    script.line("  set grid")
    script.line("  set colorsequence podo")
    script.line(chart.key == .hidden ? "  unset key" : "  set key \(chart.key.rawValue) opaque box")
    axisSettings(chart.x, name: "x", script: &script)
    axisSettings(chart.y, name: "y", script: &script)

    var items: [String] = []
    var plottablePoints = 0
    for series in chart.series {
      let points = series.x.indices.filter { i in
        isPlottable(series.x[i], on: chart.x) && isPlottable(series.y[i], on: chart.y)
      }.count
      plottablePoints += points
      let columns = series.errors == nil ? "x y" : "x y error (bar from y-error to y+error)"
      data.line("# [index \(block)] panel \(gnuplotQuoted(chart.title)), series \(gnuplotQuoted(series.title))")
      data.line("# columns: \(columns); NaN marks a missing value (gnuplot skips it)")
      for i in series.x.indices {
        var fields = [NumberText.data(series.x[i]), NumberText.data(series.y[i])]
        if let errors = series.errors { fields.append(NumberText.data(errors[i])) }
        var line = fields.joined(separator: " ")
        let notes = [("x", series.x[i]), ("y", series.y[i])].compactMap { label, value in
          NumberText.nonFiniteName(value).map { "\(label) was \($0)" }
        }
        if !notes.isEmpty { line += "  # " + notes.joined(separator: ", ") }
        data.line(line)
      }
      data.line("")
      data.line("")
      if points == 0 {
        items.append("keyentry \(with(series)) title \(gnuplotQuoted(series.title + " (no finite values)"))")
      } else {
        let using = series.errors == nil ? "1:2" : "1:2:3"
        items.append("\(dataFile) index \(block) using \(using) \(with(series)) title \(gnuplotQuoted(series.title))")
      }
      block += 1
    }
    for reference in chart.references {
      items.append(
        "\(NumberText.data(reference.y)) with lines dashtype 2 linewidth 1.5 linecolor rgb \"gray40\" "
          + "title \(gnuplotQuoted(reference.title))")
    }
    if plottablePoints == 0 && chart.references.allSatisfy({ !isPlottable($0.y, on: chart.y) }) {
      // gnuplot refuses a plot in which no point is defined: fix the ranges, say why the panel is empty, and
      // draw one invisible line so that the legend entries still show.
      script.line("  set xrange [\(fallbackRange(chart.x))]")
      script.line("  set yrange [\(fallbackRange(chart.y))]")
      script.line("  set label 1 \"no finite values to plot\" at graph 0.5, 0.5 center")
      items.insert("\(fallbackLow(chart.y)) with lines linecolor rgb \"#FFFFFFFF\" notitle", at: 0)
    }
    script.line("  plot " + items.joined(separator: ", \\\n       "))
  }

  private static func with(_ series: Series) -> String {
    switch (series.style, series.errors != nil) {
    case (.linesPoints, false): "with linespoints linewidth 2 pointtype 7 pointsize 0.8"
    case (.lines, false): "with lines linewidth 2"
    case (.points, false): "with points pointtype 7 pointsize 0.8"
    case (.linesPoints, true), (.lines, true): "with yerrorlines linewidth 2 pointtype 7 pointsize 0.8"
    case (.points, true): "with yerrorbars pointtype 7 pointsize 0.8"
    }
  }

  private static func axisSettings(_ axis: Axis, name: String, script: inout ScriptText) {
    if case .log(let base) = axis.scale {
      script.line("  set logscale \(name) \(NumberText.data(base))")
    }
    script.line("  set format \(name) \"%g\"")
    if axis.minimum != nil || axis.maximum != nil {
      let low = axis.minimum.map(NumberText.data) ?? "*"
      let high = axis.maximum.map(NumberText.data) ?? "*"
      script.line("  set \(name)range [\(low):\(high)]")
    }
  }

  private static func isPlottable(_ value: Double, on axis: Axis) -> Bool {
    if case .log = axis.scale { return value.isFinite && value > 0 }
    return value.isFinite
  }

  private static func fallbackLow(_ axis: Axis) -> String {
    if let minimum = axis.minimum, isPlottable(minimum, on: axis) { return NumberText.data(minimum) }
    if case .log = axis.scale { return "1" }
    return "0"
  }

  private static func fallbackRange(_ axis: Axis) -> String {
    let low = fallbackLow(axis)
    if let maximum = axis.maximum, isPlottable(maximum, on: axis), maximum > (Double(low) ?? 0) {
      return "\(low):\(NumberText.data(maximum))"
    }
    if case .log = axis.scale { return "\(low):\(NumberText.data((Double(low) ?? 1) * 10))" }
    return "\(low):\(NumberText.data((Double(low) ?? 0) + 1))"
  }

  // MARK: - Heatmaps

  private static func write(
    _ heatmap: Heatmap, dataFile: String, block: inout Int, script: inout ScriptText, data: inout ScriptText
  ) {
    script.line("  set title \(gnuplotQuoted(heatmap.title))")
    script.line("  set xlabel \(gnuplotQuoted(heatmap.x.label))")
    script.line("  set ylabel \(gnuplotQuoted(heatmap.y.label))")
    script.line("  set cblabel \(gnuplotQuoted(heatmap.colorLabel))")
    script.line("  unset key")
    script.line("  set tics scale 0")
    script.line("  set xrange [-0.5:\(NumberText.data(Double(heatmap.columns.count) - 0.5))]")
    script.line("  set yrange [-0.5:\(NumberText.data(Double(heatmap.rows.count) - 0.5))]")
    script.line("  set xtics (" + ticList(heatmap.columns) + ")")
    script.line("  set ytics (" + ticList(heatmap.rows) + ")")
    let stops = viridis.enumerated().map { "\($0.offset) \"\($0.element)\"" }.joined(separator: ", ")
    script.line("  set palette defined (\(stops))")
    if heatmap.logColor { script.line("  set logscale cb") }
    let range = colorRange(heatmap)
    script.line("  set cbrange [\(NumberText.data(range.lowerBound)):\(NumberText.data(range.upperBound))]")
    script.line("  set format cb \"%g\"")

    data.line("# [index \(block)] heatmap \(gnuplotQuoted(heatmap.title)): one line per cell, one paragraph per row")
    data.line("# columns: column row value label textcolor  (value = values[row][column]; NaN marks a missing value)")
    for (row, values) in heatmap.values.enumerated() {
      for (column, value) in values.enumerated() {
        let label = heatmap.cellLabels?[row][column] ?? NumberText.significant(value, digits: heatmap.digits)
        let color = textColor(for: value, in: range, logarithmic: heatmap.logColor)
        let cleanLabel = label.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ")
        var line = "\(column) \(row) \(NumberText.data(value)) \"\(cleanLabel)\" \(color)"
        if let name = NumberText.nonFiniteName(value) { line += "  # value was \(name)" }
        data.line(line)
      }
      data.line("")
    }
    data.line("")
    script.line("  plot \(dataFile) index \(block) using 1:2:3 with image notitle, \\")
    script.line("       \(dataFile) index \(block) using 1:2:4:5 with labels textcolor rgb variable notitle")
    block += 1
  }

  private static func ticList(_ labels: [String]) -> String {
    labels.enumerated().map { "\(gnuplotQuoted($0.element)) \($0.offset)" }.joined(separator: ", ")
  }

  /// The range the colours span: the smallest and largest drawable values (widened when they coincide).
  static func colorRange(_ heatmap: Heatmap) -> ClosedRange<Double> {
    let drawable = heatmap.values.joined().filter { $0.isFinite && (!heatmap.logColor || $0 > 0) }
    guard let low = drawable.min(), let high = drawable.max() else { return heatmap.logColor ? 1...10 : 0...1 }
    if low < high { return low...high }
    return heatmap.logColor ? (low / 2)...(high * 2) : (low - 0.5)...(high + 0.5)
  }

  /// White text on the dark lower part of the palette, black on the light upper part and on missing cells.
  static func textColor(for value: Double, in range: ClosedRange<Double>, logarithmic: Bool) -> Int {
    let black = 0x000000, white = 0xFFFFFF
    guard value.isFinite, !logarithmic || value > 0 else { return black }
    let position: Double
    if logarithmic {
      position = (log(value) - log(range.lowerBound))
        / (log(range.upperBound) - log(range.lowerBound))
    } else {
      position = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    }
    return position < 0.6 ? white : black
  }

  // MARK: - Checks

  private static func validate(_ figure: Figure) throws {
    func fail(_ problem: String) -> GnuplotError { .invalidFigure(figure: figure.name, problem: problem) }
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    guard !figure.name.isEmpty, !figure.name.hasPrefix("."), figure.name.allSatisfy(allowed.contains) else {
      throw fail("the name must be letters, digits, '-', '_' or '.' (not starting with '.'), to be a file name")
    }
    guard !figure.panels.isEmpty else { throw fail("it has no panels") }
    guard figure.width >= 50, figure.height >= 50, figure.width <= 10_000, figure.height <= 10_000 else {
      throw fail("size \(figure.width)x\(figure.height) is outside 50...10000 pixels")
    }
    for panel in figure.panels {
      switch panel {
      case .chart(let chart):
        if chart.series.isEmpty && chart.references.isEmpty {
          throw fail("panel '\(chart.title)' has no series; add one with chart.add(Series(...))")
        }
        for axis in [chart.x, chart.y] {
          if case .log(let base) = axis.scale, !(base > 1) {
            throw fail("axis '\(axis.label)' has log base \(base); use a base above 1 (2 or 10)")
          }
          if let low = axis.minimum, let high = axis.maximum, !(low < high) {
            throw fail("axis '\(axis.label)' has an empty range \(low)...\(high)")
          }
        }
        for series in chart.series {
          guard series.x.count == series.y.count else {
            throw fail("series '\(series.title)' has \(series.x.count) x values but \(series.y.count) y values")
          }
          if let errors = series.errors, errors.count != series.y.count {
            throw fail("series '\(series.title)' has \(series.y.count) points but \(errors.count) error bars")
          }
        }
      case .heatmap(let heatmap):
        guard !heatmap.rows.isEmpty, !heatmap.columns.isEmpty else {
          throw fail("heatmap '\(heatmap.title)' needs at least one row and one column")
        }
        guard heatmap.values.count == heatmap.rows.count,
          heatmap.values.allSatisfy({ $0.count == heatmap.columns.count })
        else {
          throw fail(
            "heatmap '\(heatmap.title)' has \(heatmap.rows.count) row and \(heatmap.columns.count) column labels, "
              + "so values must be \(heatmap.rows.count) rows of \(heatmap.columns.count)")
        }
        if let labels = heatmap.cellLabels,
          labels.count != heatmap.rows.count || !labels.allSatisfy({ $0.count == heatmap.columns.count })
        {
          throw fail("heatmap '\(heatmap.title)': cellLabels must have the same shape as values")
        }
      }
    }
  }

  /// A title made safe for a one-line `#` comment.
  private static func comment(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: " ")
  }
}

/// Lines of text, joined with newlines.
struct ScriptText: Sendable {
  private(set) var text = ""
  mutating func line(_ line: String) { text += line + "\n" }
}
