import Foundation
import Gnuplot

/// How a notebook runs: tiny or full, where it writes, whether and how it draws. Lessons get these from
/// ``LessonOptions`` (their command-line flags); tests build them directly.
public struct NotebookSettings: Sendable, Equatable {
  /// How charts are drawn.
  public enum Rendering: Sendable, Equatable {
    /// With the first gnuplot on PATH (scripts only when there is none).
    case gnuplotOnPath
    /// With the gnuplot at this path (scripts only when it does not exist).
    case gnuplot(path: String)
    /// Scripts and data only (`--no-render`).
    case none
  }

  /// Run a tiny version (CI smoke test).
  public var quick: Bool
  /// Run the study (`--full`); ignored with `quick`.
  public var full: Bool
  /// The tier these settings select.
  public var tier: LessonTier { LessonTier(quick: quick, full: full) }
  /// The folder holding one sub-folder per lesson.
  public var output: URL
  /// How charts are drawn.
  public var rendering: Rendering
  /// Also draw each chart as text on the console.
  public var preview: Bool
  /// Style the console with ANSI colours: nil decides from the terminal (a TTY without NO_COLOR or TERM=dumb).
  public var styled: Bool?
  /// Which replicate this run is (`--replicate N`): 0 runs every seed as written; N > 0 shifts every seed of the
  /// lesson (LabMath's `SeedReplicate`), so the same lesson measures its findings again on other seeds.
  public var replicate: Int

  /// Where replicate `n` of `tier` writes by default: `.build/replicates/<tier>/<n>`, beside neither the gallery nor
  /// the quick runs, so a replicate never overwrites the run it is compared with.
  public static func replicateOutput(tier: LessonTier, replicate n: Int) -> String { ".build/replicates/\(tier)/\(n)" }

  /// The default output folder: `plots` (the gallery) for full runs, `.build/plots-quick` for quick runs, so that
  /// a smoke test never overwrites the gallery.
  public static func defaultOutput(quick: Bool) -> String { quick ? ".build/plots-quick" : "plots" }

  public init(
    quick: Bool = false, output: URL? = nil, rendering: Rendering = .gnuplotOnPath, preview: Bool = false,
    styled: Bool? = nil, full: Bool = false, replicate: Int = 0
  ) {
    self.replicate = replicate
    self.quick = quick
    self.full = full
    self.output = output ?? URL(fileURLWithPath: Self.defaultOutput(quick: quick), isDirectory: true)
    self.rendering = rendering
    self.preview = preview
    self.styled = styled
  }

  /// The gnuplot to draw with, or the one line that says why charts in `directory` are not drawn.
  func gnuplot(directory: URL) -> (Gnuplot?, notice: String?) {
    switch rendering {
    case .none:
      return (nil, "charts not rendered (--no-render): run `gnuplot <name>.gp` in \(directory.path) to draw them")
    case .gnuplotOnPath:
      if let gnuplot = try? Gnuplot() { return (gnuplot, nil) }
      return (nil, GnuplotError.notRenderedNotice(directory: directory.path))
    case .gnuplot(let path):
      if let gnuplot = try? Gnuplot(path: path) { return (gnuplot, nil) }
      return (nil, GnuplotError.notRenderedNotice(directory: directory.path, missing: path))
    }
  }
}
