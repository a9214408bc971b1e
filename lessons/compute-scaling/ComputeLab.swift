import ArgumentParser
import Foundation
import LSTMLab

// The compute lab: what compute-scaling times and how (cells, jobs, timings, the one-core peak).

struct Cell: Hashable {
  var steps: Int
  var batch: Int
}

/// One thing to time: a training update in a BPTT mode, or the LSTM's forward pass alone.
enum Job: Hashable {
  case update(ComputeLab.Mode, Cell)
  case forward(Cell)
  /// The same update through the library's `SequentialModel.trainStep`.
  case trainStep(Cell)

  var cell: Cell {
    switch self {
    case .update(_, let cell), .forward(let cell), .trainStep(let cell): cell
    }
  }
}

/// Seconds of repeated runs: processor time of this thread (`samples`, what the lesson analyses) and wall-clock time.
struct Timing {
  var samples: [Double] = []
  var wallSamples: [Double] = []
  /// The fastest run: interference from other programs only ever adds time.
  var best: Double { samples.min()! }
  // `LSTMLab.median`: the library function, which the property's own name hides inside this type.
  var median: Double { LSTMLab.median(samples) }
  var wallMedian: Double { LSTMLab.median(wallSamples) }
  /// The fastest wall-clock run (for work shared over two threads, which one thread's CPU clock does not see).
  var wallBest: Double { wallSamples.min()! }
  /// (slowest - fastest) / fastest over the rounds: how much the repeats of one measurement disagree.
  var relativeSpread: Double { (samples.max()! - best) / best }
}

/// One core's peak floating-point rate (FLOP/s): the best of five runs of the FMA-throughput probe of the kernels'
/// instruction set, on this thread's CPU clock. No code on one thread can do useful arithmetic faster.
func oneCorePeak() -> Double {
  var best = 0.0
  for _ in 0..<5 {
    let start = threadCPUSeconds()
    let flops = fmaPeakProbe(iterations: 2_000_000)
    best = max(best, flops / (threadCPUSeconds() - start))
  }
  return best
}

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = (ContinuousClock.now - start).components
  return Double(d.seconds) + Double(d.attoseconds) / 1e18
}

/// The lesson's model (one LSTM layer, a softmax head on h_T, Adam) and a timed training update.
struct ComputeLab {
  enum Mode: Hashable { case full, checkpointed }

  let features: Int
  let hidden: Int
  let classes: Int
  let segment: Int?
  /// LSTM -> Dense -> softmax cross-entropy on h_T (Recurrent's `LastStepClassifier`), updated by hand.
  var net: LastStepClassifier<LSTM<Float>>
  var adam = Adam<Float>()
  var rng: SeededGenerator
  /// The same network as a Keras-style model, to check the hand-written update against `trainStep`.
  var model = Sequential {
    Layers.LSTM(units: 1)
    Layers.Dense(units: 2, activation: .softmax)
  }

  init(features: Int, hidden: Int, classes: Int, segment: Int?, seed: UInt64) throws {
    (self.features, self.hidden, self.classes, self.segment) = (features, hidden, classes, segment)
    var weights = SeededGenerator.derived(seed: seed, stream: 1)
    net = LastStepClassifier(
      recurrent: LSTM(inputSize: features, hiddenSize: hidden, using: &weights), classes: classes, using: &weights)
    rng = SeededGenerator.derived(seed: seed, stream: 2)
    model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: classes, activation: .softmax)
    }
    try model.build(inputFeatures: features, seed: seed)
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam<Float>())
  }

  /// Checkpointed BPTT's segment for T steps: --segment, or Recurrent's default.
  func interval(steps: Int) -> Int { segment ?? LSTMCheckpointTape<Float>.defaultInterval(steps: steps) }

  /// A random batch: x (T*B x F, time-major, standard normal) and labels.
  mutating func batch(_ cell: Cell) -> (x: Matrix<Float>, labels: [Int]) {
    let x = Matrix<Float>(rows: cell.steps * cell.batch, columns: features) { _, _ in
      Float(rng.normal(mean: 0.0, standardDeviation: 1.0))
    }
    return (x, (0..<cell.batch).map { _ in rng.nextInt(below: classes) })
  }

  /// One training update: forward, loss on h_T, backward through time (full or checkpointed), Adam.
  mutating func update(_ mode: Mode, x: Matrix<Float>, steps T: Int, labels: [Int]) throws {
    let net = self.net
    let gradients: [Matrix<Float>]
    switch mode {
    case .full:
      gradients = try net.lossAndGradients(x, steps: T, labels: labels).parameterGradients
    case .checkpointed:
      var head: LastStepHeadPass<Float>?
      let lstmGradients = try net.recurrent.checkpointedGradients(x, steps: T, interval: interval(steps: T)) { range, h in
        let window = try net.windowHiddenGradient(h, steps: range.count, isLast: range.upperBound == T, labels: labels)
        if let pass = window.head { head = pass }
        return window.dH
      }.gradients
      gradients = lstmGradients.parameterGradients + head!.headGradients
    }
    var parameters = net.parameters
    try adam.update(&parameters, gradients: gradients)
    self.net.parameters = parameters
  }

  mutating func run(_ job: Job, on batch: (x: Matrix<Float>, labels: [Int])) throws {
    switch job {
    case .update(let mode, let cell): try update(mode, x: batch.x, steps: cell.steps, labels: batch.labels)
    case .forward(let cell): _ = try net.recurrent.forward(batch.x, steps: cell.steps)
    case .trainStep(let cell): try model.trainStep(x: batch.x, steps: cell.steps, labels: batch.labels)
    }
  }

  /// Times every job: one warm-up round, then `rounds` rounds, each running every job once in a fresh random order.
  mutating func measure(_ jobs: [Job], rounds: Int) throws -> [Job: Timing] {
    var batches: [Cell: (x: Matrix<Float>, labels: [Int])] = [:]
    for cell in Set(jobs.map(\.cell)).sorted(by: { ($0.steps, $0.batch) < ($1.steps, $1.batch) }) { batches[cell] = batch(cell) }
    var timings: [Job: Timing] = [:]
    var order = jobs.sorted { "\($0)" < "\($1)" }
    for job in order { try run(job, on: batches[job.cell]!) }
    for _ in 0..<rounds {
      rng.shuffle(&order)
      for job in order {
        let (cpu, wall) = (threadCPUSeconds(), ContinuousClock.now)
        try run(job, on: batches[job.cell]!)
        timings[job, default: Timing()].samples.append(threadCPUSeconds() - cpu)
        timings[job, default: Timing()].wallSamples.append(seconds(since: wall))
      }
    }
    return timings
  }
}

// MARK: - Small helpers

/// The 1-minute load average from /proc/loadavg (Linux), or nil.
func loadAverage() -> String? {
  guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
  return text.split(separator: " ").first.map(String.init)
}

/// The data caches of processor 0 from /sys (Linux), e.g. "caches L1 32K, L2 512K, L3 32768K", or nil.
func cacheSizes() -> String? {
  let base = "/sys/devices/system/cpu/cpu0/cache"
  let entries = (0..<8).compactMap { index -> String? in
    func read(_ name: String) -> String? {
      (try? String(contentsOfFile: "\(base)/index\(index)/\(name)", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let level = read("level"), let type = read("type"), type != "Instruction", let size = read("size") else { return nil }
    return "L\(level) \(size)"
  }
  return entries.isEmpty ? nil : "caches " + entries.joined(separator: ", ")
}

func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
