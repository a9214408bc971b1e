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

/// The layers a `Sequential` model is made of, named as in Keras (`keras.layers.LSTM(64)` is `Layers.LSTM(units: 64)`).
public enum Layers {
  /// An LSTM layer: gates i, f, g, o, c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t) (see Recurrent's `LSTM`).
  /// Keras's initialisers by default. Set `returnSequences` when another recurrent layer follows.
  public struct LSTM: LayerConvertible {
    public var units: Int
    public var returnSequences: Bool
    public var initializer: RecurrentInitializer
    public init(units: Int, returnSequences: Bool = false, initializer: RecurrentInitializer = .keras) {
      self.units = units
      self.returnSequences = returnSequences
      self.initializer = initializer
    }
    public var layerSpec: LayerSpec { .lstm(units: units, returnSequences: returnSequences, initializer: initializer) }
  }

  /// A vanilla RNN layer, h_t = tanh(x_t W + h_{t-1} U + b) (Keras's `SimpleRNN`).
  public struct SimpleRNN: LayerConvertible {
    public var units: Int
    public var returnSequences: Bool
    public var initializer: RecurrentInitializer
    public init(units: Int, returnSequences: Bool = false, initializer: RecurrentInitializer = .keras) {
      self.units = units
      self.returnSequences = returnSequences
      self.initializer = initializer
    }
    public var layerSpec: LayerSpec {
      .simpleRNN(units: units, returnSequences: returnSequences, initializer: initializer)
    }
  }

  /// A fully connected layer, a(x W + b), on the last hidden state of the recurrent layers (or the Dense layer below).
  public struct Dense: LayerConvertible {
    public var units: Int
    public var activation: Activation
    public init(units: Int, activation: Activation = .linear) {
      self.units = units
      self.activation = activation
    }
    public var layerSpec: LayerSpec { .dense(units: units, activation: activation) }
  }
}

/// The result builder behind `Sequential { ... }`: one layer per line, `if` and `for` allowed.
@resultBuilder
public enum SequentialBuilder {
  public static func buildExpression(_ layer: some LayerConvertible) -> [LayerSpec] { [layer.layerSpec] }
  public static func buildBlock(_ parts: [LayerSpec]...) -> [LayerSpec] { parts.flatMap { $0 } }
  public static func buildOptional(_ part: [LayerSpec]?) -> [LayerSpec] { part ?? [] }
  public static func buildEither(first part: [LayerSpec]) -> [LayerSpec] { part }
  public static func buildEither(second part: [LayerSpec]) -> [LayerSpec] { part }
  public static func buildArray(_ parts: [[LayerSpec]]) -> [LayerSpec] { parts.flatMap { $0 } }
}
