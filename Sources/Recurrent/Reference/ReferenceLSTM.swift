import LabMath

/// The LSTM in plain Swift, one time step forward and one back, written as the equations (the first file to read;
/// `LSTM` computes the same numbers with C kernels and is tested against this one).
///
/// A batch of B sequences, one step: x_t is B x F, the state (h_{t-1}, c_{t-1}) is B x H each, gates in the order
/// i, f, g, o:
///
///     z_t = x_t W + h_{t-1} U + b                  W: F x 4H, U: H x 4H, b: 1 x 4H
///     i = sigmoid(z_i),  f = sigmoid(z_f),  g = tanh(z_g),  o = sigmoid(z_o)
///     c_t = f * c_{t-1} + i * g
///     h_t = o * tanh(c_t)                          (* is element-wise)
///
/// The time loop over t = 1 ... T and BPTT are in ReferenceBPTT.swift: `ReferenceLSTM(...).forward(x, steps: T)`,
/// then `.backward(tape, hiddenGradient: dH)`.
public struct ReferenceLSTM<Scalar: LabScalar>: ReferenceCell {
  /// Input kernel W (F x 4H).
  public var W: Matrix<Scalar>
  /// Recurrent kernel U (H x 4H).
  public var U: Matrix<Scalar>
  /// Bias b (1 x 4H).
  public var b: Matrix<Scalar>

  public static var parameterNames: [String] { ["W", "U", "b"] }
  public static var stateNames: [String] { ["h", "c"] }

  /// A cell with the given weights (gate blocks i, f, g, o).
  public init(W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) throws {
    let h = U.rows
    try validateParameter(U, rows: max(h, 1), columns: 4 * max(h, 1), layer: "ReferenceLSTM", parameter: "U")
    try validateParameter(W, rows: max(W.rows, 1), columns: 4 * h, layer: "ReferenceLSTM", parameter: "W")
    try validateParameter(b, rows: 1, columns: 4 * h, layer: "ReferenceLSTM", parameter: "b")
    (self.W, self.U, self.b) = (W, U, b)
  }

  /// Keras's initialisation (glorot-uniform W, orthogonal U, zero b with forget-gate bias 1), as `LSTM`.
  public init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    (W, U, b) = RecurrentInitializer.keras.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 4, using: &rng)
  }

  public var parameters: [Matrix<Scalar>] {
    get { [W, U, b] }
    set { (W, U, b) = (newValue[0], newValue[1], newValue[2]) }
  }
  public var inputSize: Int { W.rows }
  public var hiddenSize: Int { U.rows }

  /// What one step keeps for its backward step.
  public struct Step: Sendable {
    public var x, hPrevious, cPrevious: Matrix<Scalar>
    public var i, f, g, o: Matrix<Scalar>
    public var c, tanhC: Matrix<Scalar>
  }

  /// One step forward: (h_{t-1}, c_{t-1}) and x_t to (h_t, c_t).
  public func forward(_ x: Matrix<Scalar>, state: [Matrix<Scalar>]) -> (state: [Matrix<Scalar>], step: Step) {
    let (hPrevious, cPrevious) = (state[0], state[1])
    let z = (matmul(x, W) + matmul(hPrevious, U)).addingRowVector(b)  // B x 4H
    let i = z.gate(0, of: 4).sigmoid()  // input gate: how much of g to write
    let f = z.gate(1, of: 4).sigmoid()  // forget gate: how much of c_{t-1} to keep
    let g = z.gate(2, of: 4).tanh()  // candidate values
    let o = z.gate(3, of: 4).sigmoid()  // output gate
    let c = f * cPrevious + i * g
    let tanhC = c.tanh()
    let h = o * tanhC
    return ([h, c], Step(x: x, hPrevious: hPrevious, cPrevious: cPrevious, i: i, f: f, g: g, o: o, c: c, tanhC: tanhC))
  }

  /// One step backward. In: dh = dL/dh_t (the loss's own gradient plus what came back from step t+1) and
  /// dcNext = dL/dc_t through c_{t+1} = f_{t+1} * c_t + ... . Each line is the chain rule on one forward line:
  ///
  ///     dc   = dcNext + dh * o * (1 - tanh^2 c_t)                  h_t = o * tanh(c_t)
  ///     do   = dh * tanh(c_t)
  ///     di   = dc * g,   df = dc * c_{t-1},   dg = dc * i          c_t = f * c_{t-1} + i * g
  ///     dz_i = di * i (1 - i),  dz_f = df * f (1 - f),  dz_o = do * o (1 - o)     sigmoid' = s (1 - s)
  ///     dz_g = dg * (1 - g^2)                                        tanh' = 1 - tanh^2
  ///     dW += x_t^T dz,  dU += h_{t-1}^T dz,  db += column sums of dz           z_t = x_t W + h_{t-1} U + b
  ///     dx_t = dz W^T,   dh_{t-1} = dz U^T,   dc_{t-1} = dc * f
  public func backward(
    _ s: Step, stateGradient: [Matrix<Scalar>], gradients: inout ReferenceLSTM
  ) -> (inputGradient: Matrix<Scalar>, stateGradient: [Matrix<Scalar>]) {
    let (dh, dcNext) = (stateGradient[0], stateGradient[1])
    let dc = dcNext + dh * s.o * (1 - s.tanhC * s.tanhC)
    let dO = dh * s.tanhC  // dL/do (`do` is a Swift keyword)
    let di = dc * s.g
    let df = dc * s.cPrevious
    let dg = dc * s.i
    let dzi = di * s.i * (1 - s.i)
    let dzf = df * s.f * (1 - s.f)
    let dzg = dg * (1 - s.g * s.g)
    let dzo = dO * s.o * (1 - s.o)
    let dz = [dzi, dzf, dzg, dzo].joinedColumns()  // B x 4H, the gate order of W, U and b

    gradients.W += matmul(s.x, dz, transposeA: true)
    gradients.U += matmul(s.hPrevious, dz, transposeA: true)
    gradients.b += dz.sumOfRows()
    let dx = matmul(dz, W, transposeB: true)
    let dhPrevious = matmul(dz, U, transposeB: true)
    let dcPrevious = dc * s.f
    return (dx, [dhPrevious, dcPrevious])
  }
}
