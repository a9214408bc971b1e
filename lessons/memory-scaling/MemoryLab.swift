import ArgumentParser
import Foundation
import LSTMLab

// The memory lab: what memory-scaling measures and how (tapes, formula, calculator, a fresh process per peak).

/// The tape bytes of one (T, B) in every mode: measured, by formula, and by the memory calculator.
struct TapeMeasurement {
  var steps: Int
  var batch: Int
  var measured: [MemoryLab.Mode: Int]
  var formula: [MemoryLab.Mode: Int]
  var calculator: [MemoryLab.Mode: Int]
}

/// What one child process measured: the resident memory before the step, the peak after it, and the tape.
struct PeakMeasurement {
  var mode: MemoryLab.Mode
  var steps: Int
  var batch: Int
  var residentBefore: Int
  var peak: Int
  var tapeBytes: Int
  var calculatorBytes: Int
  var growth: Int { peak - residentBefore }
}

/// The lesson's model (one LSTM layer and a softmax head on h_T) and the three ways to compute its gradients.
struct MemoryLab {
  enum Mode: String, CaseIterable, Hashable { case full, truncated, checkpointed }

  let features: Int
  let hidden: Int
  let classes: Int
  let window: Int
  let segment: Int?
  let seed: UInt64
  /// LSTM -> Dense -> softmax cross-entropy on h_T (Recurrent's `LastStepClassifier`).
  let net: LastStepClassifier<LSTM<Float>>
  var lstm: LSTM<Float> { net.recurrent }

  init(features: Int, hidden: Int, classes: Int, window: Int, segment: Int?, seed: UInt64) {
    (self.features, self.hidden, self.classes, self.window, self.segment, self.seed) = (features, hidden, classes, window, segment, seed)
    var rng = SeededGenerator.derived(seed: seed, stream: 1)
    net = LastStepClassifier(recurrent: LSTM(inputSize: features, hiddenSize: hidden, using: &rng), classes: classes, using: &rng)
  }

  /// Checkpointed BPTT's segment for T steps: --segment, or Recurrent's default ceil(sqrt(T)).
  func interval(steps: Int) -> Int { segment ?? LSTMCheckpointTape<Float>.defaultInterval(steps: steps) }

  func label(_ mode: Mode) -> String {
    switch mode {
    case .full: "full"
    case .truncated: "truncated, k = \(window)"
    case .checkpointed: segment.map { "checkpointed, k = \($0)" } ?? "checkpointed, k = ceil(√T)"
    }
  }

  func calculatorMode(_ mode: Mode, steps: Int) -> BPTTMode {
    switch mode {
    case .full: .full
    case .truncated: .truncated(window: window)
    case .checkpointed: .checkpointed(segment: interval(steps: steps))
    }
  }

  func calculator(steps: Int, batch: Int) throws -> MemoryCalculator {
    try MemoryCalculator(steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, layers: 1, classes: classes)
  }

  /// A random batch: x (T*B x F, time-major, standard normal) and labels.
  func batch(steps: Int, batch: Int, using rng: inout SeededGenerator) -> (x: Matrix<Float>, labels: [Int]) {
    let x = Matrix<Float>(rows: steps * batch, columns: features) { _, _ in Float(rng.normal(mean: 0.0, standardDeviation: 1.0)) }
    return (x, (0..<batch).map { _ in rng.nextInt(below: classes) })
  }

  /// One gradient computation in `mode`; returns the tape bytes it measured (the largest held at once).
  func gradientTapeBytes(_ mode: Mode, x: Matrix<Float>, steps T: Int, labels: [Int]) throws -> Int {
    switch mode {
    case .full:
      return try net.lossAndGradients(x, steps: T, labels: labels).tape.byteCount
    case .truncated:
      return try lstm.truncatedGradients(x, steps: T, window: window) { range, h in
        try net.windowHiddenGradient(h, steps: range.count, isLast: range.upperBound == T, labels: labels).dH
      }.peakTapeBytes
    case .checkpointed:
      return try lstm.checkpointedGradients(x, steps: T, interval: interval(steps: T)) { range, h in
        try net.windowHiddenGradient(h, steps: range.count, isLast: range.upperBound == T, labels: labels).dH
      }.peakTapeBytes
    }
  }

  /// The tape formulas of Recurrent, in bytes.
  func formulaTapeBytes(_ mode: Mode, steps T: Int, batch B: Int) -> Int {
    switch mode {
    case .full: LSTMTape<Float>.byteCount(steps: T, batchSize: B, inputSize: features, hiddenSize: hidden)
    case .truncated: LSTMTape<Float>.byteCount(steps: min(window, T), batchSize: B, inputSize: features, hiddenSize: hidden)
    case .checkpointed:
      LSTMCheckpointTape<Float>.peakByteCount(
        steps: T, batchSize: B, inputSize: features, hiddenSize: hidden, interval: interval(steps: T))
    }
  }

  func measureTapes(steps T: Int, batch B: Int, using rng: inout SeededGenerator) throws -> TapeMeasurement {
    let (x, labels) = batch(steps: T, batch: B, using: &rng)
    let calculator = try calculator(steps: T, batch: B)
    var m = TapeMeasurement(steps: T, batch: B, measured: [:], formula: [:], calculator: [:])
    for mode in Mode.allCases {
      m.measured[mode] = try gradientTapeBytes(mode, x: x, steps: T, labels: labels)
      m.formula[mode] = formulaTapeBytes(mode, steps: T, batch: B)
      m.calculator[mode] = calculator.breakdown(calculatorMode(mode, steps: T)).activations
    }
    return m
  }

