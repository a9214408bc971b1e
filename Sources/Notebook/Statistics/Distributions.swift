import Foundation

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), where B(x; a, b) = ∫_0^x t^(a-1)
/// (1-t)^(b-1) dt: the CDF of a Beta(a, b) variable, and the building block of Student's t distribution.
///
/// Evaluated by the continued fraction of Numerical Recipes (§6.4, modified Lentz), on the side of the symmetry
/// I_x(a, b) = 1 - I_{1-x}(b, a) where it converges fast (x < (a + 1) / (a + b + 2)). Accurate to about 1e-14.
/// nan for a <= 0, b <= 0 or x outside [0, 1].
public func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
  guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
  if x == 0 || x == 1 { return x }
  let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Foundation.log(x) + b * Foundation.log1p(-x)
  if x < (a + 1) / (a + b + 2) {
    return Foundation.exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
  }
  return 1 - Foundation.exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
}

/// The continued fraction for I_x(a, b) (Numerical Recipes' betacf), evaluated by the modified Lentz method.
private func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
  let tiny = 1e-300
  let (qab, qap, qam) = (a + b, a + 1, a - 1)
  var c = 1.0
  var d = 1 - qab * x / qap
  if abs(d) < tiny { d = tiny }
  d = 1 / d
  var h = d
  for m in 1...10_000 {
    let m = Double(m), m2 = 2 * m
    var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    h *= d * c
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-16 { break }
  }
  return h
}

/// Finds the x with `increasing(x) = target` for an increasing function by bisection, after doubling `high` until
/// it brackets the target. Used for quantiles, where the CDF is known but not its inverse.
private func invertIncreasing(_ increasing: (Double) -> Double, target: Double, low: Double, high: Double) -> Double {
  var (low, high) = (low, high)
  while increasing(high) < target && high < 1e300 { (low, high) = (high, high * 2) }
  for _ in 0..<2000 {
    let middle = (low + high) / 2
    if middle <= low || middle >= high { break }  // adjacent doubles: as close as it gets
    if increasing(middle) < target { low = middle } else { high = middle }
  }
  return (low + high) / 2
}

/// Student's t distribution with ν degrees of freedom: the distribution of (mean - μ) / (s / sqrt(n)) for n = ν + 1
/// normal values. Its quantiles turn a standard error into a confidence interval when n is small.
///
/// CDF: for t > 0, F(t) = 1 - I_x(ν/2, 1/2) / 2 with x = ν / (ν + t^2), and F(-t) = 1 - F(t).
/// The quantile inverts the CDF by bisection (to the last bit, since F is monotone).
public enum StudentT {
  /// P(T <= t) for ν = `degreesOfFreedom` (> 0, need not be a whole number); nan for ν <= 0.
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, !t.isNaN else { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let tail = regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5) / 2  // P(T > |t|)
    return t > 0 ? 1 - tail : tail
  }

  /// P(T > |t|) + P(T < -|t|): the two-sided p-value of a t statistic.
  public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, !t.isNaN else { return .nan }
    return regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
  }

  /// The t with P(T <= t) = p, for 0 < p < 1 (e.g. p = 0.975 and ν = 4 give 2.776); nan outside (0, 1) or ν <= 0.
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, p > 0, p < 1 else { return .nan }
    if p == 0.5 { return 0 }
    // Solve on the upper half, where the tail P(T > t) = min(p, 1 - p) falls as t grows.
    let tail = min(p, 1 - p)
    let t = invertIncreasing({ -twoSidedPValue($0, degreesOfFreedom: nu) / 2 }, target: -tail, low: 0, high: 1)
    return p > 0.5 ? t : -t
  }
}

/// The standard normal distribution N(0, 1): the limit of Student's t for many degrees of freedom, and the z of a
/// Wilson interval. CDF Φ(z) = erfc(-z / sqrt 2) / 2; the quantile inverts it by bisection.
public enum StandardNormal {
  /// Φ(z) = P(Z <= z).
  public static func cdf(_ z: Double) -> Double { Foundation.erfc(-z / 2.0.squareRoot()) / 2 }

  /// The z with Φ(z) = p, for 0 < p < 1 (p = 0.975 gives 1.95996); nan outside (0, 1).
  public static func quantile(_ p: Double) -> Double {
    guard p > 0, p < 1 else { return .nan }
    if p == 0.5 { return 0 }
    let tail = min(p, 1 - p)
    let z = invertIncreasing({ -Foundation.erfc($0 / 2.0.squareRoot()) / 2 }, target: -tail, low: 0, high: 1)
    return p > 0.5 ? z : -z
  }
}
