import LabMath

/// A long short-term memory layer (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000) over a
/// time-major batch of B sequences of T steps with F features (T*B x F, rows t*B ..< (t+1)*B are x_t):
///
///     z_t = x_t W + h_{t-1} U + b            W: F x 4H, U: H x 4H, b: 1 x 4H, gate blocks i, f, g, o
///     i = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
///     c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
///
/// `forward` returns an `LSTMTape` (what the backward pass needs: x, the gates, c_t, tanh(c_t), h_t); `backward` is
/// backpropagation through time, written out at `backward(_:hiddenGradient:inputGradient:)`. The same equations as
/// plain Swift, one step at a time, are in Reference/; this layer computes them with the C kernels
/// (`RecurrentKernels.swift`, LabKernels' recurrence.c) and is tested against them.
///
/// Call `backward` on the layer whose `forward` made the tape, before its weights change.
public struct LSTM<Scalar: LabScalar>: Sendable {
  /// Input kernel W (F x 4H).
  public var W: Matrix<Scalar>
  /// Recurrent kernel U (H x 4H).
  public var U: Matrix<Scalar>
  /// Bias b (1 x 4H).
  public var b: Matrix<Scalar>
  /// F, the number of input features.
  public let inputSize: Int
  /// H, the number of hidden units.
  public let hiddenSize: Int
  /// Which code runs the passes: the C kernels (default) or the plain-Swift `ReferenceLSTM`, same numbers to rounding.
  public var implementation: RecurrentImplementation = .fast

  /// A layer with weights drawn by `initializer` (Keras's defaults unless told otherwise) from `rng`.
  public init(
    inputSize: Int, hiddenSize: Int, initializer: RecurrentInitializer = .keras, using rng: inout SeededGenerator
  ) {
    precondition(inputSize > 0 && hiddenSize > 0, "LSTM: inputSize and hiddenSize must be positive, not \(inputSize), \(hiddenSize)")
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    (W, U, b) = initializer.parameters(inputSize: inputSize, hiddenSize: hiddenSize, gates: 4, using: &rng)
  }

  /// A layer with the given weights (W: F x 4H, U: H x 4H, b: 1 x 4H, gate blocks i, f, g, o).
  public init(W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) throws {
    let (f, h) = (W.rows, U.rows)
    try validateParameter(W, rows: max(f, 1), columns: 4 * max(h, 1), layer: "LSTM", parameter: "W")
    try validateParameter(U, rows: max(h, 1), columns: 4 * max(h, 1), layer: "LSTM", parameter: "U")
    try validateParameter(b, rows: 1, columns: 4 * h, layer: "LSTM", parameter: "b")
    (self.W, self.U, self.b, inputSize, hiddenSize) = (W, U, b, f, h)
  }

  /// [W, U, b]; the setter requires the same shapes.
  public var parameters: [Matrix<Scalar>] {
    get { [W, U, b] }
    set {
      precondition(
        newValue.count == 3 && newValue[0].rows == W.rows && newValue[0].columns == W.columns
          && newValue[1].rows == U.rows && newValue[1].columns == U.columns && newValue[2].count == b.count,
        "LSTM.parameters: expected [W \(W.rows)x\(W.columns), U \(U.rows)x\(U.columns), b 1x\(b.count)]")
      (W, U, b) = (newValue[0], newValue[1], newValue[2])
    }
  }

  /// The number of trainable scalars, 4H(F + H + 1).
  public var parameterCount: Int { W.count + U.count + b.count }

  /// The same layer with every H x H gate block of U rescaled to spectral radius `radius`.
  public func scaledToSpectralRadius(_ radius: Double) -> LSTM {
    var copy = self
    copy.U = scaledGateBlocks(U, hiddenSize: hiddenSize, toSpectralRadius: radius)
    return copy
  }

