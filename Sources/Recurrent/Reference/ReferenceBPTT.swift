import LabMath

// The time loop of every reference cell, forward over t = 1 ... T and backpropagation through time back from T to
// 1, written once for any `ReferenceCell` (ReferenceLSTM.swift holds the LSTM's step). A batch is time-major as
// everywhere in LSTMLab: x is T*B x F and rows t*B ..< (t+1)*B are x_t (counting t from 0 in code).

/// What the reference forward pass keeps: every step's `Step` and every state s_0 ... s_T.
public struct ReferenceTape<Cell: ReferenceCell>: Sendable {
  /// B, the number of sequences.
  public let batchSize: Int
  /// What each step's backward needs, for t = 1 ... T (index t-1).
  public internal(set) var records: [Cell.Step] = []
  /// s_0, s_1, ..., s_T (each a list of B x H matrices named by `Cell.stateNames`, h first).
  public internal(set) var states: [[Matrix<Cell.Scalar>]]

  /// T, the number of time steps.
  public var steps: Int { records.count }
  /// The state after the last step, s_T: what a window of truncated BPTT hands to the next.
  public var lastState: [Matrix<Cell.Scalar>] { states[steps] }
  /// h_1 ... h_T stacked (T*B x H), as `LSTMTape.hidden`.
  public var hidden: Matrix<Cell.Scalar> {
    var result = Matrix<Cell.Scalar>(rows: steps * batchSize, columns: states[0][0].columns)
    for t in 0..<steps { result.setRows(startingAt: t * batchSize, to: states[t + 1][0]) }
    return result
  }
}

/// What reference BPTT returns: the parameter gradients (in a cell-shaped value: `parameters.W` is dL/dW), dL/dx
/// (T*B x F), the total dL/dh_t of every step (T*B x H, as `LSTMGradients.dHidden`) and the gradient with respect to
/// the initial state s_0 (dL/dh_0, and dL/dc_0 for an LSTM).
public struct ReferenceGradients<Cell: ReferenceCell>: Sendable {
  /// dL/dW, dL/dU, ... in the cell's own fields (`parameters.W` is dL/dW).
  public var parameters: Cell
  /// dL/dx_t of every step (T*B x F).
  public var dX: Matrix<Cell.Scalar>
  /// The total dL/dh_t of every step (T*B x H).
  public var dHidden: Matrix<Cell.Scalar>
  /// dL/ds_0, one matrix per name in `Cell.stateNames` (dh0, dc0).
  public var initialState: [Matrix<Cell.Scalar>]
}

