import LabMath

/// Which code runs a recurrent layer's forward and backward passes (`LSTM.implementation`, `RNN.implementation`,
/// `SequentialModel.recurrentImplementation`). Both give the same numbers up to rounding (the tests hold them to
/// 1e-12 relative in Double); full, truncated and checkpointed BPTT work with either.
public enum RecurrentImplementation: String, Sendable, CaseIterable, CustomStringConvertible {
  /// The C kernels: packed products, fused pointwise loops, the batch shared between two cores. The default.
  case fast
  /// The plain-Swift cells `ReferenceLSTM` and `ReferenceRNN`, one step at a time: slower, and the code to read or
  /// change in an exercise.
  case reference

  public var description: String { rawValue }
}

// The bridges: the reference cells behind the fast layers' tape and gradient types, so that every caller of `LSTM`
// and `RNN` (BPTT in all three forms, the Sequential model, the lessons) can switch with one property.

extension LSTM {
  /// `run` by the reference cell: the same tape, filled step by step by `ReferenceLSTM.forward`.
  func referenceRun(_ x: Matrix<Scalar>, steps T: Int, batch B: Int, h0: Matrix<Scalar>?, c0: Matrix<Scalar>?) -> LSTMTape<Scalar> {
    let H = hiddenSize
    let cell = try! ReferenceLSTM(W: W, U: U, b: b)  // the layer's shapes are valid
    let start = [h0 ?? Matrix(rows: B, columns: H), c0 ?? Matrix(rows: B, columns: H)]
    let tape = try! cell.forward(x, steps: T, initialState: start)  // checked by the caller
    var gates = Matrix<Scalar>(rows: T * B, columns: 4 * H), tanhCells = Matrix<Scalar>(rows: T * B, columns: H)
    var cells = Matrix<Scalar>(rows: (T + 1) * B, columns: H), states = Matrix<Scalar>(rows: (T + 1) * B, columns: H)
    for t in 0...T {
      states.setRows(startingAt: t * B, to: tape.states[t][0])
      cells.setRows(startingAt: t * B, to: tape.states[t][1])
    }
    for (t, s) in tape.records.enumerated() {
      gates.setRows(startingAt: t * B, to: [s.i, s.f, s.g, s.o].joinedColumns())
      tanhCells.setRows(startingAt: t * B, to: s.tanhC)
    }
    return LSTMTape(steps: T, batchSize: B, input: x, gates: gates, cellStates: cells, tanhCells: tanhCells, hiddenStates: states)
  }

  /// `backpropagate` by the reference cell's backward step, with the same contract (see there).
  func referenceBackpropagate(
    _ tape: LSTMTape<Scalar>, into gradients: inout LSTMGradients<Scalar>, firstRow: Int, accumulate: Bool,
    cellGradient dc: inout Matrix<Scalar>, chained: Bool
  ) {
    let (T, B) = (tape.steps, tape.batchSize)
    let cell = try! ReferenceLSTM(W: W, U: U, b: b)
    var sums = cell.zeroGradients
    for t in stride(from: T - 1, through: 0, by: -1) {
      let (now, next) = (t * B..<(t + 1) * B, (t + 1) * B..<(t + 2) * B)
      let gates = tape.gates.rows(now)
      let step = ReferenceLSTM<Scalar>.Step(
        x: tape.input.rows(now), hPrevious: tape.hiddenStates.rows(now), cPrevious: tape.cellStates.rows(now),
        i: gates.gate(0, of: 4), f: gates.gate(1, of: 4), g: gates.gate(2, of: 4), o: gates.gate(3, of: 4),
        c: tape.cellStates.rows(next), tanhC: tape.tanhCells.rows(now))
      let row = firstRow + t * B
      let (dx, dPrevious) = cell.backward(step, stateGradient: [gradients.dHidden.rows(row..<row + B), dc], gradients: &sums)
      if gradients.dX.rows > 0 { gradients.dX.setRows(startingAt: row, to: dx) }
      dc = dPrevious[1]
      if t > 0 || (chained && firstRow > 0) {
        gradients.dHidden.setRows(startingAt: row - B, to: gradients.dHidden.rows(row - B..<row) + dPrevious[0])
      } else if firstRow == 0 {
        gradients.dh0 = dPrevious[0]
      }
    }
    if firstRow == 0 { gradients.dc0 = dc }
    gradients.dW = accumulate ? gradients.dW + sums.W : sums.W
    gradients.dU = accumulate ? gradients.dU + sums.U : sums.U
    gradients.db = accumulate ? gradients.db + sums.b : sums.b
  }
}

extension RNN {
  /// `run` by the reference cell.
  func referenceRun(_ x: Matrix<Scalar>, steps T: Int, batch B: Int, h0: Matrix<Scalar>?) -> RNNTape<Scalar> {
    let cell = try! ReferenceRNN(W: W, U: U, b: b)
    let tape = try! cell.forward(x, steps: T, initialState: [h0 ?? Matrix(rows: B, columns: hiddenSize)])
    var states = Matrix<Scalar>(rows: (T + 1) * B, columns: hiddenSize)
    for t in 0...T { states.setRows(startingAt: t * B, to: tape.states[t][0]) }
    return RNNTape(steps: T, batchSize: B, input: x, hiddenStates: states)
  }

  /// `backpropagate` by the reference cell's backward step, with the same contract.
  func referenceBackpropagate(
    _ tape: RNNTape<Scalar>, into gradients: inout RNNGradients<Scalar>, firstRow: Int, accumulate: Bool, chained: Bool
  ) {
    let (T, B) = (tape.steps, tape.batchSize)
    let cell = try! ReferenceRNN(W: W, U: U, b: b)
    var sums = cell.zeroGradients
    for t in stride(from: T - 1, through: 0, by: -1) {
      let (now, next) = (t * B..<(t + 1) * B, (t + 1) * B..<(t + 2) * B)
      let step = ReferenceRNN<Scalar>.Step(
        x: tape.input.rows(now), hPrevious: tape.hiddenStates.rows(now), h: tape.hiddenStates.rows(next))
      let row = firstRow + t * B
      let (dx, dPrevious) = cell.backward(step, stateGradient: [gradients.dHidden.rows(row..<row + B)], gradients: &sums)
      gradients.dX.setRows(startingAt: row, to: dx)
      if t > 0 || (chained && firstRow > 0) {
        gradients.dHidden.setRows(startingAt: row - B, to: gradients.dHidden.rows(row - B..<row) + dPrevious[0])
      } else if firstRow == 0 {
        gradients.dh0 = dPrevious[0]
      }
    }
    gradients.dW = accumulate ? gradients.dW + sums.W : sums.W
    gradients.dU = accumulate ? gradients.dU + sums.U : sums.U
    gradients.db = accumulate ? gradients.db + sums.b : sums.b
  }
}
