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

  /// The settings a recipe's rules name: a flag of `train` (`--hidden`) or an axis of a sweep grid (`hidden`).
  enum Setting { case hidden, layers, batch, epochs, steps, learningRate, momentum, clipNorm, clipValue, validationSplit }

  /// The first rule this recipe breaks, in words that name each setting by `name` (nil when it is valid). The one
  /// set of rules for `train`'s flags and every cell of a sweep grid, so a grid is checked before any cell runs.
  func problem(naming name: (Setting) -> String) -> String? {
    for (setting, value, minimum) in [(Setting.hidden, hidden, 1), (.layers, layers, 1), (.batch, batch, 1), (.epochs, epochs, 0),
                                      (.steps, steps ?? 2, 2)] where value < minimum {
      return "\(name(setting)) must be at least \(minimum), not \(value)."
    }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      return "\(name(.learningRate)) must be a positive number, not \(learningRate)."
    }
    guard momentum >= 0, momentum < 1 else { return "\(name(.momentum)) must be in [0, 1), not \(momentum)." }
    guard validationSplit >= 0, validationSplit < 1 else {
      return "\(name(.validationSplit)) must be in [0, 1), not \(validationSplit)."
    }
    switch clipping {
    case .globalNorm(let value) where !(value > 0 && value.isFinite):
      return "\(name(.clipNorm)) must be a positive number, not \(value)."
    case .elementwise(let value) where !(value > 0 && value.isFinite):
      return "\(name(.clipValue)) must be a positive number, not \(value)."
    default: return nil
    }
  }

  /// The learning rate used: the given one or the optimiser's Keras default.
  var rate: Double { learningRate ?? optimizer.defaultLearningRate }

  /// The memory this recipe needs on `train` (and `test`, evaluated in batches of 256) by the memory calculator,
  /// computed from the sizes alone, before anything is prepared or allocated (Int.max when beyond Int).
  func memoryEstimate(train: LabeledSequences, test: LabeledSequences?, initial: ModelFile<Float>?) -> Int {
    let t = steps ?? train.lengths.max() ?? 1
    let h = initial?.metadata.hiddenSize ?? hidden, l = initial?.metadata.layerCount ?? layers
    let step = MemoryGuard.stepBytes(
      steps: t, batch: min(batch, max(train.count, 1)), features: train.featureCount, hidden: h, layers: l,
      classes: train.classNames.count, optimizerSlots: optimizer.stateSlots(momentum: momentum))
    let testCount = test?.count ?? 0
    let evaluation = testCount == 0 ? 0 : MemoryGuard.stepBytes(
      steps: t, batch: min(256, testCount), features: train.featureCount, hidden: h, layers: l, classes: train.classNames.count,
      activationsOnly: true)
    let data = MemoryGuard.dataBytes(count: CheckedSize.saturatingSum(train.count, testCount), steps: t, features: train.featureCount)
    return CheckedSize.saturatingSum(step, evaluation, data)
  }

  /// Refuses (`CommandError`) a recipe whose memory estimate exceeds this machine's memory, unless `allowLarge`.
  func checkMemory(train: LabeledSequences, test: LabeledSequences?, initial: ModelFile<Float>?, dataset: String, allowLarge: Bool)
    throws
  {
    let t = steps ?? train.lengths.max() ?? 1
    try MemoryGuard.check(
      memoryEstimate(train: train, test: test, initial: initial),
      what: "Training LSTM(\(initial?.metadata.hiddenSize ?? hidden)) x\(initial?.metadata.layerCount ?? layers) on \(dataset) "
        + "(T = \(t), B = \(batch), \(train.count) sequences)",
      sizes: "--hidden, --layers, --seq-len or --batch", allowLarge: allowLarge)
  }

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
      let prepared = try metadata.prepare(train)
      if let dominated = Normalizer.dominatedChannels(in: prepared).first {
        throw CommandError(
          "--data: \(dataset): \(dominated), and the model could not learn. Remove or clip those values, or pass "
            + "--no-normalize.")
      }
      let normalizer = try Normalizer(fittedOn: prepared)
      metadata.normalization = .init(
        mean: normalizer.means.map(Double.init), standardDeviation: normalizer.standardDeviations.map(Double.init))
      if let problem = ModelFileMetadata.Normalization.degeneracy(
        mean: normalizer.means.map(Double.init), standardDeviation: normalizer.standardDeviations.map(Double.init))
      {
        throw CommandError("--data: \(dataset): the normalisation statistics cannot be used: \(problem.reason). Pass --no-normalize.")
      }
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
    model.divergenceRemedy = "--clip-norm 1, or a smaller --lr"
    try model.build(inputFeatures: metadata.inputSize, seed: seed)
    if let initial { try initial.load(into: &model) }
    return model
  }

  /// Trains on `train` (prepared by `metadata`), validating on `validation` when given, else on a stratified random
  /// `validationSplit` of `train` (`heldOut`).
  func fit(
    _ model: inout Sequential, train: LabeledSequences, validation: LabeledSequences?, metadata: ModelFileMetadata,
    describeSplit: ((String) -> Void)? = nil
  ) throws -> History {
    var prepared = try metadata.prepare(train)
    var preparedValidation = try validation.map { try metadata.prepare($0) }
    if preparedValidation == nil && validationSplit > 0 {
      let (fitPart, heldOutPart) = try heldOut(prepared)
      let counts = heldOutPart.classCounts.enumerated().map { "\(prepared.classNames[$0.offset]): \($0.element)" }
      describeSplit?(
        "Validation: \(heldOutPart.count) of \(prepared.count) sequences held out, drawn at random within each class "
          + "(\(counts.joined(separator: ", ")))")
      (prepared, preparedValidation) = (fitPart, heldOutPart)
    }
    return try model.fit(
      prepared, batchSize: batch, epochs: epochs, validationSplit: 0, validationData: preparedValidation, seed: seed,
      progress: progress)
  }

  /// `part` split into training and validation by `validationSplit`: for each class, round(n_c * split) of its
  /// sequences drawn at random (from `seed`), so both parts keep the class proportions whatever the file's order.
  /// (Keras's `validation_split` takes the file's last fraction instead: on a file sorted by class that holds out
  /// whole classes.) Warns on standard error when a class is still missing from the validation part (too few
  /// members for the fraction).
  func heldOut(_ part: LabeledSequences) throws -> (train: LabeledSequences, validation: LabeledSequences) {
    var rng = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)  // its own stream: the same split for any model
    let split: IndexSplit
    do { split = try stratifiedSplit(labels: part.labels, validationFraction: validationSplit, using: &rng) } catch {
      throw CommandError(
        "--validation-split \(validationSplit): \(part.count) sequences cannot be split into non-empty training and validation parts.")
    }
    let train = try part.subset(split.train), validation = try part.subset(split.validation, name: part.name + " (validation)")
    let missing = Set(train.labels).subtracting(validation.labels).sorted().map { part.classNames[$0] }
    if !missing.isEmpty {
      FileHandle.standardError.write(Data(
        ("lstmlab: warning: --validation-split \(validationSplit) leaves class\(missing.count == 1 ? "" : "es") "
          + "\(missing.joined(separator: ", ")) out of the validation part (too few sequences); its validation accuracy "
          + "does not cover \(missing.count == 1 ? "it" : "them").\n").utf8))
    }
    return (train, validation)
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
