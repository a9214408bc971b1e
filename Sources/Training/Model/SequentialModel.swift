import LabMath
import Optimizers
import Recurrent

/// A stack of layers trained as one model, the Swift reading of a Keras `Sequential` model:
///
/// ```swift
/// var model = Sequential {
///   Layers.LSTM(units: 64)
///   Layers.Dense(units: 2, activation: .softmax)
/// }
/// model.compile(loss: .categoricalCrossEntropy, optimizer: Adam())
/// let history = try model.fit(train, batchSize: 64, epochs: 10, validationSplit: 0.2, seed: 1)
/// let (loss, accuracy) = try model.evaluate(test)
/// ```
///
/// Recurrent layers come first (every one but the last with `returnSequences: true`), then Dense layers on the last
/// hidden state h_T; the last is the softmax output. The model is a value: `var copy = model` trains independently.
/// Weights are created when the model is built, from the input's feature count and a seed (`build`, or the first
/// `fit` with its `seed`), so the same seed gives the same run bit for bit.
public struct SequentialModel<Scalar: LabScalar>: Sendable {
  /// The layers as declared.
  public let specs: [LayerSpec]
  /// The built layers (empty until `build`).
  var layers: [ModelLayer<Scalar>] = []
  /// The feature count F the model was built for (nil until built).
  public private(set) var inputFeatures: Int?
  /// The loss set by `compile`.
  public private(set) var loss: Loss?
  /// The optimiser set by `compile`; it keeps its state (moments, update count) across `fit` calls.
  public var optimizer: (any Optimizer<Scalar>)?
  /// How gradients are clipped before each update.
  public var clipping: GradientClipping = .none
  /// What a divergence message suggests for clipping (nil: the library call, `compile(..., clipping:)`); a command
  /// line sets its own flag here, e.g. "--clip-norm 1".
  public var divergenceRemedy: String?
  /// The loss of the last update whose loss was finite (reported when training diverges).
  public internal(set) var lastFiniteLoss: Double?
  /// Which code runs the recurrent layers: the C kernels (`.fast`, the default) or the plain-Swift reference cells
  /// (`.reference`, Recurrent/Reference), the same numbers to rounding; kept when the model is rebuilt.
  public var recurrentImplementation: RecurrentImplementation = .fast {
    didSet { for index in layers.indices { layers[index].setImplementation(recurrentImplementation) } }
  }

  /// A model of the layers the block lists, one per line.
  public init(@SequentialBuilder _ layers: () -> [LayerSpec]) {
    self.specs = layers()
  }

  /// A model of the given layers.
  public init(layers: [LayerSpec]) {
    self.specs = layers
  }

  /// Sets the loss, the optimiser and the clipping rule (Keras's `model.compile`); resets the optimiser's state.
  public mutating func compile(
    loss: Loss = .categoricalCrossEntropy, optimizer: some Optimizer<Scalar>, clipping: GradientClipping = .none
  ) {
    var optimizer = optimizer
    optimizer.reset()
    self.loss = loss
    self.optimizer = optimizer
    self.clipping = clipping
  }

  /// Whether the weights exist.
  public var isBuilt: Bool { inputFeatures != nil }

  /// Number of classes the output layer scores.
  public var classCount: Int { specs.last?.units ?? 0 }

  /// Checks the layer stack and creates the weights for inputs of `inputFeatures` features, drawing them from a
  /// generator derived from `seed` (Keras's initialisers by default). Rebuilding replaces the weights.
  public mutating func build(inputFeatures: Int, seed: UInt64) throws {
    var rng = SeededGenerator.derived(seed: seed, stream: 0x1A7E_5EED)
    try build(inputFeatures: inputFeatures, using: &rng)
  }

  /// As `build(inputFeatures:seed:)`, drawing the weights from `rng`.
  public mutating func build(inputFeatures: Int, using rng: inout SeededGenerator) throws {
    try Self.validate(specs, inputFeatures: inputFeatures)
    var built: [ModelLayer<Scalar>] = []
    var width = inputFeatures
    for spec in specs {
      switch spec {
      case .lstm(let units, let returnSequences, let initializer):
        built.append(
          .lstm(LSTM(inputSize: width, hiddenSize: units, initializer: initializer, using: &rng),
                returnSequences: returnSequences))
      case .simpleRNN(let units, let returnSequences, let initializer):
        built.append(
          .rnn(RNN(inputSize: width, hiddenSize: units, initializer: initializer, using: &rng),
               returnSequences: returnSequences))
      case .dense(let units, let activation):
        built.append(.dense(Dense(inputSize: width, outputSize: units, using: &rng), activation))
      }
      width = spec.units
    }
    layers = built.map { layer in
      var layer = layer
      layer.setImplementation(recurrentImplementation)
      return layer
    }
    self.inputFeatures = inputFeatures
    lastFiniteLoss = nil
    if var optimizer { optimizer.reset(); self.optimizer = optimizer }
  }

