import LabMath

/// The worked exercise (Reference/README.md): an LSTM whose gates also look at the cell, the "peephole connections"
/// of Gers, Schraudolph and Schmidhuber (2002). It is `ReferenceLSTM` with three more parameter vectors p_i, p_f,
/// p_o (1 x H each, multiplied element-wise: each unit sees only its own cell):
///
///     z_t = x_t W + h_{t-1} U + b
///     i = sigmoid(z_i + p_i * c_{t-1}),  f = sigmoid(z_f + p_f * c_{t-1}),  g = tanh(z_g)
///     c_t = f * c_{t-1} + i * g
///     o = sigmoid(z_o + p_o * c_t)                 (the output gate sees the new cell)
///     h_t = o * tanh(c_t)
///
/// Check it with `swift run lstmlab gradcheck --cell peephole`.
public struct PeepholeLSTM<Scalar: LabScalar>: ReferenceCell {
  /// Input kernel W (F x 4H), recurrent kernel U (H x 4H), bias b (1 x 4H): as `ReferenceLSTM`.
  public var W, U, b: Matrix<Scalar>
  /// Peephole weights (1 x H each) from c_{t-1} into i and f, and from c_t into o.
  public var pi, pf, po: Matrix<Scalar>

  public static var parameterNames: [String] { ["W", "U", "b", "p_i", "p_f", "p_o"] }
  public static var stateNames: [String] { ["h", "c"] }

  /// Keras's LSTM initialisation for W, U, b; peephole weights uniform in +-0.5, so that every term of the backward
  /// pass carries weight in a gradient check.
  public init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    (W, U, b) = RecurrentInitializer.keras.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 4, using: &rng)
    pi = rng.uniformMatrix(rows: 1, columns: hiddenSize, -0.5, 0.5)
    pf = rng.uniformMatrix(rows: 1, columns: hiddenSize, -0.5, 0.5)
    po = rng.uniformMatrix(rows: 1, columns: hiddenSize, -0.5, 0.5)
  }

  public var parameters: [Matrix<Scalar>] {
    get { [W, U, b, pi, pf, po] }
    set { (W, U, b, pi, pf, po) = (newValue[0], newValue[1], newValue[2], newValue[3], newValue[4], newValue[5]) }
  }
  public var inputSize: Int { W.rows }
  public var hiddenSize: Int { U.rows }

  /// What one step keeps for its backward step (as `ReferenceLSTM.Step`).
  public struct Step: Sendable {
    public var x, hPrevious, cPrevious: Matrix<Scalar>
    public var i, f, g, o: Matrix<Scalar>
    public var c, tanhC: Matrix<Scalar>
  }

  public func forward(_ x: Matrix<Scalar>, state: [Matrix<Scalar>]) -> (state: [Matrix<Scalar>], step: Step) {
    let (hPrevious, cPrevious) = (state[0], state[1])
    let z = (matmul(x, W) + matmul(hPrevious, U)).addingRowVector(b)
    let i = (z.gate(0, of: 4) + cPrevious.timesRowVector(pi)).sigmoid()
    let f = (z.gate(1, of: 4) + cPrevious.timesRowVector(pf)).sigmoid()
    let g = z.gate(2, of: 4).tanh()
    let c = f * cPrevious + i * g
    let o = (z.gate(3, of: 4) + c.timesRowVector(po)).sigmoid()
    let tanhC = c.tanh()
    let h = o * tanhC
    return ([h, c], Step(x: x, hPrevious: hPrevious, cPrevious: cPrevious, i: i, f: f, g: g, o: o, c: c, tanhC: tanhC))
  }

  /// What changes from `ReferenceLSTM.backward` (marked "peephole" below): c_t now also reaches h_t through o, and
  /// c_{t-1} also reaches i and f:
  ///
  ///     dz_o  = dh * tanh(c_t) * o (1 - o)
  ///     dc    = dcNext + dh * o * (1 - tanh^2 c_t) + dz_o * p_o
  ///     dz_i, dz_f, dz_g, dW, dU, db, dx_t, dh_{t-1}: as the LSTM
  ///     dp_i += column sums of dz_i * c_{t-1},  dp_f += ... dz_f * c_{t-1},  dp_o += ... dz_o * c_t
  ///     dc_{t-1} = dc * f + dz_i * p_i + dz_f * p_f
  public func backward(
    _ s: Step, stateGradient: [Matrix<Scalar>], gradients: inout PeepholeLSTM
  ) -> (inputGradient: Matrix<Scalar>, stateGradient: [Matrix<Scalar>]) {
    let (dh, dcNext) = (stateGradient[0], stateGradient[1])
    let dzo = dh * s.tanhC * s.o * (1 - s.o)
    let dc = dcNext + dh * s.o * (1 - s.tanhC * s.tanhC) + dzo.timesRowVector(po)  // peephole: + dz_o p_o
    let dzi = dc * s.g * s.i * (1 - s.i)
    let dzf = dc * s.cPrevious * s.f * (1 - s.f)
    let dzg = dc * s.i * (1 - s.g * s.g)
    let dz = [dzi, dzf, dzg, dzo].joinedColumns()

    gradients.W += matmul(s.x, dz, transposeA: true)
    gradients.U += matmul(s.hPrevious, dz, transposeA: true)
    gradients.b += dz.sumOfRows()
    gradients.pi += (dzi * s.cPrevious).sumOfRows()  // peephole
    gradients.pf += (dzf * s.cPrevious).sumOfRows()  // peephole
    gradients.po += (dzo * s.c).sumOfRows()  // peephole
    let dx = matmul(dz, W, transposeB: true)
    let dhPrevious = matmul(dz, U, transposeB: true)
    let dcPrevious = dc * s.f + dzi.timesRowVector(pi) + dzf.timesRowVector(pf)  // peephole: + dz_i p_i + dz_f p_f
    return (dx, [dhPrevious, dcPrevious])
  }
}
