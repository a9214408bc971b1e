import ArgumentParser
import LSTMLab

/// A failure of a command's work (a file that cannot be written, ...): the argument parser prints
/// "Error: <description>" and exits with status 1. Bad flags and values use `ValidationError` instead (status 64,
/// with the usage).
struct CommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Parses a byte size for `flag`, reporting a bad one as the argument parser's validation error (usage included).
func parseSize(_ text: String, flag: String) throws -> ByteSize {
  do { return try ByteSize(parsing: text, flag: flag) } catch { throw ValidationError(error.description) }
}
