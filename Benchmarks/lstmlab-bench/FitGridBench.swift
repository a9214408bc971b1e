import Foundation
import LSTMLab

/// Whole training epochs (`Sequential.fit`: LSTM(64) + Dense(2) + softmax cross-entropy + Adam, 1000 random sequences
/// of 5 features) over the (T, B) grid, paired with PyTorch on the same machine: for every cell and round the
/// benchmark runs its own epochs and then, in a child process, `Benchmarks/pytorch/bench.py --fit-cell T,B` (the
/// order alternates from round to round), so both see the same machine conditions.
///
/// Useful arithmetic is the LSTM's own: 6 · 4H · (F + H) floating-point operations per sequence-step (2 for the
/// forward product [x_t | h_{t-1}] [W; U], 4 for the backward products dz_t U^T, [x | h]^T dz), so
///
///     useful GFLOP/s = 6 · 4H · (F + H) · T · samples / (seconds per epoch) / 1e9.
///
/// This VM's speed moves by a factor of about 1.5 within minutes, so right before LSTMLab's epochs of every cell and
/// round the benchmark also probes the two cores' FMA peak (a short `Peak.twoCores`), and reports the useful rate as
/// a share of that same-moment peak: a figure that does not move with the machine's state.
struct FitGrid {
  static let features = 5, hidden = 64, samples = 1000

  /// The grid of issue 19.
  static let fullSteps = [10, 50, 100, 500, 1000], fullBatches = [8, 32, 64, 256]
  static let quickSteps = [10, 50], quickBatches = [8, 64]

  /// Useful floating-point operations of one epoch at T = `steps`.
  static func usefulOperations(steps: Int, samples: Int = samples) -> Double {
    6 * Double(4 * hidden * (features + hidden)) * Double(steps) * Double(samples)
  }

  /// Epochs per run at T = `steps`: enough that the timed epochs (all but the first) last about a second on LSTMLab's
  /// side at 80 useful GFLOP/s, from 3 (T >= 500, where PyTorch's epochs last seconds) to 20 (T = 10, 13 ms an
  /// epoch). A median of 2 epochs of 25 ms moved by a third from round to round on this VM; a second of epochs does not.
  static func epochsPerRun(steps: Int, quick: Bool) -> Int {
    if quick { return 2 }
    let secondsPerEpoch = usefulOperations(steps: steps) / 80e9
    return min(20, max(3, 1 + Int((1.0 / secondsPerEpoch).rounded(.up))))
  }

  /// One cell's measurements over the rounds: seconds per epoch (median of the epochs after the first) per round.
  struct Cell {
    var steps: Int, batch: Int
    var ours: [Double] = [], theirs: [Double] = []
    /// The two cores' FMA peak (FLOP/s) probed right before LSTMLab's epochs, per round.
    var probes: [Double] = []
    var torch = ""
    var torchThreads = 0
  }

