import LabMath

/// What a tanh RNN's forward pass keeps for its backward pass, for T steps of B sequences with F features and H
/// hidden units (time-major):
///
/// | stored                  | shape        | why backward needs it                                  |
/// |-------------------------|--------------|--------------------------------------------------------|
/// | `input` x               | T*B x F      | dW = x^T dZ                                            |
/// | `hiddenStates` h_0..h_T | (T+1)*B x H  | dz_t = dh_t (1 - h_t^2); dU = [h_0..h_{T-1}]^T dZ        |
///
///     bytes = (T*B*(F + H) + B*H) * s,   s = 4 for Float, 8 for Double.
public struct RNNTape<Scalar: LabScalar>: Sendable {
  /// T, the number of time steps.
  public let steps: Int
  /// B, the number of sequences.
  public let batchSize: Int
  /// The input x (T*B x F).
  public let input: Matrix<Scalar>
  /// h_0, h_1, ..., h_T ((T+1)*B x H).
  public let hiddenStates: Matrix<Scalar>

  /// F, the number of input features.
  public var inputSize: Int { input.columns }
  /// H, the number of hidden units.
  public var hiddenSize: Int { hiddenStates.columns }
  /// Every output h_1 ... h_T (T*B x H), a copy.
  public var hidden: Matrix<Scalar> { hiddenStates.rows(batchSize..<(steps + 1) * batchSize) }
  /// h_t for t in 1 ... T (B x H).
  public func hidden(atStep t: Int) -> Matrix<Scalar> {
    precondition(t >= 1 && t <= steps, "RNNTape.hidden(atStep:): step \(t) outside 1...\(steps)")
    return hiddenStates.rows(t * batchSize..<(t + 1) * batchSize)
  }
  /// h_T (B x H).
  public var lastHidden: Matrix<Scalar> { hiddenStates.rows(steps * batchSize..<(steps + 1) * batchSize) }
  /// h_0 (B x H).
  public var initialHidden: Matrix<Scalar> { hiddenStates.rows(0..<batchSize) }

  /// Bytes held by the stored matrices (equals the formula).
  public var byteCount: Int { (input.count + hiddenStates.count) * Scalar.byteCount }

  /// The tape formula: (T*B*(F + H) + B*H) * bytes per scalar.
  public static func byteCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int) -> Int {
    scalarCount(steps: steps, batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize) * Scalar.byteCount
  }

  /// The number of scalars on the tape, T*B*(F + H) + B*H.
  public static func scalarCount(steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int) -> Int {
    steps * batchSize * (inputSize + hiddenSize) + batchSize * hiddenSize
  }
}