  /// Runs the layer over `x` (T*B x F, time-major, T = `steps`) from h_0 = `h0` and c_0 = `c0` (B x H, zeros when
  /// nil) and returns the tape, whose `hidden` holds every h_t.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func forward(
    _ x: Matrix<Scalar>, steps: Int, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil
  ) throws -> LSTMTape<Scalar> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "LSTM.forward")
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: "LSTM.forward", argument: "h0")
    try validateShape(c0, rows: batch, columns: hiddenSize, layer: "LSTM.forward", argument: "c0")
    return uncheckedForward(x, steps: steps, batch: batch, h0: h0, c0: c0)
  }

  /// `forward` without the argument checks (callers have checked x, h0 and c0): the time loop of z_t, the gates,
  /// c_t and h_t for t = 1 ... T, in `RecurrentKernels.lstmForward`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func uncheckedForward(_ x: Matrix<Scalar>, steps: Int, batch: Int, h0: Matrix<Scalar>?, c0: Matrix<Scalar>?) -> LSTMTape<Scalar> {
    let (T, B, H) = (steps, batch, hiddenSize)
    if implementation == .reference { return referenceRun(x, steps: T, batch: B, h0: h0, c0: c0) }
    // Every element of these is written below before it is read: no zero-fill.
    var gates = Matrix<Scalar>(unspecifiedRows: T * B, columns: 4 * H)
    var cells = Matrix<Scalar>(unspecifiedRows: (T + 1) * B, columns: H)
    var tanhCells = Matrix<Scalar>(unspecifiedRows: T * B, columns: H)
    var states = Matrix<Scalar>(unspecifiedRows: (T + 1) * B, columns: H)
    states.setRows(startingAt: 0, to: h0 ?? Matrix(rows: B, columns: H))  // h_0
    cells.setRows(startingAt: 0, to: c0 ?? Matrix(rows: B, columns: H))  // c_0
    RecurrentKernels.lstmForward(
      steps: T, batch: B, input: x, inputKernel: W, recurrentKernel: U, bias: b, gates: &gates, cells: &cells,
      tanhCells: &tanhCells, hidden: &states)
    return LSTMTape(steps: T, batchSize: B, input: x, gates: gates, cellStates: cells, tanhCells: tanhCells, hiddenStates: states)
  }

  /// Full backpropagation through time over the tape.
  ///
  /// `dH` (T*B x H) is the loss's direct gradient w.r.t. each h_t: zero except the last block for a loss on the
  /// last step, every block for a loss on every step. Going back from t = T to 1:
  ///
  ///     dHidden_t = dH_t + dz_{t+1} U^T              (total dL/dh_t)
  ///     dc_t      = dc_{t+1} f_{t+1} + dHidden_t o_t (1 - tanh^2 c_t)
  ///     dz_t      = [dc_t g i(1-i), dc_t c_{t-1} f(1-f), dc_t i (1-g^2), dHidden_t tanh(c_t) o(1-o)]
  ///
  /// with dW = x^T dZ, dU = [h_0 .. h_{T-1}]^T dZ, db = column sums of dZ summed step by step, then dx = dZ W^T,
  /// dh_0 = dz_1 U^T, dc_0 = dc_1 f_1 (dZ stacks every dz_t, T*B x 4H; kept only when dx is wanted).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(_ tape: LSTMTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> LSTMGradients<Scalar> {
    backward(tape, hiddenGradient: dH, inputGradient: true)
  }

  /// Full backpropagation through time; `inputGradient: false` skips dx (a model's first layer: nobody needs dL/dx
  /// of the data), and `dX` is then empty (0 x F).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(
    _ tape: LSTMTape<Scalar>, hiddenGradient dH: consuming Matrix<Scalar>, inputGradient: Bool
  ) -> LSTMGradients<Scalar> {
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    precondition(tape.hiddenSize == H && tape.inputSize == inputSize, "LSTM.backward: the tape was made by a layer of another shape")
    precondition(
      dH.rows == T * B && dH.columns == H,
      "LSTM.backward: hiddenGradient is \(dH.rows)x\(dH.columns) but must be T*B x H = \(T * B)x\(H)")
    // dH becomes dHidden and is updated in place: handed over (consumed) so that no copy of T*B x H is made when
    // the caller passes its last reference.
    var gradients = emptyGradients(steps: T, batch: B, hiddenGradient: dH, inputGradient: inputGradient)
    var dc = Matrix<Scalar>(rows: B, columns: H)
    backpropagate(tape, into: &gradients, firstRow: 0, accumulate: false, cellGradient: &dc, chained: true)
    return gradients
  }

  /// Gradients of a T-step batch with every parameter gradient zero and dHidden = dH (the direct loss gradient
  /// that `backpropagate` turns into the total one); dX empty (0 x F) when `inputGradient` is false.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func emptyGradients(
    steps: Int, batch: Int, hiddenGradient dH: consuming Matrix<Scalar>, inputGradient: Bool = true
  ) -> LSTMGradients<Scalar> {
    LSTMGradients(
      dW: Matrix(rows: inputSize, columns: 4 * hiddenSize), dU: Matrix(rows: hiddenSize, columns: 4 * hiddenSize),
      db: Matrix(rows: 1, columns: 4 * hiddenSize),
      dX: Matrix(rows: inputGradient ? steps * batch : 0, columns: inputSize),
      dHidden: dH, dh0: Matrix(rows: batch, columns: hiddenSize), dc0: Matrix(rows: batch, columns: hiddenSize))
  }

  /// Backpropagates through a tape that covers rows `firstRow ..< firstRow + T*B` of a longer sequence (the whole
  /// sequence for full BPTT, one window or segment otherwise), writing into `gradients`:
  ///
  /// - `gradients.dHidden` rows of the tape must hold the direct loss gradient plus whatever arrived from later steps;
  ///   they become the total dL/dh_t. When `chained`, dz_1 U^T of the tape's first step is added to the row block
  ///   before `firstRow` (the previous segment's last h) or written to dh0 when firstRow == 0; when not chained
  ///   (truncated BPTT) the gradient stops at the tape's start except for the first window, which fills dh0.
  /// - `cellGradient` holds dL/dc at the tape's last step from later steps (zero for the last one) and leaves holding
  ///   dL/dc at its start; for firstRow == 0 that is dc0.
  /// - dW, dU, db are written (accumulate false) or added to (accumulate true); dX rows of the tape are written.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func backpropagate(
    _ tape: LSTMTape<Scalar>, into gradients: inout LSTMGradients<Scalar>, firstRow: Int, accumulate: Bool,
    cellGradient dc: inout Matrix<Scalar>, chained: Bool
  ) {
    if implementation == .reference {
      return referenceBackpropagate(tape, into: &gradients, firstRow: firstRow, accumulate: accumulate, cellGradient: &dc, chained: chained)
    }
    let (T, B) = (tape.steps, tape.batchSize)
    // dZ (every dz_t, T*B x 4H) is kept only for dx = dZ W^T; dW, dU and db are summed inside the time loop.
    var dZ = Matrix<Scalar>(unspecifiedRows: gradients.dX.rows > 0 ? T * B : 0, columns: 4 * hiddenSize)
    RecurrentKernels.lstmBackward(
      steps: T, batch: B, gates: tape.gates, cells: tape.cellStates, tanhCells: tape.tanhCells, input: tape.input,
      states: tape.hiddenStates, recurrentKernel: U, hiddenGradient: &gradients.dHidden, firstRow: firstRow,
      cellGradient: &dc, gateGradients: &dZ, initialHiddenGradient: &gradients.dh0,
      carry: firstRow == 0 ? .intoInitialState : chained ? .intoEarlierRows : .dropped,
      inputKernelGradient: &gradients.dW, recurrentKernelGradient: &gradients.dU, biasGradient: &gradients.db,
      accumulate: accumulate)
    if firstRow == 0 { gradients.dc0 = dc }
    if gradients.dX.rows > 0 {
      gemm(dZ, rows: nil, transposed: false, times: W.transposed, rows: nil, transposed: false, into: &gradients.dX, rows: firstRow..<firstRow + T * B)
    }
  }
}
