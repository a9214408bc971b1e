import LabMath

/// What an LSTM's forward pass keeps for its backward pass (the BPTT tape), for T steps of a batch of B sequences
/// with F features and H hidden units, time-major (rows t*B ..< (t+1)*B belong to step t):
///
/// | stored                | shape          | why backward needs it                          |
/// |-----------------------|----------------|------------------------------------------------|
/// | `input` x             | T*B x F        | dW = x^T dZ                                    |
/// | `gates` i, f, g, o    | T*B x 4H       | the gate derivatives                           |
/// | `cellStates` c_0..c_T | (T+1)*B x H    | dz_f needs c_{t-1}; c_0 is the initial cell    |
/// | `tanhCells` tanh(c_t) | T*B x H        | dz_o and dc_t                                  |
/// | `hiddenStates` h_0..h_T | (T+1)*B x H  | dU = [h_0..h_{T-1}]^T dZ in one product        |
///
/// so the tape holds T*B*(F + 7H) + 2*B*H scalars:
///
///     bytes = (T*B*(F + 7H) + 2*B*H) * s,   s = 4 for Float, 8 for Double.
///
/// `byteCount` adds up the matrices actually stored; `byteCount(steps:batchSize:inputSize:hiddenSize:)` is the
/// formula (tests check they agree). The backward pass's own workspace (dZ: T*B x 4H, the gradients) is not tape.
public struct LSTMTape<Scalar: LabScalar>: Sendable {
  /// T, the number of time steps.
  public let steps: Int
  /// B, the number of sequences.
  public let batchSize: Int
  /// The input x (T*B x F).
  public let input: Matrix<Scalar>
  /// The gate activations i, f, g, o of every step (T*B x 4H).
  public let gates: Matrix<Scalar>
  /// c_0, c_1, ..., c_T ((T+1)*B x H).
  public let cellStates: Matrix<Scalar>
  /// tanh(c_1), ..., tanh(c_T) (T*B x H).
  public let tanhCells: Matrix<Scalar>
  /// h_0, h_1, ..., h_T ((T+1)*B x H): h_0 first, so h_{t-1} for all t is the single row block 0 ..< T*B.
  public let hiddenStates: Matrix<Scalar>

  /// F, the number of input features.
  public var inputSize: Int { input.columns }
  /// H, the number of hidden units.
  public var hiddenSize: Int { hiddenStates.columns }

  /// Every output h_1 ... h_T (T*B x H), a copy of rows B ..< (T+1)*B of `hiddenStates`.
  public var hidden: Matrix<Scalar> { hiddenStates.rows(batchSize..<(steps + 1) * batchSize) }
  /// h_t for t in 1 ... T (B x H).
  public func hidden(atStep t: Int) -> Matrix<Scalar> {
    precondition(t >= 1 && t <= steps, "LSTMTape.hidden(atStep:): step \(t) outside 1...\(steps)")
    return hiddenStates.rows(t * batchSize..<(t + 1) * batchSize)
  }
  /// h_T (B x H), what a last-step classifier reads.
  public var lastHidden: Matrix<Scalar> { hiddenStates.rows(steps * batchSize..<(steps + 1) * batchSize) }
  /// c_T (B x H), the cell to carry into the next window of a long sequence.
  public var lastCell: Matrix<Scalar> { cellStates.rows(steps * batchSize..<(steps + 1) * batchSize) }
  /// h_0 (B x H).
  public var initialHidden: Matrix<Scalar> { hiddenStates.rows(0..<batchSize) }
  /// c_0 (B x H).
  public var initialCell: Matrix<Scalar> { cellStates.rows(0..<batchSize) }

  /// Bytes held by the stored matrices (equals `byteCount(steps:batchSize:inputSize:hiddenSize:)`).
  public var byteCount: Int {
    (input.count + gates.count + cellStates.count + tanhCells.count + hiddenStates.count) * Scalar.byteCount
  }

  /// The tape formula: (T*B*(F + 7H) + 2*B*H) * bytes per scalar.
  public static func byteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int) -> Int {
    scalarCount(steps: steps, batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize) * Scalar.byteCount
  }

  /// The number of scalars on the tape, T*B*(F + 7H) + 2*B*H.
  public static func scalarCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int) -> Int {
    steps * batchSize * (inputSize + 7 * hiddenSize) + 2 * batchSize * hiddenSize
  }
}
