import LabMath

/// What a memory-saving BPTT pass (truncated or checkpointed) returns: the gradients (the same type full BPTT
/// returns), the final state to carry into the next batch of a stateful run, and the largest number of tape bytes
/// held at any moment during the pass, measured by adding up the tapes actually held (compare it with the formulas:
/// `LSTMTape.byteCount(steps: min(k, T), ...)` for truncation to k steps, `LSTMCheckpointTape.peakByteCount` for
/// checkpointing).
public struct BPTTResult<Scalar: LabScalar, Gradients: Sendable>: Sendable {
  /// dW, dU, db, dX, dHidden, dh0 (and dc0 for the LSTM).
  public var gradients: Gradients
  /// h_T (B x H).
  public var lastHidden: Matrix<Scalar>
  /// c_T (B x H) for the LSTM, nil for the RNN.
  public var lastCell: Matrix<Scalar>?
  /// The most tape bytes held at once.
  public var peakTapeBytes: Int

  public init(gradients: Gradients, lastHidden: Matrix<Scalar>, lastCell: Matrix<Scalar>?, peakTapeBytes: Int) {
    self.gradients = gradients
    self.lastHidden = lastHidden
    self.lastCell = lastCell
    self.peakTapeBytes = peakTapeBytes
  }
}

/// The consecutive step ranges of length `length` (the last may be shorter) that cover 0 ..< steps.
func stepBlocks(steps: Int, length: Int) -> [Range<Int>] {
  stride(from: 0, to: steps, by: length).map { $0..<min($0 + length, steps) }
}
