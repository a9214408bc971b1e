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
  /// Colour-blind friendly stops of the viridis palette (dark violet to yellow), for heatmap cells (never lines).
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
    let colors = Self.seriesColors(figure)
    let colorRanges = Self.sharedColorRanges(figure)
    let colorBoxes = Self.colorBoxPanels(figure)
    let panelSize = (Double(figure.width) / Double(figure.columns), Double(figure.height) / Double(figure.rows))
    for (number, panel) in figure.panels.enumerated() {
      script.line("  # Panel \(number + 1): \(Self.comment(panel.title))")
      script.line("  reset")
      switch panel {
      case .chart(let chart):
        Self.write(
          chart, colors: colors, panelSize: panelSize, dataFile: dataFile, block: &block, script: &script, data: &data)
      case .heatmap(let heatmap):
        Self.write(
          heatmap, range: colorRanges[number] ?? Self.colorRange(heatmap), colorBox: colorBoxes.contains(number),
          dataFile: dataFile, block: &block, script: &script, data: &data)
      }
    }
    if multiplot { script.line("  unset multiplot") }
    script.line("  unset output")
    script.line("}")
    self.script = script.text
    self.data = data.text
  }

  // MARK: - Charts

  /// The line colours, in order: Okabe & Ito's colour-blind-safe palette without its yellow (invisible as a line on
  /// white): blue, vermillion, bluish green, reddish purple, sky blue, orange, black; then Paul Tol's wine, teal
  /// and indigo. A figure with more titles than colours starts the list again with dashed lines.
  static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#882255", "#44AA99", "#332288",
  ]

  /// The dash pattern and colour of each kind of reference line; data lines are solid and coloured.
  static func referenceStyle(_ kind: Chart.ReferenceKind) -> String {
    switch kind {
    case .chance: "dashtype (10,6) linecolor rgb \"#404040\""
    case .bound: "dashtype (2,5) linecolor rgb \"#606060\""
    case .fitted: "dashtype (14,5,3,5) linecolor rgb \"#202020\""
    case .level: "dashtype (5,5) linecolor rgb \"#707070\""
    }
  }

  /// The colour of every data series title in the figure: the first title seen gets the first colour, and the same
  /// title keeps its colour in every panel, so a colour means one thing across the figure. Past the palette's
  /// length the colours repeat with a dashed line (`dashtype 2`).
  static func seriesColors(_ figure: Figure) -> [String: String] {
    var colors: [String: String] = [:]
    for case .chart(let chart) in figure.panels {
      for series in chart.series where colors[series.title] == nil {
        if case .reference = series.style { continue }
        let color = "\"\(palette[colors.count % palette.count])\""
        colors[series.title] = colors.count < palette.count ? color : color + " dashtype 2"
      }
    }
    return colors
  }

  private static func write(
    _ chart: Chart, colors: [String: String], panelSize: (width: Double, height: Double), dataFile: String,
    block: inout Int, script: inout ScriptText, data: inout ScriptText
  ) {
    script.line("  set title \(gnuplotQuoted(chart.title))")
    script.line("  set xlabel \(gnuplotQuoted(chart.x.label))")
    script.line("  set ylabel \(gnuplotQuoted(chart.y.label))")
    script.line("  set grid")
    let ranges = fittedRanges(chart)
    var key = chart.key
    if key == .automatic {
      key = keyPosition(for: chart, panelWidth: panelSize.width, panelHeight: panelSize.height)
    }
    script.line(key == .hidden ? "  unset key" : "  set key \(key.rawValue) opaque box")
    if key == .below {
      // Room under the plot for the tic labels, the axis label and one line per entry (gnuplot's automatic margin
      // lets a tall key overlap the axis label).
      script.line("  set bmargin \(chart.series.filter(\.inKey).count + chart.references.count + 4)")
    }
    axisSettings(chart.x, name: "x", range: ranges.x, script: &script)
    if let tics = gridTics(chart) {
      script.line("  set xtics (" + tics.map { NumberText.data($0) }.joined(separator: ", ") + ")")
    }
    axisSettings(chart.y, name: "y", range: ranges.y, script: &script)

    var items: [String] = []
    var plottablePoints = 0
    for series in chart.series {
      let points = series.x.indices.filter { i in
        isPlottable(series.x[i], on: chart.x) && isPlottable(series.y[i], on: chart.y)
      }.count
      plottablePoints += points
      let columns = series.hasBars ? "x y low high (bar from low to high, clipped to the axis)" : "x y"
      data.line("# [index \(block)] panel \(gnuplotQuoted(chart.title)), series \(gnuplotQuoted(series.title))")
      data.line("# columns: \(columns); NaN marks a missing value (gnuplot skips it, leaving a gap)")
      for i in series.x.indices {
        var fields = [NumberText.data(series.x[i]), NumberText.data(series.y[i])]
        if let bar = series.bar(i) {
          let clipped = clip(bar, to: chart.y)
          fields += [NumberText.data(clipped.low), NumberText.data(clipped.high)]
        }
        var line = fields.joined(separator: " ")
        let notes = [("x", series.x[i]), ("y", series.y[i])].compactMap { label, value in
          NumberText.nonFiniteName(value).map { "\(label) was \($0)" }
        }
        if !notes.isEmpty { line += "  # " + notes.joined(separator: ", ") }
        data.line(line)
      }
      data.line("")
      data.line("")
      let color = colors[series.title].map { "linecolor rgb \($0)" } ?? ""
      let drawing = with(series, points: points, color: color)
      if points == 0 {
        items.append("keyentry \(drawing) title \(gnuplotQuoted(series.title + " (no finite values)"))")
      } else {
        let using = series.hasBars ? "1:2:3:4" : "1:2"
        let title = series.inKey ? "title \(gnuplotQuoted(series.title))" : "notitle"
        items.append("\(dataFile) index \(block) using \(using) \(drawing) \(title)")
        if case .steps = series.style {
          items.append("\(dataFile) index \(block) using 1:2 with points pointtype 7 pointsize 0.8 \(color) notitle")
        }
      }
      block += 1
    }
    for reference in chart.references {
      items.append(
        "\(NumberText.data(reference.y)) with lines linewidth 1.5 \(referenceStyle(reference.kind)) "
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

  private static func with(_ series: Series, points: Int, color: String) -> String {
    let marked = "pointtype 7 pointsize 0.8 \(color)"
    // A scatter's points are open circles, a little larger than a line's dots, so a measured point that coincides
    // with a curve's point (measured = formula) still shows around it.
    let scattered = "pointtype 6 pointsize 1.3 linewidth 1.5 \(color)"
    switch (series.style, series.hasBars) {
    case (.reference(let kind), _): return "with lines linewidth 1.5 \(referenceStyle(kind))"
    case (.steps, _): return "with steps linewidth 2 \(color)"
    case (.points, false): return "with points \(scattered)"
    case (.points, true): return "with yerrorbars \(scattered)"
    case (.lines, false) where points > Series.markedPointLimit: return "with lines linewidth 2 \(color)"
    case (.lines, false), (.linesPoints, false): return "with linespoints linewidth 2 \(marked)"
    case (.linesPoints, true), (.lines, true): return "with yerrorlines linewidth 2 \(marked)"
    }
  }

  /// An error bar cut to the axis's fixed range and its limits (and to positive values on a log axis).
  static func clip(_ bar: (low: Double, high: Double), to axis: Axis) -> (low: Double, high: Double) {
    var (low, high) = bar
    if let minimum = axis.minimum { low = max(low, minimum) }
    if let maximum = axis.maximum { high = min(high, maximum) }
    if let limits = axis.limits { (low, high) = (max(low, limits.lowerBound), min(high, limits.upperBound)) }
    if case .log = axis.scale, !(low > 0) { low = high > 0 ? .nan : low }
    return (low, high)
  }

  /// The ranges of the axes: a fixed end where the axis has one, else the data (points, error bars and, for y,
  /// the reference lines) widened by 4% of the span (of the logarithms on a log axis). gnuplot's own autoscale
  /// rounds a log axis out to the next power of the base, far past the data (data <= 380 drawn up to 4096).
  static func fittedRanges(_ chart: Chart) -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
    var xs: [Double] = [], ys: [Double] = []
    for series in chart.series {
      for i in series.x.indices where series.x[i].isFinite && series.y[i].isFinite {
        xs.append(series.x[i])
        ys.append(series.y[i])
        if let bar = series.bar(i) {
          let clipped = clip(bar, to: chart.y)
          ys += [clipped.low, clipped.high]
        }
      }
    }
    ys += chart.references.map(\.y)
    return (fittedRange(chart.x, values: xs), fittedRange(chart.y, values: ys))
  }

  /// See ``fittedRanges(_:)``; nil when the axis has no drawable value and no fixed end.
  static func fittedRange(_ axis: Axis, values: [Double]) -> ClosedRange<Double>? {
    let drawable = values.filter { isPlottable($0, on: axis) }
    let logarithmic: Bool = { if case .log = axis.scale { return true } else { return false } }()
    func forward(_ v: Double) -> Double { logarithmic ? Foundation.log(v) : v }
    func back(_ v: Double) -> Double { logarithmic ? Foundation.exp(v) : v }
    guard var low = drawable.min().map(forward), var high = drawable.max().map(forward) else {
      if let minimum = axis.minimum, let maximum = axis.maximum { return minimum...maximum }
      return nil
    }
    if let minimum = axis.minimum, isPlottable(minimum, on: axis) { low = min(low, forward(minimum)) }
    if let maximum = axis.maximum, isPlottable(maximum, on: axis) { high = max(high, forward(maximum)) }
    let span = high - low
    let pad = span > 0 ? 0.04 * span : (logarithmic ? Foundation.log(2.0) : max(0.5, 0.1 * abs(low)))
    var lower = back(low - pad), upper = back(high + pad)
    if let minimum = axis.minimum { lower = minimum }
    if let maximum = axis.maximum { upper = maximum }
    return lower < upper ? lower...upper : nil
  }

  /// The corner of the plot area whose legend box covers the fewest drawn points, counting the points, samples
  /// along the lines between them, the error bars and the reference lines, placed with the fitted ranges. A corner
  /// with nothing under it wins (top right, then top left, bottom right, bottom left); when every corner covers
  /// data the legend goes outside: right of the plot when it is narrow (under 35% of the plot's width), else below.
  ///
  /// The box's size is estimated from the entries (17 pixels a line, 8 a character, 80 for the sample line and
  /// margins) and the panel's size in pixels (the plot area taken as 78% of the panel's width and 75% of its height).
  static func keyPosition(for chart: Chart, panelWidth: Double, panelHeight: Double) -> Chart.KeyPosition {
    let ranges = fittedRanges(chart)
    guard let xRange = ranges.x, let yRange = ranges.y else { return .topRight }
    func position(_ v: Double, _ axis: Axis, _ range: ClosedRange<Double>) -> Double {
      if case .log = axis.scale {
        return (Foundation.log(v) - Foundation.log(range.lowerBound))
          / (Foundation.log(range.upperBound) - Foundation.log(range.lowerBound))
      }
      return (v - range.lowerBound) / (range.upperBound - range.lowerBound)
    }
    var samples: [(Double, Double)] = []
    for series in chart.series {
      var previous: (Double, Double)?
      for i in series.x.indices {
        guard isPlottable(series.x[i], on: chart.x), isPlottable(series.y[i], on: chart.y) else {
          previous = nil
          continue
        }
        let point = (position(series.x[i], chart.x, xRange), position(series.y[i], chart.y, yRange))
        samples.append(point)
        if let bar = series.bar(i) {
          let clipped = clip(bar, to: chart.y)
          for end in [clipped.low, clipped.high] where isPlottable(end, on: chart.y) {
            let y = position(end, chart.y, yRange)
            samples += (0...8).map { (point.0, point.1 + (y - point.1) * Double($0) / 8) }
          }
        }
        if let previous, series.style != .points {
          samples += (1..<16).map { k in
            let f = Double(k) / 16
            return (previous.0 + (point.0 - previous.0) * f, previous.1 + (point.1 - previous.1) * f)
          }
        }
        previous = point
      }
    }
    for reference in chart.references where isPlottable(reference.y, on: chart.y) {
      let y = position(reference.y, chart.y, yRange)
      samples += (0...40).map { (Double($0) / 40, y) }
    }
    let keyed = chart.series.filter(\.inKey)
    let entries = Double(keyed.count + chart.references.count)
    let longest = Double((keyed.map(\.title) + chart.references.map(\.title)).map(\.count).max() ?? 0)
    let width = min(1, (longest * 8 + 80) / (0.78 * panelWidth)), height = min(1, (entries * 17 + 14) / (0.75 * panelHeight))
    let corners: [(Chart.KeyPosition, ClosedRange<Double>, ClosedRange<Double>)] = [
      (.topRight, (1 - width)...1, (1 - height)...1), (.topLeft, 0...width, (1 - height)...1),
      (.bottomRight, (1 - width)...1, 0...height), (.bottomLeft, 0...width, 0...height),
    ]
    for (corner, xs, ys) in corners where !samples.contains(where: { xs.contains($0.0) && ys.contains($0.1) }) {
      return corner
    }
    return width < 0.35 ? .outside : .below
  }

  /// On a log x axis, tics at the measured x values when they are a small grid of whole numbers (T = 10, 20, 40;
  /// B = 4, 16, 64), so every measured setting is labelled; nil otherwise.
  static func gridTics(_ chart: Chart) -> [Double]? {
    guard case .log = chart.x.scale else { return nil }
    let xs = Set(chart.series.flatMap { series in
      series.x.indices.filter { series.x[$0] > 0 && series.y[$0].isFinite }.map { series.x[$0] }
    })
    guard (2...10).contains(xs.count), xs.allSatisfy({ $0 == $0.rounded() && $0 < 1e6 }) else { return nil }
    return xs.sorted()
  }

  /// Tics for a base-10 log axis that spans too little for its powers of ten to label it (fewer than three inside
  /// the range): the first of 1, 2 and 5 times the powers of ten, then 1, 2, 3, 5, then every whole multiple 1 ... 9,
  /// then 1, 1.5, 2, 2.5, 3, 4, ... 9, that puts at least three tics inside the range (an axis spanning 1400 to 3300
  /// gets 1500, 2000, 2500, 3000). nil for other axes (gnuplot's own tics serve).
  static func logTics(_ axis: Axis, range: ClosedRange<Double>) -> [Double]? {
    guard case .log(let base) = axis.scale, base == 10, range.lowerBound > 0 else { return nil }
    let low = Int(Foundation.log10(range.lowerBound).rounded(.down)), high = Int(Foundation.log10(range.upperBound).rounded(.up))
    let powers = (low...high).map { Foundation.pow(10, Double($0)) }.filter(range.contains)
    guard powers.count < 3 else { return nil }
    var best: [Double] = []
    for mantissas in [[1.0, 2, 5], [1.0, 2, 3, 5], [1.0, 2, 3, 4, 5, 6, 7, 8, 9], [1.0, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]] {
      let tics = (low...high).flatMap { k in mantissas.map { $0 * Foundation.pow(10, Double(k)) } }.filter(range.contains)
      if tics.count > best.count { best = tics }
      if best.count >= 3 { break }
    }
    return best.count >= 2 ? best : nil
  }

  private static func axisSettings(_ axis: Axis, name: String, range: ClosedRange<Double>?, script: inout ScriptText) {
    if case .log(let base) = axis.scale {
      script.line("  set logscale \(name) \(NumberText.data(base))")
    }
    script.line("  set format \(name) \"%g\"")
    if let range {
      script.line("  set \(name)range [\(NumberText.data(range.lowerBound)):\(NumberText.data(range.upperBound))]")
      if let tics = logTics(axis, range: range) {
        script.line("  set \(name)tics (" + tics.map { NumberText.data($0) }.joined(separator: ", ") + ")")
      }
    } else if axis.minimum != nil || axis.maximum != nil {
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
    _ heatmap: Heatmap, range: ClosedRange<Double>, colorBox: Bool, dataFile: String, block: inout Int,
    script: inout ScriptText, data: inout ScriptText
  ) {
    script.line("  set title \(gnuplotQuoted(heatmap.title))")
    script.line("  set xlabel \(gnuplotQuoted(heatmap.x.label))")
    script.line("  set ylabel \(gnuplotQuoted(heatmap.y.label))")
    if colorBox {
      script.line("  set cblabel \(gnuplotQuoted(heatmap.colorLabel))")
      // gnuplot's automatic right margin leaves out the colour box's tic labels and title, which the image's edge
      // then clips: room for the box, tics like "-0.035" and the rotated title.
      script.line("  set rmargin 15")
    } else {
      script.line("  unset colorbox  # the same scale as the colour box of a later panel")
      script.line("  set rmargin -1")
    }
    script.line("  unset key")
    script.line("  set tics scale 0")
    script.line("  set xrange [-0.5:\(NumberText.data(Double(heatmap.columns.count) - 0.5))]")
    script.line("  set yrange [-0.5:\(NumberText.data(Double(heatmap.rows.count) - 0.5))]")
    script.line("  set xtics (" + ticList(heatmap.columns) + ")")
    script.line("  set ytics (" + ticList(heatmap.rows) + ")")
    let stops = viridis.enumerated().map { "\($0.offset) \"\($0.element)\"" }.joined(separator: ", ")
    script.line("  set palette defined (\(stops))")
    if heatmap.logColor { script.line("  set logscale cb") }
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

  /// The colour range of each heatmap panel (by panel number): the heatmaps of the figure that share a colour
  /// label and log setting, and did not ask for their own scale, share the union of their ranges.
  static func sharedColorRanges(_ figure: Figure) -> [Int: ClosedRange<Double>] {
    var groups: [String: [(Int, Heatmap)]] = [:]
    for (number, panel) in figure.panels.enumerated() {
      guard case .heatmap(let heatmap) = panel else { continue }
      groups[colorGroup(heatmap, panel: number), default: []].append((number, heatmap))
    }
    var ranges: [Int: ClosedRange<Double>] = [:]
    for members in groups.values {
      var merged = members[0].1
      merged.values = members.flatMap(\.1.values)
      let range = colorRange(merged)
      for (number, _) in members { ranges[number] = range }
    }
    return ranges
  }

  /// Heatmaps with the same key share a colour scale: the same colour label and log setting, unless a panel asked for
  /// its own scale.
  static func colorGroup(_ heatmap: Heatmap, panel number: Int) -> String {
    heatmap.ownColorScale ? "own \(number)" : "\(heatmap.logColor) \(heatmap.colorLabel)"
  }

  /// The heatmap panels that draw a colour box: of the panels that share a colour scale (``sharedColorRanges(_:)``)
  /// only the last one, so one bar explains them all and no bar's label crowds the next panel's axis label.
  static func colorBoxPanels(_ figure: Figure) -> Set<Int> {
    var last: [String: Int] = [:]
    for (number, panel) in figure.panels.enumerated() {
      guard case .heatmap(let heatmap) = panel else { continue }
      last[colorGroup(heatmap, panel: number)] = number
    }
    return Set(last.values)
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
