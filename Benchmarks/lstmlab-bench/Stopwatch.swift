import Foundation

/// Wall-clock times of repeated runs of one piece of work. Other processes share the cores, so a single time says
/// little: the median is the figure reported, the best (least disturbed) run is shown beside it.
struct Timing {
  /// Seconds per run, in the order measured.
  var seconds: [Double]

  var median: Double {
    let sorted = seconds.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  var best: Double { seconds.min() ?? .nan }
}

/// Seconds since an arbitrary origin, from the monotonic clock.
func now() -> Double {
  let instant = ContinuousClock.now
  let components = (instant - ContinuousClock.Instant.zeroReference).components
  return Double(components.seconds) + Double(components.attoseconds) * 1e-18
}

extension ContinuousClock.Instant {
  /// A fixed instant to measure from (the clock's own origin is not exposed).
  static let zeroReference = ContinuousClock.now
}

/// Times `repetitions` runs of `body` after `warmup` untimed ones.
func measure(repetitions: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Timing {
  for _ in 0..<warmup { try body() }
  var seconds: [Double] = []
  for _ in 0..<repetitions {
    let start = now()
    try body()
    seconds.append(now() - start)
  }
  return Timing(seconds: seconds)
}

/// Times runs of `calls` back-to-back calls of a short `body` (calls chosen so that one run lasts about
/// `targetSeconds`) and returns seconds per call.
func measureShort(repetitions: Int, targetSeconds: Double, _ body: () -> Void) -> Timing {
  body()
  let probeStart = now()
  body()
  let once = max(now() - probeStart, 1e-7)
  let calls = max(1, Int(targetSeconds / once))
  let runs = measure(repetitions: repetitions, warmup: 0) { for _ in 0..<calls { body() } }
  return Timing(seconds: runs.seconds.map { $0 / Double(calls) })
}
