import LabMath
import XCTest

@testable import Recurrent

/// Full BPTT through the LSTM against finite differences (GradientCheck) for every parameter tensor, the input and
/// the initial state, T in {1, 7, 50}, B in {1, 4}, with the loss on the last step or on every step.
final class LSTMGradientTests: XCTestCase {
  let (inputSize, hiddenSize) = (3, 4)

  struct Problem {
    var lstm: LSTM<Double>
    var x: Matrix<Double>
    var h0: Matrix<Double>
    var c0: Matrix<Double>
    var steps: Int
  }

  func problem(steps: Int, batch: Int, seed: UInt64) -> Problem {
    var rng = SeededGenerator(seed: seed)
    let lstm = LSTM<Double>(inputSize: inputSize, hiddenSize: hiddenSize, initializer: .pytorch, using: &rng)
    return Problem(
      lstm: lstm, x: rng.uniformMatrix(rows: steps * batch, columns: inputSize, -1, 1),
      h0: rng.uniformMatrix(rows: batch, columns: hiddenSize, -0.5, 0.5),
      c0: rng.uniformMatrix(rows: batch, columns: hiddenSize, -0.5, 0.5), steps: steps)
  }

  /// Checks every tensor's gradient for L = sum(R * [h_1 .. h_T]).
  func checkWeightedHiddenLoss(steps: Int, batch: Int, everyStep: Bool) throws {
    let p = problem(steps: steps, batch: batch, seed: UInt64(100 * steps + batch))
    var rng = SeededGenerator(seed: 7)
    let R = hiddenWeights(steps: steps, batch: batch, hidden: hiddenSize, everyStep: everyStep, using: &rng)
    func loss(_ lstm: LSTM<Double>, x: Matrix<Double>, h0: Matrix<Double>, c0: Matrix<Double>) -> Double {
      dot(try! lstm.forward(x, steps: steps, h0: h0, c0: c0).hidden, R)
    }
    let tape = try p.lstm.forward(p.x, steps: steps, h0: p.h0, c0: p.c0)
    let g = p.lstm.backward(tape, hiddenGradient: R)
    let label = "T=\(steps) B=\(batch) everyStep=\(everyStep)"
    var significant = 0
    significant += GradientCheck.check("dW \(label)", analytic: g.dW) { i, d in
      var m = p.lstm
      m.W = moved(m.W, i, by: d)
      return loss(m, x: p.x, h0: p.h0, c0: p.c0)
    }.significant
    significant += GradientCheck.check("dU \(label)", analytic: g.dU) { i, d in
      var m = p.lstm
      m.U = moved(m.U, i, by: d)
      return loss(m, x: p.x, h0: p.h0, c0: p.c0)
    }.significant
    significant += GradientCheck.check("db \(label)", analytic: g.db) { i, d in
      var m = p.lstm
      m.b = moved(m.b, i, by: d)
      return loss(m, x: p.x, h0: p.h0, c0: p.c0)
    }.significant
    GradientCheck.check("dX \(label)", analytic: g.dX, limit: 80) { i, d in
      loss(p.lstm, x: moved(p.x, i, by: d), h0: p.h0, c0: p.c0)
    }
    GradientCheck.check("dh0 \(label)", analytic: g.dh0) { i, d in
      loss(p.lstm, x: p.x, h0: moved(p.h0, i, by: d), c0: p.c0)
    }
    GradientCheck.check("dc0 \(label)", analytic: g.dc0) { i, d in
      loss(p.lstm, x: p.x, h0: p.h0, c0: moved(p.c0, i, by: d))
    }
    XCTAssertGreaterThan(significant, 40, "the parameter gradients of \(label) should not be tiny")
  }

  func testLSTMGradientsMatchFiniteDifferencesWithLossOnLastStep() throws {
    for steps in [1, 7, 50] { for batch in [1, 4] { try checkWeightedHiddenLoss(steps: steps, batch: batch, everyStep: false) } }
  }

  func testLSTMGradientsMatchFiniteDifferencesWithLossOnEveryStep() throws {
    for steps in [1, 7, 50] { for batch in [1, 4] { try checkWeightedHiddenLoss(steps: steps, batch: batch, everyStep: true) } }
  }

  /// A classifier: L = softmaxCrossEntropy(Dense(h_T), labels); the Dense head's gradients are checked too.
  func testLSTMWithDenseSoftmaxHeadMatchesFiniteDifferences() throws {
    for steps in [1, 7, 50] {
      for batch in [1, 4] {
        let p = problem(steps: steps, batch: batch, seed: UInt64(300 + steps * batch))
        var rng = SeededGenerator(seed: 11)
        let dense = Dense<Double>(inputSize: hiddenSize, outputSize: 3, using: &rng)
        let labels = (0..<batch).map { $0 % 3 }
        func loss(_ lstm: LSTM<Double>, _ dense: Dense<Double>, x: Matrix<Double>) -> Double {
          let tape = try! lstm.forward(x, steps: steps, h0: p.h0, c0: p.c0)
          return try! softmaxCrossEntropy(logits: try! dense.forward(tape.lastHidden), labels: labels).loss
        }
        let tape = try p.lstm.forward(p.x, steps: steps, h0: p.h0, c0: p.c0)
        let logits = try dense.forward(tape.lastHidden)
        let (_, dLogits) = try softmaxCrossEntropy(logits: logits, labels: labels)
        let head = dense.backward(x: tape.lastHidden, outputGradient: dLogits)
        var dH = Matrix<Double>(rows: steps * batch, columns: hiddenSize)
        dH.setRows(startingAt: (steps - 1) * batch, to: head.dX)
        let g = p.lstm.backward(tape, hiddenGradient: dH)
        let label = "CE T=\(steps) B=\(batch)"
        GradientCheck.check("dense dW \(label)", analytic: head.dW) { i, d in
          var m = dense
          m.W = moved(m.W, i, by: d)
          return loss(p.lstm, m, x: p.x)
        }
        GradientCheck.check("dense db \(label)", analytic: head.db) { i, d in
          var m = dense
          m.b = moved(m.b, i, by: d)
          return loss(p.lstm, m, x: p.x)
        }
        GradientCheck.check("dW \(label)", analytic: g.dW) { i, d in
          var m = p.lstm
          m.W = moved(m.W, i, by: d)
          return loss(m, dense, x: p.x)
        }
        GradientCheck.check("dU \(label)", analytic: g.dU) { i, d in
          var m = p.lstm
          m.U = moved(m.U, i, by: d)
          return loss(m, dense, x: p.x)
        }
        GradientCheck.check("db \(label)", analytic: g.db) { i, d in
          var m = p.lstm
          m.b = moved(m.b, i, by: d)
          return loss(m, dense, x: p.x)
        }
        GradientCheck.check("dX \(label)", analytic: g.dX, limit: 60) { i, d in loss(p.lstm, dense, x: moved(p.x, i, by: d)) }
      }
    }
  }

