import LabMath

/// A vanilla (Elman) recurrent layer with tanh over a time-major batch (T*B x F):
///
///     h_t = tanh(x_t W + h_{t-1} U + b)        W: F x H, U: H x H, b: 1 x H
///
/// Same structure as `LSTM`: x W for all steps in one product, per step h_{t-1} U and a fused C loop; full BPTT by
/// hand in `backward`. Call `backward` on the layer whose `forward` made the tape, before its weights change.
public struct RNN<Scalar: LabScalar>: Sendable {
  /// Input kernel W (F x H).
  public var W: Matrix<Scalar>
  /// Recurrent kernel U (H x H).
  public var U: Matrix<Scalar>
  /// Bias b (1 x H).
  public var b: Matrix<Scalar>
  /// F, the number of input features.
  public let inputSize: Int
  /// H, the number of hidden units.
  public let hiddenSize: Int
  /// Which code runs the passes: the C kernels (default) or the plain-Swift `ReferenceRNN`, same numbers to rounding.
  public var implementation: RecurrentImplementation = .fast

  /// A layer with weights drawn by `initializer` (Keras's `SimpleRNN` defaults unless told otherwise) from `rng`.
  public init(
    inputSize: Int, hiddenSize: Int, initializer: RecurrentInitializer = .keras, using rng: inout SeededGenerator
  ) {
    precondition(inputSize > 0 && hiddenSize > 0, "RNN: inputSize and hiddenSize must be positive, not \(inputSize), \(hiddenSize)")
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    (W, U, b) = initializer.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 1, using: &rng)
  }

  /// A layer with the given weights (W: F x H, U: H x H, b: 1 x H).
  public init(W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) throws {
    let (f, h) = (W.rows, U.rows)
    try validateParameter(W, rows: max(f, 1), columns: max(h, 1), layer: "RNN", parameter: "W")
    try validateParameter(U, rows: max(h, 1), columns: max(h, 1), layer: "RNN", parameter: "U")
    try validateParameter(b, rows: 1, columns: h, layer: "RNN", parameter: "b")
    (self.W, self.U, self.b, inputSize, hiddenSize) = (W, U, b, f, h)
  }

  /// [W, U, b]; the setter requires the same shapes.
  public var parameters: [Matrix<Scalar>] {
    get { [W, U, b] }
    set {
      precondition(
        newValue.count == 3 && newValue[0].rows == W.rows && newValue[0].columns == W.columns
          && newValue[1].rows == U.rows && newValue[1].columns == U.columns && newValue[2].count == b.count,
        "RNN.parameters: expected [W \(W.rows)x\(W.columns), U \(U.rows)x\(U.columns), b 1x\(b.count)]")
      (W, U, b) = (newValue[0], newValue[1], newValue[2])
    }
  }

  /// The number of trainable scalars, H(F + H + 1).
  public var parameterCount: Int { W.count + U.count + b.count }

  /// The same layer with U rescaled to spectral radius `radius` (largest |eigenvalue|).
  public func scaledToSpectralRadius(_ radius: Double) -> RNN {
    var copy = self
    copy.U = scaledGateBlocks(U, hiddenSize: hiddenSize, toSpectralRadius: radius)
    return copy
  }

  /// Runs the layer over `x` (T*B x F, T = `steps`) from h_0 = `h0` (B x H, zeros when nil); returns the tape.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func forward(_ x: Matrix<Scalar>, steps: Int, h0: Matrix<Scalar>? = nil) throws -> RNNTape<Scalar> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "RNN.forward")
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: "RNN.forward", argument: "h0")
    return uncheckedForward(x, steps: steps, batch: batch, h0: h0)
  }

  /// The forward pass on validated arguments.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func uncheckedForward(_ x: Matrix<Scalar>, steps: Int, batch: Int, h0: Matrix<Scalar>?) -> RNNTape<Scalar> {
    let (T, B, H) = (steps, batch, hiddenSize)
    if implementation == .reference { return referenceRun(x, steps: T, batch: B, h0: h0) }
    var states = Matrix<Scalar>(rows: (T + 1) * B, columns: H)
    if let h0 { states.setRows(startingAt: 0, to: h0) }
    var z = Matrix<Scalar>(rows: T * B, columns: H)  // workspace, not tape: x_t W + h_{t-1} U
    gemm(x, times: W, into: &z)
    for t in 0..<T {
      let now = t * B..<(t + 1) * B
      gemm(states, rows: now, transposed: false, times: U, rows: nil, transposed: false, into: &z, rows: now, beta: 1)
      RecurrentKernels.rnnForwardStep(rows: B, preactivation: z, preactivationRow: t * B, bias: b, state: &states, stateRow: (t + 1) * B)
    }
    return RNNTape(steps: T, batchSize: B, input: x, hiddenStates: states)
  }

  /// Full backpropagation through time: with dH (T*B x H) the loss's direct gradient w.r.t. each h_t,
  ///
  ///     dHidden_t = dH_t + dz_{t+1} U^T,   dz_t = dHidden_t * (1 - h_t^2)
  ///
  /// then dW = x^T dZ, dU = [h_0 .. h_{T-1}]^T dZ, db = column sums of dZ, dx = dZ W^T, dh_0 = dz_1 U^T.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(_ tape: RNNTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> RNNGradients<Scalar> {
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    precondition(tape.hiddenSize == H && tape.inputSize == inputSize, "RNN.backward: the tape was made by a layer of another shape")
    precondition(
      dH.rows == T * B && dH.columns == H,
      "RNN.backward: hiddenGradient is \(dH.rows)x\(dH.columns) but must be T*B x H = \(T * B)x\(H)")
    var gradients = emptyGradients(steps: T, batch: B, hiddenGradient: dH)
    backpropagate(tape, into: &gradients, firstRow: 0, accumulate: false, chained: true)
    return gradients
  }

  /// Gradients with every parameter gradient zero and dHidden = dH.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func emptyGradients(steps: Int, batch: Int, hiddenGradient dH: Matrix<Scalar>) -> RNNGradients<Scalar> {
    RNNGradients(
      dW: Matrix(rows: inputSize, columns: hiddenSize), dU: Matrix(rows: hiddenSize, columns: hiddenSize),
      db: Matrix(rows: 1, columns: hiddenSize), dX: Matrix(rows: steps * batch, columns: inputSize),
      dHidden: dH, dh0: Matrix(rows: batch, columns: hiddenSize))
  }

  /// Backpropagates through a tape covering rows `firstRow ..< firstRow + T*B` of a longer sequence; the same
  /// contract as `LSTM.backpropagate` (without a cell).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func backpropagate(
    _ tape: RNNTape<Scalar>, into gradients: inout RNNGradients<Scalar>, firstRow: Int, accumulate: Bool, chained: Bool
  ) {
    if implementation == .reference {
      return referenceBackpropagate(tape, into: &gradients, firstRow: firstRow, accumulate: accumulate, chained: chained)
    }
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    // U^T and W^T explicitly, so that every product below multiplies by an untransposed right operand.
    let (Ut, Wt) = (U.transposed, W.transposed)
    var dZ = Matrix<Scalar>(rows: T * B, columns: H)
    for t in stride(from: T - 1, through: 0, by: -1) {
      let now = t * B..<(t + 1) * B
      RecurrentKernels.tanhBackward(
        rows: B, output: tape.hiddenStates, outputRow: (t + 1) * B, outputGradient: gradients.dHidden,
        outputGradientRow: firstRow + t * B, into: &dZ, gradientRow: t * B)
      if t > 0 || (chained && firstRow > 0) {
        let previous = firstRow + (t - 1) * B..<firstRow + t * B
        gemm(dZ, rows: now, transposed: false, times: Ut, rows: nil, transposed: false, into: &gradients.dHidden, rows: previous, beta: 1)
      } else if firstRow == 0 {
        gemm(dZ, rows: now, transposed: false, times: Ut, rows: nil, transposed: false, into: &gradients.dh0)
      }
    }
    let beta: Scalar = accumulate ? 1 : 0
    gemm(tape.input, transposed: true, times: dZ, into: &gradients.dW, beta: beta)
    gemm(tape.hiddenStates, rows: 0..<T * B, transposed: true, times: dZ, into: &gradients.dU, beta: beta)
    gemm(dZ, rows: nil, transposed: false, times: Wt, rows: nil, transposed: false, into: &gradients.dX, rows: firstRow..<firstRow + T * B)
    gradients.db = accumulate ? gradients.db + dZ.columnSums() : dZ.columnSums()
  }
}
