import LabMath

/// How `GradientNoiseScaleEstimator` averages the per-step estimates of |G|^2 and tr(Sigma).
public enum NoiseScaleAveraging: Sendable, Equatable {
  /// The plain mean of every sample so far: `m_n = (x_1 + ... + x_n) / n`. Best when the noise scale is constant
  /// over the samples (a frozen model, or a short window of training).
  case runningMean
  /// The bias-corrected exponential moving average with decay beta (EleutherAI GPT-NeoX uses 0.99):
  /// `e_n = beta e_(n-1) + (1 - beta) x_n`, `m_n = e_n / (1 - beta^n)`. Follows a noise scale that drifts during
  /// training, averaging about the last 1 / (1 - beta) samples.
  case exponential(decay: Double)
}

/// The simple gradient noise scale `B_simple = tr(Sigma) / |G|^2` (McCandlish et al. 2018), estimated along training
/// from squared gradient norms at two batch sizes (`NoiseScaleSample`), with numerator and denominator averaged
/// separately before dividing, as their Appendix A and EleutherAI's implementation do:
///
/// ```
/// B_simple ~= mean(tr(Sigma) estimates) / mean(|G|^2 estimates)
/// ```
///
/// B_simple predicts the critical batch size: below it, doubling the batch nearly halves the steps to a given loss;
/// well above it, a bigger batch buys few steps. The estimator sees only squared norms, so it works for any model:
///
/// ```swift
/// var noise = try GradientNoiseScaleEstimator<Float>(smallBatch: 8, bigBatch: 64)
/// // each step: |g|^2 of one 8-example batch, and of the mean gradient of eight such batches
/// try noise.add(smallSquaredNorm: small, bigSquaredNorm: big)
/// print(noise.simpleNoiseScale ?? .nan)
/// ```
public struct GradientNoiseScaleEstimator<Scalar: LabScalar>: Sendable {
  /// Examples behind the small-batch gradient.
  public let smallBatch: Int
  /// Examples behind the big-batch gradient.
  public let bigBatch: Int
  /// How samples are averaged.
  public let averaging: NoiseScaleAveraging
  /// Samples added so far.
  public private(set) var count = 0

  // Weighted sums in Double: value = a * value + b * x, weight = a * weight + b, mean = value / weight; (a, b) is
  // (1, 1) for the running mean and (beta, 1 - beta) for the EMA, where weight = 1 - beta^n is the bias correction.
  private var gradientSum = 0.0
  private var traceSum = 0.0
  private var weight = 0.0

  /// An estimator for gradients over `smallBatch` and `bigBatch` examples; throws unless 1 <= smallBatch < bigBatch
  /// and an EMA decay is in [0, 1).
  public init(smallBatch: Int, bigBatch: Int, averaging: NoiseScaleAveraging = .exponential(decay: 0.99)) throws {
    try NoiseScaleError.check(smallBatch: smallBatch, bigBatch: bigBatch)
    if case let .exponential(decay) = averaging, !(decay >= 0 && decay < 1) { throw NoiseScaleError.badDecay(decay) }
    self.smallBatch = smallBatch
    self.bigBatch = bigBatch
    self.averaging = averaging
  }

  /// Adds one step's squared norms |G_small|^2 and |G_big|^2; throws when one is negative or not finite (nothing is
  /// added then).
  public mutating func add(smallSquaredNorm: Scalar, bigSquaredNorm: Scalar) throws {
    add(
      try NoiseScaleSample(
        smallBatch: smallBatch, smallSquaredNorm: smallSquaredNorm, bigBatch: bigBatch, bigSquaredNorm: bigSquaredNorm))
  }

  /// Adds one step's estimates (made with this estimator's batch sizes).
  public mutating func add(_ sample: NoiseScaleSample<Scalar>) {
    let (a, b): (Double, Double)
    switch averaging {
    case .runningMean: (a, b) = (1, 1)
    case let .exponential(decay): (a, b) = (decay, 1 - decay)
    }
    gradientSum = a * gradientSum + b * Double(sample.gradientSquaredNorm)
    traceSum = a * traceSum + b * Double(sample.traceCovariance)
    weight = a * weight + b
    count += 1
  }

  /// The averaged estimate of |G|^2, nil before the first sample.
  public var gradientSquaredNorm: Scalar? { count > 0 ? Scalar(gradientSum / weight) : nil }

  /// The averaged estimate of tr(Sigma), nil before the first sample.
  public var traceCovariance: Scalar? { count > 0 ? Scalar(traceSum / weight) : nil }

  /// B_simple = averaged tr(Sigma) / averaged |G|^2; nil before the first sample or while the averaged |G|^2 is not
  /// positive (the gradient is lost in the noise: the noise scale is too large to measure with these batches).
  public var simpleNoiseScale: Scalar? {
    guard count > 0, gradientSum > 0 else { return nil }
    return Scalar(traceSum / gradientSum)
  }

  /// Forgets every sample (for a fresh estimate at another point of training).
  public mutating func reset() {
    count = 0
    gradientSum = 0
    traceSum = 0
    weight = 0
  }
}
