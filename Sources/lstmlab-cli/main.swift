import ArgumentParser
import Foundation
import LabKernels
import LSTMLab

/// The practitioner's command line: one subcommand per job (`lstmlab course`, ...).
struct LSTMLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lstmlab", abstract: "LSTMLab: LSTMs on time series, sequence length and batch size, measured.",
    subcommands: [TrainCommand.self, EvaluateCommand.self, PredictCommand.self, SweepCommand.self, MemoryCommand.self, CourseCommand.self, GradcheckCommand.self])
}

Allocator.keepFreedMemory()
LSTMLabCommand.main()
// What a command printed is buffered: a full disk or a closed pipe (`> /dev/full`) shows only when it is flushed.
// A command whose output was lost has failed, so say so and exit 1 instead of 0.
let failure = lab_flush_standard_output()
if failure != 0 {
  let reason = failure > 0 ? String(cString: strerror(failure)) : "a write failed: is the disk full, or did the reader go away?"
  FileHandle.standardError.write(Data("Error: cannot write to standard output (\(reason)); the output is incomplete.\n".utf8))
  exit(1)
}
