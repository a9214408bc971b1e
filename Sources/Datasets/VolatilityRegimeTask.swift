import LabMath

/// Classifying market volatility: windows of T daily returns of F assets simulated by a GARCH(1,1) model whose
/// variance level depends on a regime; the class is the regime of the window (the practitioner's question "is this
/// a calm, normal or turbulent market?").
///
/// Each window draws its regime k and the regime p of the `burnIn` steps before it, both uniformly from
/// {0, ..., K-1} (p = k is possible), then for steps s = -burnIn ..< T (regime m_s = p before 0 and k from 0 on):
///
///     h[s, j] = omega_{m_s} + alpha r[s-1, j]^2 + beta h[s-1, j],     omega_m = sigma_m^2 (1 - alpha - beta)
///     r[s, j] = sqrt(h[s, j]) z[s, j],     z[s, j] = sqrt(rho) u_s + sqrt(1 - rho) e[s, j],   u, e ~ N(0, 1)
///
/// started at h = r^2 = sigma_p^2. The window is r[0 ..< T, 0 ..< F] in percent, its class is k; chance is 1/K.
/// Within a regime the returns have the unconditional variance sigma_k^2 (the GARCH fixed point) and volatility
/// clusters (persistence alpha + beta); the assets share a market factor with correlation rho.
///
/// Why it is learnable but not trivial: the label is a level of variance, which a window only estimates from T
/// noisy, heavy-tailed, clustered squares; and its first steps still carry the previous regime's variance, which
/// fades like (alpha + beta)^s. Longer windows give more evidence: with the defaults, the rule that knows the model
/// (threshold the log mean square of the second half of the window at the midpoints of the regimes' log variances)
/// scores 0.55 at T = 10, 0.71 at T = 20, 0.90 at T = 50, 0.97 at T = 100 and 0.99 at T = 200 (2000 windows each,
/// `SyntheticTaskTests.baselineAccuracy`) -- so sequence length helps here, where it hurts in the temporal-order task.
public struct VolatilityRegimeTask: SyntheticTask {
  /// sigma_k, the volatility (standard deviation of a daily return, in percent) of each regime, increasing.
  public var volatilities: [Double]
  /// F, the number of assets (features).
  public var assets: Int
  /// alpha, the reaction of variance to the last squared return.
  public var alpha: Double
  /// beta, the persistence of variance.
  public var beta: Double
  /// rho, the correlation of the assets' shocks (one common factor).
  public var correlation: Double
  /// Steps simulated in the previous regime before the window.
  public var burnIn: Int

  public init(
    volatilities: [Double] = [0.6, 1.0, 1.6], assets: Int = 3, alpha: Double = 0.1, beta: Double = 0.8,
    correlation: Double = 0.5, burnIn: Int = 50
  ) {
    self.volatilities = volatilities
    self.assets = assets
    self.alpha = alpha
    self.beta = beta
    self.correlation = correlation
    self.burnIn = burnIn
  }

  public var name: String { "VolatilityRegimes(K=\(volatilities.count),F=\(assets))" }
  public var featureCount: Int { assets }
  public var classNames: [String] {
    volatilities.count == 3 ? ["calm", "normal", "turbulent"] : volatilities.indices.map { "regime \($0)" }
  }
  /// 1/K.
  public var chanceAccuracy: Double { 1 / Double(max(volatilities.count, 1)) }
  public var minimumSteps: Int { 1 }

  /// One simulated window with its hidden state, for plots and checks.
  public struct Window: Sendable, Equatable {
    /// T x F returns in percent.
    public var returns: Matrix<Float>
    /// T x F conditional variances h.
    public var variances: Matrix<Float>
    /// The regime of the window (its class).
    public var regime: Int
    /// The regime of the burn-in steps before the window.
    public var previousRegime: Int
  }

  func checkParameters() throws {
    guard volatilities.count >= 2, volatilities.allSatisfy({ $0 > 0 && $0.isFinite }), assets >= 1,
      alpha >= 0, beta >= 0, alpha + beta < 1, correlation >= 0, correlation <= 1, burnIn >= 0
    else {
      throw DatasetError.invalidArgument(
        argument: name, found: "sigma=\(volatilities), F=\(assets), alpha=\(alpha), beta=\(beta), rho=\(correlation), burnIn=\(burnIn)",
        expected: "at least 2 positive volatilities, F >= 1, alpha, beta >= 0 with alpha + beta < 1, 0 <= rho <= 1, burnIn >= 0")
    }
  }

  /// Simulates one window of `steps` steps: draws k, then p, then the shocks step by step (u_s, then e[s, 0 ..< F]).
  public func simulateWindow(steps: Int, using rng: inout SeededGenerator) throws -> Window {
    try checkParameters()
    try checkArguments(count: 1, steps: steps)
    let k = rng.nextInt(below: volatilities.count)
    let p = rng.nextInt(below: volatilities.count)
    let f = assets
    let persistence = 1 - alpha - beta
    let common = correlation.squareRoot(), own = (1 - correlation).squareRoot()
    var h = [Double](repeating: volatilities[p] * volatilities[p], count: f)
    var r2 = h
    var returns = Matrix<Float>(rows: steps, columns: f)
    var variances = Matrix<Float>(rows: steps, columns: f)
    for s in -burnIn..<steps {
      let sigma = s < 0 ? volatilities[p] : volatilities[k]
      let omega = sigma * sigma * persistence
      let u: Double = rng.normal()
      for j in 0..<f {
        h[j] = omega + alpha * r2[j] + beta * h[j]
        let z = common * u + own * rng.normal()
        let r = h[j].squareRoot() * z
        r2[j] = r * r
        if s >= 0 {
          returns[s, j] = Float(r)
          variances[s, j] = Float(h[j])
        }
      }
    }
    return Window(returns: returns, variances: variances, regime: k, previousRegime: p)
  }

  /// `count` windows of `steps` days; the features are the returns, the label is the window's regime.
  public func generate(count: Int, steps: Int, using rng: inout SeededGenerator) throws -> LabeledSequences {
    try checkArguments(count: count, steps: steps)
    try checkParameters()
    var sequences: [Matrix<Float>] = []
    var labels: [Int] = []
    sequences.reserveCapacity(count)
    for _ in 0..<count {
      let window = try simulateWindow(steps: steps, using: &rng)
      sequences.append(window.returns)
      labels.append(window.regime)
    }
    return LabeledSequences(name: name, sequences: sequences, labels: labels, classNames: classNames, featureCount: assets)
  }
}
