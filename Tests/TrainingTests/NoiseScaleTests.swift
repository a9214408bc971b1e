import LabMath
import XCTest

@testable import Training

final class NoiseScaleTests: XCTestCase {
  // MARK: - Hand-worked algebra

  func testOnePairGivesTheTwoBatchEstimatesWorkedByHand() throws {
    // B_small = 2, |G_small|^2 = 5; B_big = 8, |G_big|^2 = 2:
    // |G|^2 = (8*2 - 2*5) / (8 - 2) = 6/6 = 1;  tr(Sigma) = (5 - 2) / (1/2 - 1/8) = 3 / (3/8) = 8;  B_simple = 8.
    let sample = try NoiseScaleSample<Double>(smallBatch: 2, smallSquaredNorm: 5, bigBatch: 8, bigSquaredNorm: 2)
    XCTAssertEqual(sample.gradientSquaredNorm, 1, accuracy: 1e-15)
    XCTAssertEqual(sample.traceCovariance, 8, accuracy: 1e-14)
    XCTAssertEqual(try XCTUnwrap(sample.simpleNoiseScale), 8, accuracy: 1e-14)

    let single = try NoiseScaleSample<Float>(smallBatch: 2, smallSquaredNorm: 5, bigBatch: 8, bigSquaredNorm: 2)
    XCTAssertEqual(single.gradientSquaredNorm, 1, accuracy: 1e-6)
    XCTAssertEqual(single.traceCovariance, 8, accuracy: 1e-5)
  }

  func testNumeratorAndDenominatorAreAveragedSeparatelyBeforeDividing() throws {
    // Pair 1 as above: |G|^2 = 1, tr = 8 (ratio 8). Pair 2: |G_small|^2 = 5, |G_big|^2 = 3.5:
    // |G|^2 = (28 - 10)/6 = 3, tr = 1.5 / (3/8) = 4 (ratio 4/3).
    // Running mean: |G|^2 = 2, tr = 6, B_simple = 3 (the mean of the two ratios would be 14/3).
    var mean = try GradientNoiseScaleEstimator<Double>(smallBatch: 2, bigBatch: 8, averaging: .runningMean)
    XCTAssertNil(mean.simpleNoiseScale)
    try mean.add(smallSquaredNorm: 5, bigSquaredNorm: 2)
    try mean.add(smallSquaredNorm: 5, bigSquaredNorm: 3.5)
    XCTAssertEqual(mean.count, 2)
    XCTAssertEqual(try XCTUnwrap(mean.gradientSquaredNorm), 2, accuracy: 1e-14)
    XCTAssertEqual(try XCTUnwrap(mean.traceCovariance), 6, accuracy: 1e-14)
    XCTAssertEqual(try XCTUnwrap(mean.simpleNoiseScale), 3, accuracy: 1e-14)

    // Bias-corrected EMA, beta = 1/2, after two samples: (beta x1 + x2) / (1 + beta):
    // |G|^2 = (0.5 + 3) / 1.5 = 7/3, tr = (4 + 4) / 1.5 = 16/3, B_simple = 16/7.
    var ema = try GradientNoiseScaleEstimator<Float>(smallBatch: 2, bigBatch: 8, averaging: .exponential(decay: 0.5))
    try ema.add(smallSquaredNorm: 5, bigSquaredNorm: 2)
    XCTAssertEqual(try XCTUnwrap(ema.simpleNoiseScale), 8, accuracy: 1e-5, "one sample: the correction undoes 1 - beta")
    try ema.add(smallSquaredNorm: 5, bigSquaredNorm: 3.5)
    XCTAssertEqual(try XCTUnwrap(ema.gradientSquaredNorm), 7.0 / 3, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(ema.traceCovariance), 16.0 / 3, accuracy: 1e-5)
    XCTAssertEqual(try XCTUnwrap(ema.simpleNoiseScale), 16.0 / 7, accuracy: 1e-5)

    ema.reset()
    XCTAssertEqual(ema.count, 0)
    XCTAssertNil(ema.gradientSquaredNorm)
  }

