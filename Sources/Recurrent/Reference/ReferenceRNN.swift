import LabMath

/// The vanilla (Elman) tanh RNN in plain Swift, one step forward and back (`RNN` is the fast layer tested against it):
///
///     h_t = tanh(x_t W + h_{t-1} U + b)            W: F x H, U: H x H, b: 1 x H
///
/// The time loop and BPTT are in ReferenceBPTT.swift.
public struct ReferenceRNN<Scalar: LabScalar>: ReferenceCell {
  /// Input kernel W (F x H).
  public var W: Matrix<Scalar>
  /// Recurrent kernel U (H x H).
  public var U: Matrix<Scalar>
  /// Bias b (1 x H).
  public var b: Matrix<Scalar>

  public static var parameterNames: [String] { ["W", "U", "b"] }
  public static var stateNames: [String] { ["h"] }

  /// A cell with the given weights.
  public init(W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) throws {
    let h = U.rows
    try validateParameter(U, rows: max(h, 1), columns: max(h, 1), layer: "ReferenceRNN", parameter: "U")
    try validateParameter(W, rows: max(W.rows, 1), columns: h, layer: "ReferenceRNN", parameter: "W")
    try validateParameter(b, rows: 1, columns: h, layer: "ReferenceRNN", parameter: "b")
    (self.W, self.U, self.b) = (W, U, b)
  }

  /// Keras's `SimpleRNN` initialisation (glorot-uniform W, orthogonal U, zero b), as `RNN`.
  public init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    (W, U, b) = RecurrentInitializer.keras.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 1, using: &rng)
  }

  public var parameters: [Matrix<Scalar>] {
    get { [W, U, b] }
    set { (W, U, b) = (newValue[0], newValue[1], newValue[2]) }
  }
  public var inputSize: Int { W.rows }
  public var hiddenSize: Int { U.rows }

  /// What one step keeps for its backward step.
  public struct Step: Sendable {
    public var x, hPrevious, h: Matrix<Scalar>
  }

  /// One step forward: h_t = tanh(x_t W + h_{t-1} U + b).
  public func forward(_ x: Matrix<Scalar>, state: [Matrix<Scalar>]) -> (state: [Matrix<Scalar>], step: Step) {
    let hPrevious = state[0]
    let h = (matmul(x, W) + matmul(hPrevious, U)).addingRowVector(b).tanh()
    return ([h], Step(x: x, hPrevious: hPrevious, h: h))
  }

  /// One step backward, with dh = dL/dh_t (total):
  ///
  ///     dz = dh * (1 - h_t^2)
  ///     dW += x_t^T dz,  dU += h_{t-1}^T dz,  db += column sums of dz
  ///     dx_t = dz W^T,   dh_{t-1} = dz U^T
  public func backward(
    _ s: Step, stateGradient: [Matrix<Scalar>], gradients: inout ReferenceRNN
  ) -> (inputGradient: Matrix<Scalar>, stateGradient: [Matrix<Scalar>]) {
    let dh = stateGradient[0]
    let dz = dh * (1 - s.h * s.h)
    gradients.W += matmul(s.x, dz, transposeA: true)
    gradients.U += matmul(s.hPrevious, dz, transposeA: true)
    gradients.b += dz.sumOfRows()
    return (matmul(dz, W, transposeB: true), [matmul(dz, U, transposeB: true)])
  }
}
