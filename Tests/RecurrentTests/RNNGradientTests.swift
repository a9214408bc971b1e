import LabMath
import XCTest

@testable import Recurrent

/// Full BPTT through the tanh RNN against finite differences for every parameter tensor, the input and h_0,
/// T in {1, 7, 50}, B in {1, 4}, loss on the last step or on every step.
final class RNNGradientTests: XCTestCase {
  let (inputSize, hiddenSize) = (3, 5)

  func checkWeightedHiddenLoss(steps: Int, batch: Int, everyStep: Bool) throws {
    var rng = SeededGenerator(seed: UInt64(1000 + 10 * steps + batch))
    let rnn = RNN<Double>(inputSize: inputSize, hiddenSize: hiddenSize, initializer: .pytorch, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: inputSize, -1, 1)
    let h0: Matrix<Double> = rng.uniformMatrix(rows: batch, columns: hiddenSize, -0.5, 0.5)
    let R = hiddenWeights(steps: steps, batch: batch, hidden: hiddenSize, everyStep: everyStep, using: &rng)
    func loss(_ rnn: RNN<Double>, x: Matrix<Double>, h0: Matrix<Double>) -> Double {
      dot(try! rnn.forward(x, steps: steps, h0: h0).hidden, R)
    }
    let g = rnn.backward(try rnn.forward(x, steps: steps, h0: h0), hiddenGradient: R)
    let label = "T=\(steps) B=\(batch) everyStep=\(everyStep)"
    var significant = 0
    significant += GradientCheck.check("dW \(label)", analytic: g.dW) { i, d in
      var m = rnn
      m.W = moved(m.W, i, by: d)
      return loss(m, x: x, h0: h0)
    }.significant
    significant += GradientCheck.check("dU \(label)", analytic: g.dU) { i, d in
      var m = rnn
      m.U = moved(m.U, i, by: d)
      return loss(m, x: x, h0: h0)
    }.significant
    significant += GradientCheck.check("db \(label)", analytic: g.db) { i, d in
      var m = rnn
      m.b = moved(m.b, i, by: d)
      return loss(m, x: x, h0: h0)
    }.significant
    GradientCheck.check("dX \(label)", analytic: g.dX, limit: 80) { i, d in loss(rnn, x: moved(x, i, by: d), h0: h0) }
    GradientCheck.check("dh0 \(label)", analytic: g.dh0) { i, d in loss(rnn, x: x, h0: moved(h0, i, by: d)) }
    XCTAssertGreaterThan(significant, 20, "the parameter gradients of \(label) should not be tiny")
  }

  func testRNNGradientsMatchFiniteDifferencesWithLossOnLastStep() throws {
    for steps in [1, 7, 50] { for batch in [1, 4] { try checkWeightedHiddenLoss(steps: steps, batch: batch, everyStep: false) } }
  }

  func testRNNGradientsMatchFiniteDifferencesWithLossOnEveryStep() throws {
    for steps in [1, 7, 50] { for batch in [1, 4] { try checkWeightedHiddenLoss(steps: steps, batch: batch, everyStep: true) } }
  }

  /// dHidden_t is the total dL/dh_t: perturb h_t, rerun the rest of the sequence from it.
  func testRNNTotalHiddenGradientEqualsTheEffectOfPerturbingEachState() throws {
    let (steps, batch) = (8, 3)
    var rng = SeededGenerator(seed: 77)
    let rnn = RNN<Double>(inputSize: inputSize, hiddenSize: hiddenSize, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: inputSize, -1, 1)
    let R = hiddenWeights(steps: steps, batch: batch, hidden: hiddenSize, everyStep: true, using: &rng)
    let g = rnn.backward(try rnn.forward(x, steps: steps), hiddenGradient: R)
    for t in [1, 5, 8] {
      let prefix = try rnn.forward(x.rows(0..<t * batch), steps: t)
      let prefixLoss = dot(prefix.hidden, R.rows(0..<t * batch))
      let block = R.rows((t - 1) * batch..<t * batch)
      GradientCheck.check("dHidden_\(t)", analytic: g.dHidden.rows((t - 1) * batch..<t * batch)) { i, d in
        var loss = prefixLoss + d * block.scalars[i]
        if t < steps {
          let suffix = try! rnn.forward(x.rows(t * batch..<steps * batch), steps: steps - t, h0: moved(prefix.lastHidden, i, by: d))
          loss += dot(suffix.hidden, R.rows(t * batch..<steps * batch))
        }
        return loss
      }
    }
  }

  /// The forward pass is h_t = tanh(x_t W + h_{t-1} U + b), written out with plain matrix operations.
  func testRNNForwardFollowsItsEquation() throws {
    var rng = SeededGenerator(seed: 4)
    let rnn = RNN<Double>(inputSize: 2, hiddenSize: 3, initializer: .pytorch, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: 4 * 2, columns: 2, -1, 1)
    let tape = try rnn.forward(x, steps: 4)
    var h = Matrix<Double>(rows: 2, columns: 3)
    for t in 0..<4 {
      let z = (x.rows(t * 2..<(t + 1) * 2).naiveProduct(rnn.W) + h.naiveProduct(rnn.U)).addingRowVector(rnn.b)
      h = z.tanh()
      XCTAssertLessThan((tape.hidden(atStep: t + 1) - h).maxAbs(), 1e-15)
    }
    XCTAssertEqual(tape.lastHidden, tape.hidden(atStep: 4))
  }
}

extension Matrix where Scalar == Double {
  /// The product from its definition (independent of the gemm kernels).
  func naiveProduct(_ other: Matrix<Double>) -> Matrix<Double> {
    Matrix(rows: rows, columns: other.columns) { i, j in (0..<columns).reduce(0.0) { $0 + self[i, $1] * other[$1, j] } }
  }
}