  /// dHidden_t is the total dL/dh_t: perturbing h_t and running the rest of the sequence from it (with c_t kept)
  /// changes L by dHidden_t times the perturbation.
  func testLSTMTotalHiddenGradientEqualsTheEffectOfPerturbingEachState() throws {
    let (steps, batch) = (9, 2)
    let p = problem(steps: steps, batch: batch, seed: 5)
    var rng = SeededGenerator(seed: 8)
    let R = hiddenWeights(steps: steps, batch: batch, hidden: hiddenSize, everyStep: true, using: &rng)
    let g = p.lstm.backward(try p.lstm.forward(p.x, steps: steps, h0: p.h0, c0: p.c0), hiddenGradient: R)
    for t in [1, 4, 8, 9] {
      let prefix = try p.lstm.forward(p.x.rows(0..<t * batch), steps: t, h0: p.h0, c0: p.c0)
      let prefixLoss = dot(prefix.hidden, R.rows(0..<t * batch))
      let block = R.rows((t - 1) * batch..<t * batch)
      let analytic = g.dHidden.rows((t - 1) * batch..<t * batch)
      GradientCheck.check("dHidden_\(t)", analytic: analytic) { i, d in
        var loss = prefixLoss + d * block.scalars[i]
        if t < steps {
          let suffix = try! p.lstm.forward(
            p.x.rows(t * batch..<steps * batch), steps: steps - t, h0: moved(prefix.lastHidden, i, by: d), c0: prefix.lastCell)
          loss += dot(suffix.hidden, R.rows(t * batch..<steps * batch))
        }
        return loss
      }
    }
    XCTAssertEqual(g.hiddenGradientNorms(batchSize: batch).count, steps)
    XCTAssertEqual(Double(g.hiddenGradientNorms(batchSize: batch)[2]), g.dHidden.rows(2 * batch..<3 * batch).norm(), accuracy: 1e-15)
  }

  /// The per-step norms of a vanishing gradient survive in Float: a dHidden whose steps hold 1e-30 (squares underflow)
  /// and 1e30 (squares overflow), for an LSTM's and an RNN's gradients. Each step's norm is worked by hand:
  /// B = 2 rows of H = 2 values, all of magnitude s, give |block| = sqrt(4) s = 2 s.
  func testHiddenGradientNormsNeitherUnderflowNorOverflow() {
    let scales: [Float] = [1e-30, 1, 1e30]
    let dHidden = Matrix<Float>(rows: 3 * 2, columns: 2) { r, c in scales[r / 2] * (c == 0 ? 1 : -1) }
    let zero = Matrix<Float>(rows: 1, columns: 1)
    let lstm = LSTMGradients(dW: zero, dU: zero, db: zero, dX: zero, dHidden: dHidden, dh0: zero, dc0: zero)
    let rnn = RNNGradients(dW: zero, dU: zero, db: zero, dX: zero, dHidden: dHidden, dh0: zero)
    for norms in [lstm.hiddenGradientNorms(batchSize: 2), rnn.hiddenGradientNorms(batchSize: 2)] {
      XCTAssertEqual(norms.count, 3)
      for (value, s) in zip(norms, scales) { XCTAssertEqual(value, 2 * s, accuracy: 2 * s * 1e-6) }
    }
  }

  /// Float and Double agree on the same weights (the Float path runs the f32 kernels).
  func testFloatLSTMAgreesWithDouble() throws {
    let p = problem(steps: 20, batch: 4, seed: 21)
    var rng = SeededGenerator(seed: 3)
    let R = hiddenWeights(steps: 20, batch: 4, hidden: hiddenSize, everyStep: true, using: &rng)
    let gd = p.lstm.backward(try p.lstm.forward(p.x, steps: 20, h0: p.h0, c0: p.c0), hiddenGradient: R)
    let lf = try LSTM<Float>(W: p.lstm.W.converted(), U: p.lstm.U.converted(), b: p.lstm.b.converted())
    let tf = try lf.forward(p.x.converted(), steps: 20, h0: p.h0.converted(), c0: p.c0.converted())
    let gf = lf.backward(tf, hiddenGradient: R.converted())
    for (a, b) in zip(gd.parameterGradients + [gd.dX, gd.dh0, gd.dc0], gf.parameterGradients + [gf.dX, gf.dh0, gf.dc0]) {
      XCTAssertLessThan((b.converted(to: Double.self) - a).maxAbs(), 1e-4 * max(1, a.maxAbs()))
    }
  }
}
