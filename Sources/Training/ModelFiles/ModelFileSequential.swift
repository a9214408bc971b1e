import LabMath
import Recurrent

/// Converting between a trained `SequentialModel` and its saved form.
///
/// A model saves in PyTorch's layout when it is L LSTM layers (all but the last with `returnSequences`) followed by
/// one softmax Dense layer: `nn.LSTM(num_layers: L)` + `nn.Linear`. Its parameters, in `SequentialModel.parameters`
/// order, are [W_1, U_1, b_1, ..., W_L, U_L, b_L, W_head, b_head].
extension ModelFile {
  /// The saved form of `model` (which must be built) with `metadata`'s class names, T and normalisation; the sizes
  /// in `metadata` are replaced by the model's.
  public init(_ model: SequentialModel<Scalar>, metadata: ModelFileMetadata) throws {
    guard let features = model.inputFeatures else {
      throw ModelFileError.unsupportedArchitecture("the model is not built yet (fit or build it first)")
    }
    let specs = model.specs
    guard let last = specs.last, case .dense(let classes, .softmax) = last else {
      throw ModelFileError.unsupportedArchitecture("the last layer is \(specs.last.map { "\($0)" } ?? "missing"), not a softmax Dense layer")
    }
    var hidden: Int?
    for spec in specs.dropLast() {
      guard case .lstm(let units, _, _) = spec else {
        throw ModelFileError.unsupportedArchitecture("\(spec) is not an LSTM layer")
      }
      guard hidden == nil || hidden == units else {
        throw ModelFileError.unsupportedArchitecture("LSTM layers of different sizes (\(hidden!) and \(units)); nn.LSTM stacks layers of one size")
      }
      hidden = units
    }
    guard let h = hidden else { throw ModelFileError.unsupportedArchitecture("there is no LSTM layer") }
    guard classes == metadata.classCount else {
      throw ModelFileError.unsupportedArchitecture("the output layer has \(classes) units but \(metadata.classCount) class names were given")
    }
    let parameters = model.parameters
    let layerCount = specs.count - 1
    var layers: [LSTMWeights] = []
    for k in 0..<layerCount {
      layers.append(LSTMWeights(W: parameters[3 * k], U: parameters[3 * k + 1], b: parameters[3 * k + 2]))
    }
    var sized = metadata
    sized.inputSize = features
    sized.hiddenSize = h
    sized.layerCount = layerCount
    try self.init(layers: layers, headWeight: parameters[3 * layerCount], headBias: parameters[3 * layerCount + 1], metadata: sized)
  }

  /// The layer list of the model this file holds: L LSTM layers of H units, then Dense(C, softmax).
  public var layerSpecs: [LayerSpec] {
    Self.layerSpecs(hiddenSize: metadata.hiddenSize, layerCount: metadata.layerCount, classCount: metadata.classCount)
  }

  /// L LSTM layers of H units (all but the last returning sequences), then Dense(C, softmax): the architecture a
  /// model file holds.
  public static func layerSpecs(hiddenSize: Int, layerCount: Int, classCount: Int) -> [LayerSpec] {
    (0..<layerCount).map { k in
      LayerSpec.lstm(units: hiddenSize, returnSequences: k < layerCount - 1, initializer: .keras)
    } + [.dense(units: classCount, activation: .softmax)]
  }

  /// The flat parameter list in `SequentialModel.parameters` order.
  public var parameters: [Matrix<Scalar>] {
    layers.flatMap { [$0.W, $0.U, $0.b] } + [headWeight, headBias]
  }

  /// A built model with this file's weights (compile it before training further).
  public func makeModel() throws -> SequentialModel<Scalar> {
    var model = SequentialModel<Scalar>(layers: layerSpecs)
    try model.build(inputFeatures: metadata.inputSize, seed: 0)
    model.parameters = parameters
    return model
  }

  /// Copies this file's weights into `model`, which must have the same layers and sizes (for `--init`).
  public func load(into model: inout SequentialModel<Scalar>) throws {
    let current = model.parameters
    let shapes = { (list: [Matrix<Scalar>]) in list.map { "\($0.rows)x\($0.columns)" } }
    guard model.specs.count == layerSpecs.count, shapes(current) == shapes(parameters) else {
      throw ModelFileError.unsupportedArchitecture(
        "the initial weights are for \(layerSpecs.map { "\($0)" }.joined(separator: ", ")) on \(metadata.inputSize) features, "
          + "the model to train is \(model.specs.map { "\($0)" }.joined(separator: ", ")) (parameter shapes \(shapes(parameters)) vs \(shapes(current)))")
    }
    model.parameters = parameters
  }
}
