import Foundation
import XCTest

@testable import Notebook

/// A small seeded generator for the bootstrap tests (SplitMix64), independent of the library's generators.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Distributions, intervals, tests and power against values computed independently: closed forms, hand-worked
/// examples, and SciPy 1.17 (`scipy.stats` / `scipy.special`, the call is named beside each number).
final class DistributionTests: XCTestCase {
  /// I_x(1, 1) = x (uniform), I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, and I_{1/2}(a, a) = 1/2 by symmetry.
  func testIncompleteBetaMatchesClosedForms() {
    for x in [0.0, 0.1, 0.37, 0.5, 0.93, 1.0] {
      XCTAssertEqual(regularizedIncompleteBeta(x, a: 1, b: 1), x, accuracy: 1e-14)
      XCTAssertEqual(regularizedIncompleteBeta(x, a: 3, b: 1), x * x * x, accuracy: 1e-14)
      XCTAssertEqual(regularizedIncompleteBeta(x, a: 1, b: 4), 1 - Foundation.pow(1 - x, 4), accuracy: 1e-14)
    }
    XCTAssertEqual(regularizedIncompleteBeta(0.5, a: 7.5, b: 7.5), 0.5, accuracy: 1e-14)
    XCTAssertTrue(regularizedIncompleteBeta(1.5, a: 1, b: 1).isNaN)
  }

  /// scipy.special.betainc(a, b, x).
  func testIncompleteBetaMatchesSciPy() {
    XCTAssertEqual(regularizedIncompleteBeta(0.3, a: 2.5, b: 1.5), 0.08894372317066562, accuracy: 1e-13)
    XCTAssertEqual(regularizedIncompleteBeta(0.9, a: 0.5, b: 0.5), 0.7951672353008665, accuracy: 1e-13)
    XCTAssertEqual(regularizedIncompleteBeta(0.4, a: 10, b: 20), 0.7853183897628262, accuracy: 1e-13)
  }

  /// ν = 1 is the Cauchy distribution, F(t) = 1/2 + atan(t)/π; ν = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  func testStudentTCDFMatchesClosedFormsForOneAndTwoDegrees() {
    for t in [-30.0, -2, -0.4, 0, 0.7, 3, 100] {
      XCTAssertEqual(StudentT.cdf(t, degreesOfFreedom: 1), 0.5 + Foundation.atan(t) / Double.pi, accuracy: 1e-14)
      XCTAssertEqual(StudentT.cdf(t, degreesOfFreedom: 2), 0.5 + t / (2 * (2 + t * t).squareRoot()), accuracy: 1e-14)
    }
    // scipy.stats.t.cdf(1.5, 4) = 0.896 exactly (a closed form at ν = 4); t.cdf(-2.0, 7).
    XCTAssertEqual(StudentT.cdf(1.5, degreesOfFreedom: 4), 0.896, accuracy: 1e-14)
    XCTAssertEqual(StudentT.cdf(-2.0, degreesOfFreedom: 7), 0.042809664281488025, accuracy: 1e-14)
  }

  /// scipy.stats.t.ppf(p, df) for df in {1, 2, 3, 5, 10, 30, 100} and p in {0.975, 0.995, 0.8, 0.9995}.
  func testStudentTQuantileMatchesSciPy() {
    let table: [(Double, [Double])] = [
      (1, [12.706204736174694, 63.656741162871526, 1.3763819204711738, 636.6192487687897]),
      (2, [4.302652729749462, 9.924843200918287, 1.0606601717798214, 31.599054576445365]),
      (3, [3.1824463052837078, 5.840909309733355, 0.9784723123633042, 12.923978636687961]),
      (5, [2.5705818356363146, 4.032142983555228, 0.9195437802408271, 6.868826625881276]),
      (10, [2.228138851986274, 3.16927267261695, 0.8790578285505889, 4.586893858702708]),
      (30, [2.0422724563012378, 2.7499956535672254, 0.8537672614712979, 3.6459586350420627]),
      (100, [1.9839715185235518, 2.6258905214380173, 0.8452304244910163, 3.390491311164263]),
    ]
    for (nu, expected) in table {
      for (p, value) in zip([0.975, 0.995, 0.8, 0.9995], expected) {
        XCTAssertEqual(StudentT.quantile(p, degreesOfFreedom: nu), value, accuracy: 1e-10 * value, "ν = \(nu), p = \(p)")
        XCTAssertEqual(StudentT.quantile(1 - p, degreesOfFreedom: nu), -value, accuracy: 1e-9 * value, "ν = \(nu), p = \(1 - p)")
      }
    }
    XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: 2.5), 3.5746548420036817, accuracy: 1e-10)
    XCTAssertEqual(StudentT.quantile(0.5, degreesOfFreedom: 3), 0)
    XCTAssertTrue(StudentT.quantile(1, degreesOfFreedom: 3).isNaN)
  }

  /// scipy.stats.norm.ppf.
  func testNormalQuantileMatchesSciPy() {
    XCTAssertEqual(StandardNormal.quantile(0.975), 1.959963984540054, accuracy: 1e-12)
    XCTAssertEqual(StandardNormal.quantile(0.8), 0.8416212335729143, accuracy: 1e-12)
    XCTAssertEqual(StandardNormal.quantile(1e-6), -4.753424308822899, accuracy: 1e-10)
    XCTAssertEqual(StandardNormal.cdf(0), 0.5)
  }
}