  /// B_max for `mode` at T steps under `budget` bytes, by the memory calculator; `extraPerSequenceStep` bytes for
  /// each of the T*B sequence-steps are added to what it counts.
  func largestBatch(_ mode: Mode, steps T: Int, budget: Int, extraPerSequenceStep: Double = 0) throws -> Int {
    let calculator = try calculator(steps: T, batch: 1)
    let mode = calculatorMode(mode, steps: T)
    guard extraPerSequenceStep > 0 else { return calculator.largestBatch(mode, fitting: budget) }
    let fixed = calculator.breakdown(mode, batchSize: 0).total
    let perSequence = Double(calculator.breakdown(mode, batchSize: 1).total - fixed) + extraPerSequenceStep * Double(T)
    return max(0, Int((Double(budget - fixed) / perSequence).rounded(.down)))
  }

  /// The calculator's tape + workspace bytes per sequence-step of full BPTT (its growth from T = 1000 to 2000, B = 1).
  func calculatorBytesPerSequenceStep() throws -> Double {
    func bytes(_ T: Int) throws -> Int {
      let b = try calculator(steps: T, batch: 1).breakdown(.full)
      return b.activations + b.workspace
    }
    return Double(try bytes(2000) - bytes(1000)) / 1000
  }

  // MARK: The peak measurement, one fresh process per step

  /// Runs this lesson again as a child process that measures one step (`--measure-peak "<mode> <T> <B>"`).
  func peakGrowth(_ mode: Mode, steps T: Int, batch B: Int) throws -> PeakMeasurement {
    let process = Process()
    process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments =
      ["--measure-peak", "\(mode.rawValue) \(T) \(B)", "--hidden", "\(hidden)", "--features", "\(features)",
       "--classes", "\(classes)", "--window", "\(window)", "--seed", "\(seed)"]
      + (segment.map { ["--segment", "\($0)"] } ?? [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = Dictionary(
      uniqueKeysWithValues: output.split(whereSeparator: \.isWhitespace).compactMap { field -> (String, Int)? in
        let parts = field.split(separator: "=")
        guard parts.count == 2, let value = Int(parts[1]) else { return nil }
        return (String(parts[0]), value)
      })
    guard process.terminationStatus == 0, let before = fields["resident"], let peak = fields["peak"], let tape = fields["tape"]
    else {
      throw LessonError.probeFailed(mode: mode.rawValue, steps: T, batch: B, status: process.terminationStatus, output: output)
    }
    let b = try calculator(steps: T, batch: B).breakdown(calculatorMode(mode, steps: T))
    return PeakMeasurement(
      mode: mode, steps: T, batch: B, residentBefore: before, peak: peak, tapeBytes: tape,
      calculatorBytes: b.activations + b.workspace)
  }

  /// The child's side: "<mode> <T> <B>" -> prints "resident=<bytes> peak=<bytes> tape=<bytes>".
  func probe(_ request: String) throws {
    let parts = request.split(separator: " ")
    guard parts.count == 3, let mode = Mode(rawValue: String(parts[0])), let T = Int(parts[1]), let B = Int(parts[2]), T > 0, B > 0
    else { throw ValidationError("--measure-peak expects \"<full|truncated|checkpointed> <T> <B>\", not \"\(request)\"") }
    var rng = SeededGenerator.derived(seed: seed, stream: 2)
    let (x, labels) = batch(steps: T, batch: B, using: &rng)
    let before = try ProcessMemory.read()
    let tape = try gradientTapeBytes(mode, x: x, steps: T, labels: labels)
    let after = try ProcessMemory.read()
    print("resident=\(before.resident) peak=\(after.peak) tape=\(tape)")
  }
}

/// The resident memory of this process: now, and at its peak so far.
enum ProcessMemory {
  /// Linux: VmRSS and VmHWM from /proc/self/status. Elsewhere: getrusage's ru_maxrss for both (the peak so far).
  static func read() throws -> (resident: Int, peak: Int) {
    #if os(Linux)
      let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
      func kilobytes(_ key: String) -> Int? {
        status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
          .flatMap { Int($0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") }
      }
      guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else {
        throw LessonError.noMemoryFigures("/proc/self/status has no VmRSS or VmHWM line")
      }
      return (resident * 1024, peak * 1024)
    #else
      var usage = rusage()
      guard getrusage(RUSAGE_SELF, &usage) == 0 else { throw LessonError.noMemoryFigures("getrusage failed") }
      return (Int(usage.ru_maxrss), Int(usage.ru_maxrss))  // bytes on macOS
    #endif
  }
}

enum LessonError: Error, CustomStringConvertible {
  case probeFailed(mode: String, steps: Int, batch: Int, status: Int32, output: String)
  case noMemoryFigures(String)

  var description: String {
    switch self {
    case .probeFailed(let mode, let T, let B, let status, let output):
      "the child process measuring \(mode) BPTT at T = \(T), B = \(B) exited with status \(status) and printed "
        + "\"\(output.trimmingCharacters(in: .whitespacesAndNewlines))\"; run the lesson with --measure-peak \"\(mode) \(T) \(B)\" to see why"
    case .noMemoryFigures(let reason): "cannot read this process's memory: \(reason)"
    }
  }
}

// MARK: - Small numeric helpers

func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
func mebibytesText(_ bytes: Int) -> String { NumberText.fixed(mebibytes(bytes), decimals: 1) + " MiB" }
func ratio(_ a: Int, _ b: Int) -> Double { Double(a) / Double(max(b, 1)) }
func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