extension ReferenceCell {
  /// Runs the cell over `x` (T*B x F, T = `steps`) from `initialState` (zeros when nil):
  ///
  ///     for t = 1 ... T:   s_t = step(x_t, s_{t-1})
  public func forward(
    _ x: Matrix<Scalar>, steps: Int, initialState: [Matrix<Scalar>]? = nil
  ) throws -> ReferenceTape<Self> {
    let B = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "\(Self.self).forward")
    try validateState(initialState, batch: B)
    var state = initialState ?? zeroState(batch: B)
    var tape = ReferenceTape<Self>(batchSize: B, states: [state])
    for t in 0..<steps {
      let (next, step) = forward(x.rows(t * B..<(t + 1) * B), state: state)
      tape.records.append(step)
      tape.states.append(next)
      state = next
    }
    return tape
  }

  /// Full backpropagation through time. `dH` (T*B x H) is the loss's own gradient with respect to each h_t (zero
  /// except the last block for a loss on h_T). Going back from t = T to 1:
  ///
  ///     dh_t  = dH_t + (dh_t from step t+1)        the total dL/dh_t, kept in `dHidden`
  ///     (dx_t, ds_{t-1}) = backward step t          adds step t's share to dW, dU, db
  ///
  /// and ds_0 is the gradient with respect to the initial state. `finalStateGradient` is what arrives from after step
  /// T (nothing, for a whole sequence; the later segment's ds_0 in checkpointed BPTT).
  public func backward(
    _ tape: ReferenceTape<Self>, hiddenGradient dH: Matrix<Scalar>, finalStateGradient: [Matrix<Scalar>]? = nil
  ) -> ReferenceGradients<Self> {
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    precondition(dH.rows == T * B && dH.columns == H, "\(Self.self).backward: dH is \(dH.rows)x\(dH.columns), expected \(T * B)x\(H)")
    var gradients = ReferenceGradients(
      parameters: zeroGradients, dX: Matrix(rows: T * B, columns: inputSize), dHidden: Matrix(rows: T * B, columns: H),
      initialState: [])
    var dState = finalStateGradient ?? zeroState(batch: B)  // dL/ds_T from later steps
    for t in stride(from: T - 1, through: 0, by: -1) {
      let rows = t * B..<(t + 1) * B
      dState[0] += dH.rows(rows)
      gradients.dHidden.setRows(startingAt: rows.lowerBound, to: dState[0])
      let (dx, dPrevious) = backward(tape.records[t], stateGradient: dState, gradients: &gradients.parameters)
      gradients.dX.setRows(startingAt: rows.lowerBound, to: dx)
      dState = dPrevious
    }
    gradients.initialState = dState
    return gradients
  }

  /// Truncated BPTT (Williams and Peng's BPTT(k, k)): the sequence is cut into windows of `window` steps; each runs
  /// forward from the state the previous one ended in (carried, but held constant: no gradient crosses a window's
  /// start), then backward within the window. The parameter gradients of all windows are summed; dX and dHidden are
  /// per window; the initial-state gradient is the first window's. With window >= T it is full BPTT.
  public func truncatedGradients(
    _ x: Matrix<Scalar>, steps: Int, window: Int, initialState: [Matrix<Scalar>]? = nil, hiddenGradient dH: Matrix<Scalar>
  ) throws -> (gradients: ReferenceGradients<Self>, lastState: [Matrix<Scalar>]) {
    let layer = "\(Self.self).truncatedGradients"
    let B = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(dH, rows: steps * B, columns: hiddenSize, layer: layer, argument: "hiddenGradient")
    guard window > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): window", value: window) }
    var total = ReferenceGradients(
      parameters: zeroGradients, dX: Matrix(rows: x.rows, columns: inputSize), dHidden: Matrix(rows: x.rows, columns: hiddenSize),
      initialState: [])
    var state = initialState ?? zeroState(batch: B)
    for start in stride(from: 0, to: steps, by: window) {
      let rows = start * B..<min(start + window, steps) * B
      let tape = try forward(x.rows(rows), steps: rows.count / B, initialState: state)
      let g = backward(tape, hiddenGradient: dH.rows(rows))
      total.parameters.parameters = zip(total.parameters.parameters, g.parameters.parameters).map { $0 + $1 }
      total.dX.setRows(startingAt: rows.lowerBound, to: g.dX)
      total.dHidden.setRows(startingAt: rows.lowerBound, to: g.dHidden)
      if start == 0 { total.initialState = g.initialState }
      state = tape.lastState
    }
    return (total, state)
  }

  /// Checkpointed BPTT (Chen et al. 2016): the forward pass keeps only the state at the start of every segment of
  /// `interval` steps; the backward pass reruns each segment from its checkpoint, last segment first, and
  /// backpropagates through it with the state gradient that arrived from the segment after it. The gradients are
  /// full BPTT's; the price is a second forward pass, the saving that one segment's tape is held at a time.
  public func checkpointedGradients(
    _ x: Matrix<Scalar>, steps: Int, interval: Int, initialState: [Matrix<Scalar>]? = nil, hiddenGradient dH: Matrix<Scalar>
  ) throws -> ReferenceGradients<Self> {
    let layer = "\(Self.self).checkpointedGradients"
    let B = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(dH, rows: steps * B, columns: hiddenSize, layer: layer, argument: "hiddenGradient")
    guard interval > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): interval", value: interval) }
    let segments = stride(from: 0, to: steps, by: interval).map { $0 * B..<min($0 + interval, steps) * B }
    var checkpoints: [[Matrix<Scalar>]] = []
    var state = initialState ?? zeroState(batch: B)
    for rows in segments {
      checkpoints.append(state)
      state = try forward(x.rows(rows), steps: rows.count / B, initialState: state).lastState  // the tape is dropped
    }
    var total = ReferenceGradients(
      parameters: zeroGradients, dX: Matrix(rows: x.rows, columns: inputSize), dHidden: Matrix(rows: x.rows, columns: hiddenSize),
      initialState: zeroState(batch: B))
    for (k, rows) in segments.enumerated().reversed() {
      let tape = try forward(x.rows(rows), steps: rows.count / B, initialState: checkpoints[k])  // rerun
      let g = backward(tape, hiddenGradient: dH.rows(rows), finalStateGradient: total.initialState)
      total.parameters.parameters = zip(total.parameters.parameters, g.parameters.parameters).map { $0 + $1 }
      total.dX.setRows(startingAt: rows.lowerBound, to: g.dX)
      total.dHidden.setRows(startingAt: rows.lowerBound, to: g.dHidden)
      total.initialState = g.initialState
    }
    return total
  }

  /// Checks that a given initial state has one B x H matrix per name in `stateNames`.
  func validateState(_ state: [Matrix<Scalar>]?, batch: Int) throws {
    guard let state else { return }
    for (index, name) in Self.stateNames.enumerated() {
      let matrix = index < state.count ? state[index] : Matrix(rows: 0, columns: 0)
      try validateShape(matrix, rows: batch, columns: hiddenSize, layer: "\(Self.self).forward", argument: "initial \(name)")
    }
  }
}
