import LabMath

/// The tape of checkpointed BPTT for a tanh RNN (see `LSTMCheckpointTape`): the input, h at steps 0, k, 2k, ...
/// (S = ceil(T/k) checkpoints) and h_T; the backward pass recomputes one segment's `RNNTape` at a time.
///
///     stored scalars = T*B*F + S*B*H + B*H,   peak scalars = stored + k'*B*(F + H) + B*H,   k' = min(k, T)
public struct RNNCheckpointTape<Scalar: LabScalar>: Sendable {
  /// T, the number of time steps.
  public let steps: Int
  /// B, the number of sequences.
  public let batchSize: Int
  /// k, the number of steps per segment.
  public let interval: Int
  /// The input x (T*B x F).
  public let input: Matrix<Scalar>
  /// h_0, h_k, h_2k, ... (S*B x H).
  public let hiddenCheckpoints: Matrix<Scalar>
  /// h_T (B x H).
  public let lastHidden: Matrix<Scalar>

  /// F, the number of input features.
  public var inputSize: Int { input.columns }
  /// H, the number of hidden units.
  public var hiddenSize: Int { lastHidden.columns }
  /// S = ceil(T / k).
  public var segmentCount: Int { (steps + interval - 1) / interval }

  /// Bytes held between the forward and the backward pass.
  public var byteCount: Int { (input.count + hiddenCheckpoints.count + lastHidden.count) * Scalar.byteCount }

  /// The stored-bytes formula: (T*B*F + S*B*H + B*H) * s.
  public static func byteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int, interval: Int) -> Int {
    let segments = (steps + interval - 1) / interval
    return (steps * batchSize * inputSize + segments * batchSize * hiddenSize + batchSize * hiddenSize) * Scalar.byteCount
  }

  /// The peak-bytes formula: stored bytes plus one segment's `RNNTape` of min(k, T) steps.
  public static func peakByteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int, interval: Int) -> Int {
    byteCount(steps: steps, batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize, interval: interval)
      + RNNTape<Scalar>.byteCount(steps: min(interval, steps), batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize)
  }
}
