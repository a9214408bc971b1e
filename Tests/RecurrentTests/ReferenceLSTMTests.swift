import LabMath
import XCTest

@testable import Recurrent

/// The plain-Swift reference cells against finite differences (an independent check of their backward passes), and
/// the fast layers (`LSTM`, `RNN`: C kernels, two-core bands) against the reference, forward and backward, full,
/// truncated and checkpointed BPTT, Double and Float, odd shapes (B >= 8 takes the two-band path), both threading
/// modes.
final class ReferenceLSTMTests: XCTestCase {
  override func tearDown() {
    KernelThreads.current = .automatic
    super.tearDown()
  }

  /// (T, B, F, H): batches of one, odd ones, and 9, 17, 33 (two bands of unequal height when shared); T = 70 with
  /// bands of 2 and 3 rows, whose weight gradients are summed 32 and 22 steps at a time (two whole chunks and a
  /// partial one); B = 130, bands of 66 and 64 rows, summed every step.
  /// (T, B, F, H). H = 16, 32 and 64 reach the forward loop's versions compiled for those H; B = 11 and 9 end in a
  /// partial block of its 8-row blocks.
  static let shapes = [
    (5, 1, 3, 4), (4, 3, 1, 5), (6, 9, 5, 3), (3, 17, 2, 7), (4, 33, 3, 6), (70, 5, 2, 3), (3, 130, 2, 3),
    (3, 11, 2, 16), (2, 9, 3, 32), (2, 5, 5, 64),
  ]

  // MARK: - The reference against finite differences

  func testReferenceCellsPassTheFiniteDifferenceCheck() throws {
    for (steps, batch, features, hidden) in [(4, 3, 3, 4), (6, 2, 5, 3), (3, 1, 1, 6)] {
      var rng = SeededGenerator(seed: UInt64(100 + steps))
      let lstm = ReferenceLSTM<Double>(inputSize: features, hiddenSize: hidden, using: &rng)
      let rnn = ReferenceRNN<Double>(inputSize: features, hiddenSize: hidden, using: &rng)
      let peephole = PeepholeLSTM<Double>(inputSize: features, hiddenSize: hidden, using: &rng)
      for report in [
        try gradientCheck(cell: lstm, steps: steps, batchSize: batch, seed: 7),
        try gradientCheck(cell: rnn, steps: steps, batchSize: batch, seed: 8),
        try gradientCheck(cell: peephole, steps: steps, batchSize: batch, seed: 9),
      ] {
        XCTAssertTrue(report.passed, "\(report)")
        XCTAssertEqual(report.tensors.count, report.tensors.map(\.name).count)
        for tensor in report.tensors { XCTAssertLessThan(tensor.maxRelativeError, 1e-7, "\(report)") }
      }
    }
  }

  /// The check names every tensor the gradient reaches: the parameters, x and each initial state.
  func testTheCheckReportsEveryTensor() throws {
    var rng = SeededGenerator(seed: 5)
    let report = try gradientCheck(cell: PeepholeLSTM<Double>(inputSize: 2, hiddenSize: 3, using: &rng), steps: 2, batchSize: 2)
    XCTAssertEqual(report.tensors.map(\.name), ["W", "U", "b", "p_i", "p_f", "p_o", "x", "h0", "c0"])
    XCTAssertEqual(report.tensors.map { [$0.rows, $0.columns] }, [[2, 12], [3, 12], [1, 12], [1, 3], [1, 3], [1, 3], [4, 2], [2, 3], [2, 3]])
    XCTAssertThrowsError(try gradientCheck(cell: ReferenceRNN<Double>(inputSize: 2, hiddenSize: 3, using: &rng), steps: 0))
  }

