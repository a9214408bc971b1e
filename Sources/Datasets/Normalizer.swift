import LabMath
import LabText

/// Per-channel z-normalisation, fitted on the training part only and then applied unchanged to validation and test
/// data (fitting on the test part would leak its statistics into the model).
///
/// For channel c, over every time step of every training sequence (N values in all, NaN skipped):
///
///     mean_c = (1/N) sum x        std_c = sqrt((1/N) sum (x - mean_c)^2)        x' = (x - mean_c) / std_c
///
/// The population standard deviation (divide by N, like scikit-learn's StandardScaler). A channel that is constant on
/// the training part has std_c = 0 and is divided by 1 instead, so it becomes 0 rather than NaN.
///
/// Why pooled per channel and not per series: BasicMotions' six channels differ in scale by a factor of 250, and the
/// LSTM's gates saturate on large inputs; per-series normalisation (what the UCR files GunPoint, ItalyPowerDemand and
/// ArrowHead already are) would also erase the level of a series, which can be the signal (volatility regimes).
public struct Normalizer: Sendable, Equatable {
  /// mean_c for every channel.
  public var means: [Float]
  /// std_c for every channel (1 where the training channel is constant).
  public var standardDeviations: [Float]

  /// A normaliser with given statistics.
  public init(means: [Float], standardDeviations: [Float]) {
    self.means = means
    self.standardDeviations = standardDeviations
  }

  /// Fits the per-channel mean and standard deviation on `train` (accumulated in Double).
  public init(fittedOn train: LabeledSequences) throws {
    let f = train.featureCount
    guard train.count > 0, f > 0 else {
      throw DatasetError.invalidArgument(
        argument: "Normalizer(fittedOn: \(train.name))", found: "\(train.count) sequences of \(f) features",
        expected: "at least one sequence with at least one feature")
    }
    var sum = [Double](repeating: 0, count: f), count = [Int](repeating: 0, count: f)
    for sequence in train.sequences {
      for (k, value) in sequence.scalars.enumerated() where !value.isNaN {
        sum[k % f] += Double(value)
        count[k % f] += 1
      }
    }
    let mean = (0..<f).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 0 }
    var squares = [Double](repeating: 0, count: f)
    for sequence in train.sequences {
      for (k, value) in sequence.scalars.enumerated() where !value.isNaN {
        let d = Double(value) - mean[k % f]
        squares[k % f] += d * d
      }
    }
    let std = (0..<f).map { c -> Double in
      let s = count[c] > 0 ? (squares[c] / Double(count[c])).squareRoot() : 0
      return s > 0 ? s : 1
    }
    self.init(means: mean.map { Float($0) }, standardDeviations: std.map { Float($0) })
  }

  /// A channel whose standard deviation is set by a few extreme values: z-normalising it would squeeze every other
  /// value to about 0 (one pair of +-3.4e38 among values of order 1 gives std ~ 1e37), and a model trained on it
  /// learns nothing, silently.
  public struct DominatedChannel: Sendable, Equatable, CustomStringConvertible {
    /// The channel (feature) index.
    public var channel: Int
    /// std_c over all values.
    public var standardDeviation: Double
    /// std_c without the `trimmed` values farthest from the mean.
    public var trimmedStandardDeviation: Double
    /// How many values were left out for `trimmedStandardDeviation`: max(2, 1 % of the channel's values).
    public var trimmed: Int
    /// The value farthest from the mean.
    public var extreme: Double

    public var description: String {
      "feature \(channel): its standard deviation \(NumberText.significant(standardDeviation, digits: 3)) is set by a few extreme values "
        + "(the largest is \(NumberText.significant(extreme, digits: 3))); without the \(trimmed) most extreme it would be "
        + "\(NumberText.significant(trimmedStandardDeviation, digits: 3)), so z-normalisation would squeeze the rest of the data to about 0"
    }
  }

  /// The channels of `train` whose standard deviation exceeds `ratio` times the standard deviation of the same
  /// values without the k = max(2, N/100) farthest from the mean (N: the channel's non-NaN values). For normally
  /// distributed data the two differ by about 10 %; heavy tails give a few times; a ratio of 1000 means that a
  /// handful of values decide the scale. Channels that are constant once trimmed are not judged.
  public static func dominatedChannels(in train: LabeledSequences, ratio: Double = 1000) -> [DominatedChannel] {
    let f = train.featureCount
    guard f > 0 else { return [] }
    var values = [[Double]](repeating: [], count: f)
    for sequence in train.sequences {
      for (k, value) in sequence.scalars.enumerated() where !value.isNaN { values[k % f].append(Double(value)) }
    }
    var result: [DominatedChannel] = []
    for (c, channel) in values.enumerated() {
      let n = channel.count
      let k = max(2, n / 100)
      guard n - k >= 2 else { continue }
      let mean = channel.reduce(0, +) / Double(n)
      let std = (channel.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
      let sorted = channel.sorted { abs($0 - mean) < abs($1 - mean) }
      let kept = sorted.prefix(n - k)
      let keptMean = kept.reduce(0, +) / Double(kept.count)
      let keptStd = (kept.reduce(0) { $0 + ($1 - keptMean) * ($1 - keptMean) } / Double(kept.count)).squareRoot()
      guard keptStd > 0, std.isFinite, std / keptStd > ratio else { continue }
      result.append(
        DominatedChannel(channel: c, standardDeviation: std, trimmedStandardDeviation: keptStd, trimmed: k, extreme: sorted.last ?? 0))
    }
    return result
  }

  /// One sequence normalised: x'[t, c] = (x[t, c] - mean_c) / std_c.
  public func apply(_ sequence: Matrix<Float>) throws -> Matrix<Float> {
    guard sequence.columns == means.count, standardDeviations.count == means.count else {
      throw DatasetError.shapeMismatch(
        what: "Normalizer.apply", expected: "\(means.count) channels (as fitted, with one mean and one standard deviation each)",
        found: "\(sequence.columns) channels, \(standardDeviations.count) standard deviations")
    }
    let f = means.count
    var result = sequence
    for k in 0..<result.scalars.count {
      let c = k % f
      result.scalars[k] = Float((Double(sequence.scalars[k]) - Double(means[c])) / Double(standardDeviations[c]))
    }
    return result
  }

  /// Every sequence of `part` normalised.
  public func apply(_ part: LabeledSequences) throws -> LabeledSequences {
    var result = part
    result.sequences = try part.sequences.map(apply)
    return result
  }

  /// Both parts of `dataset` normalised with statistics fitted on its training part: the usual first step.
  public static func normalizing(_ dataset: Dataset) throws -> (dataset: Dataset, normalizer: Normalizer) {
    let normalizer = try Normalizer(fittedOn: dataset.train)
    var result = dataset
    result.train = try normalizer.apply(dataset.train)
    result.test = try normalizer.apply(dataset.test)
    return (result, normalizer)
  }
}
