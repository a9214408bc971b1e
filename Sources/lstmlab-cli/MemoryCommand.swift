import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab memory`: the bytes one training step of an LSTM classifier needs, for each BPTT mode, and the largest
/// batch that fits a budget.
struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "Memory of one LSTM training step: parameters, optimiser state, BPTT activations; largest batch that fits.",
    discussion: """
      Prints, for full, truncated and checkpointed backpropagation through time, the bytes of the parameters, their \
      gradients, the optimiser's state, the BPTT tape (activations kept for the backward pass) and the backward pass's \
      workspace; with --budget, whether the step fits and the largest batch that does.

      One layer's tape over T steps holds T*B*(F + 7H) + 2*B*H numbers; truncated BPTT keeps one window of k steps; \
      checkpointed BPTT keeps the inputs and (h, c) every k steps plus one replayed segment of k steps.

      Examples:
        lstmlab memory --seq-len 200 --batch 16 --features 5 --hidden 64 \\
          --budget 16GiB
        # two layers on an 80 GB accelerator, checkpoints every 70 steps
        lstmlab memory --seq-len 5000 --batch 64 --hidden 256 --layers 2 \\
          --budget 80GB --segment 70
        # plain SGD in double precision, exact byte counts
        lstmlab memory -T 1000 -B 32 -F 3 -H 128 --optimizer sgd \\
          --precision float64 --exact
      """)

  @Option(name: [.customLong("seq-len"), .customShort("T")], help: "Steps per sequence, T.")
  var steps: Int

  @Option(name: [.long, .customShort("B")], help: "Sequences per batch, B.")
  var batch: Int

  @Option(name: [.long, .customShort("F")], help: "Features per step, F.")
  var features: Int = 1

  @Option(name: [.long, .customShort("H")], help: "Hidden units per layer, H.")
  var hidden: Int

  @Option(help: "Stacked LSTM layers.")
  var layers: Int = 1

  @Option(help: "Classes of the output layer.")
  var classes: Int = 2

  @Option(help: "Number format of parameters and activations.")
  var precision: PrecisionChoice = .float32

  @Option(help: "Optimiser (sets the state kept per parameter).")
  var optimizer: OptimizerChoice = .adam

  @Option(help: "SGD momentum (a velocity per parameter when > 0).")
  var momentum: Double = 0

  @Option(help: "Truncated BPTT window k (default: ceil(sqrt(T))).")
  var window: Int?

  @Option(help: "Checkpointed BPTT segment k (default: ceil(sqrt(T)), which minimises memory).")
  var segment: Int?

  @Option(
    help: ArgumentHelp("Memory budget, e.g. 16GiB, 80GB, 512MiB.", valueName: "size"),
    transform: { try parseSize($0, flag: "--budget") })
  var budget: ByteSize?

  @Flag(help: "Print exact byte counts instead of KiB/MiB/GiB.")
  var exact = false

  func calculator() throws -> MemoryCalculator {
    for (flag, value) in [("--window", window), ("--segment", segment)] {
      if let value, value < 1 { throw ValidationError("\(flag) must be at least 1, not \(value).") }
    }
    guard momentum >= 0, momentum < 1 else { throw ValidationError("--momentum must be in [0, 1), not \(momentum).") }
    do {
      return try MemoryCalculator(
        steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, layers: layers, classes: classes,
        bytesPerScalar: precision.bytes, optimizerSlots: optimizer.stateSlots(momentum: momentum))
    } catch {
      let flag = ["steps": "--seq-len", "batch size": "--batch", "input size": "--features", "hidden size": "--hidden",
                  "layers": "--layers", "classes": "--classes"][error.name] ?? error.name
      throw ValidationError("\(flag) must be at least 1, not \(error.value).")
    }
  }

  func validate() throws {
    let calculator = try calculator()
    // Sizes are computed with saturating arithmetic: a total of Int.max means "more than 2^63 - 1 bytes".
    guard calculator.breakdown(.full).fitsInInt else {
      throw ValidationError(
        "one training step at these sizes needs more than 2^63 bytes (8 EiB) with full BPTT, beyond what can be counted "
          + "or built; reduce --seq-len, --batch, --hidden or --layers.")
    }
  }

  func run() throws {
    let calculator = try calculator()
    let k = MemoryCalculator.defaultSegment(steps: steps)
    let modes: [BPTTMode] = [.full, .truncated(window: window ?? k), .checkpointed(segment: segment ?? k)]
    func size(_ bytes: Int) -> String { exact ? NumberText.grouped(bytes) : ByteSize(bytes: bytes).description }

    print(
      "LSTM training step: T = \(steps) steps, B = \(batch), F = \(features), H = \(hidden), \(layers) layer\(layers == 1 ? "" : "s"), "
        + "\(classes) classes, \(precision.rawValue) (\(precision.bytes) bytes), \(optimizer.rawValue) "
        + "(\(optimizer.stateSlots(momentum: momentum)) state values per parameter)")
    print("Parameters: \(NumberText.grouped(calculator.parameterCount))")
    print("")
    var header = ["BPTT mode", "parameters", "gradients", "optimiser", "activations", "workspace", "total"]
    if let budget { header += ["fits \(budget)", "largest batch"] }
    var table = TextTable(header)
    for mode in modes {
      let b = calculator.breakdown(mode)
      var row = [mode.description, size(b.parameters), size(b.gradients), size(b.optimizerState), size(b.activations),
                 size(b.workspace), size(b.total)]
      if let budget {
        row += [b.total <= budget.bytes ? "yes" : "no", NumberText.grouped(calculator.largestBatch(mode, fitting: budget.bytes))]
      }
      table.append(row)
    }
    print(table.plainText)
    print("")
    print("activations: the BPTT tape; workspace: the backward pass's temporary gradients (an estimate).")
    if budget != nil {
      print("largest batch: the biggest B whose total fits the budget at this T (for full BPTT it falls as 1/T).")
    }
  }
}
