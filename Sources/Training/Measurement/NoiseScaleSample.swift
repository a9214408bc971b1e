import LabMath

/// The unbiased estimates of |G|^2 and tr(Sigma) from one pair of squared gradient norms measured at two batch sizes
/// (McCandlish, Kaplan, Amodei 2018, "An Empirical Model of Large-Batch Training", Appendix A).
///
/// A minibatch gradient of B examples drawn independently has expected squared norm
/// `E |G_B|^2 = |G|^2 + tr(Sigma) / B`, with G the true (full-data) gradient and Sigma the covariance of one example's
/// gradient. Two batch sizes B_small < B_big give two equations in the two unknowns:
///
/// ```
/// |G|^2    ~= (B_big |G_big|^2 - B_small |G_small|^2) / (B_big - B_small)
/// tr(Sigma) ~= (|G_small|^2 - |G_big|^2) / (1/B_small - 1/B_big)
/// ```
///
/// Each is unbiased, whether or not the small batch is part of the big one (only their variance changes). Their
/// ratio `B_simple = tr(Sigma) / |G|^2` is not: a single pair's ratio is noisy and biased, so average many
/// samples' numerators and denominators separately before dividing (`GradientNoiseScaleEstimator`). Sampling
/// without replacement from N examples scales tr(Sigma)/B by (N - B)/(N - 1); keep B_big much smaller than N.
///
/// The arithmetic is done in Double whatever `Scalar` is, because the difference of two close squared norms loses
/// digits.
public struct NoiseScaleSample<Scalar: LabScalar>: Sendable, Equatable {
  /// The estimate of |G|^2, the squared norm of the true gradient (may come out negative when noise dominates).
  public let gradientSquaredNorm: Scalar
  /// The estimate of tr(Sigma), the summed variance of one example's gradient (may come out negative too).
  public let traceCovariance: Scalar

  /// The estimates from `smallSquaredNorm` = |G_small|^2, the squared norm of a gradient averaged over `smallBatch`
  /// examples, and `bigSquaredNorm` = |G_big|^2 over `bigBatch` examples. Throws unless 1 <= smallBatch < bigBatch
  /// and both norms are finite and non-negative.
  public init(smallBatch: Int, smallSquaredNorm: Scalar, bigBatch: Int, bigSquaredNorm: Scalar) throws {
    try NoiseScaleError.check(smallBatch: smallBatch, bigBatch: bigBatch)
    try NoiseScaleError.check(smallSquaredNorm, name: "smallSquaredNorm")
    try NoiseScaleError.check(bigSquaredNorm, name: "bigSquaredNorm")
    let bs = Double(smallBatch), bb = Double(bigBatch)
    let small = Double(smallSquaredNorm), big = Double(bigSquaredNorm)
    gradientSquaredNorm = Scalar((bb * big - bs * small) / (bb - bs))
    traceCovariance = Scalar((small - big) / (1 / bs - 1 / bb))
  }

  /// This one sample's B_simple = tr(Sigma) / |G|^2, nil when the |G|^2 estimate is not positive. Noisy and biased:
  /// prefer the ratio of averages from `GradientNoiseScaleEstimator`.
  public var simpleNoiseScale: Scalar? {
    gradientSquaredNorm > 0 ? traceCovariance / gradientSquaredNorm : nil
  }
}

/// A bad input to the noise-scale estimators, with what to pass instead.
public enum NoiseScaleError: Error, CustomStringConvertible, Equatable {
  /// The batch sizes are not 1 <= small < big.
  case badBatchSizes(small: Int, big: Int)
  /// A squared norm is negative, infinite or NaN.
  case badSquaredNorm(name: String, value: Double)
  /// The EMA decay is not in [0, 1).
  case badDecay(Double)
  /// A per-example gradient has another length than the examples before it.
  case gradientLength(expected: Int, found: Int, example: Int)

  public var description: String {
    switch self {
    case let .badBatchSizes(small, big):
      return "noise scale: batch sizes small=\(small), big=\(big) must satisfy 1 <= small < big "
        + "(e.g. small = B, big = k*B with the big gradient averaged over k small batches)"
    case let .badSquaredNorm(name, value):
      return "noise scale: \(name) = \(value) is not a finite non-negative squared norm; pass the sum of squares of "
        + "the batch-averaged gradient over all parameters (a diverged step gives inf or NaN: skip it)"
    case let .badDecay(decay):
      return "noise scale: EMA decay \(decay) must be in [0, 1) (0.99 averages about the last 100 samples)"
    case let .gradientLength(expected, found, example):
      return "noise scale: example \(example)'s gradient has \(found) values, the earlier examples' \(expected); "
        + "flatten every example's gradients over the same parameters in the same order"
    }
  }

  static func check(smallBatch: Int, bigBatch: Int) throws {
    guard smallBatch >= 1, bigBatch > smallBatch else { throw badBatchSizes(small: smallBatch, big: bigBatch) }
  }

  static func check<Scalar: LabScalar>(_ value: Scalar, name: String) throws {
    guard value.isFinite, value >= 0 else { throw badSquaredNorm(name: name, value: Double(value)) }
  }
}