  /// Seconds of the epochs after the first of a `Sequential.fit` training at one cell (one median per round).
  static func ourEpochSeconds(steps: Int, batch: Int, epochs: Int) throws -> Double {
    let data = seedData(steps: steps, samples: samples)
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam<Float>(learningRate: 1e-3))
    let history = try model.fit(data, batchSize: batch, epochs: epochs, seed: 5, progress: .silent)
    return Timing(seconds: Array(history.epochs.map(\.seconds).dropFirst())).median
  }

  /// PyTorch's seconds per epoch at one cell from a child process running bench.py --fit-cell.
  static func theirEpochSeconds(
    steps: Int, batch: Int, epochs: Int, python: String, script: String
  ) throws -> (seconds: Double, torch: String, threads: Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script, "--fit-cell", "\(steps),\(batch)", "--epochs", "\(epochs)", "--samples", "\(samples)"]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchError.pytorchRun(
        command: "\(python) \(script) --fit-cell \(steps),\(batch)",
        problem: "exited with status \(process.terminationStatus): \(errorText.suffix(400))")
    }
    struct Line: Decodable { var torch: String, threads: Int, epoch_seconds: [Double] }
    guard let line = try? JSONDecoder().decode(Line.self, from: data) else {
      throw BenchError.pytorchRun(
        command: "\(python) \(script) --fit-cell \(steps),\(batch)",
        problem: "did not print bench.py's JSON line: \(String(decoding: data, as: UTF8.self).suffix(400))")
    }
    return (Timing(seconds: Array(line.epoch_seconds.dropFirst())).median, line.torch, line.threads)
  }

  /// Runs the grid (or the given (T, B) cells) for `rounds` rounds and returns the table (Markdown).
  static func run(
    quick: Bool, rounds: Int, python: String, script: String, threads: KernelThreads, cells chosen: [(Int, Int)]? = nil
  ) throws -> String {
    let steps = quick ? quickSteps : fullSteps, batches = quick ? quickBatches : fullBatches
    var cells = chosen.map { $0.map { Cell(steps: $0.0, batch: $0.1) } } ?? steps.flatMap { t in batches.map { Cell(steps: t, batch: $0) } }
    for round in 0..<rounds {
      for index in cells.indices {
        let (t, b) = (cells[index].steps, cells[index].batch)
        let epochs = epochsPerRun(steps: t, quick: quick)
        func ours() throws {
          cells[index].probes.append(Peak.twoCores(runs: 3, iterations: quick ? 500_000 : 2_000_000))
          cells[index].ours.append(try ourEpochSeconds(steps: t, batch: b, epochs: epochs))
        }
        func theirs() throws {
          let run = try theirEpochSeconds(steps: t, batch: b, epochs: epochs, python: python, script: script)
          cells[index].theirs.append(run.seconds)
          (cells[index].torch, cells[index].torchThreads) = (run.torch, run.threads)
        }
        if round % 2 == 0 { try ours(); try theirs() } else { try theirs(); try ours() }
        let cell = cells[index]
        print("  round \(round + 1)/\(rounds) T=\(t) B=\(b): LSTMLab \(NumberText.fixed(cell.ours.last!, decimals: 3)) s/epoch, PyTorch \(NumberText.fixed(cell.theirs.last!, decimals: 3)) s/epoch")
      }
    }
    var table = TextTable([
      "T", "B", "LSTMLab s/epoch", "PyTorch s/epoch", "x PyTorch (median)", "x PyTorch (range over rounds)",
      "useful GFLOP/s", "% of 2-core probe", "probe GFLOP/s", "T*B",
    ])
    for cell in cells {
      let ours = Timing(seconds: cell.ours).median, theirs = Timing(seconds: cell.theirs).median
      let ratios = zip(cell.theirs, cell.ours).map { $0 / $1 }
      table.append([
        "\(cell.steps)", "\(cell.batch)", NumberText.fixed(ours, decimals: 3), NumberText.fixed(theirs, decimals: 3),
        NumberText.fixed(Timing(seconds: ratios).median, decimals: 2) + "x",
        NumberText.fixed(ratios.min() ?? .nan, decimals: 2) + "x ... " + NumberText.fixed(ratios.max() ?? .nan, decimals: 2) + "x",
        NumberText.fixed(usefulOperations(steps: cell.steps) / ours / 1e9, decimals: 1),
        NumberText.fixed(100 * median(zip(cell.ours, cell.probes).map { usefulOperations(steps: cell.steps) / $0 / $1 }), decimals: 0) + " %",
        NumberText.fixed(median(cell.probes) / 1e9, decimals: 0), "\(cell.steps * cell.batch)",
      ])
    }
    let torch = cells.first.map { "PyTorch \($0.torch), \($0.torchThreads) threads" } ?? ""
    let epochCounts = Array(Set(cells.map(\.steps))).sorted().map { "\(epochsPerRun(steps: $0, quick: quick)) at T = \($0)" }
    return """
      Sequential.fit epochs of \(samples) sequences (F = \(features), H = \(hidden), Adam), \(rounds) paired round\(rounds == 1 ? "" : "s") (order alternating); epochs per run: \(epochCounts.joined(separator: ", ")) (median of those after the first); LSTMLab threads: \(threads); \(torch). "% of 2-core probe": the median over rounds of each round's useful rate over the two cores' FMA peak probed just before it.

      \(table.markdown)
      """
  }
}
