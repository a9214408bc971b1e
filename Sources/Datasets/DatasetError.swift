import LabText

/// Everything that can go wrong in the Datasets module, said so that a reader can fix it: what was wrong, where
/// (file and line, or the argument), and what was expected instead.
///
/// Readers throw these instead of returning a partly read data set: a call either returns a whole, checked data set
/// or throws. `description` is the message a lesson or the command line prints, for example
///
///     GunPoint_TRAIN.ts:23: expected 150 values in each channel (@seriesLength 150), found 149 in channel 1
public enum DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No file at `path`. `searched` lists other places tried (empty when the path was given directly).
  case fileNotFound(path: String, searched: [String])
  /// The file exists but could not be read (permissions, a directory, an I/O error).
  case unreadable(path: String, reason: String)
  /// The content of `file` is wrong at `line` (1-based): `found` is what is there, `expected` what should be.
  case malformed(file: String, line: Int, found: String, expected: String)
  /// `Dataset.named` was given a name that is not in the data directory.
  case unknownDataset(name: String, directory: String, available: [String])
  /// No data directory could be found; `searched` lists the places tried in order.
  case dataDirectoryNotFound(searched: [String])
  /// A function argument is out of its domain (`argument` names it, `expected` says the valid range).
  case invalidArgument(argument: String, found: String, expected: String)
  /// Sequences or parts that must agree in shape do not (different lengths in one batch, different feature counts).
  case shapeMismatch(what: String, expected: String, found: String)

  /// The file the error is about, when it is about one.
  public var file: String? {
    switch self {
    case .fileNotFound(let path, _), .unreadable(let path, _): return path
    case .malformed(let file, _, _, _): return file
    default: return nil
    }
  }

  /// The 1-based line the error is about, when it is about one.
  public var line: Int? {
    if case .malformed(_, let line, _, _) = self { return line }
    return nil
  }

  public var description: String {
    switch self {
    case .fileNotFound(let path, let searched):
      let tried = searched.isEmpty ? "" : " (also tried: \(searched.joined(separator: ", ")))"
      return "\(path): no such file\(tried); check the path, or set LSTMLAB_DATA to the folder that holds data/"
    case .unreadable(let path, let reason):
      return "\(path): cannot be read: \(reason)"
    case .malformed(let file, let line, let found, let expected):
      return "\(file):\(line): expected \(expected), found \(found)"
    case .unknownDataset(let name, let directory, let available):
      return "no data set named \"\(name)\" in \(directory); available: \(available.joined(separator: ", ")). "
        + "A data set <Name> is the pair <Name>/<Name>_TRAIN.ts and <Name>/<Name>_TEST.ts (or .tsv)"
    case .dataDirectoryNotFound(let searched):
      return "no LSTMLab data directory found; tried \(searched.joined(separator: ", ")). "
        + "Pass the directory explicitly, set LSTMLAB_DATA, or run from the package root (which holds data/)"
    case .invalidArgument(let argument, let found, let expected):
      return "\(argument): expected \(expected), found \(found)"
    case .shapeMismatch(let what, let expected, let found):
      return "\(what): expected \(expected), found \(found)"
    }
  }
}

/// A token from a file for an error message, shortened and on one line (LabText's `Quoting.forMessage`).
func quoted(_ text: some StringProtocol, limit: Int = 40) -> String { Quoting.forMessage(text, limit: limit) }