  func testNoNoiseScaleWhileTheGradientEstimateIsNotPositive() throws {
    // |G|^2 = (8*1 - 2*5)/6 = -1/3 < 0: the true gradient is lost in the noise.
    var estimator = try GradientNoiseScaleEstimator<Double>(smallBatch: 2, bigBatch: 8, averaging: .runningMean)
    try estimator.add(smallSquaredNorm: 5, bigSquaredNorm: 1)
    XCTAssertEqual(try XCTUnwrap(estimator.gradientSquaredNorm), -1.0 / 3, accuracy: 1e-15)
    XCTAssertNil(estimator.simpleNoiseScale)
    XCTAssertNil(try NoiseScaleSample<Double>(smallBatch: 2, smallSquaredNorm: 5, bigBatch: 8, bigSquaredNorm: 1).simpleNoiseScale)
  }

  func testBadBatchSizesNormsAndDecaysAreRejected() throws {
    XCTAssertThrowsError(try GradientNoiseScaleEstimator<Double>(smallBatch: 8, bigBatch: 8)) { error in
      XCTAssertEqual(error as? NoiseScaleError, .badBatchSizes(small: 8, big: 8))
      XCTAssertTrue("\(error)".contains("1 <= small < big"))
    }
    XCTAssertThrowsError(try GradientNoiseScaleEstimator<Double>(smallBatch: 0, bigBatch: 8))
    XCTAssertThrowsError(try GradientNoiseScaleEstimator<Double>(smallBatch: 2, bigBatch: 8, averaging: .exponential(decay: 1)))
    XCTAssertThrowsError(try GradientNoiseScaleEstimator<Double>(smallBatch: 2, bigBatch: 8, averaging: .exponential(decay: -0.1)))
    XCTAssertThrowsError(try GradientNoiseScaleEstimator<Double>(smallBatch: 2, bigBatch: 8, averaging: .exponential(decay: .nan)))

    var estimator = try GradientNoiseScaleEstimator<Float>(smallBatch: 2, bigBatch: 8, averaging: .runningMean)
    for (small, big) in [(Float(-1), Float(1)), (1, .nan), (.infinity, 1)] {
      XCTAssertThrowsError(try estimator.add(smallSquaredNorm: small, bigSquaredNorm: big)) { error in
        XCTAssertTrue("\(error)".contains("not a finite non-negative squared norm"), "\(error)")
      }
    }
    XCTAssertEqual(estimator.count, 0, "a rejected sample is not added")
  }

  // MARK: - Recovery of a known B_simple

  /// Per-example gradients g = G + xi in D = 8 dimensions with G_j = 1/2 and xi_j ~ N(0, j + 1) independent:
  /// |G|^2 = 8/4 = 2, tr(Sigma) = 1 + ... + 8 = 36, so B_simple = 18.
  private let g = [Double](repeating: 0.5, count: 8)
  private let variances = (1...8).map(Double.init)
  private let smallBatch = 4, bigBatch = 64

  /// |mean of B examples' gradients|^2 for a fresh batch of independent examples.
  private func squaredNormOfBatchGradient(_ batch: Int, _ rng: inout SeededGenerator) -> Double {
    var sum = [Double](repeating: 0, count: g.count)
    for _ in 0..<batch {
      for j in g.indices { sum[j] += g[j] + rng.normal(mean: 0.0, standardDeviation: variances[j].squareRoot()) }
    }
    return sum.reduce(0) { $0 + ($1 / Double(batch)) * ($1 / Double(batch)) }
  }

