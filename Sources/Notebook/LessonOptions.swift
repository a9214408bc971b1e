import ArgumentParser
import Foundation

/// The flags every lesson shares. A lesson includes them with `@OptionGroup var options: LessonOptions` and adds its
/// own knobs beside them, so `lstmlab course` can run every lesson the same way.
///
/// ```
/// --quick            run a tiny version in seconds (CI smoke test); numbers then show the code runs, not the effect
/// --full             run the study (the committed gallery's tier) instead of the class tier
/// --output DIR       write <DIR>/<lesson>/ (default: plots, or .build/plots-quick with --quick)
/// --no-render        write the .gp and .dat files but do not run gnuplot
/// --preview          also draw every chart as text in the terminal
/// --gnuplot PATH     the gnuplot executable to use (default: the first on PATH)
/// --replicate N      re-run with the N-th other set of seeds (default 0: the seeds as written), writing
///                    .build/replicates/<tier>/<N>/<lesson>/ unless --output says otherwise
/// ```
public struct LessonOptions: ParsableArguments, Sendable {
  @Flag(help: "Run a tiny version in seconds (CI smoke test); its numbers show that the code runs, not the effect.")
  public var quick = false

  @Flag(help: "Run the study behind the committed gallery (larger grids, more seeds) instead of the class tier.")
  public var full = false

  @Option(help: "Folder for the report and charts; the lesson writes <output>/<lesson>/ (default: plots, or .build/plots-quick with --quick).")
  public var output: String?

  @Flag(name: .customLong("no-render"), help: "Write each chart's .gp and .dat files but do not run gnuplot.")
  public var noRender = false

  @Flag(help: "Also draw every chart as text in the terminal (gnuplot's dumb terminal).")
  public var preview = false

  @Option(help: ArgumentHelp("The gnuplot executable to use (default: the first gnuplot on PATH).", valueName: "path"))
  public var gnuplot: String?

  @Option(help: ArgumentHelp(
    "Re-run with the N-th other set of seeds (0, the default: the seeds as written); writes .build/replicates/<tier>/<N>/ unless --output is given.",
    valueName: "N"))
  public var replicate = 0

  public init() {}

  public mutating func validate() throws {
    guard replicate >= 0 else { throw ValidationError("--replicate must be 0 or more (0: the seeds as written)") }
  }

  /// The settings these flags ask for.
  public var settings: NotebookSettings {
    let tier = LessonTier(quick: quick, full: full)
    let folder =
      output
      ?? (replicate > 0
        ? NotebookSettings.replicateOutput(tier: tier, replicate: replicate) : NotebookSettings.defaultOutput(quick: quick))
    let rendering: NotebookSettings.Rendering = noRender ? .none : gnuplot.map { .gnuplot(path: $0) } ?? .gnuplotOnPath
    return NotebookSettings(
      quick: quick, output: URL(fileURLWithPath: folder, isDirectory: true), rendering: rendering, preview: preview,
      full: full, replicate: replicate)
  }
}

extension LessonOptions {
  /// These flags as a lesson's command line, with the output folder made absolute (the course passes them on).
  public func arguments() -> [String] {
    var arguments: [String] = []
    if quick { arguments.append("--quick") }
    if full { arguments.append("--full") }
    arguments += ["--output", settings.output.standardizedFileURL.path]
    if noRender { arguments.append("--no-render") }
    if preview { arguments.append("--preview") }
    if let gnuplot { arguments += ["--gnuplot", gnuplot] }
    if replicate != 0 { arguments += ["--replicate", String(replicate)] }
    return arguments
  }
}