final class IntervalTests: XCTestCase {
  /// [2.1, 3.4, 1.9, 4.0, 3.3, 2.8]: scipy.stats.t.interval(0.95, 5, loc=mean, scale=sem) = (2.06820157541, 3.76513175792).
  func testTIntervalForAMean() {
    let interval = ConfidenceInterval.mean(of: [2.1, 3.4, 1.9, 4.0, 3.3, 2.8])
    XCTAssertEqual(interval.estimate, 17.5 / 6, accuracy: 1e-14)
    XCTAssertEqual(interval.lower, 2.0682015754109493, accuracy: 1e-11)
    XCTAssertEqual(interval.upper, 3.7651317579223837, accuracy: 1e-11)
    XCTAssertTrue(ConfidenceInterval.mean(of: [1]).lower.isNaN)
  }

  /// The standard error of [2, 4, 4, 4, 5, 5, 7, 9] is sqrt(32/7) / sqrt(8) (see the sd test).
  func testStandardErrorIsSdOverRootN() {
    XCTAssertEqual(standardError([2, 4, 4, 4, 5, 5, 7, 9]), (32.0 / 7 / 8).squareRoot(), accuracy: 1e-15)
  }

  /// The Wilson formula evaluated in Python with z = scipy.stats.norm.ppf(0.975).
  func testWilsonIntervalMatchesTheFormula() {
    let cases: [(Int, Int, Double, Double)] = [
      (0, 10, 0, 0.2775327998628892), (7, 10, 0.39677814746114537, 0.8922087325936989),
      (10, 10, 0.7224672001371107, 1), (1, 3, 0.06149194472039621, 0.7923403991979522),
    ]
    for (k, n, lower, upper) in cases {
      let interval = ConfidenceInterval.wilson(successes: k, trials: n)
      XCTAssertEqual(interval.estimate, Double(k) / Double(n))
      XCTAssertEqual(interval.lower, lower, accuracy: 1e-12, "\(k)/\(n)")
      XCTAssertEqual(interval.upper, upper, accuracy: 1e-12, "\(k)/\(n)")
      XCTAssertTrue(interval.lower >= 0 && interval.upper <= 1)
    }
  }

  /// The text the lessons print for a success count: 7/10 has the Wilson interval [0.397, 0.892] (above).
  func testWilsonTextRoundsTheInterval() {
    XCTAssertEqual(ConfidenceInterval.wilsonText(7, 10), "7/10 [0.40, 0.89]")
    XCTAssertEqual(ConfidenceInterval.wilsonText(0, 10), "0/10 [0.00, 0.28]")
    XCTAssertEqual(ConfidenceInterval.wilsonText(0, 0), "not tried")
  }

