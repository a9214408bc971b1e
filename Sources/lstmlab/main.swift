import ArgumentParser
import LSTMLab

/// The practitioner's command line: one subcommand per job (`lstmlab course`, ...).
struct LSTMLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lstmlab", abstract: "LSTMLab: LSTMs on time series, sequence length and batch size, measured.",
    subcommands: [TrainCommand.self, EvaluateCommand.self, PredictCommand.self, SweepCommand.self, MemoryCommand.self, CourseCommand.self, GradcheckCommand.self])
}

Allocator.keepFreedMemory()
LSTMLabCommand.main()