  /// The checks of the layer stack (Keras raises the same complaints at build time).
  static func validate(_ specs: [LayerSpec], inputFeatures: Int) throws {
    guard !specs.isEmpty else { throw TrainingError.noLayers }
    guard inputFeatures > 0 else {
      throw TrainingError.invalidArgument(
        call: "Sequential.build", argument: "inputFeatures", value: "\(inputFeatures)", expected: "at least 1")
    }
    guard specs[0].isRecurrent else {
      throw TrainingError.invalidArchitecture(
        layer: 0, problem: "the first layer is \(specs[0]), but the model reads sequences",
        fix: "Start with Layers.LSTM(units:) or Layers.SimpleRNN(units:).")
    }
    for (index, spec) in specs.enumerated() {
      guard spec.units > 0 else {
        throw TrainingError.invalidArchitecture(
          layer: index, problem: "\(spec) has \(spec.units) units", fix: "Give every layer at least 1 unit.")
      }
      let next = index + 1 < specs.count ? specs[index + 1] : nil
      if spec.isRecurrent, let next, next.isRecurrent, !spec.returnsSequences {
        throw TrainingError.invalidArchitecture(
          layer: index, problem: "\(spec) feeds \(next) but returns only its last hidden state",
          fix: "Pass returnSequences: true to every recurrent layer that another recurrent layer follows.")
      }
      if spec.isRecurrent, spec.returnsSequences, next == nil || !(next!.isRecurrent) {
        throw TrainingError.invalidArchitecture(
          layer: index, problem: "\(spec) returns every step but the model classifies whole sequences",
          fix: "Set returnSequences: false on the last recurrent layer (per-step outputs are not supported).")
      }
      if !spec.isRecurrent, let next, next.isRecurrent {
        throw TrainingError.invalidArchitecture(
          layer: index + 1, problem: "\(next) follows a Dense layer", fix: "Put every recurrent layer before the Dense layers.")
      }
      if case .dense(_, .softmax) = spec, next != nil {
        throw TrainingError.invalidArchitecture(
          layer: index, problem: "softmax is only supported on the output layer",
          fix: "Use .relu, .tanh, .sigmoid or .linear on hidden Dense layers.")
      }
    }
    guard case .dense(let classes, .softmax) = specs.last! else {
      throw TrainingError.invalidArchitecture(
        layer: specs.count - 1, problem: "the last layer is \(specs.last!), but categorical cross-entropy needs "
          + "class probabilities", fix: "End with Layers.Dense(units: numberOfClasses, activation: .softmax).")
    }
    guard classes >= 2 else {
      throw TrainingError.invalidArchitecture(
        layer: specs.count - 1, problem: "a softmax over \(classes) class always outputs 1",
        fix: "Use at least 2 units, one per class.")
    }
  }

  /// All parameter matrices, layer by layer (each layer in its own order), the order of the gradients.
  public var parameters: [Matrix<Scalar>] {
    get { layers.flatMap(\.parameters) }
    set {
      var offset = 0
      for index in layers.indices {
        let count = layers[index].parameters.count
        layers[index].parameters = Array(newValue[offset..<offset + count])
        offset += count
      }
    }
  }

  /// Number of trainable values (Keras's "Total params"): per LSTM layer 4H(F + H) + 4H, per RNN layer
  /// H(F + H) + H, per Dense layer F C + C.
  public var parameterCount: Int {
    if isBuilt { return layers.reduce(0) { $0 + $1.parameterCount } }
    return 0
  }

  /// A Keras-like summary: each layer with its output shape and parameter count (needs a built model).
  public var summary: String {
    guard let features = inputFeatures else { return "Sequential (not built: call build(inputFeatures:seed:) or fit)" }
    var lines = ["Layer                      Output shape        Params", String(repeating: "-", count: 54)]
    for (spec, layer) in zip(specs, layers) {
      let shape = spec.returnsSequences ? "(B, T, \(spec.units))" : "(B, \(spec.units))"
      let name = "\(spec)".padding(toLength: 27, withPad: " ", startingAt: 0)
      lines.append(name + shape.padding(toLength: 20, withPad: " ", startingAt: 0) + "\(layer.parameterCount)")
    }
    lines.append(String(repeating: "-", count: 54))
    lines.append("Total params: \(parameterCount)  (input: (B, T, \(features)))")
    return lines.joined(separator: "\n")
  }
}

/// The model type of the lessons: Float32 like Keras. `Sequential { ... }` reads as in Keras.
public typealias Sequential = SequentialModel<Float>
