import Datasets
import LabMath

/// The exact gradient noise statistics of a frozen model over a data set, from the gradient of every example on its
/// own (batches of one), as opposed to the two-batch estimate of `NoiseScaleSample`:
///
/// ```
/// G         = (1/N) sum_i g_i                      the full-data gradient
/// tr(Sigma) = (1/N) sum_i |g_i - G|^2              the summed variance of one example's gradient
/// B_simple  = tr(Sigma) / |G|^2                    the simple noise scale (McCandlish et al. 2018)
/// ```
///
/// Sigma is the covariance of drawing one example uniformly from the set (dividing by N, not N - 1), which is what a
/// batch drawn with replacement averages: `E |G_B|^2 = |G|^2 + tr(Sigma) / B` exactly. The sums are accumulated in
/// Double with Welford's update per coordinate, so tr(Sigma) keeps its digits when |G|^2 is much larger (the form
/// `mean |g_i|^2 - |G|^2` subtracts two close numbers). Costs N backward passes: use it on a few hundred examples.
///
/// ```swift
/// let exact = try PerExampleGradientStatistics(model: model, data: train)
/// print(exact.simpleNoiseScale)
/// ```
public struct PerExampleGradientStatistics: Sendable, Equatable {
  /// Examples added so far, N.
  public private(set) var count = 0
  /// The running mean gradient G.
  public private(set) var meanGradient: [Double] = []
  /// sum_i |g_i - G|^2 so far (Welford's M2, summed over coordinates).
  private var squaredDeviations = 0.0
  private var lossSum = 0.0

  /// No examples yet; add them with `add(_:loss:)`.
  public init() {}

  /// The statistics of `model`'s per-sequence gradients over every sequence of `data` (the gradient of the loss of
  /// each sequence alone), computed in `Scalar` and accumulated in Double.
  public init<Scalar: LabScalar>(model: SequentialModel<Scalar>, data: LabeledSequences) throws {
    for i in 0..<data.count {
      let (x, steps, labels) = try data.timeMajorBatch(indices: [i])
      let result = try model.lossAndGradients(x: x.converted(to: Scalar.self), steps: steps, labels: labels)
      try add(result.gradients.flatMap { $0.scalars.map(Double.init) }, loss: Double(result.loss))
    }
  }

  /// Adds one example's gradient g_i (all parameters flattened, in one fixed order) and its loss. Throws
  /// `NoiseScaleError.gradientLength` when g_i's length differs from the earlier examples'.
  public mutating func add(_ gradient: [Double], loss: Double = 0) throws {
    if count == 0 { meanGradient = [Double](repeating: 0, count: gradient.count) }
    guard gradient.count == meanGradient.count else {
      throw NoiseScaleError.gradientLength(expected: meanGradient.count, found: gradient.count, example: count)
    }
    count += 1
    let n = Double(count)
    var added = 0.0
    for j in gradient.indices {
      let delta = gradient[j] - meanGradient[j]
      meanGradient[j] += delta / n
      added += delta * (gradient[j] - meanGradient[j])
    }
    squaredDeviations += added
    lossSum += loss
  }

  /// |G|^2, the squared norm of the mean gradient (0 before the first example).
  public var gradientSquaredNorm: Double { meanGradient.reduce(0) { $0 + $1 * $1 } }

  /// tr(Sigma) = (1/N) sum |g_i - G|^2 (NaN before the first example).
  public var traceCovariance: Double { count > 0 ? squaredDeviations / Double(count) : .nan }

  /// B_simple = tr(Sigma) / |G|^2 (infinite when G = 0, NaN before the first example).
  public var simpleNoiseScale: Double { traceCovariance / gradientSquaredNorm }

  /// The mean of the losses passed with the gradients.
  public var meanLoss: Double { count > 0 ? lossSum / Double(count) : .nan }

  /// The expected squared norm of a batch gradient of B examples drawn with replacement, |G|^2 + tr(Sigma) / B.
  public func expectedBatchSquaredNorm(batch: Int) -> Double { gradientSquaredNorm + traceCovariance / Double(batch) }
}
