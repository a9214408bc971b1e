/// The best of the learning rates tried for one setting (a batch size, a (T, B) cell), and whether the search found
/// it or only ran out of rates: a tuned hyperparameter must be *interior* to what was tried.
///
/// Each rate tried comes with a score, or nil when it is no candidate (it diverged, or some seed never reached the
/// target). The best is the candidate whose score beats every other (`better`; a tie keeps the earlier one). It is
/// interior when some rate strictly below it and some rate strictly above it were tried and lost (a rate that was no
/// candidate was tried and lost too); otherwise it sits at the lowest or the highest rate tried, or both when only one
/// rate was tried, and the search should go one step further on that side.
///
/// ```
/// tried: 0.001 (lost)  0.003 (best)  0.01 (diverged)   -> interior
/// tried: 0.001 (lost)  0.003 (lost)  0.01 (best)       -> at the highest: try a higher rate
/// ```
public struct RateChoice<Label: Sendable>: Sendable {
  /// The best rate's label (a rule's name, a grid index) and the rate itself.
  public var label: Label
  public var rate: Double
  /// Whether a lower and a higher rate than the best were tried.
  public var interior: Bool
  /// Whether the best is the lowest rate tried (nothing below it was tried) or the highest.
  public var atLowest: Bool
  public var atHighest: Bool
  /// How many different rates were tried.
  public var distinctRates: Int

  /// The choice among `tried` (label, rate, score); nil when no rate is a candidate.
  public init?<Score>(tried: [(label: Label, rate: Double, score: Score?)], better: (Score, Score) -> Bool) {
    var chosen: (label: Label, rate: Double, score: Score)?
    for entry in tried {
      guard let score = entry.score else { continue }
      if let current = chosen, !better(score, current.score) { continue }
      chosen = (entry.label, entry.rate, score)
    }
    guard let chosen else { return nil }
    label = chosen.label
    rate = chosen.rate
    atLowest = !tried.contains { $0.rate < chosen.rate }
    atHighest = !tried.contains { $0.rate > chosen.rate }
    interior = !atLowest && !atHighest
    distinctRates = Set(tried.map(\.rate)).count
  }
}
