import ArgumentParser
import LSTMLab

/// The practitioner's command line.
struct LSTMLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lstmlab", abstract: "LSTMLab: LSTMs on time series, sequence length and batch size, measured.",
    subcommands: [MemoryCommand.self])
}

LSTMLabCommand.main()
