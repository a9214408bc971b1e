import ArgumentParser
import Foundation
import LSTMLab

/// Every choice that turns data into a trained model, shared by `train` and each cell of `sweep`.
struct TrainingRecipe: Sendable {
  var hidden = 32
  var layers = 1
  var batch = 32
  var epochs = 10
  var optimizer = OptimizerChoice.adam
  var learningRate: Double?
  var momentum = 0.0
  var clipping = GradientClipping.none
  var validationSplit = 0.0
  var seed: UInt64 = 1
  /// T; nil keeps the data's common length.
  var steps: Int?
  var lengthPolicy = ModelFileMetadata.LengthPolicy.resample
  var normalize = true
  var progress = ProgressStyle.automatic

  /// The learning rate used: the given one or the optimiser's Keras default.
  var rate: Double { learningRate ?? optimizer.defaultLearningRate }

  /// What will be saved with the model: sizes, class names, T and how it is reached, normalisation fitted on
  /// `train` (or taken from `initial`, whose scale its weights were trained on).
  func metadata(for train: LabeledSequences, dataset: String, initial: ModelFile<Float>?) throws -> ModelFileMetadata {
    var policy = lengthPolicy
    var length = steps
    if length == nil {
      let lengths = train.lengths
      guard let shortest = lengths.min(), let longest = lengths.max() else {
        throw CommandError("--data: \(dataset) has no training sequences.")
      }
      guard shortest == longest else {
        throw CommandError(
          "--data: \(dataset) has sequences of \(shortest) to \(longest) steps; pass --seq-len T to resample (or, with "
            + "--length-policy crop, crop) them to one length.")
      }
      length = shortest
      policy = .none
    }
    var metadata = ModelFileMetadata(
      inputSize: train.featureCount, hiddenSize: hidden, layerCount: layers, classNames: train.classNames,
      sequenceLength: length, lengthPolicy: policy, extra: ["dataset": dataset])
    if let initial {
      guard initial.metadata.inputSize == train.featureCount else {
        throw CommandError("--init: the weights are for \(initial.metadata.inputSize) features, \(dataset) has \(train.featureCount).")
      }
      guard initial.metadata.classNames == train.classNames else {
        throw CommandError(
          "--init: the weights are for classes \(initial.metadata.classNames), \(dataset) has \(train.classNames).")
      }
      metadata.hiddenSize = initial.metadata.hiddenSize
      metadata.layerCount = initial.metadata.layerCount
      metadata.normalization = initial.metadata.normalization
    }
    if metadata.normalization == nil && normalize {
      let normalizer = try Normalizer(fittedOn: try metadata.prepare(train))
      metadata.normalization = .init(
        mean: normalizer.means.map(Double.init), standardDeviation: normalizer.standardDeviations.map(Double.init))
    }
    return metadata
  }

  /// A compiled, built model for `metadata` (weights from `initial` when given, else drawn from `seed`).
  func makeModel(_ metadata: ModelFileMetadata, initial: ModelFile<Float>?) throws -> Sequential {
    var model = Sequential(
      layers: ModelFile<Float>.layerSpecs(hiddenSize: metadata.hiddenSize, layerCount: metadata.layerCount, classCount: metadata.classCount))
    switch optimizer {
    case .adam: model.compile(optimizer: Adam<Float>(learningRate: rate), clipping: clipping)
    case .sgd: model.compile(optimizer: SGD<Float>(learningRate: rate, momentum: Float(momentum)), clipping: clipping)
    case .rmsprop: model.compile(optimizer: RMSProp<Float>(learningRate: rate, momentum: Float(momentum)), clipping: clipping)
    case .adagrad: model.compile(optimizer: Adagrad<Float>(learningRate: rate), clipping: clipping)
    }
    try model.build(inputFeatures: metadata.inputSize, seed: seed)
    if let initial { try initial.load(into: &model) }
    return model
  }

  /// Trains on `train` (prepared by `metadata`), validating on `validation` when given (else on the last
  /// `validationSplit` of `train`).
  func fit(_ model: inout Sequential, train: LabeledSequences, validation: LabeledSequences?, metadata: ModelFileMetadata) throws
    -> History
  {
    let prepared = try metadata.prepare(train)
    let preparedValidation = try validation.map { try metadata.prepare($0) }
    return try model.fit(
      prepared, batchSize: batch, epochs: epochs, validationSplit: preparedValidation == nil ? validationSplit : 0,
      validationData: preparedValidation, seed: seed, progress: progress)
  }

  /// A one-line description: "LSTM(32) x1 -> Dense(2, softmax); adam lr 0.001, batch 32, 10 epochs, seed 1".
  func summary(_ metadata: ModelFileMetadata, parameters: Int) -> String {
    var text = "LSTM(\(metadata.hiddenSize))\(metadata.layerCount > 1 ? " x\(metadata.layerCount)" : "") -> Dense(\(metadata.classCount), softmax), "
      + "\(NumberText.grouped(parameters)) parameters; \(optimizer.rawValue) lr \(rate)"
    if momentum > 0 { text += " momentum \(momentum)" }
    if clipping != .none { text += ", clipping \(clipping)" }
    return text + ", batch \(batch), \(epochs) epochs, seed \(seed)"
  }
}

/// `LabeledSequences` relabelled to a model's class names (by name), so that label k means the model's class k.
func relabel(_ part: LabeledSequences, to classNames: [String], flag: String) throws -> LabeledSequences {
  if part.classNames == classNames { return part }
  var index: [String: Int] = [:]
  for (k, name) in classNames.enumerated() { index[name] = k }
  var map: [Int] = []
  for name in part.classNames {
    guard let k = index[name] else {
      throw CommandError("\(flag): class \"\(name)\" of \(part.name) is not one the model knows (\(classNames.joined(separator: ", "))).")
    }
    map.append(k)
  }
  var result = part
  result.labels = part.labels.map { map[$0] }
  result.classNames = classNames
  return result
}