  /// The standard deviations of the averaged |G|^2, tr(Sigma) and their ratio when the samples are averaged with
  /// weights w (sum of squares `w2`), derived for Gaussian noise, plus the ratio's leading bias.
  ///
  /// The mean gradient over B examples is G + eta, eta ~ N(0, Sigma/B), so
  /// `Var |G_B|^2 = Var(2 G.eta) + Var(|eta|^2) = 4 G'Sigma G / B + 2 tr(Sigma^2) / B^2` (the odd moments vanish).
  /// The two estimates are linear in |G_small|^2 and |G_big|^2 (independent batches); the ratio's spread and bias
  /// follow from the delta method: `Var(S/G) ~ (Var S - 2 R Cov + R^2 Var G) / G^2`,
  /// `bias ~ (R Var G - Cov) / G^2`.
  private func derivedSpread(w2: Double) -> (gradient: Double, trace: Double, ratio: Double, ratioBias: Double) {
    let gSigmaG = zip(g, variances).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
    let trSigma2 = variances.reduce(0) { $0 + $1 * $1 }
    func variance(_ b: Int) -> Double { 4 * gSigmaG / Double(b) + 2 * trSigma2 / Double(b * b) }
    let vs = variance(smallBatch), vb = variance(bigBatch)
    let bs = Double(smallBatch), bb = Double(bigBatch)
    let a = 1 / bs - 1 / bb, c = bb - bs
    let varG = w2 * (bb * bb * vb + bs * bs * vs) / (c * c)
    let varS = w2 * (vs + vb) / (a * a)
    let cov = w2 * (-bs * vs - bb * vb) / (a * c)
    let gradientSquared = g.reduce(0) { $0 + $1 * $1 }, trace = variances.reduce(0, +)
    let r = trace / gradientSquared
    let varRatio = (varS - 2 * r * cov + r * r * varG) / (gradientSquared * gradientSquared)
    return (varG.squareRoot(), varS.squareRoot(), varRatio.squareRoot(), (r * varG - cov) / (gradientSquared * gradientSquared))
  }

  private func checkRecovery(averaging: NoiseScaleAveraging, steps: Int, w2: Double, seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    var estimator = try GradientNoiseScaleEstimator<Double>(smallBatch: smallBatch, bigBatch: bigBatch, averaging: averaging)
    for _ in 0..<steps {
      let small = squaredNormOfBatchGradient(smallBatch, &rng)
      let big = squaredNormOfBatchGradient(bigBatch, &rng)
      try estimator.add(smallSquaredNorm: small, bigSquaredNorm: big)
    }
    let spread = derivedSpread(w2: w2)
    // Four standard deviations: a correct estimator fails with probability about 6e-5 per quantity.
    XCTAssertEqual(try XCTUnwrap(estimator.gradientSquaredNorm), 2, accuracy: 4 * spread.gradient)
    XCTAssertEqual(try XCTUnwrap(estimator.traceCovariance), 36, accuracy: 4 * spread.trace)
    XCTAssertEqual(try XCTUnwrap(estimator.simpleNoiseScale), 18, accuracy: 4 * spread.ratio + abs(spread.ratioBias))
    // The check has teeth: the allowed error is a small part of what is measured.
    XCTAssertLessThan(4 * spread.ratio + abs(spread.ratioBias), 0.25 * 18)
  }

  func testRunningMeanRecoversAKnownNoiseScaleWithinADerivedTolerance() throws {
    let steps = 1500
    try checkRecovery(averaging: .runningMean, steps: steps, w2: 1 / Double(steps), seed: 11)
  }

  func testExponentialAverageRecoversAKnownNoiseScaleWithinADerivedTolerance() throws {
    // Bias-corrected EMA weights w_k = (1 - beta) beta^(n-k) / (1 - beta^n), summed in squares directly.
    let beta = 0.995, steps = 1500
    let norm = 1 - Double.pow(beta, steps)
    let w2 = (1...steps).reduce(0.0) { sum, k in
      let w = (1 - beta) * Double.pow(beta, steps - k) / norm
      return sum + w * w
    }
    try checkRecovery(averaging: .exponential(decay: beta), steps: steps, w2: w2, seed: 12)
  }
}
