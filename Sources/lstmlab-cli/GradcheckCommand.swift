import ArgumentParser
import LSTMLab

/// `lstmlab gradcheck`: checks the backward pass of the plain-Swift reference cells (Recurrent/Reference) against
/// finite differences, tensor by tensor: the entry point of the cell exercises.
struct GradcheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradcheck",
    abstract: "Check a reference cell's backward pass against finite differences, tensor by tensor.",
    discussion: """
      Runs the cell for a few steps over a small random batch, in Double, with the loss L = sum_t sum R_t * h_t for a \
      fixed random R, and compares every entry of every gradient the backward pass returns (the parameters, the \
      input x and the initial state) with the five-point central difference of L. A tensor passes when its largest \
      error |backward - numeric| / max(|backward|, |numeric|, 1e-4) is at most the tolerance; a correct backward pass \
      scores about 1e-8 or less. Exits with status 1 when a tensor fails.

      The cells are in Sources/Recurrent/Reference: lstm (ReferenceLSTM.swift), rnn (ReferenceRNN.swift) and the \
      worked exercise peephole (PeepholeLSTM.swift; its README says how to write and check your own cell).

      Examples:
        lstmlab gradcheck
        lstmlab gradcheck --cell peephole --steps 6 --hidden 5
      """)

  /// The cells the command knows.
  enum Cell: String, CaseIterable, ExpressibleByArgument {
    case lstm, rnn, peephole, all
  }

  @Option(help: "The cell to check: \(Cell.allCases.map(\.rawValue).joined(separator: ", ")).")
  var cell: Cell = .all

  @Option(name: [.customLong("steps"), .customShort("T")], help: "Time steps, T.")
  var steps: Int = 4

  @Option(name: [.long, .customShort("B")], help: "Sequences in the batch, B.")
  var batch: Int = 3

  @Option(name: [.long, .customShort("F")], help: "Input features, F.")
  var features: Int = 3

  @Option(name: [.long, .customShort("H")], help: "Hidden units, H.")
  var hidden: Int = 4

  @Option(help: "Seed of the weights, the data and the loss weighting.")
  var seed: UInt64 = 1

  @Option(help: "Largest relative error a tensor may show.")
  var tolerance: Double = 1e-6

  func validate() throws {
    for (flag, value) in [("--steps", steps), ("--batch", batch), ("--features", features), ("--hidden", hidden)] {
      guard value >= 1 else { throw ValidationError("\(flag) must be at least 1, not \(value).") }
    }
    guard steps * batch * max(features, hidden) <= 10_000 else {
      throw ValidationError("--steps x --batch x max(--features, --hidden) is \(steps * batch * max(features, hidden)); "
        + "keep it at most 10000 (every entry costs four forward passes).")
    }
    guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance must be positive, not \(tolerance).") }
  }

  func run() throws {
    let cells: [Cell] = cell == .all ? [.lstm, .rnn, .peephole] : [cell]
    var failed: [String] = []
    for (index, name) in cells.enumerated() {
      let report: GradientCheckReport
      switch name {
      case .lstm: report = try check(ReferenceLSTM<Double>.self)
      case .rnn: report = try check(ReferenceRNN<Double>.self)
      case .peephole, .all: report = try check(PeepholeLSTM<Double>.self)
      }
      if index > 0 { print("") }
      print(render(report, name: name.rawValue))
      failed += report.failedTensors.map { "\(name.rawValue): \($0)" }
    }
    if !failed.isEmpty {
      throw CommandError("the backward pass disagrees with finite differences in \(failed.joined(separator: ", ")).")
    }
  }

  func check<C: ReferenceCell>(_: C.Type) throws -> GradientCheckReport where C.Scalar == Double {
    var rng = SeededGenerator(seed: seed)
    let cell = C(inputSize: features, hiddenSize: hidden, using: &rng)
    return try gradientCheck(cell: cell, steps: steps, batchSize: batch, seed: seed &+ 1, tolerance: tolerance)
  }

  func render(_ report: GradientCheckReport, name: String) -> String {
    var table = TextTable(["tensor", "shape", "max rel. error", "entry", "backward", "finite diff.", "result"])
    for t in report.tensors {
      table.append([
        t.name, "\(t.rows)x\(t.columns)", NumberText.significant(t.maxRelativeError, digits: 2), "\(t.worstIndex)",
        NumberText.significant(t.backward, digits: 6), NumberText.significant(t.numeric, digits: 6),
        t.passed ? "pass" : "FAIL",
      ])
    }
    return "\(name) (\(report.cell)), T=\(steps) B=\(batch) F=\(features) H=\(hidden), tolerance "
      + "\(NumberText.significant(tolerance, digits: 2)): \(report.passed ? "pass" : "FAIL")\n" + table.plainText
  }
}
