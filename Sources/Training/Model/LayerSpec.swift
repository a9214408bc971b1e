import Recurrent

/// What one layer of a `Sequential` model is, before its weights exist (like a Keras layer before `build`): its
/// kind and size. The input size is inferred from the layer below (or the data) when the model is built.
public enum LayerSpec: Sendable, Equatable, CustomStringConvertible {
  /// An LSTM layer of `units` cells (see Recurrent's `LSTM`).
  case lstm(units: Int, returnSequences: Bool, initializer: RecurrentInitializer)
  /// A vanilla tanh RNN layer of `units` cells (see Recurrent's `RNN`).
  case simpleRNN(units: Int, returnSequences: Bool, initializer: RecurrentInitializer)
  /// A fully connected layer z = x W + b followed by `activation`.
  case dense(units: Int, activation: Activation)

  public var units: Int {
    switch self {
    case .lstm(let units, _, _), .simpleRNN(let units, _, _), .dense(let units, _): return units
    }
  }

  var isRecurrent: Bool {
    if case .dense = self { return false }
    return true
  }

  var returnsSequences: Bool {
    switch self {
    case .lstm(_, let r, _), .simpleRNN(_, let r, _): return r
    case .dense: return false
    }
  }

  public var description: String {
    switch self {
    case .lstm(let units, let r, _): return "LSTM(\(units)\(r ? ", returnSequences" : ""))"
    case .simpleRNN(let units, let r, _): return "SimpleRNN(\(units)\(r ? ", returnSequences" : ""))"
    case .dense(let units, let activation): return "Dense(\(units), \(activation.rawValue))"
    }
  }
}

/// Anything that can stand as a layer in a `Sequential { ... }` block.
public protocol LayerConvertible: Sendable {
  var layerSpec: LayerSpec { get }
}

extension LayerSpec: LayerConvertible {
  public var layerSpec: LayerSpec { self }
}
