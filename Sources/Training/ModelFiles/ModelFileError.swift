/// Why a saved model cannot be made from a trained one, or cannot be applied to given data.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
  /// The model's layers have no PyTorch `nn.LSTM` + `nn.Linear` layout.
  case unsupportedArchitecture(String)
  /// The data has another number of features than the model was trained on.
  case featureCountMismatch(data: String, expected: Int, found: Int)
  /// Sequences of different lengths for a model saved without a length policy.
  case unequalLengths(data: String, lengths: ClosedRange<Int>)
  /// A sequence too short for the length policy.
  case sequenceTooShort(data: String, index: Int, length: Int, minimum: Int)

  public var description: String {
    switch self {
    case .unsupportedArchitecture(let reason):
      return "cannot save this model in PyTorch's layout: \(reason). Saved models are stacked LSTM layers followed by "
        + "one softmax Dense layer (nn.LSTM + nn.Linear)."
    case .featureCountMismatch(let data, let expected, let found):
      return "\(data): \(found) features per step, but the model was trained on \(expected). Use data with the same "
        + "channels, in the same order."
    case .unequalLengths(let data, let lengths):
      return "\(data): sequences of \(lengths.lowerBound) to \(lengths.upperBound) steps, and the model has no length "
        + "policy to bring them to one length. Train with --seq-len T (resampling or cropping) to handle any length."
    case .sequenceTooShort(let data, let index, let length, let minimum):
      return "\(data): sequence \(index) has \(length) steps; at least \(minimum) are needed."
    }
  }
}
