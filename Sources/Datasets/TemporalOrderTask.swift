import LabMath

/// Hochreiter and Schmidhuber's temporal-order task (LSTM paper 1997, experiment 6a) at any length T: the class is
/// the order of two marked symbols near the start; everything else is distractor noise.
///
/// A sequence is T one-hot symbols over the alphabet (E, B, X, Y, a, b, c, d), 8 features:
///
///     step 0 = E (start),  step T-1 = B (trigger: answer now),
///     steps t1 < t2 hold X or Y (the relevant symbols),
///     every other step holds a distractor drawn uniformly from {a, b, c, d}.
///
///     class = 2 [symbol(t1) = Y] + [symbol(t2) = Y]:   XX -> 0,  XY -> 1,  YX -> 2,  YY -> 3
///
/// The two relevant symbols are drawn independently and uniformly, so the classes are balanced and chance accuracy
/// is 1/4. Positions (`MarkPlacement`):
/// - `.scaledWithLength` (default): t1 uniform in [T/10, 2T/10), t2 in [5T/10, 6T/10) (integer parts; Pascanu's
///   `tempOrder.py`), which at T = 100 is the paper's 10..20 and 50..60. The lag from t2 to the answer is about 0.45 T.
/// - `.lag(L)`: t2 = T - 1 - L and t1 uniform in [1, t2): the last relevant symbol is exactly L steps before the
///   answer, whatever T is.
/// The paper draws T in 100..110 per sequence; here T is fixed so that sequences batch together.
public struct TemporalOrderTask: SyntheticTask {
  /// The alphabet in feature order: feature k is 1 when the step holds `symbols[k]`.
  public static let symbols = ["E", "B", "X", "Y", "a", "b", "c", "d"]
  /// Where the two relevant symbols go.
  public var placement: MarkPlacement

  public init(placement: MarkPlacement = .scaledWithLength) {
    self.placement = placement
  }

  /// The task with the last relevant symbol exactly `lag` steps before the answer: `.lag(lag)`.
  public init(lag: Int) {
    self.init(placement: .lag(lag))
  }

  public var name: String {
    switch placement {
    case .scaledWithLength: return "TemporalOrder"
    case .lag(let lag): return "TemporalOrder(lag=\(lag))"
    }
  }
  public var featureCount: Int { Self.symbols.count }
  public var classNames: [String] { ["XX", "XY", "YX", "YY"] }
  public var chanceAccuracy: Double { 0.25 }
  public var minimumSteps: Int {
    switch placement {
    case .scaledWithLength: return 4
    case .lag(let lag): return lag + 3  // E, t1, t2, then lag steps ending with B
    }
  }

  /// The range of t1 and of t2 at length `steps`.
  public func markRanges(steps: Int) throws -> (first: Range<Int>, second: Range<Int>) {
    switch placement {
    case .scaledWithLength:
      let lo1 = max(1, steps / 10), hi1 = max(lo1 + 1, 2 * steps / 10)
      let lo2 = max(hi1, 5 * steps / 10), hi2 = max(lo2 + 1, 6 * steps / 10)
      guard hi2 <= steps - 1 else { break }
      return (lo1..<hi1, lo2..<hi2)
    case .lag(let lag):
      let t2 = steps - 1 - lag
      guard lag >= 1, t2 >= 2 else { break }
      return (1..<t2, t2..<(t2 + 1))
    }
    throw DatasetError.invalidArgument(
      argument: "\(name).generate(steps:)", found: "\(steps)", expected: "at least \(minimumSteps) steps (and lag >= 1)")
  }

  public func generate(count: Int, steps: Int, using rng: inout SeededGenerator) throws -> LabeledSequences {
    try checkArguments(count: count, steps: steps)
    let ranges = try markRanges(steps: steps)
    let f = featureCount
    var sequences: [Matrix<Float>] = []
    var labels: [Int] = []
    sequences.reserveCapacity(count)
    for _ in 0..<count {
      let t1 = uniformInteger(ranges.first.lowerBound, ranges.first.upperBound, &rng)
      let t2 = uniformInteger(max(ranges.second.lowerBound, t1 + 1), ranges.second.upperBound, &rng)
      let first = rng.nextInt(below: 2), second = rng.nextInt(below: 2)  // 0 = X, 1 = Y
      var x = Matrix<Float>(rows: steps, columns: f)
      for t in 0..<steps {
        let symbol: Int
        switch t {
        case 0: symbol = 0  // E
        case steps - 1: symbol = 1  // B
        case t1: symbol = 2 + first
        case t2: symbol = 2 + second
        default: symbol = 4 + rng.nextInt(below: 4)
        }
        x[t, symbol] = 1
      }
      sequences.append(x)
      labels.append(2 * first + second)
    }
    return LabeledSequences(name: name, sequences: sequences, labels: labels, classNames: classNames, featureCount: f)
  }
}
