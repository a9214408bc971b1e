import Recurrent

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
