import Foundation
import LabMath

/// The volatility-classification story on real data: windows of T trading days of the S&P 500, labelled by how
/// volatile the market was, either in the window itself or over the next H days (a forecast).
///
/// Features of day t (F = 2, both in percent):
///
///     r_t = 100 ln(close_t / close_{t-1})        (close-to-close log return)
///     g_t = 100 ln(high_t / low_t)               (intraday range, a less noisy volatility proxy)
///
/// A window ends on day e and holds days e-T+1 ... e. Its target is the realised volatility
/// v = sqrt(mean r_t^2) over the window (`horizon` 0: "how volatile is the market now?", learnable from the inputs
/// alone) or over days e+1 ... e+H (`horizon` H > 0: "how volatile will the next H days be?", a real forecast, much
/// harder). The class is the quantile bin of v: thresholds are the 1/C, ..., (C-1)/C quantiles of v over the
/// TRAINING windows only, so the classes are balanced on train and the test part is labelled with thresholds that
/// never saw it (its class proportions drift with the market: compare with its majority class).
///
/// Train and test are consecutive in time, never shuffled together: the first (1 - testFraction) of the windows
/// train, and the test windows start after the last training window's target span ends, so no day of a test input
/// or label was seen in training. Within the training part, validate with `forwardChainingSplits` and a gap of
/// (T - 1 + H) / stride windows, not with shuffled folds.
public struct MarketVolatilityTask: Sendable {
  /// T, days per window.
  public var steps: Int
  /// H: 0 labels a window by its own volatility, H > 0 by the next H days.
  public var horizon: Int
  /// C, the number of volatility classes (quantile bins).
  public var classCount: Int
  /// Days between the ends of consecutive windows (1 = every day; overlapping windows are near duplicates).
  public var stride: Int
  /// The fraction of windows (the latest ones) kept for the test part.
  public var testFraction: Double

  public init(steps: Int = 20, horizon: Int = 0, classCount: Int = 3, stride: Int = 5, testFraction: Double = 0.2) {
    self.steps = steps
    self.horizon = horizon
    self.classCount = classCount
    self.stride = stride
    self.testFraction = testFraction
  }

  /// The data set and what it was made from.
  public struct Result: Sendable {
    /// Train and test windows (`steps x 2` each).
    public var dataset: Dataset
    /// The C - 1 volatility thresholds (percent per day) between the classes, fitted on the training windows.
    public var thresholds: [Double]
    /// The last day of each training window and each test window.
    public var trainDays: [TradingDay]
    public var testDays: [TradingDay]
    /// The realised volatility v that each window's label bins.
    public var trainVolatility: [Double]
    public var testVolatility: [Double]
  }

  public var classNames: [String] {
    switch classCount {
    case 2: return ["low volatility", "high volatility"]
    case 3: return ["low volatility", "medium volatility", "high volatility"]
    default: return (0..<classCount).map { "volatility quantile \($0 + 1)/\(classCount)" }
    }
  }

  /// Cuts `prices` (for example `MarketData.sp500()`) into labelled windows.
  public func make(from prices: DailyPrices) throws -> Result {
    guard steps >= 1, horizon >= 0, classCount >= 2, stride >= 1, testFraction > 0, testFraction < 1 else {
      throw DatasetError.invalidArgument(
        argument: "MarketVolatilityTask", found: "T=\(steps), H=\(horizon), C=\(classCount), stride=\(stride), test=\(testFraction)",
        expected: "T >= 1, H >= 0, C >= 2, stride >= 1, 0 < testFraction < 1")
    }
    let n = prices.close.count
    guard n >= 2, [prices.days.count, prices.high.count, prices.low.count].allSatisfy({ $0 == n }),
      prices.close.allSatisfy({ $0 > 0 }), zip(prices.high, prices.low).allSatisfy({ $0 >= $1 && $1 > 0 })
    else {
      throw DatasetError.invalidArgument(
        argument: "MarketVolatilityTask.make(from:)", found: "\(n) closes, \(prices.days.count) days",
        expected: "at least 2 days, as many days, highs and lows as closes, positive prices with high >= low")
    }
    var r = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: n)
    for t in 1..<n {
      r[t] = 100 * log(prices.close[t] / prices.close[t - 1])
      g[t] = 100 * log(prices.high[t] / prices.low[t])
    }
    func realised(_ days: ClosedRange<Int>) -> Double { (days.map { r[$0] * r[$0] }.reduce(0, +) / Double(days.count)).squareRoot() }

    var ends: [Int] = []
    var e = steps
    while e + horizon <= n - 1 {
      ends.append(e)
      e += stride
    }
    let trainCount = Int(Double(ends.count) * (1 - testFraction))
    guard trainCount >= classCount, let lastTrainEnd = ends.prefix(trainCount).last else {
      throw DatasetError.invalidArgument(
        argument: "MarketVolatilityTask", found: "\(ends.count) windows from \(n) days", expected: "enough days for the windows")
    }
    let testEnds = ends.dropFirst(trainCount).filter { $0 - steps + 1 > lastTrainEnd + horizon }
    guard !testEnds.isEmpty else {
      throw DatasetError.invalidArgument(argument: "MarketVolatilityTask.testFraction", found: "\(testFraction)", expected: "a test span longer than T + H days")
    }
    func target(_ end: Int) -> Double { horizon == 0 ? realised((end - steps + 1)...end) : realised((end + 1)...(end + horizon)) }
    func window(_ end: Int) -> Matrix<Float> {
      Matrix(rows: steps, columns: 2) { t, c in Float(c == 0 ? r[end - steps + 1 + t] : g[end - steps + 1 + t]) }
    }
    let trainEnds = Array(ends.prefix(trainCount))
    let trainVolatility = trainEnds.map(target), testVolatility = testEnds.map(target)
    let sorted = trainVolatility.sorted()
    let thresholds = (1..<classCount).map { sorted[$0 * sorted.count / classCount] }
    func label(_ v: Double) -> Int { thresholds.filter { v >= $0 }.count }

    let name = "SP500Volatility(T=\(steps),H=\(horizon),C=\(classCount))"
    let train = LabeledSequences(
      name: "\(name)_TRAIN", sequences: trainEnds.map(window), labels: trainVolatility.map(label), classNames: classNames,
      featureCount: 2)
    let test = LabeledSequences(
      name: "\(name)_TEST", sequences: testEnds.map(window), labels: testVolatility.map(label), classNames: classNames,
      featureCount: 2)
    return Result(
      dataset: Dataset(name: name, train: train, test: test), thresholds: thresholds,
      trainDays: trainEnds.map { prices.days[$0] }, testDays: testEnds.map { prices.days[$0] },
      trainVolatility: trainVolatility, testVolatility: testVolatility)
  }
}
