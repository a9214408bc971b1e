import Foundation

/// Seconds of processor time the calling thread has used so far (the CLOCK_THREAD_CPUTIME_ID clock, from an arbitrary
/// origin: subtract two readings). Unlike wall-clock time it does not advance while other programs have the processor,
/// so the difference of two readings measures the computation itself.
public func threadCPUSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
