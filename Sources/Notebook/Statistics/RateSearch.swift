/// One learning-rate search on a grid of exponents k (a log grid: in optimal-batch, lr = 10^(k/2)): the exponents it
/// has tried, always a contiguous run, grown one step past an edge whenever its best rate sits at that edge.
///
/// Several searches may share one set of training runs, each choosing by its own criterion (the accuracy after an
/// epoch budget, the accuracy after a time budget, the steps to a target): a rate is trained once, whichever search
/// asks for it first, and read by every search whose own run of exponents reaches it. Each search decides from its
/// own `tried` alone, so where one search goes never depends on the rates the others asked for. That is what keeps
/// a finding about one budget from depending on a measurement made for another (the time budget rests on timings of
/// this machine; the epoch budget must not).
///
/// ```
/// tried 3...5, best at 5 (the highest)    -> tried 3...6
/// tried 3...5, best at 4 (interior)       -> unchanged
/// tried 3...5, no candidate (all diverged) -> tried 2...5
/// ```
public struct RateSearch: Sendable, Equatable {
  /// The exponents tried, lowest to highest.
  public private(set) var tried: ClosedRange<Int>
  /// The grid's bounds: the search never steps past them.
  public let bounds: ClosedRange<Int>

  /// A search that starts from `initial` (clamped to `bounds`, which must overlap it).
  public init(initial: ClosedRange<Int>, bounds: ClosedRange<Int>) {
    precondition(initial.overlaps(bounds), "RateSearch: the initial rates \(initial) lie outside the grid \(bounds)")
    tried = initial.clamped(to: bounds)
    self.bounds = bounds
  }

  /// The exponents tried, as a list.
  public var exponents: [Int] { Array(tried) }

  /// One step after the rates tried so far were trained: one step beyond the lowest when the best (`choice`, made
  /// among `tried`) sits at the lowest or no rate was a candidate (every one diverged), one beyond the highest when it
  /// sits at the highest (both when one rate was tried), never past `bounds`. Returns whether the search grew.
  @discardableResult
  public mutating func extend<Label>(after choice: RateChoice<Label>?, whenNoCandidate: NoCandidate = .lower) -> Bool {
    let before = tried
    var low = tried.lowerBound, high = tried.upperBound
    if let choice {
      if choice.atLowest { low -= 1 }
      if choice.atHighest { high += 1 }
    } else if whenNoCandidate == .lower {
      low -= 1
    }
    tried = max(low, bounds.lowerBound)...min(high, bounds.upperBound)
    return tried != before
  }

  /// What a search does when none of its rates is a candidate.
  public enum NoCandidate: Sendable {
    /// Step below the lowest (every rate diverged: lower rates may not).
    case lower
    /// Stay (no rate reached what the criterion asks for, and no direction is known to help).
    case stay
  }

  /// Widens `tried` to cover `other` as well (both contiguous and overlapping, so the result is contiguous): a search
  /// that reads at least what another search read.
  public mutating func include(_ other: ClosedRange<Int>) {
    precondition(
      other.overlaps(tried) || other.lowerBound == tried.upperBound + 1 || other.upperBound + 1 == tried.lowerBound,
      "RateSearch.include: \(other) and \(tried) leave a gap")
    tried = min(tried.lowerBound, other.lowerBound)...max(tried.upperBound, other.upperBound)
  }
}
