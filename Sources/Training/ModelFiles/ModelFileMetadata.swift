import LabMath

/// What a saved model records besides its weights: sizes, class names, how sequences were prepared for it.
///
/// Stored as strings in the safetensors `__metadata__` map (lists as JSON arrays), so PyTorch's loaders ignore it
/// and `safe_open(...).metadata()` shows it. A file from PyTorch without this metadata still loads: the sizes are read
/// off the tensor shapes and the classes are named "0", "1", ...
public struct ModelFileMetadata: Sendable, Equatable {
  /// How a series of another length is brought to `sequenceLength` steps before it reaches the model.
  public enum LengthPolicy: String, Sendable, CaseIterable {
    /// Linear interpolation onto T evenly spaced points.
    case resample
    /// The last T steps (series shorter than T are left-padded with their first value).
    case crop
    /// Used as is.
    case none

    /// How a series of another length is treated, in words ("resampled to T").
    public var explanation: String {
      switch self {
      case .resample: "other lengths resampled to T"
      case .crop: "other lengths cropped to their last T steps"
      case .none: "series used at their own length"
      }
    }
  }

  /// Per-feature z-score normalisation, x' = (x - mean) / standardDeviation, applied before the model.
  public struct Normalization: Sendable, Equatable {
    public var mean: [Double]
    public var standardDeviation: [Double]

    /// Why statistics cannot be used in Float, the precision inputs are prepared in, or nil when they can: every mean
    /// and standard deviation must be finite as a Float, every standard deviation a normal Float (>= 1.2e-38, so
    /// the division cannot give infinity), and mean / std finite (else every input maps to +-infinity or NaN).
    public static func degeneracy(mean: [Double], standardDeviation: [Double]) -> (key: String, reason: String)? {
      for (c, value) in mean.enumerated() where !Float(value).isFinite {
        return (Key.normalizationMean, "the mean of feature \(c) is \(value), which is not a finite Float")
      }
      for (c, value) in standardDeviation.enumerated() {
        let single = Float(value)
        guard single.isFinite, single.isNormal, single > 0 else {
          return (Key.normalizationStandardDeviation,
                  "the standard deviation of feature \(c) is \(value), outside Float's normal range (1.2e-38 to 3.4e38): "
                    + "dividing by it gives infinities or NaN")
        }
        if c < mean.count, !(Float(mean[c]) / single).isFinite {
          return (Key.normalizationMean, "feature \(c): mean / standard deviation = \(mean[c] / value) overflows Float")
        }
      }
      return nil
    }
    public init(mean: [Double], standardDeviation: [Double]) {
      self.mean = mean
      self.standardDeviation = standardDeviation
    }
  }

  /// Features per time step, F.
  public var inputSize: Int
  /// Hidden units per LSTM layer, H.
  public var hiddenSize: Int
  /// Stacked LSTM layers.
  public var layerCount: Int
  /// The classes, in the order of the head's outputs (C = classNames.count).
  public var classNames: [String]
  /// The sequence length T the model was trained with (nil when unknown).
  public var sequenceLength: Int?
  /// How inputs were brought to T steps.
  public var lengthPolicy: LengthPolicy
  /// The normalisation applied to inputs, if any.
  public var normalization: Normalization?
  /// Anything else worth keeping (data set name, command line, ...), stored verbatim.
  public var extra: [String: String]

  public init(
    inputSize: Int, hiddenSize: Int, layerCount: Int = 1, classNames: [String], sequenceLength: Int? = nil,
    lengthPolicy: LengthPolicy = .none, normalization: Normalization? = nil, extra: [String: String] = [:]
  ) {
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.classNames = classNames
    self.sequenceLength = sequenceLength
    self.lengthPolicy = lengthPolicy
    self.normalization = normalization
    self.extra = extra
  }

  /// Number of classes, C.
  public var classCount: Int { classNames.count }

  /// The keys LSTMLab writes (others go to `extra`).
  enum Key {
    static let format = "format"
    static let architecture = "lstmlab.architecture"
    static let inputSize = "input_size"
    static let hiddenSize = "hidden_size"
    static let layerCount = "num_layers"
    static let classCount = "num_classes"
    static let classNames = "class_names"
    static let sequenceLength = "sequence_length"
    static let lengthPolicy = "length_policy"
    static let normalizationMean = "normalization_mean"
    static let normalizationStandardDeviation = "normalization_std"
    static let all: Set<String> = [
      format, architecture, inputSize, hiddenSize, layerCount, classCount, classNames, sequenceLength, lengthPolicy,
      normalizationMean, normalizationStandardDeviation,
    ]
  }

  /// The longest `sequence_length` a model file may state: 10^7 steps (an LSTM over more steps than that is beyond
  /// what this library trains; a larger value is a damaged file, and evaluating with it would allocate N * T floats).
  public static let maximumSequenceLength = 10_000_000

  /// The architecture tag written to `lstmlab.architecture`.
  static let architecture = "lstm-classifier"

