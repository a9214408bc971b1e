import ArgumentParser
import Foundation
import LSTMLab

/// `--allow-large`: the flag that lets a command run although its memory estimate exceeds this machine's memory.
struct MemoryGuardOptions: ParsableArguments {
  @Flag(
    name: .customLong("allow-large"),
    help: "Run even when the memory estimate (see `lstmlab memory`) exceeds this machine's physical memory.")
  var allowLarge = false
}

/// Refuses, before anything is allocated, work that `MemoryCalculator` says cannot fit in this machine's physical
/// memory (ProcessInfo.physicalMemory): a user who types `--hidden 100000` or `--seq-len 1000000000` gets a message
/// naming the sizes and `--allow-large`, not a trap in the allocator or minutes of swapping.
///
/// The estimate of a run is one training step (`MemoryCalculator.breakdown(.full)`: parameters, gradients, optimiser
/// state, BPTT tape, workspace) plus the prepared data (N sequences of T x F Floats, twice: as read and as prepared).
/// Every size is computed with saturating arithmetic, so an estimate beyond 2^63 bytes is Int.max, never a trap.
enum MemoryGuard {
  /// This machine's physical memory in bytes; `LSTMLAB_MEMORY_LIMIT` (bytes, or a size such as 2GiB) overrides it,
  /// for tests and for sharing a machine.
  static var available: Int {
    if let text = ProcessInfo.processInfo.environment["LSTMLAB_MEMORY_LIMIT"],
      let size = try? ByteSize(parsing: text, flag: "LSTMLAB_MEMORY_LIMIT")
    {
      return size.bytes
    }
    return Int(clamping: ProcessInfo.processInfo.physicalMemory)
  }

  /// Bytes of `count` sequences of `steps` x `features` Floats, kept twice (as read, and prepared); Int.max when
  /// that exceeds Int.
  static func dataBytes(count: Int, steps: Int, features: Int) -> Int {
    CheckedSize.product(2, count, steps, features, MemoryLayout<Float>.size) ?? .max
  }

  /// The bytes of one training step by the memory calculator (with `activationsOnly`, only its tape and workspace:
  /// what a second pass over other data adds), Int.max when the sizes are beyond it.
  static func stepBytes(
    steps: Int, batch: Int, features: Int, hidden: Int, layers: Int, classes: Int, optimizerSlots: Int = 2,
    activationsOnly: Bool = false
  ) -> Int {
    guard let calculator = try? MemoryCalculator(
      steps: max(steps, 1), batchSize: max(batch, 1), inputSize: max(features, 1), hiddenSize: max(hidden, 1),
      layers: max(layers, 1), classes: max(classes, 1), bytesPerScalar: 4, optimizerSlots: optimizerSlots)
    else { return .max }
    let step = calculator.breakdown(.full)
    return activationsOnly ? CheckedSize.saturatingSum(step.activations, step.workspace) : step.total
  }

  /// Throws `CommandError` when `bytes` exceeds this machine's memory and `allowLarge` is off; `what` describes the
  /// work ("training LSTM(100000) on ...") and `sizes` the flags to change.
  static func check(_ bytes: Int, what: String, sizes: String, allowLarge: Bool) throws {
    let limit = available
    guard bytes > limit, !allowLarge else { return }
    let needed = bytes == .max ? "more than 8 EiB" : "about \(ByteSize(bytes: bytes))"
    throw CommandError(
      "\(what) needs \(needed) of memory (one training step by `lstmlab memory`, plus the prepared data), but this "
        + "machine has \(ByteSize(bytes: limit)). Reduce \(sizes), or pass --allow-large to try anyway.")
  }
}

extension MemoryGuard {
  /// Refuses applying `file`'s model to `data` in batches of `batch` when the estimate exceeds this machine's memory:
  /// the data brought to the model's T (the file's `sequence_length`, else the longest series) plus one step.
  static func checkInference(model: String, _ file: ModelFile<Float>, data: LabeledSequences, batch: Int, allowLarge: Bool) throws {
    let m = file.metadata
    let t = m.sequenceLength ?? data.lengths.max() ?? 1
    let step = stepBytes(
      steps: t, batch: min(batch, max(data.count, 1)), features: m.inputSize, hidden: m.hiddenSize, layers: m.layerCount,
      classes: m.classCount)
    try check(
      CheckedSize.saturatingSum(step, dataBytes(count: data.count, steps: t, features: m.inputSize)),
      what: "Applying \(model) (LSTM(\(m.hiddenSize)) x\(m.layerCount), T = \(t)) to \(data.count) sequences of \(data.name)",
      sizes: "--batch (or use a model with a smaller T)", allowLarge: allowLarge)
  }
}
