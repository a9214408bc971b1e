import Foundation
import LabMath
import XCTest

@testable import Recurrent

/// The LSTM's recurrences cut a batch into two bands of sequences, one per core (`KernelThreads`). Sequences never
/// interact inside a layer and the product kernel sums each element in the same order whatever the band, so sharing
/// must change no bit of the tape or of any gradient: full, truncated and checkpointed BPTT, odd batch sizes (bands of
/// unequal height), Float and Double. (The finite-difference checks of LSTMGradientTests cover the numbers themselves.)
final class SharedRecurrenceTests: XCTestCase {
  override func tearDown() {
    KernelThreads.current = .automatic
    super.tearDown()
  }

  /// Runs `body` with the recurrences kept on one thread, then with every batch of 2 or more shared.
  private func oneThenTwo<R>(_ body: () throws -> R) rethrows -> (one: R, two: R) {
    KernelThreads.current = .one
    let one = try body()
    KernelThreads.current = .two
    let two = try body()
    KernelThreads.current = .automatic
    return (one, two)
  }

  private func check<Scalar: LabScalar>(_: Scalar.Type, steps: Int, batch: Int, hidden: Int, seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let features = 3
    let lstm = LSTM<Scalar>(inputSize: features, hiddenSize: hidden, using: &rng)
    let x: Matrix<Scalar> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
    let h0: Matrix<Scalar> = rng.uniformMatrix(rows: batch, columns: hidden, -0.5, 0.5)
    let c0: Matrix<Scalar> = rng.uniformMatrix(rows: batch, columns: hidden, -0.5, 0.5)
    let dH: Matrix<Scalar> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
    let label = "\(Scalar.self) T=\(steps) B=\(batch) H=\(hidden)"

    let full = try oneThenTwo { () throws -> (LSTMTape<Scalar>, LSTMGradients<Scalar>) in
      let tape = try lstm.forward(x, steps: steps, h0: h0, c0: c0)
      return (tape, lstm.backward(tape, hiddenGradient: dH))
    }
    for (name, a, b) in [
      ("gates", full.one.0.gates, full.two.0.gates), ("cells", full.one.0.cellStates, full.two.0.cellStates),
      ("tanh cells", full.one.0.tanhCells, full.two.0.tanhCells), ("hidden", full.one.0.hiddenStates, full.two.0.hiddenStates),
    ] {
      XCTAssertEqual(a, b, "forward \(name), \(label)")
    }
    assertSameGradients(full.one.1, full.two.1, "full BPTT, \(label)")

    let window = max(1, steps / 3)
    let truncated = try oneThenTwo {
      try lstm.truncatedGradients(x, steps: steps, window: window, h0: h0, c0: c0, hiddenGradient: dH).gradients
    }
    assertSameGradients(truncated.one, truncated.two, "truncated k=\(window), \(label)")

    let checkpointed = try oneThenTwo { () throws -> LSTMGradients<Scalar> in
      let tape = try lstm.checkpointedForward(x, steps: steps, interval: window, h0: h0, c0: c0)
      return lstm.backward(tape, hiddenGradient: dH)
    }
    assertSameGradients(checkpointed.one, checkpointed.two, "checkpointed every \(window), \(label)")
  }

  private func assertSameGradients<Scalar>(
    _ a: LSTMGradients<Scalar>, _ b: LSTMGradients<Scalar>, _ label: String, line: UInt = #line
  ) {
    for (name, x, y) in [
      ("dW", a.dW, b.dW), ("dU", a.dU, b.dU), ("db", a.db, b.db), ("dX", a.dX, b.dX), ("dHidden", a.dHidden, b.dHidden),
      ("dh0", a.dh0, b.dh0), ("dc0", a.dc0, b.dc0),
    ] {
      XCTAssertEqual(x, y, "\(name), \(label)", line: line)
    }
  }