  /// The metadata as the string map of a safetensors file.
  var strings: [String: String] {
    var map = extra
    map[Key.format] = "pt"  // what safetensors.torch writes: tells tools the tensors follow PyTorch's conventions
    map[Key.architecture] = Self.architecture
    map[Key.inputSize] = String(inputSize)
    map[Key.hiddenSize] = String(hiddenSize)
    map[Key.layerCount] = String(layerCount)
    map[Key.classCount] = String(classCount)
    map[Key.classNames] = "[" + classNames.map(SafeTensorsJSON.quoted).joined(separator: ",") + "]"
    if let sequenceLength { map[Key.sequenceLength] = String(sequenceLength) }
    map[Key.lengthPolicy] = lengthPolicy.rawValue
    if let normalization {
      map[Key.normalizationMean] = "[" + normalization.mean.map { "\($0)" }.joined(separator: ",") + "]"
      map[Key.normalizationStandardDeviation] = "[" + normalization.standardDeviation.map { "\($0)" }.joined(separator: ",") + "]"
    }
    return map
  }

  /// Reads the metadata of `file`, with the sizes found from the tensor shapes as the fallback for absent keys and
  /// the check for present ones.
  init(file: SafeTensorsFile, inputSize: Int, hiddenSize: Int, layerCount: Int, classCount: Int) throws(SafeTensorsError) {
    let map = file.metadata
    func bad(_ key: String, _ reason: String) -> SafeTensorsError { .badMetadata(file: file.source, key: key, reason: reason) }
    func integer(_ key: String, found: Int) throws(SafeTensorsError) {
      guard let text = map[key] else { return }
      guard let value = Int(text) else { throw bad(key, "\"\(text)\" is not an integer") }
      guard value == found else { throw bad(key, "says \(value) but the tensors' shapes give \(found)") }
    }
    try integer(Key.inputSize, found: inputSize)
    try integer(Key.hiddenSize, found: hiddenSize)
    try integer(Key.layerCount, found: layerCount)
    try integer(Key.classCount, found: classCount)
    if let architecture = map[Key.architecture], architecture != Self.architecture {
      throw bad(Key.architecture, "\"\(architecture)\" is not a model this version reads (\(Self.architecture))")
    }

    var classNames = (0..<classCount).map(String.init)
    if let text = map[Key.classNames] {
      guard case .array(let items)? = try? SafeTensorsJSON.parse(Array(text.utf8)) else {
        throw bad(Key.classNames, "\(text) is not a JSON array of strings")
      }
      var names: [String] = []
      for item in items {
        guard case .string(let name) = item else { throw bad(Key.classNames, "\(text) is not a JSON array of strings") }
        names.append(name)
      }
      guard names.count == classCount else {
        throw bad(Key.classNames, "lists \(names.count) classes but the head (fc.weight) has \(classCount) outputs")
      }
      classNames = names
    }

    var sequenceLength: Int?
    if let text = map[Key.sequenceLength] {
      guard let value = Int(text), value > 0 else { throw bad(Key.sequenceLength, "\"\(text)\" is not a positive integer") }
      guard value <= Self.maximumSequenceLength else {
        throw bad(
          Key.sequenceLength,
          "\(value) steps is beyond the \(Self.maximumSequenceLength) this reader accepts (every input would be resampled to "
            + "that length before the model sees it); the file is damaged or was not written for this model")
      }
      sequenceLength = value
    }
    var lengthPolicy = LengthPolicy.none
    if let text = map[Key.lengthPolicy] {
      guard let policy = LengthPolicy(rawValue: text) else {
        throw bad(Key.lengthPolicy, "\"\(text)\" is not one of \(LengthPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      lengthPolicy = policy
    }

    var normalization: Normalization?
    func numbers(_ key: String) throws(SafeTensorsError) -> [Double]? {
      guard let text = map[key] else { return nil }
      guard case .array(let items)? = try? SafeTensorsJSON.parse(Array(text.utf8)) else {
        throw bad(key, "\(text) is not a JSON array of numbers")
      }
      var values: [Double] = []
      for item in items {
        guard case .number(let number) = item, let value = Double(number) else { throw bad(key, "\(text) is not a JSON array of numbers") }
        values.append(value)
      }
      guard values.count == inputSize else { throw bad(key, "has \(values.count) values for \(inputSize) features") }
      return values
    }
    let mean = try numbers(Key.normalizationMean)
    let deviation = try numbers(Key.normalizationStandardDeviation)
    switch (mean, deviation) {
    case (let mean?, let deviation?):
      guard deviation.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw bad(Key.normalizationStandardDeviation, "standard deviations must be positive and finite")
      }
      if let problem = Normalization.degeneracy(mean: mean, standardDeviation: deviation) {
        throw bad(problem.key, problem.reason)
      }
      normalization = Normalization(mean: mean, standardDeviation: deviation)
    case (nil, nil): break
    case (nil, _): throw bad(Key.normalizationMean, "missing while \(Key.normalizationStandardDeviation) is present")
    case (_, nil): throw bad(Key.normalizationStandardDeviation, "missing while \(Key.normalizationMean) is present")
    }

    self.init(
      inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount, classNames: classNames,
      sequenceLength: sequenceLength, lengthPolicy: lengthPolicy, normalization: normalization,
      extra: map.filter { !Key.all.contains($0.key) })
  }
}
