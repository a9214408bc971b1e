import LabMath

// Checkpointed BPTT (Chen et al. 2016): forward keeps only the state every k steps (`LSTMCheckpointTape`,
// `RNNCheckpointTape`); backward recomputes each segment's tape from its checkpoint, last segment first, and
// backpropagates through it with the gradients dL/dh and dL/dc arriving from the later segment, so the result is
// full BPTT's (to rounding) for one extra forward pass.

extension LSTM {
  /// The checkpointing forward pass over `x` (T*B x F) with segments of `interval` steps (default ceil(sqrt(T))).
  public func checkpointedForward(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil
  ) throws -> LSTMCheckpointTape<Scalar> {
    try checkpointedForward(x, steps: steps, interval: interval, h0: h0, c0: c0, layer: "LSTM.checkpointedForward") { _, _ in }
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func checkpointedForward(
    _ x: Matrix<Scalar>, steps: Int, interval: Int?, h0: Matrix<Scalar>?, c0: Matrix<Scalar>?, layer: String,
    observe: (_ steps: Range<Int>, _ hidden: LSTMTape<Scalar>) throws -> Void
  ) throws -> LSTMCheckpointTape<Scalar> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: layer, argument: "h0")
    try validateShape(c0, rows: batch, columns: hiddenSize, layer: layer, argument: "c0")
    let k = interval ?? LSTMCheckpointTape<Scalar>.defaultInterval(steps: steps)
    guard k > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): interval", value: k) }
    let (B, H) = (batch, hiddenSize)
    let segments = stepBlocks(steps: steps, length: k)
    var hiddenCheckpoints = Matrix<Scalar>(rows: segments.count * B, columns: H)
    var cellCheckpoints = Matrix<Scalar>(rows: segments.count * B, columns: H)
    var (h, c) = (h0 ?? Matrix(rows: B, columns: H), c0 ?? Matrix(rows: B, columns: H))
    for (index, range) in segments.enumerated() {
      hiddenCheckpoints.setRows(startingAt: index * B, to: h)
      cellCheckpoints.setRows(startingAt: index * B, to: c)
      let tape = uncheckedForward(x.rows(range.lowerBound * B..<range.upperBound * B), steps: range.count, batch: B, h0: h, c0: c)
      try observe(range, tape)
      (h, c) = (tape.lastHidden, tape.lastCell)
    }
    return LSTMCheckpointTape(
      steps: steps, batchSize: B, interval: k, input: x, hiddenCheckpoints: hiddenCheckpoints,
      cellCheckpoints: cellCheckpoints, lastHidden: h, lastCell: c)
  }

  /// Checkpointed backward: recomputes each segment from its checkpoint and backpropagates; the same gradients as
  /// `backward(_: LSTMTape, ...)` to rounding. `dH` is the loss's direct gradient w.r.t. every h_t (T*B x H).
  public func backward(_ tape: LSTMCheckpointTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> LSTMGradients<Scalar> {
    checkpointedBackward(tape, hiddenGradient: dH).gradients
  }

  /// The backward pass and the largest segment tape it held (bytes).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func checkpointedBackward(
    _ tape: LSTMCheckpointTape<Scalar>, hiddenGradient dH: Matrix<Scalar>
  ) -> (gradients: LSTMGradients<Scalar>, segmentBytes: Int) {
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    precondition(tape.hiddenSize == H && tape.inputSize == inputSize, "LSTM.backward: the tape was made by a layer of another shape")
    precondition(
      dH.rows == T * B && dH.columns == H,
      "LSTM.backward: hiddenGradient is \(dH.rows)x\(dH.columns) but must be T*B x H = \(T * B)x\(H)")
    var gradients = emptyGradients(steps: T, batch: B, hiddenGradient: dH)
    var dc = Matrix<Scalar>(rows: B, columns: H)
    var segmentBytes = 0
    let segments = stepBlocks(steps: T, length: tape.interval)
    for (index, range) in segments.enumerated().reversed() {
      let rows = range.lowerBound * B..<range.upperBound * B
      let checkpoint = index * B..<(index + 1) * B
      let segment = uncheckedForward(
        tape.input.rows(rows), steps: range.count, batch: B, h0: tape.hiddenCheckpoints.rows(checkpoint),
        c0: tape.cellCheckpoints.rows(checkpoint))
      segmentBytes = max(segmentBytes, segment.byteCount)
      backpropagate(
        segment, into: &gradients, firstRow: rows.lowerBound, accumulate: index < segments.count - 1, cellGradient: &dc,
        chained: true)
    }
    return (gradients, segmentBytes)
  }

  /// Checkpointed BPTT in one call, with dH (T*B x H) given up front; `peakTapeBytes` is the checkpoint tape plus the
  /// largest recomputed segment tape, measured.
  public func checkpointedGradients(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil,
    hiddenGradient dH: Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, LSTMGradients<Scalar>> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "LSTM.checkpointedGradients")
    try validateShape(dH, rows: steps * batch, columns: hiddenSize, layer: "LSTM.checkpointedGradients", argument: "hiddenGradient")
    return try checkpointedGradients(x, steps: steps, interval: interval, h0: h0, c0: c0) { range, _ in
      dH.rows(range.lowerBound * batch..<range.upperBound * batch)
    }
  }

  /// Checkpointed BPTT in one call; during the forward pass `hiddenGradient` receives each segment's step range and
  /// outputs h (count*B x H) and returns the loss's direct gradient w.r.t. them (as for `truncatedGradients`).
  public func checkpointedGradients(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil, c0: Matrix<Scalar>? = nil,
    hiddenGradient: (_ steps: Range<Int>, _ hidden: Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, LSTMGradients<Scalar>> {
    let layer = "LSTM.checkpointedGradients"
    var dH = Matrix<Scalar>(rows: x.rows, columns: hiddenSize)
    var forwardSegmentBytes = 0
    let tape = try checkpointedForward(x, steps: steps, interval: interval, h0: h0, c0: c0, layer: layer) { range, segment in
      forwardSegmentBytes = max(forwardSegmentBytes, segment.byteCount)
      let block = try hiddenGradient(range, segment.hidden)
      try validateShape(block, rows: segment.hidden.rows, columns: hiddenSize, layer: layer, argument: "hiddenGradient(\(range))")
      dH.setRows(startingAt: range.lowerBound * segment.batchSize, to: block)
    }
    let (gradients, segmentBytes) = checkpointedBackward(tape, hiddenGradient: dH)
    return BPTTResult(
      gradients: gradients, lastHidden: tape.lastHidden, lastCell: tape.lastCell,
      peakTapeBytes: tape.byteCount + max(segmentBytes, forwardSegmentBytes))
  }
}

extension RNN {
  /// The checkpointing forward pass over `x` with segments of `interval` steps (default ceil(sqrt(T))).
  public func checkpointedForward(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil
  ) throws -> RNNCheckpointTape<Scalar> {
    try checkpointedForward(x, steps: steps, interval: interval, h0: h0, layer: "RNN.checkpointedForward") { _, _ in }
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func checkpointedForward(
    _ x: Matrix<Scalar>, steps: Int, interval: Int?, h0: Matrix<Scalar>?, layer: String,
    observe: (_ steps: Range<Int>, _ hidden: RNNTape<Scalar>) throws -> Void
  ) throws -> RNNCheckpointTape<Scalar> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: layer)
    try validateShape(h0, rows: batch, columns: hiddenSize, layer: layer, argument: "h0")
    let k = interval ?? LSTMCheckpointTape<Scalar>.defaultInterval(steps: steps)
    guard k > 0 else { throw RecurrentError.invalidInterval(name: "\(layer): interval", value: k) }
    let (B, H) = (batch, hiddenSize)
    let segments = stepBlocks(steps: steps, length: k)
    var hiddenCheckpoints = Matrix<Scalar>(rows: segments.count * B, columns: H)
    var h = h0 ?? Matrix(rows: B, columns: H)
    for (index, range) in segments.enumerated() {
      hiddenCheckpoints.setRows(startingAt: index * B, to: h)
      let tape = uncheckedForward(x.rows(range.lowerBound * B..<range.upperBound * B), steps: range.count, batch: B, h0: h)
      try observe(range, tape)
      h = tape.lastHidden
    }
    return RNNCheckpointTape(steps: steps, batchSize: B, interval: k, input: x, hiddenCheckpoints: hiddenCheckpoints, lastHidden: h)
  }

  /// Checkpointed backward: the same gradients as `backward(_: RNNTape, ...)` to rounding.
  public func backward(_ tape: RNNCheckpointTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> RNNGradients<Scalar> {
    checkpointedBackward(tape, hiddenGradient: dH).gradients
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func checkpointedBackward(
    _ tape: RNNCheckpointTape<Scalar>, hiddenGradient dH: Matrix<Scalar>
  ) -> (gradients: RNNGradients<Scalar>, segmentBytes: Int) {
    let (T, B, H) = (tape.steps, tape.batchSize, hiddenSize)
    precondition(tape.hiddenSize == H && tape.inputSize == inputSize, "RNN.backward: the tape was made by a layer of another shape")
    precondition(
      dH.rows == T * B && dH.columns == H,
      "RNN.backward: hiddenGradient is \(dH.rows)x\(dH.columns) but must be T*B x H = \(T * B)x\(H)")
    var gradients = emptyGradients(steps: T, batch: B, hiddenGradient: dH)
    var segmentBytes = 0
    let segments = stepBlocks(steps: T, length: tape.interval)
    for (index, range) in segments.enumerated().reversed() {
      let rows = range.lowerBound * B..<range.upperBound * B
      let segment = uncheckedForward(
        tape.input.rows(rows), steps: range.count, batch: B, h0: tape.hiddenCheckpoints.rows(index * B..<(index + 1) * B))
      segmentBytes = max(segmentBytes, segment.byteCount)
      backpropagate(segment, into: &gradients, firstRow: rows.lowerBound, accumulate: index < segments.count - 1, chained: true)
    }
    return (gradients, segmentBytes)
  }

  /// Checkpointed BPTT in one call with dH given up front (see `LSTM.checkpointedGradients`).
  public func checkpointedGradients(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil, hiddenGradient dH: Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, RNNGradients<Scalar>> {
    let batch = try validatedBatchSize(x, steps: steps, inputSize: inputSize, layer: "RNN.checkpointedGradients")
    try validateShape(dH, rows: steps * batch, columns: hiddenSize, layer: "RNN.checkpointedGradients", argument: "hiddenGradient")
    return try checkpointedGradients(x, steps: steps, interval: interval, h0: h0) { range, _ in
      dH.rows(range.lowerBound * batch..<range.upperBound * batch)
    }
  }

  /// Checkpointed BPTT in one call with dH supplied per segment during the forward pass.
  public func checkpointedGradients(
    _ x: Matrix<Scalar>, steps: Int, interval: Int? = nil, h0: Matrix<Scalar>? = nil,
    hiddenGradient: (_ steps: Range<Int>, _ hidden: Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> BPTTResult<Scalar, RNNGradients<Scalar>> {
    let layer = "RNN.checkpointedGradients"
    var dH = Matrix<Scalar>(rows: x.rows, columns: hiddenSize)
    var forwardSegmentBytes = 0
    let tape = try checkpointedForward(x, steps: steps, interval: interval, h0: h0, layer: layer) { range, segment in
      forwardSegmentBytes = max(forwardSegmentBytes, segment.byteCount)
      let block = try hiddenGradient(range, segment.hidden)
      try validateShape(block, rows: segment.hidden.rows, columns: hiddenSize, layer: layer, argument: "hiddenGradient(\(range))")
      dH.setRows(startingAt: range.lowerBound * segment.batchSize, to: block)
    }
    let (gradients, segmentBytes) = checkpointedBackward(tape, hiddenGradient: dH)
    return BPTTResult(
      gradients: gradients, lastHidden: tape.lastHidden, lastCell: nil, peakTapeBytes: tape.byteCount + max(segmentBytes, forwardSegmentBytes))
  }
}
