#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import LabMath
import Optimizers
import Training
import XCTest

/// A loop of `trainStep` calls (the lessons' own loops, not only `fit`) reuses the memory of the step before: after
/// the first step, the next steps fault in (almost) no fresh pages, so a step's time does not include the kernel's
/// zero-filling of its tape.
final class StepMemoryReuseTests: XCTestCase {
  /// Minor page faults of this process so far (getrusage).
  private func minorFaults() -> Int {
    var usage = rusage()
    getrusage(0, &usage)  // RUSAGE_SELF (0 on Linux and macOS; Glibc imports it as an enum case)
    return Int(usage.ru_minflt)
  }

  func testStepsAfterTheFirstFaultInAlmostNoFreshPages() throws {
    let (steps, batch, features) = (64, 128, 3)
    var model = Sequential {
      Layers.LSTM(units: 32)
      Layers.Dense(units: 3, activation: .softmax)
    }
    try model.build(inputFeatures: features, seed: 1)
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam<Float>())
    var rng = SeededGenerator(seed: 2)
    let x = Matrix<Float>(rows: steps * batch, columns: features) { _, _ in Float(rng.normal(mean: 0.0, standardDeviation: 1.0)) }
    let labels = (0..<batch).map { $0 % 3 }
    let first = try model.trainStep(x: x, steps: steps, labels: labels)
    guard Allocator.keepingFreedMemory else { throw XCTSkip("this C library's allocator cannot be asked to keep freed memory") }
    // The tape alone is megabytes: thousands of 4 KiB pages a step if it were mapped afresh.
    let tapePages = first.tapeBytes / 4096
    XCTAssertGreaterThan(tapePages, 1000)
    let before = minorFaults()
    for _ in 0..<3 { try model.trainStep(x: x, steps: steps, labels: labels) }
    let faults = minorFaults() - before
    XCTAssertLessThan(faults, tapePages / 4, "3 steps faulted in \(faults) pages; one step's tape is \(tapePages) pages")
  }
}
