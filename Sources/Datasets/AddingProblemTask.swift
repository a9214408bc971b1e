import LabMath

/// The adding problem (Hochreiter and Schmidhuber 1997, experiment 4; Pascanu et al.'s `addition.py`) turned into a
/// classification: is the sum of the two marked values above a threshold?
///
/// Two features per step, a value and a marker:
///
///     x[t, 0] = v_t ~ Uniform[0, 1)        x[t, 1] = 1 if t in {t1, t2} else 0
///     s = v_t1 + v_t2                      class = 1 if s > theta else 0
///
/// Marker positions (`MarkPlacement`): `.scaledWithLength` (default) takes t1 uniform in [0, T/10) and t2 in
/// [T/10, T/2) like `addition.py`; `.lag(L)` puts t2 = T - 1 - L and t1 uniform in [0, t2).
///
/// The sum of two independent U(0,1) has the triangular law P(s <= theta) = theta^2 / 2 for theta <= 1 and
/// 1 - (2 - theta)^2 / 2 for theta >= 1, so the default theta = 1 balances the classes and chance accuracy is
/// max(p, 1 - p) = 1/2. Unlike the regression version, the model only has to get the side of theta right, but
/// sequences with s near theta stay hard however long it trains.
public struct AddingProblemTask: SyntheticTask {
  /// Where the two markers go.
  public var placement: MarkPlacement
  /// theta: the class is 1 when the sum of the marked values exceeds it.
  public var threshold: Double

  public init(placement: MarkPlacement = .scaledWithLength, threshold: Double = 1) {
    self.placement = placement
    self.threshold = threshold
  }

  /// The task with the second marker exactly `lag` steps before the last step: `.lag(lag)`.
  public init(lag: Int, threshold: Double = 1) {
    self.init(placement: .lag(lag), threshold: threshold)
  }

  public var name: String {
    switch placement {
    case .scaledWithLength: return "AddingProblem(theta=\(threshold))"
    case .lag(let lag): return "AddingProblem(lag=\(lag),theta=\(threshold))"
    }
  }
  public var featureCount: Int { 2 }
  public var classNames: [String] { ["sum <= \(threshold)", "sum > \(threshold)"] }
  /// P(s <= theta) from the triangular law, then max(p, 1 - p).
  public var chanceAccuracy: Double {
    let theta = min(max(threshold, 0), 2)
    let p = theta <= 1 ? theta * theta / 2 : 1 - (2 - theta) * (2 - theta) / 2
    return max(p, 1 - p)
  }
  public var minimumSteps: Int {
    switch placement {
    case .scaledWithLength: return 2
    case .lag(let lag): return lag + 2
    }
  }

  /// The range of t1 and of t2 at length `steps`.
  public func markRanges(steps: Int) throws -> (first: Range<Int>, second: Range<Int>) {
    switch placement {
    case .scaledWithLength:
      let hi1 = max(1, steps / 10)
      let hi2 = max(hi1 + 1, steps / 2)
      guard hi2 <= steps else { break }
      return (0..<hi1, hi1..<hi2)
    case .lag(let lag):
      let t2 = steps - 1 - lag
      guard lag >= 0, t2 >= 1 else { break }
      return (0..<t2, t2..<(t2 + 1))
    }
    throw DatasetError.invalidArgument(
      argument: "\(name).generate(steps:)", found: "\(steps)", expected: "at least \(minimumSteps) steps (and lag >= 0)")
  }

  public func generate(count: Int, steps: Int, using rng: inout SeededGenerator) throws -> LabeledSequences {
    try checkArguments(count: count, steps: steps)
    let ranges = try markRanges(steps: steps)
    var sequences: [Matrix<Float>] = []
    var labels: [Int] = []
    sequences.reserveCapacity(count)
    for _ in 0..<count {
      var x = Matrix<Float>(rows: steps, columns: 2)
      for t in 0..<steps { x[t, 0] = rng.uniform(0, 1) }
      let t1 = uniformInteger(ranges.first.lowerBound, ranges.first.upperBound, &rng)
      let t2 = uniformInteger(ranges.second.lowerBound, ranges.second.upperBound, &rng)
      x[t1, 1] = 1
      x[t2, 1] = 1
      let sum = Double(x[t1, 0]) + Double(x[t2, 0])
      sequences.append(x)
      labels.append(sum > threshold ? 1 : 0)
    }
    return LabeledSequences(name: name, sequences: sequences, labels: labels, classNames: classNames, featureCount: 2)
  }
}
