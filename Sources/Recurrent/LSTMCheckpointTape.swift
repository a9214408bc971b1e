import LabMath

/// The tape of checkpointed BPTT for an LSTM (Chen et al. 2016, "Training deep nets with sublinear memory cost"):
/// instead of every step's activations, the forward pass keeps the input and the state (h, c) at the start of every
/// segment of k steps, at steps 0, k, 2k, ... (S = ceil(T/k) checkpoints), plus the final state (h_T, c_T), which
/// the loss and a stateful next batch read (the full `LSTMTape` holds these too). The backward pass
/// recomputes one segment's full `LSTMTape` at a time from its checkpoint, last segment first, and backpropagates
/// through it, so it costs one extra forward pass and holds at most this tape plus one segment's tape:
///
///     stored scalars  = T*B*F + 2*S*B*H + 2*B*H                 (x, S checkpoints (h, c), h_T and c_T)
///     peak scalars    = stored + k'*B*(F + 7H) + 2*B*H          (plus the largest segment's tape, k' = min(k, T))
///     bytes           = scalars * s   (s = 4 for Float, 8 for Double)
///
/// With k = ceil(sqrt(T)) (the default) the activations grow as O(sqrt(T)) instead of O(T) (the input x, T*B*F, stays). The
/// gradients equal full BPTT's up to rounding (the parameter gradients are summed segment by segment).
public struct LSTMCheckpointTape<Scalar: LabScalar>: Sendable {
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
  /// c_0, c_k, c_2k, ... (S*B x H).
  public let cellCheckpoints: Matrix<Scalar>
  /// h_T (B x H).
  public let lastHidden: Matrix<Scalar>
  /// c_T (B x H).
  public let lastCell: Matrix<Scalar>

  /// F, the number of input features.
  public var inputSize: Int { input.columns }
  /// H, the number of hidden units.
  public var hiddenSize: Int { lastHidden.columns }
  /// S = ceil(T / k), the number of segments and checkpoints.
  public var segmentCount: Int { (steps + interval - 1) / interval }

  /// Bytes held between the forward and the backward pass (the stored matrices).
  public var byteCount: Int {
    (input.count + hiddenCheckpoints.count + cellCheckpoints.count + lastHidden.count + lastCell.count) * Scalar.byteCount
  }

  /// The default interval, k = ceil(sqrt(T)) (at least 1): stored checkpoints (~ T/k) and one segment's tape (~ k)
  /// balance there, so memory grows as sqrt(T). (`MemoryCalculator.defaultSegment` uses the same rule.)
  public static func defaultInterval(steps: Int) -> Int { max(1, Int(Double(steps).squareRoot().rounded(.up))) }

  /// The stored-bytes formula: (T*B*F + 2*S*B*H + 2*B*H) * s with S = ceil(T/k).
  public static func byteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int, interval: Int) -> Int {
    let segments = (steps + interval - 1) / interval
    return (steps * batchSize * inputSize + 2 * segments * batchSize * hiddenSize + 2 * batchSize * hiddenSize)
      * Scalar.byteCount
  }

  /// The peak-bytes formula during the backward pass: stored bytes plus one segment's `LSTMTape` of min(k, T) steps.
  public static func peakByteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int, interval: Int) -> Int {
    byteCount(steps: steps, batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize, interval: interval)
      + LSTMTape<Scalar>.byteCount(
        steps: min(interval, steps), batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize)
  }
}