  /// Truncated BPTT differentiates each window's loss with the state it starts from held constant. Finite
  /// differences of exactly that: move a parameter, rerun every window from the unmoved carried state, sum the losses.
  func testReferenceTruncatedBPTTMatchesFiniteDifferencesOfTheWindowedLoss() throws {
    var rng = SeededGenerator(seed: 12)
    let (T, B, F, H, k) = (7, 2, 3, 4, 3)
    let cell = ReferenceLSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    let start: [Matrix<Double>] = [rng.uniformMatrix(rows: B, columns: H, -0.5, 0.5), rng.uniformMatrix(rows: B, columns: H, -0.5, 0.5)]
    let R: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: H, -1, 1)
    let (gradients, last) = try cell.truncatedGradients(x, steps: T, window: k, initialState: start, hiddenGradient: R)

    // The states each window starts from, with the unmoved weights.
    var windowStarts = [start]
    for s in stride(from: 0, to: T, by: k) {
      let rows = s * B..<min(s + k, T) * B
      windowStarts.append(try cell.forward(x.rows(rows), steps: rows.count / B, initialState: windowStarts.last!).lastState)
    }
    XCTAssertEqual(windowStarts.last!, last)
    func windowedLoss(_ moved: ReferenceLSTM<Double>) throws -> Double {
      var total = 0.0
      for (w, s) in stride(from: 0, to: T, by: k).enumerated() {
        let rows = s * B..<min(s + k, T) * B
        total += dot(try moved.forward(x.rows(rows), steps: rows.count / B, initialState: windowStarts[w]).hidden, R.rows(rows))
      }
      return total
    }
    for (p, name) in ReferenceLSTM<Double>.parameterNames.enumerated() {
      GradientCheck.check(name, analytic: gradients.parameters.parameters[p]) { index, delta in
        var moved = cell
        moved.parameters[p].scalars[index] += delta
        return try! windowedLoss(moved)
      }
    }
  }

  /// Bad input gets the layers' typed errors, naming the argument.
  func testBadInputIsRejectedWithTypedErrors() throws {
    var rng = SeededGenerator(seed: 13)
    let cell = ReferenceLSTM<Double>(inputSize: 2, hiddenSize: 3, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: 4 * 2, columns: 2, -1, 1)
    func error(_ body: () throws -> Void) -> RecurrentError? {
      do { try body() } catch let error as RecurrentError { return error } catch { return nil }
      return nil
    }
    XCTAssertEqual(
      error { _ = try cell.forward(Matrix(rows: 8, columns: 5), steps: 4) },
      .featureCountMismatch(layer: "ReferenceLSTM<Double>.forward", expected: 2, actual: 5))
    XCTAssertEqual(
      error { _ = try cell.forward(x, steps: 3) }, .rowsNotMultipleOfSteps(layer: "ReferenceLSTM<Double>.forward", rows: 8, steps: 3))
    XCTAssertEqual(
      error { _ = try cell.forward(x, steps: 4, initialState: [Matrix(rows: 2, columns: 3)]) },
      .shapeMismatch(layer: "ReferenceLSTM<Double>.forward", argument: "initial c", expectedRows: 2, expectedColumns: 3, actualRows: 0, actualColumns: 0))
    XCTAssertEqual(
      error { _ = try cell.truncatedGradients(x, steps: 4, window: 0, hiddenGradient: Matrix(rows: 8, columns: 3)) },
      .invalidInterval(name: "ReferenceLSTM<Double>.truncatedGradients: window", value: 0))
    XCTAssertEqual(
      error { _ = try ReferenceLSTM(W: cell.W, U: cell.U, b: Matrix(rows: 1, columns: 3)) },
      .parameterShapeMismatch(layer: "ReferenceLSTM", parameter: "b", expectedRows: 1, expectedColumns: 12, actualRows: 1, actualColumns: 3))
  }

  // MARK: - The fast layers against the reference

  /// max |a - b| / max |b|: the error relative to the tensor's scale.
  func relativeError<Scalar: LabScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Double {
    guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
    let scale = max(Double(b.maxAbs()), 1e-300)
    return zip(a.scalars, b.scalars).map { Double(abs($0 - $1)) }.max().map { $0 / scale } ?? 0
  }

  func assertClose<Scalar: LabScalar>(
    _ pairs: [(String, Matrix<Scalar>, Matrix<Scalar>)], tolerance: Double, _ label: String, line: UInt = #line
  ) {
    for (name, fast, reference) in pairs {
      XCTAssertLessThanOrEqual(relativeError(fast, reference), tolerance, "\(name), \(label)", line: line)
    }
  }

  func state<Scalar: LabScalar>(_ rng: inout SeededGenerator, _ rows: Int, _ columns: Int) -> Matrix<Scalar> {
    rng.uniformMatrix(rows: rows, columns: columns, -0.5, 0.5)
  }

  func checkLSTM<Scalar: LabScalar>(_: Scalar.Type, tolerance: Double) throws {
    for threads in [KernelThreads.one, .two] {
      for (T, B, F, H) in Self.shapes {
        KernelThreads.current = threads
        var rng = SeededGenerator(seed: UInt64(T * 1000 + B * 10 + H))
        let fast = LSTM<Scalar>(inputSize: F, hiddenSize: H, initializer: .pytorch, using: &rng)
        let reference = try ReferenceLSTM(W: fast.W, U: fast.U, b: fast.b)
        let x: Matrix<Scalar> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
        let (h0, c0): (Matrix<Scalar>, Matrix<Scalar>) = (state(&rng, B, H), state(&rng, B, H))
        let dH: Matrix<Scalar> = rng.uniformMatrix(rows: T * B, columns: H, -1, 1)
        let label = "\(Scalar.self) T=\(T) B=\(B) F=\(F) H=\(H), \(threads) thread(s)"

        // Full BPTT.
        let tape = try fast.forward(x, steps: T, h0: h0, c0: c0)
        let referenceTape = try reference.forward(x, steps: T, initialState: [h0, c0])
        let g = fast.backward(tape, hiddenGradient: dH)
        let r = reference.backward(referenceTape, hiddenGradient: dH)
        assertClose(
          [("h", tape.hidden, referenceTape.hidden), ("c_T", tape.lastCell, referenceTape.lastState[1]),
           ("dW", g.dW, r.parameters.W), ("dU", g.dU, r.parameters.U), ("db", g.db, r.parameters.b), ("dX", g.dX, r.dX),
           ("dHidden", g.dHidden, r.dHidden), ("dh0", g.dh0, r.initialState[0]), ("dc0", g.dc0, r.initialState[1])],
          tolerance: tolerance, "full BPTT, \(label)")

        // Checkpointed BPTT gives full BPTT's gradients, in the fast layer and in the reference.
        let interval = max(1, T / 2)
        let checkpointed = try fast.checkpointedGradients(x, steps: T, interval: interval, h0: h0, c0: c0, hiddenGradient: dH)
        let cg = checkpointed.gradients
        let rc = try reference.checkpointedGradients(x, steps: T, interval: interval, initialState: [h0, c0], hiddenGradient: dH)
        assertClose(
          [("dW", rc.parameters.W, r.parameters.W), ("dU", rc.parameters.U, r.parameters.U), ("db", rc.parameters.b, r.parameters.b),
           ("dX", rc.dX, r.dX), ("dHidden", rc.dHidden, r.dHidden), ("dh0", rc.initialState[0], r.initialState[0]),
           ("dc0", rc.initialState[1], r.initialState[1])],
          tolerance: tolerance, "reference checkpointed every \(interval) against reference full, \(label)")
        assertClose(
          [("dW", cg.dW, r.parameters.W), ("dU", cg.dU, r.parameters.U), ("db", cg.db, r.parameters.b), ("dX", cg.dX, r.dX),
           ("dHidden", cg.dHidden, r.dHidden), ("dh0", cg.dh0, r.initialState[0]), ("dc0", cg.dc0, r.initialState[1]),
           ("h_T", checkpointed.lastHidden, referenceTape.lastState[0])],
          tolerance: tolerance, "checkpointed every \(interval), \(label)")

        // Truncated BPTT against the reference's own truncation.
        let window = max(1, (T + 1) / 3)
        let truncated = try fast.truncatedGradients(x, steps: T, window: window, h0: h0, c0: c0, hiddenGradient: dH)
        let (rt, last) = try reference.truncatedGradients(x, steps: T, window: window, initialState: [h0, c0], hiddenGradient: dH)
        let tg = truncated.gradients
        assertClose(
          [("dW", tg.dW, rt.parameters.W), ("dU", tg.dU, rt.parameters.U), ("db", tg.db, rt.parameters.b), ("dX", tg.dX, rt.dX),
           ("dHidden", tg.dHidden, rt.dHidden), ("dh0", tg.dh0, rt.initialState[0]), ("dc0", tg.dc0, rt.initialState[1]),
           ("h_T", truncated.lastHidden, last[0]), ("c_T", truncated.lastCell!, last[1])],
          tolerance: tolerance, "truncated k=\(window), \(label)")
      }
    }
  }

  func checkRNN<Scalar: LabScalar>(_: Scalar.Type, tolerance: Double) throws {
    for threads in [KernelThreads.one, .two] {
      for (T, B, F, H) in Self.shapes {
        KernelThreads.current = threads
        var rng = SeededGenerator(seed: UInt64(T * 1000 + B * 10 + H + 1))
        let fast = RNN<Scalar>(inputSize: F, hiddenSize: H, initializer: .pytorch, using: &rng)
        let reference = try ReferenceRNN(W: fast.W, U: fast.U, b: fast.b)
        let x: Matrix<Scalar> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
        let h0: Matrix<Scalar> = state(&rng, B, H)
        let dH: Matrix<Scalar> = rng.uniformMatrix(rows: T * B, columns: H, -1, 1)
        let label = "RNN \(Scalar.self) T=\(T) B=\(B) F=\(F) H=\(H), \(threads) thread(s)"

        let tape = try fast.forward(x, steps: T, h0: h0)
        let referenceTape = try reference.forward(x, steps: T, initialState: [h0])
        let g = fast.backward(tape, hiddenGradient: dH)
        let r = reference.backward(referenceTape, hiddenGradient: dH)
        let full = [
          ("dW", g.dW, r.parameters.W), ("dU", g.dU, r.parameters.U), ("db", g.db, r.parameters.b), ("dX", g.dX, r.dX),
          ("dHidden", g.dHidden, r.dHidden), ("dh0", g.dh0, r.initialState[0]),
        ]
        assertClose([("h", tape.hidden, referenceTape.hidden)] + full, tolerance: tolerance, "full BPTT, \(label)")

        let cg = try fast.checkpointedGradients(x, steps: T, interval: max(1, T / 2), h0: h0, hiddenGradient: dH).gradients
        let rc = try reference.checkpointedGradients(x, steps: T, interval: max(1, T / 2), initialState: [h0], hiddenGradient: dH)
        assertClose(
          [("dW", rc.parameters.W, r.parameters.W), ("dU", rc.parameters.U, r.parameters.U), ("dX", rc.dX, r.dX),
           ("dHidden", rc.dHidden, r.dHidden), ("dh0", rc.initialState[0], r.initialState[0])],
          tolerance: tolerance, "reference checkpointed against reference full, \(label)")
        assertClose(
          [("dW", cg.dW, r.parameters.W), ("dU", cg.dU, r.parameters.U), ("db", cg.db, r.parameters.b), ("dX", cg.dX, r.dX),
           ("dHidden", cg.dHidden, r.dHidden), ("dh0", cg.dh0, r.initialState[0])],
          tolerance: tolerance, "checkpointed, \(label)")

        let window = max(1, (T + 1) / 3)
        let truncated = try fast.truncatedGradients(x, steps: T, window: window, h0: h0, hiddenGradient: dH)
        let (rt, last) = try reference.truncatedGradients(x, steps: T, window: window, initialState: [h0], hiddenGradient: dH)
        let tg = truncated.gradients
        assertClose(
          [("dW", tg.dW, rt.parameters.W), ("dU", tg.dU, rt.parameters.U), ("db", tg.db, rt.parameters.b), ("dX", tg.dX, rt.dX),
           ("dHidden", tg.dHidden, rt.dHidden), ("dh0", tg.dh0, rt.initialState[0]), ("h_T", truncated.lastHidden, last[0])],
          tolerance: tolerance, "truncated k=\(window), \(label)")
      }
    }
  }

  func testFastLSTMEqualsTheReferenceInDouble() throws { try checkLSTM(Double.self, tolerance: 1e-12) }
  func testFastLSTMEqualsTheReferenceInFloat() throws { try checkLSTM(Float.self, tolerance: 1e-5) }
  func testFastRNNEqualsTheReferenceInDouble() throws { try checkRNN(Double.self, tolerance: 1e-12) }
  func testFastRNNEqualsTheReferenceInFloat() throws { try checkRNN(Float.self, tolerance: 1e-5) }

  // MARK: - The implementation switch

  /// `implementation = .reference` runs the reference cells behind the layers' own API: the same tape and gradients
  /// as the fast path (to rounding) in full, truncated and checkpointed BPTT, and the input gradient can be skipped.
  func testTheReferenceImplementationSwitchGivesTheFastLayersNumbers() throws {
    var rng = SeededGenerator(seed: 21)
    let (T, B, F, H) = (5, 9, 3, 4)
    var lstm = LSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
    var rnn = RNN<Double>(inputSize: F, hiddenSize: H, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    let (h0, c0): (Matrix<Double>, Matrix<Double>) = (state(&rng, B, H), state(&rng, B, H))
    let dH: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: H, -1, 1)

    func lstmRun() throws -> [Matrix<Double>] {
      let tape = try lstm.forward(x, steps: T, h0: h0, c0: c0)
      let g = lstm.backward(tape, hiddenGradient: dH)
      let skipped = lstm.backward(tape, hiddenGradient: dH, inputGradient: false)
      let t = try lstm.truncatedGradients(x, steps: T, window: 2, h0: h0, c0: c0, hiddenGradient: dH)
      let c = try lstm.checkpointedGradients(x, steps: T, interval: 2, h0: h0, c0: c0, hiddenGradient: dH).gradients
      return [tape.gates, tape.cellStates, tape.tanhCells, tape.hiddenStates, g.dW, g.dU, g.db, g.dX, g.dHidden, g.dh0, g.dc0,
              skipped.dW, skipped.dX, t.gradients.dW, t.gradients.dU, t.gradients.db, t.gradients.dX, t.gradients.dHidden,
              t.gradients.dh0, t.gradients.dc0, t.lastHidden, t.lastCell!, c.dW, c.dU, c.db, c.dX, c.dHidden, c.dh0, c.dc0]
    }
    func rnnRun() throws -> [Matrix<Double>] {
      let tape = try rnn.forward(x, steps: T, h0: h0)
      let g = rnn.backward(tape, hiddenGradient: dH)
      let t = try rnn.truncatedGradients(x, steps: T, window: 2, h0: h0, hiddenGradient: dH)
      let c = try rnn.checkpointedGradients(x, steps: T, interval: 2, h0: h0, hiddenGradient: dH).gradients
      return [tape.hiddenStates, g.dW, g.dU, g.db, g.dX, g.dHidden, g.dh0, t.gradients.dW, t.gradients.dX,
              t.gradients.dHidden, t.gradients.dh0, t.lastHidden, c.dW, c.dU, c.db, c.dX, c.dHidden, c.dh0]
    }
    let (lstmFast, rnnFast) = (try lstmRun(), try rnnRun())
    lstm.implementation = .reference
    rnn.implementation = .reference
    let (lstmReference, rnnReference) = (try lstmRun(), try rnnRun())
    for (index, (a, b)) in zip(lstmFast, lstmReference).enumerated() {
      XCTAssertLessThanOrEqual(relativeError(b, a), 1e-12, "LSTM result \(index)")
    }
    for (index, (a, b)) in zip(rnnFast, rnnReference).enumerated() {
      XCTAssertLessThanOrEqual(relativeError(b, a), 1e-12, "RNN result \(index)")
    }
    XCTAssertEqual(lstmReference[12].rows, 0, "inputGradient: false leaves dX empty")
  }
}
