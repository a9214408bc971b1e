import Dispatch
import LabKernels

/// The machine's measured floating-point peak: an FMA-throughput loop (LabKernels' `lab_fma_peak_probe_f32`, with
/// the instruction set the matrix kernel uses) on one core, and on two cores at once. The best of several runs is the
/// peak: a run can only be slowed down by other work, never sped up.
struct Peak {
  /// FLOP/s of one core.
  var oneCore: Double
  /// FLOP/s of two cores together.
  var twoCores: Double

  static func measure(quick: Bool) -> Peak {
    let iterations = quick ? 1_000_000 : 8_000_000  // 192 FLOP per iteration with AVX2
    let runs = quick ? 3 : 9
    var one = 0.0
    for _ in 0..<runs {
      var sink: Float = 0
      let start = now()
      let flops = lab_fma_peak_probe_f32(iterations, &sink)
      one = max(one, flops / (now() - start))
    }
    return Peak(oneCore: one, twoCores: twoCores(runs: runs, iterations: iterations))
  }

  /// FLOP/s of two cores probing at once, the best of `runs`: also the short probe the fit grid takes beside each
  /// of its cells, so that a cell's rate can be read against the machine's state at that moment.
  static func twoCores(runs: Int, iterations: Int) -> Double {
    var two = 0.0
    for _ in 0..<runs {
      let start = now()
      let total = ConcurrentSum()
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        var sink: Float = 0
        total.add(lab_fma_peak_probe_f32(iterations, &sink))
      }
      two = max(two, total.value / (now() - start))
    }
    return two
  }
}

/// A sum that threads add to (a lock around a Double).
final class ConcurrentSum: @unchecked Sendable {
  private var total = 0.0
  private let queue = DispatchQueue(label: "lstmlab-bench.sum")
  func add(_ x: Double) { queue.sync { total += x } }
  var value: Double { queue.sync { total } }
}