  func testSharingTheBatchBetweenTwoThreadsChangesNoBit() throws {
    let helped = KernelThreads.helperParts
    for (steps, batch, hidden) in [(5, 2, 3), (7, 9, 5), (4, 17, 16), (12, 8, 64), (3, 33, 7)] {
      try check(Float.self, steps: steps, batch: batch, hidden: hidden, seed: UInt64(steps * 100 + batch))
      try check(Double.self, steps: steps, batch: batch, hidden: hidden, seed: UInt64(steps * 100 + batch + 1))
    }
    // The caller runs any band the helper has not claimed by the time it is done, so on a busy machine the small
    // cases above may all end up on one thread: give the helper longer passes until it has run at least one band.
    guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { return }
    var rng = SeededGenerator(seed: 30)
    let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 64, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: 100 * 32, columns: 3, -1, 1)
    KernelThreads.current = .two
    for _ in 0..<200 where KernelThreads.helperParts == helped { _ = try lstm.forward(x, steps: 100) }
    XCTAssertGreaterThan(KernelThreads.helperParts, helped, "the helper thread never ran a band")
  }

  /// A shared forward pass must equal the equations evaluated one scalar at a time (Double, Foundation's exp and
  /// tanh): z_t = x_t W + h_{t-1} U + b, i f o = sigmoid, g = tanh, c_t = f c_{t-1} + i g, h_t = o tanh(c_t).
  func testSharedRecurrenceEqualsTheEquationsStepByStep() throws {
    var rng = SeededGenerator(seed: 31)
    let (T, B, F, H) = (6, 11, 2, 5)
    let lstm = LSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    KernelThreads.current = .two
    let tape = try lstm.forward(x, steps: T)
    KernelThreads.current = .automatic
    func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
    var h = Matrix<Double>(rows: B, columns: H), c = Matrix<Double>(rows: B, columns: H)
    for t in 0..<T {
      var hNext = h, cNext = c
      for r in 0..<B {
        for j in 0..<H {
          var z = [Double](repeating: 0, count: 4)
          for gate in 0..<4 {
            let column = gate * H + j
            z[gate] = lstm.b[0, column]
            for f in 0..<F { z[gate] += x[t * B + r, f] * lstm.W[f, column] }
            for k in 0..<H { z[gate] += h[r, k] * lstm.U[k, column] }
          }
          let (i, f, g, o) = (sigmoid(z[0]), sigmoid(z[1]), Foundation.tanh(z[2]), sigmoid(z[3]))
          cNext[r, j] = f * c[r, j] + i * g
          hNext[r, j] = o * Foundation.tanh(cNext[r, j])
        }
      }
      (h, c) = (hNext, cNext)
      XCTAssertLessThan(maxDifference(tape.hidden(atStep: t + 1), h), 1e-14, "h at step \(t + 1)")
      XCTAssertLessThan(maxDifference(tape.cellStates.rows((t + 1) * B..<(t + 2) * B), c), 1e-14, "c at step \(t + 1)")
    }
  }

  private func maxDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
  }

  /// `inputGradient: false` (a model's first layer) skips dX and changes nothing else.
  func testSkippingTheInputGradientLeavesTheOtherGradientsAlone() throws {
    var rng = SeededGenerator(seed: 32)
    let lstm = LSTM<Float>(inputSize: 4, hiddenSize: 6, using: &rng)
    let x: Matrix<Float> = rng.uniformMatrix(rows: 5 * 3, columns: 4, -1, 1)
    let dH: Matrix<Float> = rng.uniformMatrix(rows: 5 * 3, columns: 6, -1, 1)
    let tape = try lstm.forward(x, steps: 5)
    let with = lstm.backward(tape, hiddenGradient: dH)
    let without = lstm.backward(tape, hiddenGradient: dH, inputGradient: false)
    XCTAssertEqual(with.dX.rows, 15)
    XCTAssertEqual(without.dX.rows, 0)
    XCTAssertEqual(without.dX.columns, 4)
    XCTAssertEqual(with.dW, without.dW)
    XCTAssertEqual(with.dU, without.dU)
    XCTAssertEqual(with.db, without.db)
    XCTAssertEqual(with.dHidden, without.dHidden)
    XCTAssertEqual(with.dh0, without.dh0)
    XCTAssertEqual(with.dc0, without.dc0)
  }
}