  /// Quantiles by linear interpolation: numpy.quantile([1, 2, 3, 4], q) gives 1.75 at 0.25 and 3.25 at 0.75.
  func testQuantileInterpolatesBetweenOrderStatistics() {
    XCTAssertEqual(quantile([4, 1, 3, 2], 0.25), 1.75, accuracy: 1e-15)
    XCTAssertEqual(quantile([4, 1, 3, 2], 0.75), 3.25, accuracy: 1e-15)
    XCTAssertEqual(quantile([4, 1, 3, 2], 0.5), median([4, 1, 3, 2]))
    XCTAssertEqual(quantile([4, 1, 3, 2], 0), 1)
    XCTAssertEqual(quantile([4, 1, 3, 2], 1), 4)
  }

  /// Resampling [0, 1] gives means 0, 1/2, 1 with probabilities 1/4, 1/2, 1/4, so with many resamples the 2.5% and
  /// 97.5% quantiles are 0 and 1; the same seed gives the same interval.
  func testBootstrapOfTwoValuesCoversTheirRange() {
    var g = SplitMix(state: 7)
    let interval = ConfidenceInterval.bootstrap([0, 1], resamples: 4000, using: &g)
    XCTAssertEqual(interval.estimate, 0.5)
    XCTAssertEqual(interval.lower, 0)
    XCTAssertEqual(interval.upper, 1)
    var a = SplitMix(state: 3), b = SplitMix(state: 3)
    let values: [Double] = [1, 5, 2, 8, 3, 9, 4]
    XCTAssertEqual(
      ConfidenceInterval.bootstrap(values, using: &a), ConfidenceInterval.bootstrap(values, using: &b))
  }

  /// For 200 values from a known spread, the bootstrap interval of the mean is close to the t interval (both
  /// approximate mean ± 1.97 SE); the median's bootstrap interval contains the sample median.
  func testBootstrapAgreesWithTheTIntervalForManyValues() {
    var g = SplitMix(state: 11)
    let values = (0..<200).map { _ in Double.random(in: 0..<1, using: &g) + Double.random(in: 0..<1, using: &g) }
    let t = ConfidenceInterval.mean(of: values)
    let boot = ConfidenceInterval.bootstrap(values, resamples: 4000, using: &g)
    XCTAssertEqual(boot.halfWidth, t.halfWidth, accuracy: 0.1 * t.halfWidth)
    XCTAssertEqual(boot.estimate, t.estimate)
    let medianInterval = ConfidenceInterval.bootstrap(values, using: &g) { median($0) }
    XCTAssertTrue(medianInterval.contains(median(values)))
  }
}

final class RegressionTests: XCTestCase {
  /// x = 1...6, y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]: scipy.stats.linregress gives slope 2.02, intercept -0.02,
  /// stderr 0.04276179870599006, intercept_stderr 0.16653327995729902; the 95% slope interval with
  /// t.ppf(0.975, 4) is [1.9012742132933, 2.138725786706699].
  func testLineFitStandardErrorsMatchSciPy() throws {
    let fit = try XCTUnwrap(LineFit(x: [1, 2, 3, 4, 5, 6], y: [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]))
    XCTAssertEqual(fit.slope, 2.02, accuracy: 1e-13)
    XCTAssertEqual(fit.intercept, -0.02, accuracy: 1e-12)
    XCTAssertEqual(fit.slopeStandardError, 0.04276179870599006, accuracy: 1e-13)
    XCTAssertEqual(fit.interceptStandardError, 0.16653327995729902, accuracy: 1e-12)
    let interval = fit.slopeInterval()
    XCTAssertEqual(interval.lower, 1.9012742132933, accuracy: 1e-11)
    XCTAssertEqual(interval.upper, 2.138725786706699, accuracy: 1e-11)
    XCTAssertEqual(fit.trend(), 1)
    XCTAssertEqual(fit(10), 20.18, accuracy: 1e-12)
  }

