import LSTMLab
import XCTest

/// The quantities the vanishing- and exploding-gradient lessons plot, checked against closed forms and against
/// computations done here by hand, independently of the backward pass that produced them.
final class GradientFlowTests: XCTestCase {
  /// ‖block_t‖_F for every step's B rows, accumulated in Double.
  func stepNorms(_ m: Matrix<Double>, batch: Int) -> [Double] {
    let width = batch * m.columns
    return (0..<m.rows / batch).map { t in m.scalars[t * width..<(t + 1) * width].reduce(0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// dH for a loss on the last step only: random on the last block, zero elsewhere.
  func lastStepGradient(steps: Int, batch: Int, hidden: Int, using rng: inout SeededGenerator) -> Matrix<Double> {
    var dH = Matrix<Double>(rows: steps * batch, columns: hidden)
    dH.setRows(startingAt: (steps - 1) * batch, to: rng.uniformMatrix(rows: batch, columns: hidden, -1, 1))
    return dH
  }

  /// The kernel the lessons use, U = ρ · orthogonal, really is ρ times an orthogonal matrix: U Uᵀ = ρ² I.
  func testSpectralRadiusInitialiserGivesRhoTimesAnOrthogonalKernel() {
    for rho in [0.5, 0.95, 1.5] {
      var rng = SeededGenerator(seed: 3)
      let rnn = RNN<Double>(inputSize: 3, hiddenSize: 16, initializer: RecurrentInitializer.keras.withSpectralRadius(rho), using: &rng)
      let gram = matmul(rnn.U, rnn.U, transposeB: true)
      for r in 0..<16 {
        for c in 0..<16 { XCTAssertEqual(gram[r, c], r == c ? rho * rho : 0, accuracy: 1e-9, "ρ = \(rho), entry \(r),\(c)") }
      }
    }
  }

  /// With tiny inputs and zero bias the tanh RNN is linear (tanh' = 1 - h² = 1 to 1e-8), so with U = ρ Q the norm
  /// of dL/dh shrinks or grows by exactly ρ per step: ‖dL/dh_{T-k}‖ / ‖dL/dh_T‖ = ρ^k.
  func testLinearRNNGradientRatioIsTheSpectralRadiusPower() throws {
    let (T, B, H) = (40, 4, 12)
    for rho in [0.5, 0.95, 1.5] {
      var rng = SeededGenerator(seed: 11)
      var rnn = RNN<Double>(inputSize: 3, hiddenSize: H, initializer: RecurrentInitializer.keras.withSpectralRadius(rho), using: &rng)
      rnn.W = 1e-12 * rnn.W  // h_t stays below 1e-4 even after 1.5^40 = 1e7 of growth
      let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 3, -1, 1)
      let tape = try rnn.forward(x, steps: T)
      XCTAssertLessThan(tape.hiddenStates.maxAbs(), 1e-4, "the inputs must keep h in the linear regime")
      let gradients = rnn.backward(tape, hiddenGradient: lastStepGradient(steps: T, batch: B, hidden: H, using: &rng))
      let norms = stepNorms(gradients.dHidden, batch: B)
      for k in 0..<T {
        let ratio = norms[T - 1 - k] / norms[T - 1]
        XCTAssertEqual(ratio / Double.pow(rho, Double(k)), 1, accuracy: 1e-8, "ρ = \(rho), k = \(k)")
      }
    }
  }

  /// Away from the linear regime the identity behind the lesson's forward-pass estimate still holds exactly: for
  /// U = ρ Q one step back maps dL/dh_t to (dL/dh_t ⊙ (1 - h_t²)) Uᵀ, whose norm is ρ ‖dL/dh_t ⊙ (1 - h_t²)‖.
  func testOneStepBackMultipliesTheSlopeWeightedNormByRho() throws {
    let (T, B, H, rho) = (25, 5, 10, 1.5)
    var rng = SeededGenerator(seed: 12)
    let rnn = RNN<Double>(inputSize: 4, hiddenSize: H, initializer: RecurrentInitializer.keras.withSpectralRadius(rho), using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 4, -2, 2)
    let tape = try rnn.forward(x, steps: T)
    let gradients = rnn.backward(tape, hiddenGradient: lastStepGradient(steps: T, batch: B, hidden: H, using: &rng))
    var sawSaturation = false
    for t in stride(from: T, to: 1, by: -1) {  // dL/dh_{t-1} from dL/dh_t, t = T ... 2 (1-based)
      let rows = (t - 1) * B..<t * B
      let h = tape.hidden(atStep: t), dh = gradients.dHidden.rows(rows)
      let weighted = dh.zipMap(h) { g, v in g * (1 - v * v) }
      let previous = gradients.dHidden.rows((t - 2) * B..<(t - 1) * B)
      XCTAssertEqual(previous.norm() / (rho * weighted.norm()), 1, accuracy: 1e-9, "step \(t)")
      if h.maxAbs() > 0.9 { sawSaturation = true }
    }
    XCTAssertTrue(sawSaturation, "the inputs should drive some units into saturation, or the test checks only the linear case")
  }

  /// Pascanu's bound, step by step, for a kernel that is not orthogonal: ‖dL/dh_{t-1}‖ ≤ σ_max(U) ‖dL/dh_t‖, with
  /// σ_max computed here by power iteration on UᵀU.
  func testEveryStepBackIsBoundedByTheLargestSingularValue() throws {
    let (T, B, H) = (30, 3, 8)
    var rng = SeededGenerator(seed: 13)
    var rnn = RNN<Double>(inputSize: 2, hiddenSize: H, initializer: .pytorch, using: &rng)
    rnn.U = 3 * rnn.U  // big enough that the bound is above 1 and the gradient can grow
    let sigma = largestSingularValue(rnn.U)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: 2, -1, 1)
    let tape = try rnn.forward(x, steps: T)
    let norms = stepNorms(
      rnn.backward(tape, hiddenGradient: lastStepGradient(steps: T, batch: B, hidden: H, using: &rng)).dHidden, batch: B)
    for t in 1..<T { XCTAssertLessThanOrEqual(norms[t - 1], sigma * norms[t] * (1 + 1e-12), "step \(t)") }
    XCTAssertGreaterThan(sigma, 1)
  }

  /// The LSTM's constant error carousel: with U = 0 no gradient flows through h_{t-1}, so dL/dc_0 is dL/dc_T times
  /// the product of the forget gates, dL/dc_T = dL/dh_T ⊙ o_T ⊙ (1 - tanh² c_T). Gates recomputed here by hand.
  func testLSTMCellGradientIsTheProductOfForgetGatesWithoutRecurrentWeights() throws {
    let (T, B, F, H) = (12, 3, 4, 5)
    var rng = SeededGenerator(seed: 14)
    let W: Matrix<Double> = rng.uniformMatrix(rows: F, columns: 4 * H, -1, 1)
    let b: Matrix<Double> = rng.uniformMatrix(rows: 1, columns: 4 * H, -1, 2)
    let lstm = try LSTM<Double>(W: W, U: Matrix(rows: H, columns: 4 * H), b: b)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    let dH = lastStepGradient(steps: T, batch: B, hidden: H, using: &rng)
    let gradients = lstm.backward(try lstm.forward(x, steps: T), hiddenGradient: dH)
    func s(_ z: Double) -> Double { 1 / (1 + Double.exp(-z)) }
    for r in 0..<B {
      for j in 0..<H {
        var c = 0.0, forgetProduct = 1.0, o = 0.0
        for t in 0..<T {
          var z = [0.0, 0.0, 0.0, 0.0]
          for gate in 0..<4 {
            z[gate] = b[0, gate * H + j]
            for k in 0..<F { z[gate] += x[t * B + r, k] * W[k, gate * H + j] }
          }
          c = s(z[1]) * c + s(z[0]) * Double.tanh(z[2])
          o = s(z[3])
          forgetProduct *= s(z[1])
        }
        let expected = dH[(T - 1) * B + r, j] * o * (1 - Double.tanh(c) * Double.tanh(c)) * forgetProduct
        XCTAssertEqual(gradients.dc0[r, j], expected, accuracy: 1e-14 + 1e-10 * abs(expected), "row \(r), unit \(j)")
      }
    }
    XCTAssertEqual(gradients.dh0.maxAbs(), 0, "with U = 0 nothing reaches h_0")
  }

  /// σ_max(A) = sqrt(largest eigenvalue of AᵀA), by power iteration.
  func largestSingularValue(_ a: Matrix<Double>) -> Double {
    let gram = matmul(a, a, transposeA: true)
    var v = Matrix<Double>(rows: gram.rows, columns: 1, repeating: 1)
    var lambda = 0.0
    for _ in 0..<2000 {
      let w = matmul(gram, v)
      lambda = w.norm()
      v = (1 / lambda) * w
    }
    return lambda.squareRoot()
  }
}
