import FileSafety
import Foundation
import LabText

/// Writes figures as `<name>.gp` + `<name>.dat` and, when a gnuplot is at hand, draws them to PNG and SVG.
///
/// ```swift
/// let renderer = FigureRenderer(gnuplot: Gnuplot.onPath())    // nil: write the files, draw nothing
/// let written = try renderer.write(figure, to: URL(fileURLWithPath: "plots/my-lesson"))
/// if written.isRendered { print(written.png!.path) }
/// print(try renderer.preview(written) ?? "")                   // the chart as text, for a terminal
/// ```
public struct FigureRenderer: Sendable {
  /// The gnuplot that draws, or nil to write scripts and data only.
  public var gnuplot: Gnuplot?

  /// A renderer that draws with `gnuplot` (nil: scripts and data only).
  public init(gnuplot: Gnuplot?) {
    self.gnuplot = gnuplot
  }

  /// Writes `<name>.gp` and `<name>.dat` into `directory` (created when missing) and, when gnuplot is available,
  /// runs the script there to draw `<name>.png` and `<name>.svg` (older pictures of that name are removed first,
  /// so a picture on disk is always the one of this run).
  /// - Throws: ``GnuplotError/invalidFigure(figure:problem:)`` for a figure that cannot be drawn,
  ///   ``GnuplotError/scriptFailed(status:message:script:)`` when gnuplot reports an error,
  ///   ``GnuplotError/fileFailed(path:reason:)`` when a file cannot be written.
  @discardableResult
  public func write(_ figure: Figure, to directory: URL) throws -> WrittenFigure {
    let text = try FigureScript(figure)
    let script = directory.appendingPathComponent(figure.name + ".gp")
    let data = directory.appendingPathComponent(figure.name + ".dat")
    let png = directory.appendingPathComponent(figure.name + ".png")
    let svg = directory.appendingPathComponent(figure.name + ".svg")
    do {
      try AtomicFile.write(text.data, to: data)
      try AtomicFile.write(text.script, to: script)
    } catch {
      throw GnuplotError.fileFailed(path: error.path, reason: error.reason)
    }
    for picture in [png, svg] where FileManager.default.fileExists(atPath: picture.path) {
      try? FileManager.default.removeItem(at: picture)
    }
    var written = WrittenFigure(
      name: figure.name, title: figure.displayTitle, directory: directory, script: script, data: data,
      png: nil, svg: nil, warnings: "")
    guard let gnuplot else { return written }
    let output: Gnuplot.Output
    do {
      output = try gnuplot.run(
        "formats = \"png svg\"\nload \(gnuplotQuoted(script.lastPathComponent))\n", in: directory,
        name: "\(script.lastPathComponent) in \(directory.path)")
    } catch let error as GnuplotError {
      // A hung gnuplot costs one chart, not the lesson: the warning says so, and the lesson goes on.
      guard case .timedOut = error else { throw error }
      for picture in [png, svg] { try? FileManager.default.removeItem(at: picture) }
      written.warnings = error.description
      return written
    }
    written.warnings = output.warnings
    written.png = FileManager.default.fileExists(atPath: png.path) ? png : nil
    written.svg = FileManager.default.fileExists(atPath: svg.path) ? svg : nil
    return written
  }

  /// The written figure drawn as text (gnuplot's `dumb` terminal, 100 x 32 characters), or nil without gnuplot.
  public func preview(_ written: WrittenFigure) throws -> String? {
    guard let gnuplot else { return nil }
    let output = try gnuplot.run(
      "formats = \"dumb\"\nload \(gnuplotQuoted(written.script.lastPathComponent))\n", in: written.directory,
      name: "\(written.script.lastPathComponent) (text preview) in \(written.directory.path)")
    return output.standardOutput
  }
}

/// The files one figure became. `png` and `svg` are nil when gnuplot was not available.
public struct WrittenFigure: Sendable, Equatable {
  /// The figure's file stem.
  public var name: String
  /// The figure's title (or its only panel's title).
  public var title: String
  /// The folder holding the files.
  public var directory: URL
  /// `<name>.gp`, the script that redraws the figure from its folder.
  public var script: URL
  /// `<name>.dat`, the numbers.
  public var data: URL
  /// `<name>.png`, when drawn.
  public var png: URL?
  /// `<name>.svg`, when drawn.
  public var svg: URL?
  /// What gnuplot warned about while drawing (empty when nothing).
  public var warnings: String

  /// Whether the pictures were drawn.
  public var isRendered: Bool { png != nil }
}