  /// Points symmetric about a flat line have slope 0 and no resolved trend; a single x determines no line.
  func testFlatScatterHasNoTrendAndOneXHasNoLine() throws {
    let fit = try XCTUnwrap(LineFit(x: [0, 0, 1, 1, 2, 2], y: [1, -1, 1, -1, 1, -1]))
    XCTAssertEqual(fit.slope, 0, accuracy: 1e-15)
    XCTAssertEqual(fit.trend(), 0)
    XCTAssertNil(LineFit(x: [3, 3, 3], y: [1, 2, 3]))
  }

  /// y = 1 + 2a - 3b through exact points with columns of very different size is recovered to rounding; weights
  /// leave an exact fit unchanged; a repeated column is reported as underdetermined.
  func testLeastSquaresRecoversExactCoefficients() throws {
    let rows: [[Double]] = [[1, 1, 1e4], [1, 2, 3e4], [1, 5, 1e4], [1, 3, 7e4], [1, 8, 2e4]]
    let targets = rows.map { 1 + 2 * $0[1] - 3e-4 * $0[2] }
    let beta = try leastSquares(rows: rows, targets: targets)
    XCTAssertEqual(beta[0], 1, accuracy: 1e-10)
    XCTAssertEqual(beta[1], 2, accuracy: 1e-11)
    XCTAssertEqual(beta[2], -3e-4, accuracy: 1e-15)
    let weighted = try leastSquares(rows: rows, targets: targets, weights: [1, 4, 0.5, 2, 9])
    XCTAssertEqual(weighted[1], 2, accuracy: 1e-11)
    XCTAssertThrowsError(try leastSquares(rows: rows.map { [$0[0], $0[1], 2 * $0[1]] }, targets: targets))
    XCTAssertThrowsError(try leastSquares(rows: [[1, 2]], targets: [1]))
  }

  /// Least squares with the columns [1, x] is the straight line: the same coefficients as fitLine.
  func testLeastSquaresWithTwoColumnsIsTheLine() throws {
    let x: [Double] = [0, 1, 2], y: [Double] = [0, 1, 1]
    let beta = try leastSquares(rows: x.map { [1, $0] }, targets: y)
    XCTAssertEqual(beta[0], 1.0 / 6, accuracy: 1e-15)
    XCTAssertEqual(beta[1], 0.5, accuracy: 1e-15)
  }
}

final class HypothesisTestTests: XCTestCase {
  /// scipy.stats.fisher_exact(table) and fisher_exact(table, alternative='greater').
  func testFisherExactMatchesSciPy() {
    let cases: [([Int], Double, Double)] = [
      ([8, 2, 1, 5], 0.034965034965034975, 0.024475524475524483),
      ([3, 1, 1, 3], 0.48571428571428565, 0.24285714285714283),
      ([10, 0, 0, 10], 1.082508822446903e-05, 5.412544112234515e-06),
      ([5, 5, 5, 5], 1.0, 0.6718591006516703),
      ([1, 9, 11, 3], 0.0027594561852200836, 0.9999663480953022),
    ]
    for (t, twoSided, greater) in cases {
      XCTAssertEqual(FisherExact.pValue(t[0], t[1], t[2], t[3]), twoSided, accuracy: 1e-12 + 1e-9 * twoSided, "\(t)")
      XCTAssertEqual(
        FisherExact.pValue(t[0], t[1], t[2], t[3], alternative: .greater), greater, accuracy: 1e-12, "\(t)")
    }
  }

  /// By hand: [[3, 1], [1, 3]] has margins 4, 4, 4, 4; P(a = x) = C(4,x)C(4,4-x)/C(8,4) = 1, 16, 36, 16, 1 over 70.
  /// P(a <= 3) = 69/70 ("less").
  func testFisherExactLessByHand() {
    XCTAssertEqual(FisherExact.pValue(3, 1, 1, 3, alternative: .less), 69.0 / 70, accuracy: 1e-14)
    XCTAssertEqual(FisherExact.pValue(3, 1, 1, 3, alternative: .greater), 17.0 / 70, accuracy: 1e-14)
  }

