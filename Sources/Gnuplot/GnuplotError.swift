import Foundation
import LabText

/// Everything that can go wrong between LSTMLab and gnuplot, each case saying what happened, where, and how to fix it.
///
/// The most important case is ``scriptFailed(status:message:script:)``: a piped gnuplot does not stop at an error,
/// it prints the error on stderr, keeps going, and exits with status 1. ``Gnuplot/run(_:in:)`` turns that status
/// into this error and carries gnuplot's own words in `message`.
public enum GnuplotError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No gnuplot executable at the explicit path, or none on `PATH` (`searched` lists where we looked).
  case notFound(searched: [String])
  /// The executable exists but could not be started (permissions, not a program, ...).
  case launchFailed(executable: String, reason: String)
  /// gnuplot ran and reported an error: `message` is what it wrote on stderr, `status` its exit status,
  /// `script` a short name of what was run (for example `loss.gp in plots/lesson`).
  case scriptFailed(status: Int32, message: String, script: String)
  /// A figure cannot be drawn as asked (for example a series with 10 x values and 9 y values).
  case invalidFigure(figure: String, problem: String)
  /// A file could not be written or read.
  case fileFailed(path: String, reason: String)
  /// gnuplot ran longer than `Gnuplot.timeout` on `script` and was stopped.
  case timedOut(seconds: Double, script: String)

  /// The one line a lesson prints when charts were written but not rendered because gnuplot is missing
  /// (`missing`: the explicit path that does not exist, nil when none was found on PATH).
  public static func notRenderedNotice(directory: String, missing: String? = nil) -> String {
    let cause = missing.map { "there is no gnuplot at \($0)" } ?? "gnuplot is not installed"
    return "charts not rendered: \(cause) (apt-get install gnuplot-nox, or brew install gnuplot); "
      + "the .gp and .dat files are in \(directory): run `gnuplot <name>.gp` there to draw them"
  }

  public var description: String {
    switch self {
    case .notFound(let searched):
      let places = searched.isEmpty ? "PATH is empty" : "looked in: " + searched.joined(separator: ", ")
      return "gnuplot not found (\(places)). Install it with `apt-get install gnuplot-nox` (Debian/Ubuntu) or "
        + "`brew install gnuplot` (macOS), or pass the executable's path (--gnuplot PATH)."
    case .launchFailed(let executable, let reason):
      return "could not start gnuplot at \(executable): \(reason). Check that it is an executable program."
    case .scriptFailed(let status, let message, let script):
      let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
      return "gnuplot failed on \(script) (exit status \(status)):\n\(text.isEmpty ? "(no message on stderr)" : text)"
    case .invalidFigure(let figure, let problem):
      return "figure '\(figure)' cannot be drawn: \(problem)"
    case .timedOut(let seconds, let script):
      return "gnuplot did not finish \(script) within \(NumberText.fixed(seconds, decimals: seconds < 10 ? 1 : 0)) s and was "
        + "stopped; this chart is not drawn (its .gp script and .dat data are written: run `gnuplot <name>.gp` there to draw "
        + "it). Set LSTMLAB_GNUPLOT_TIMEOUT=seconds to allow longer."
    case .fileFailed(let path, let reason):
      return "could not write \(path): \(reason). Check that the folder exists and is writable (--output DIR)."
    }
  }
}
