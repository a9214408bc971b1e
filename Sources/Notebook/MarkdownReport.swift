import Gnuplot
import LabText

/// A notebook's cells as one Markdown document: narrative as written, experiments as headings with their settings
/// in a code block, tables as Markdown tables, charts as embedded PNGs with links to their SVG, data and script,
/// findings as quotes. Every link is relative to the lesson folder and points at a file the run wrote.
struct MarkdownReport: Sendable {
  let text: String

  init(
    lesson: String, title: String, tier: LessonTier, cells: [NotebookCell], seconds: Double, resumed: String? = nil,
    notRendered: Bool, linksLessonReadme: Bool
  ) {
    var lines = ["# \(title)", ""]
    let command = "swift run -c release \(lesson)" + (tier.flag.isEmpty ? "" : " " + tier.flag)
    let guide =
      linksLessonReadme
      ? "the lesson's [README](../../lessons/\(lesson)/README.md)" : "the lesson's README in lessons/\(lesson)/"
    lines.append(
      "*Written by `\(command)` in \(NumberText.fixed(seconds, decimals: 1)) s"
        + (resumed.map { " (\($0), whose time is not in this figure)" } ?? "") + ". Every number below was measured in "
        + "that run; run it again to reproduce it, or turn a flag to explore (\(guide) lists the flags and "
        + "exercises).*")
    switch tier {
    case .quick:
      lines.append("")
      lines.append("> **Quick run:** tiny sizes that show the code works; the numbers do not show the effect.")
    case .classroom:
      lines.append("")
      lines.append(
        "> **Class tier:** the sizes a class runs in minutes. The study behind the committed gallery is `--full`; "
          + "where this budget cannot resolve an effect, the finding says so.")
    case .full:
      lines.append("")
      lines.append("> **Full study** (`--full`): the sizes behind the committed gallery.")
    }
    if notRendered {
      lines.append("")
      lines.append(
        "> **Charts not drawn:** gnuplot was not available. Install it (`apt-get install gnuplot-nox` or "
          + "`brew install gnuplot`) and run `gnuplot <name>.gp` in this folder, or run the lesson again.")
    }
    lines.append("")
    for cell in cells {
      switch cell {
      case .markdown(let text):
        lines.append(text)
      case .experiment(let title, let details):
        lines.append("## Experiment: \(title)")
        if let details {
          lines.append("")
          lines.append("```")
          lines.append(details)
          lines.append("```")
        }
      case .table(let table):
        lines += Self.markdown(table)
      case .chart(let figure, let caption):
        lines += Self.markdown(figure, caption: caption)
      case .finding(let text):
        lines.append("> **Finding.** \(text)")
      }
      lines.append("")
    }
    text = lines.joined(separator: "\n")
  }

  static func markdown(_ table: Table) -> [String] {
    ["**\(table.title)**", ""] + table.textTable.markdownLines
  }

  static func markdown(_ figure: WrittenFigure, caption: String) -> [String] {
    var links: [String] = []
    if let svg = figure.svg { links.append("[SVG](\(svg.lastPathComponent))") }
    links.append("[data](\(figure.data.lastPathComponent))")
    links.append("[gnuplot script](\(figure.script.lastPathComponent))")
    if let png = figure.png {
      return ["![\(caption)](\(png.lastPathComponent))", "", "*\(caption)* (" + links.joined(separator: " · ") + ")"]
    }
    return [
      "*\(caption)*: not drawn (gnuplot was not available); run `gnuplot \(figure.script.lastPathComponent)` in "
        + "this folder (" + links.joined(separator: " · ") + ")"
    ]
  }
}