  /// By hand: d of n against 0 of n has column total d; the two extreme tables (a = d and a = 0) are the least likely,
  /// each C(n, d)/C(2n, d), so p = 2 C(n, d)/C(2n, d). n = 3: d = 3 gives 2/20 = 0.1 (never below 0.05); n = 5: d = 3
  /// gives 20/120, d = 4 gives 10/210 = 0.048; n = 10: d = 4 gives 420/4845 = 0.087, d = 5 gives 504/15504 = 0.033.
  func testSmallestSeparableCountByHand() {
    XCTAssertNil(FisherExact.smallestSeparableCount(trials: 3))
    XCTAssertEqual(FisherExact.smallestSeparableCount(trials: 5), 4)
    XCTAssertEqual(FisherExact.smallestSeparableCount(trials: 10), 5)
    XCTAssertEqual(FisherExact.smallestSeparableCount(trials: 10, alpha: 0.1), 4)
  }

  /// By hand, n = 5 each, setting 1 always succeeds: the table is [[5, 0], [c, 5 - c]]; c = 0 gives p = 2/252, c = 1
  /// gives p = 10/210 = 0.048, c = 2 gives 20/120 = 0.17. So the power is P(c <= 1) = (1 - q)^5 + 5 q (1 - q)^4,
  /// 0.73728 at q = 0.2. With 3 runs each no table reaches 0.05 (power 0); 10 of 10 against 0 of 10 always does.
  func testFisherPowerByHand() {
    for q in [0.0, 0.2, 0.5] {
      let expected = Foundation.pow(1 - q, 5) + 5 * q * Foundation.pow(1 - q, 4)
      XCTAssertEqual(FisherExact.power(rate1: 1, rate2: q, trials1: 5, trials2: 5), expected, accuracy: 1e-12, "q = \(q)")
    }
    XCTAssertEqual(FisherExact.power(rate1: 1, rate2: 0.2, trials1: 5, trials2: 5), 0.73728, accuracy: 1e-12)
    XCTAssertEqual(FisherExact.power(rate1: 0.9, rate2: 0.1, trials1: 3, trials2: 3), 0)
    XCTAssertEqual(FisherExact.power(rate1: 1, rate2: 0, trials1: 10, trials2: 10), 1, accuracy: 1e-12)
    // Equal rates: the power is the test's size, at most alpha (the test is conservative).
    XCTAssertLessThanOrEqual(FisherExact.power(rate1: 0.5, rate2: 0.5, trials1: 10, trials2: 10), 0.05)
  }

  /// d = [0.02, 0.05, -0.01, 0.03, 0.04, 0.00, 0.06, 0.01, 0.02, 0.03], n_test/n_train = 0.25:
  /// t = mean(d) / sqrt((1/10 + 0.25) var(d)) = 1.9446111706564932, p = 2 t.sf(|t|, 9) = 0.0836876865138848 (NumPy/SciPy).
  func testCorrectedResampledTTest() throws {
    let d = [0.02, 0.05, -0.01, 0.03, 0.04, 0.00, 0.06, 0.01, 0.02, 0.03]
    let test = try XCTUnwrap(PairedTest.correctedResampledT(differences: d, testToTrainRatio: 0.25))
    XCTAssertEqual(test.statistic, 1.9446111706564932, accuracy: 1e-12)
    XCTAssertEqual(test.degreesOfFreedom, 9)
    XCTAssertEqual(test.pValue, 0.0836876865138848, accuracy: 1e-12)
    // The plain paired t test over independent seeds: scipy.stats.ttest_1samp(d, 0) gives the same t without the
    // correction, mean / (sd / sqrt 10).
    let plain = try XCTUnwrap(PairedTest.pairedT(differences: d))
    XCTAssertEqual(plain.statistic, mean(d) / (standardDeviation(d) / 10.0.squareRoot()), accuracy: 1e-12)
    XCTAssertLessThan(plain.pValue, test.pValue)
    XCTAssertTrue(plain.difference.contains(mean(d)))
    XCTAssertNil(PairedTest.pairedT(differences: [1]))
  }

