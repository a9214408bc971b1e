/// What can go wrong while a lesson writes its notebook or the course runs its lessons.
public enum NotebookError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A table row with the wrong number of cells.
  case tableShape(table: String, row: Int, cells: Int, columns: Int)
  /// A lesson name that cannot be a folder name.
  case invalidLessonName(String)
  /// A file could not be written or read.
  case fileFailed(path: String, reason: String)
  /// The course found no lessons.
  case noLessons(searched: String)
  /// A lesson asked for with --only does not exist.
  case unknownLesson(name: String, known: [String])
  /// `swift build` for the lesson executables failed.
  case buildFailed(command: String, status: Int32)
  /// A lesson executable is missing after the build.
  case missingExecutable(lesson: String, path: String)

  public var description: String {
    switch self {
    case .tableShape(let table, let row, let cells, let columns):
      return "table '\(table)': row \(row + 1) has \(cells) cells but the table has \(columns) columns"
    case .invalidLessonName(let name):
      return "lesson name '\(name)' must be letters, digits, '-' or '_' (it names the folder <output>/<lesson>)"
    case .fileFailed(let path, let reason):
      return "could not write \(path): \(reason). Check that the folder is writable, or choose another with --output DIR."
    case .noLessons(let searched):
      return "no lessons found in \(searched) (a lesson is a folder lessons/<name>/ holding main.swift)"
    case .unknownLesson(let name, let known):
      return "no lesson named '\(name)' (--only); the lessons are: \(known.joined(separator: ", "))"
    case .buildFailed(let command, let status):
      return "building the lessons failed (`\(command)` exited with status \(status)); fix the build errors above, "
        + "or run the course with --no-build to use the executables already built"
    case .missingExecutable(let lesson, let path):
      return "lesson '\(lesson)' has no executable at \(path). Build it with `swift build -c release`; if the lesson "
        + "folder is new and still missing, SwiftPM's manifest cache may predate it: run "
        + "`swift build -c release --manifest-cache none` once"
    }
  }
}
