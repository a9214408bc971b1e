import LabMath

// Truncated backpropagation through time, BPTT(k, k) in Williams and Peng's (1990) notation: the sequence is cut
// into windows of k steps; each window runs forward from the state the previous window ended in (h and c carried
// across, as Keras's `stateful=True` and PyTorch's `h.detach()` between chunks do), then backward within the window
// only: the state a window starts from is a constant, so no gradient crosses a window boundary. Only the current
// window's tape is held, so the peak tape is that of min(k, T) steps:
//
//     LSTM: peak bytes = (k'*B*(F + 7H) + 2*B*H) * s,   RNN: (k'*B*(F + H) + B*H) * s,   k' = min(k, T).
//
// The gradients of all windows are summed. dHidden_t is the total dL/dh_t within its window, dX is per window,
// dh0 and dc0 come from the first window (the only one that starts from h0, c0). With k >= T it is full BPTT.

extension LSTM {
  /// Truncated BPTT over windows of `window` steps with the loss's direct gradient given for every step up front
  /// (dH: T*B x H, as for `backward`). Use the closure form when dH depends on the window's outputs.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func truncatedGradients(
    _ x: Matrix<Scalar>, steps: Int, window: Int, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil,
    hiddenGradient dH: Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, LSTMGradients<Scalar>> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "LSTM.truncatedGradients")
    try validateShape(dH, rows: steps * batch, columns: hiddenSize, layer: "LSTM.truncatedGradients", argument: "hiddenGradient")
    return try truncatedGradients(x, steps: steps, window: window, h0: h0, c0: c0) { range, _ in
      dH.rows(range.lowerBound * batch..<range.upperBound * batch)
    }
  }

  /// Truncated BPTT over windows of `window` steps. After each window's forward pass, `hiddenGradient` receives the
  /// window's step range (0-based: steps s in the range produce h_{s+1}) and its outputs h (count*B x H), and returns
  /// the loss's direct gradient w.r.t. them (same shape; zeros for steps without a loss). A last-step classifier
  /// computes its loss and dH in the call whose range ends at T.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func truncatedGradients(
    _ x: Matrix<Scalar>, steps: Int, window: Int, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil,
    hiddenGradient: (_ steps: Range<Int>, _ hidden: Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, LSTMGradients<Scalar>> {
    let layer = "LSTM.truncatedGradients"
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: layer, argument: "h0")
    try validateShape(c0, rows: batch, columns: hiddenSize, layer: layer, argument: "c0")
    guard window > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): window", value: window) }
    let B = batch
    var gradients = emptyGradients(steps: steps, batch: B, hiddenGradient: Matrix(rows: steps * B, columns: hiddenSize))
    var (h, c) = (h0, c0)
    var peak = 0
    for (index, range) in stepBlocks(steps: steps, length: window).enumerated() {
      let rows = range.lowerBound * B..<range.upperBound * B
      let tape = uncheckedForward(x.rows(rows), steps: range.count, batch: B, h0: h, c0: c)
      peak = max(peak, tape.byteCount)
      let dH = try hiddenGradient(range, tape.hidden)
      try validateShape(dH, rows: rows.count, columns: hiddenSize, layer: layer, argument: "hiddenGradient(\(range))")
      gradients.dHidden.setRows(startingAt: rows.lowerBound, to: dH)
      var dc = Matrix<Scalar>(rows: B, columns: hiddenSize)
      backpropagate(tape, into: &gradients, firstRow: rows.lowerBound, accumulate: index > 0, cellGradient: &dc, chained: false)
      (h, c) = (tape.lastHidden, tape.lastCell)
    }
    return BPTTResult(gradients: gradients, lastHidden: h!, lastCell: c, peakTapeBytes: peak)
  }
}

extension RNN {
  /// Truncated BPTT over windows of `window` steps with dH (T*B x H) given up front; see `LSTM.truncatedGradients`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func truncatedGradients(
    _ x: Matrix<Scalar>, steps: Int, window: Int, h0: Matrix<Scalar>? = nil, hiddenGradient dH: Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, RNNGradients<Scalar>> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "RNN.truncatedGradients")
    try validateShape(dH, rows: steps * batch, columns: hiddenSize, layer: "RNN.truncatedGradients", argument: "hiddenGradient")
    return try truncatedGradients(x, steps: steps, window: window, h0: h0) { range, _ in
      dH.rows(range.lowerBound * batch..<range.upperBound * batch)
    }
  }

  /// Truncated BPTT over windows of `window` steps, dH supplied per window by `hiddenGradient` (see
  /// `LSTM.truncatedGradients`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func truncatedGradients(
    _ x: Matrix<Scalar>, steps: Int, window: Int, h0: Matrix<Scalar>? = nil,
    hiddenGradient: (_ steps: Range<Int>, _ hidden: Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, RNNGradients<Scalar>> {
    let layer = "RNN.truncatedGradients"
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: layer, argument: "h0")
    guard window > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): window", value: window) }
    let B = batch
    var gradients = emptyGradients(steps: steps, batch: B, hiddenGradient: Matrix(rows: steps * B, columns: hiddenSize))
    var h = h0
    var peak = 0
    for (index, range) in stepBlocks(steps: steps, length: window).enumerated() {
      let rows = range.lowerBound * B..<range.upperBound * B
      let tape = uncheckedForward(x.rows(rows), steps: range.count, batch: B, h0: h)
      peak = max(peak, tape.byteCount)
      let dH = try hiddenGradient(range, tape.hidden)
      try validateShape(dH, rows: rows.count, columns: hiddenSize, layer: layer, argument: "hiddenGradient(\(range))")
      gradients.dHidden.setRows(startingAt: rows.lowerBound, to: dH)
      backpropagate(tape, into: &gradients, firstRow: rows.lowerBound, accumulate: index > 0, chained: false)
      h = tape.lastHidden
    }
    return BPTTResult(gradients: gradients, lastHidden: h!, lastCell: nil, peakTapeBytes: peak)
  }
}
