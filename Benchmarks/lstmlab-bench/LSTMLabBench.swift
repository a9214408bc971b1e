import ArgumentParser
import Foundation
import LabKernels
import LSTMLab

/// The benchmark command: the matrix kernel against the measured peak, the LSTM's forward + backward throughput and
/// tape, and full training epochs beside the PyTorch and Keras anchors of issue 9.
struct LSTMLabBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lstmlab-bench",
    abstract: "How fast LSTMLab trains on this machine (build with -c release).",
    discussion: """
      Wall-clock figures: medians over repetitions (other processes share the cores). Anchors: issue 9's PyTorch 2.15
      and Keras 3.15 CPU figures on a 2-core AVX2+FMA machine; --pytorch adds figures measured here by
      Benchmarks/pytorch/bench.py.
      """)

  enum Section: String, ExpressibleByArgument, CaseIterable { case gemm, lstm, train }

  @Flag(help: "A small, fast version (CI).")
  var quick = false

  @Flag(help: "Also run the (T, B) grid: T from 10 to 1000, B from 8 to 256.")
  var grid = false

  @Option(help: "Run one section only: gemm, lstm or train.")
  var only: Section?

  @Flag(help: "Run only the paired Sequential.fit grid against PyTorch (T 10..1000 x B 8..256; needs python3 with torch).")
  var fitGrid = false

  @Option(help: "Paired rounds of --fit-grid (the order of the two alternates between rounds).")
  var rounds = 2

  @Option(parsing: .upToNextOption, help: ArgumentHelp(
    "--fit-grid on these cells instead of the grid, e.g. --cells 20,64 200,16 (the seed configurations).", valueName: "T,B"))
  var cells: [String] = []

  @Option(help: "The Python interpreter for --fit-grid.")
  var python = "python3"

  @Option(help: "PyTorch's side of --fit-grid.")
  var pytorchScript = "Benchmarks/pytorch/bench.py"

  @Option(help: "A JSON file written by Benchmarks/pytorch/bench.py --json, to show PyTorch figures measured here.")
  var pytorch: String?

  @Flag(help: "Leave the C allocator at its defaults until a training step runs (by default the benchmark calls lab_keep_freed_memory() first; SequentialModel.trainStep, and so fit, always asks for it): shows the difference in the gemm and lstm sections.")
  var systemAllocator = false

  @Option(help: "Profiling aid: run this many training steps of one seed configuration and nothing else.")
  var profileSteps: Int?

  @Option(help: "The seed configuration --profile-steps runs: 1 (T=20, B=64) or 2 (T=200, B=16).")
  var profileExample = 1

  @Option(help: "Profiling aid: run LSTM forward + backward at this T,B (for example 200,256) --profile-steps times.")
  var profileLSTM: String?

  @Option(help: "Profiling aid: where the time of LSTM forward + backward goes at T,B (phases timed apart).")
  var profilePhases: String?

  @Option(help: "H, the LSTM's hidden units, for --profile-phases (the lessons' capstone uses 16).")
  var hidden = LSTMRun.hidden

  @Option(help: "Profiling aid: LSTMLab's side of one --fit-grid cell at T,B (for example 100,64), --profile-steps epochs, nothing else.")
  var profileFit: String?

  @Option(help: "Threads per training: 0 automatic (share a step with the second core when it looks free), 1, or 2.")
  var threads = 0

  func run() throws {
    lab_line_buffer_standard_output()  // a line as soon as it is measured, also into a file: a long grid keeps what it has
    guard let threadSetting = KernelThreads(rawValue: threads) else {
      throw ValidationError("--threads \(threads): expected 0 (automatic), 1 or 2")
    }
    KernelThreads.current = threadSetting
    guard hidden >= 1 else { throw ValidationError("--hidden \(hidden): expected 1 or more hidden units") }
    let keepsMemory = systemAllocator ? false : lab_keep_freed_memory()
    if let profileLSTM {
      let cell = try parseCell(profileLSTM, flag: "--profile-lstm", example: "200,256")
      let run = try LSTMRun.run(batch: cell.batch, steps: cell.steps, repetitions: profileSteps ?? 10)
      print("LSTM fwd+bwd T=\(cell.steps) B=\(cell.batch): \(NumberText.fixed(run.forwardBackward.median * 1e3, decimals: 2)) ms, fwd \(NumberText.fixed(run.forward.median * 1e3, decimals: 2)) ms, \(NumberText.grouped(run.sequencesPerSecond)) sequences/s")
      return
    }
    if let profileFit {
      let cell = try parseCell(profileFit, flag: "--profile-fit", example: "100,64")
      let epochs = profileSteps ?? 10
      guard epochs >= 2 else { throw ValidationError("--profile-steps \(epochs) with --profile-fit: expected 2 epochs or more") }
      let seconds = try FitGrid.ourEpochSeconds(steps: cell.steps, batch: cell.batch, epochs: epochs)
      print("Sequential.fit T=\(cell.steps) B=\(cell.batch): \(NumberText.fixed(seconds, decimals: 4)) s/epoch (median of \(epochs - 1) epochs after the first), \(NumberText.fixed(FitGrid.usefulOperations(steps: cell.steps) / seconds / 1e9, decimals: 1)) useful GFLOP/s; threads: \(threadSetting)")
      return
    }
    if let profilePhases {
      let cell = try parseCell(profilePhases, flag: "--profile-phases", example: "1000,256")
      print(try lstmlabBenchPhases(steps: cell.steps, batch: cell.batch, hidden: hidden, repetitions: profileSteps ?? 5))
      return
    }
    if let profileSteps {
      try runProfileSteps(profileSteps, example: profileExample)
      return
    }
    if fitGrid {
      guard rounds >= 1 else { throw ValidationError("--rounds \(rounds): expected 1 or more") }
      print("lstmlab-bench --fit-grid\(quick ? " --quick" : "")")
      print("machine: \(cpuModelName()), \(ProcessInfo.processInfo.activeProcessorCount) cores; kernels: \(String(cString: lab_gemm_instruction_set())); load average now \(loadAverage())")
      let chosen = try cells.map { text -> (Int, Int) in
        let cell = try parseCell(text, flag: "--cells", example: "20,64")
        return (cell.steps, cell.batch)
      }
      print(try FitGrid.run(
        quick: quick, rounds: rounds, python: python, script: pytorchScript, threads: threadSetting,
        cells: chosen.isEmpty ? nil : chosen))
      return
    }
    let figures = try pytorch.map(PyTorchFigures.load)
    let sections = only.map { [$0] } ?? Section.allCases
    print("lstmlab-bench\(quick ? " --quick" : "")\(grid ? " --grid" : "")")
    print("machine: \(cpuModelName()), \(ProcessInfo.processInfo.activeProcessorCount) cores; kernels: \(String(cString: lab_gemm_instruction_set()))")
    print("allocator: \(keepsMemory ? "keeps freed memory (lab_keep_freed_memory)" : "C library defaults until the first training step (trainStep keeps freed memory)")")
    print("threads: \(threadSetting) (--threads); load average now \(loadAverage())")
    if let figures { print("PyTorch here: \(figures.torch), \(figures.threads) threads") }
    #if DEBUG
      print("WARNING: debug build; figures are meaningless. Run swift run -c release lstmlab-bench")
    #endif

    if sections.contains(.gemm) {
      let peak = Peak.measure(quick: quick)
      print("\n## Matrix kernel (Float)\n")
      print("Measured FMA peak: \(NumberText.fixed(peak.oneCore / 1e9, decimals: 1)) GFLOP/s on one core, \(NumberText.fixed(peak.twoCores / 1e9, decimals: 1)) GFLOP/s on two.\n")
      print(benchGEMM(peak: peak, quick: quick))
    }
    if sections.contains(.lstm) {
      print("\n## LSTM forward + backward (F=5, H=64, Float, last-step loss, no dL/dx; threads: \(threadSetting))\n")
      print(try benchLSTM(quick: quick, pytorch: figures))
      if grid {
        print("\n## (T, B) grid\n")
        print(try benchGrid(quick: quick, pytorch: figures))
      }
    }
    if sections.contains(.train) {
      print("\n## Training: LSTM(64) + Dense(2) + softmax cross-entropy + Adam, 1000 samples per epoch\n")
      print(try benchTrain(quick: quick, pytorch: figures))
      print("\ns/epoch: median of the epochs after the first. Threads \(threadSetting): a training shares each step with the second core when it looks free (--threads 1 keeps it on one); two trainings side by side keep to one core each.")
    }
  }
}

/// A (T, B) cell given to `flag` as "T,B": two positive whole numbers, or an error naming the flag.
func parseCell(_ text: String, flag: String, example: String) throws -> (steps: Int, batch: Int) {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
  guard parts.count == 2, let steps = parts[0], let batch = parts[1], steps > 0, batch > 0 else {
    throw ValidationError("\(flag) \(text): expected T,B, two positive whole numbers such as \(example)")
  }
  return (steps, batch)
}

/// The 1-minute load average as text ("unknown" where it cannot be read).
func loadAverage() -> String {
  var load = [0.0]
  return getloadavg(&load, 1) == 1 ? NumberText.fixed(load[0], decimals: 2) : "unknown"
}

/// The CPU's model name from /proc/cpuinfo (Linux), or "unknown CPU".
func cpuModelName() -> String {
  guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
  for line in text.split(separator: "\n") where line.hasPrefix("model name") {
    if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
  }
  return "unknown CPU"
}
