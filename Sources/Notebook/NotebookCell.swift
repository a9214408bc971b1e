import Gnuplot

/// One step of a lesson's story, in the order the lesson ran it.
public enum NotebookCell: Sendable, Equatable {
  /// Narrative in Markdown (headings, paragraphs, lists, formulas in `code`).
  case markdown(String)
  /// The heading of an experiment and, optionally, its settings shown as a code block (`T = 16...256, B = 32`).
  case experiment(title: String, details: String?)
  /// A table of results.
  case table(Table)
  /// A chart: the files it became and its caption.
  case chart(WrittenFigure, caption: String)
  /// A finding: a sentence stating what this run measured, with the numbers it measured.
  case finding(String)
}