  /// p1 = [0.05, 0.03, 0.04, 0.06, 0.02], p2 = [0.01, 0.04, 0.02, 0.05, 0.03]: t = 3.296902366978935,
  /// p = 2 t.sf(|t|, 5) = 0.02154891290989734 (NumPy/SciPy, Dietterich's formula).
  func testFiveByTwoCVTTest() throws {
    let pairs = [(0.05, 0.01), (0.03, 0.04), (0.04, 0.02), (0.06, 0.05), (0.02, 0.03)]
    let test = try XCTUnwrap(PairedTest.fiveByTwoCV(differences: pairs))
    XCTAssertEqual(test.statistic, 3.296902366978935, accuracy: 1e-12)
    XCTAssertEqual(test.pValue, 0.02154891290989734, accuracy: 1e-12)
    XCTAssertTrue(test.isSignificant())
    XCTAssertNil(PairedTest.fiveByTwoCV(differences: Array(pairs.prefix(4))))
  }
}

final class PowerTests: XCTestCase {
  /// The exact MDE at 80% power, alpha 0.05, from SciPy's noncentral t (brentq on nct.sf(t.ppf(0.975, ν), ν, δ/SE)):
  /// two groups of 5 (sd 1): 2.02444; of 10: 1.32495; of 30: 0.73562. Paired, 10 pairs: 0.99600. The approximation
  /// (t_{0.975} + t_{0.8}) SE, computed with scipy t.ppf, gives 2.02063, 1.32508, 0.73576 and 0.99471.
  func testMinimumDetectableDifferenceAgreesWithTheNoncentralT() {
    let cases: [(Double, Double, Double)] = [  // (ours, approximation by SciPy, exact by SciPy)
      (Power.twoSampleMinimumDifference(perGroup: 5, sd: 1), 2.0206281650809057, 2.0244409773588274),
      (Power.twoSampleMinimumDifference(perGroup: 10, sd: 1), 1.32508078378888, 1.324948895466981),
      (Power.twoSampleMinimumDifference(perGroup: 30, sd: 1), 0.7357583796580727, 0.735621964126018),
      (Power.pairedMinimumDifference(pairs: 10, sdOfDifferences: 1), 0.9947137350096735, 0.9960022543069671),
      (Power.pairedMinimumDifference(pairs: 5, sdOfDifferences: 1), 1.6624761500272076, 1.6819972822157445),
    ]
    for (ours, approximation, exact) in cases {
      XCTAssertEqual(ours, approximation, accuracy: 1e-10)
      XCTAssertEqual(ours, exact, accuracy: 0.012 * exact)
    }
    // Scaling: the MDE is proportional to sd.
    XCTAssertEqual(
      Power.twoSampleMinimumDifference(perGroup: 10, sd: 3), 3 * Power.twoSampleMinimumDifference(perGroup: 10, sd: 1),
      accuracy: 1e-12)
  }

  /// A slope through x = 1...6 (S_xx = 17.5) with residual sd 1: exact MDE 0.89907 by the noncentral t (SciPy),
  /// approximation 0.88863; and at the MDE the approximate power is 0.8 by construction.
  func testMinimumDetectableSlope() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let mde = Power.minimumDetectableSlope(x: x, residualSD: 1)
    XCTAssertEqual(mde, 0.8886308810121148, accuracy: 1e-10)
    XCTAssertEqual(mde, 0.8990653650766048, accuracy: 0.012 * 0.899)
    let se = 1 / 17.5.squareRoot()
    XCTAssertEqual(Power.power(effect: mde, standardError: se, degreesOfFreedom: 4), 0.8, accuracy: 2e-3)
    XCTAssertEqual(Power.power(effect: 0, standardError: se, degreesOfFreedom: 4), 0.05, accuracy: 1e-12)
    let fit = try XCTUnwrap(LineFit(x: x, y: [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]))
    XCTAssertEqual(
      Power.minimumDetectableSlope(of: fit), Power.minimumDetectableSlope(x: x, residualSD: fit.residualStandardDeviation),
      accuracy: 1e-12)
  }
}

final class IntervalTextTests: XCTestCase {
  /// Three significant digits, the same under every locale.
  func testIntervalDescription() {
    XCTAssertEqual("\(ConfidenceInterval(estimate: 0.5234, lower: 0.41, upper: 0.6349, level: 0.95))", "0.523 [0.410, 0.635]")
  }
}
