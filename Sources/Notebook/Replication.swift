import Foundation

/// Whether a recorded finding held up when its lesson ran again with other seeds.
public enum ReplicationVerdict: String, Codable, Sendable, CaseIterable {
  /// Every replicate that measured it agrees with the run on the seeds as written (``Replication/agrees(_:with:)``).
  case replicated
  /// At least one replicate disagrees.
  case changed
  /// It could not be judged: the base run gave no interval, or no replicate measured it.
  case notTested = "not tested"
}

/// One recorded finding across the runs of a replication: the run on the seeds as written (replicate 0) and
/// replicates 1...K.
public struct FindingReplication: Codable, Sendable, Equatable {
  /// The finding's name (``MeasuredFinding/name``).
  public var name: String
  /// The finding in the run on the seeds as written.
  public var base: MeasuredFinding
  /// The finding in replicates 1...K, nil where that replicate did not run or did not record it.
  public var replicates: [MeasuredFinding?]
  /// The verdict over the replicates that measured it.
  public var verdict: ReplicationVerdict
  /// The replicate closest to being called changed (the largest |e_N - e_0| / allowed): its distance from the base
  /// run, |e_N - e_0|, and the distance the check allowed, sqrt(h_0^2 + h_N^2). Nil when no replicate was judged.
  /// The allowed distance is what the verdict can resolve: a finding whose allowed distance is as large as the
  /// estimate itself is "replicated" only in the sense that two wide intervals overlap.
  public var closest: Comparison?

  public init(
    name: String, base: MeasuredFinding, replicates: [MeasuredFinding?], verdict: ReplicationVerdict,
    closest: Comparison? = nil
  ) {
    self.name = name
    self.base = base
    self.replicates = replicates
    self.verdict = verdict
    self.closest = closest
  }

  /// How far one replicate's estimate lay from the base run's, against how far the check allowed.
  public struct Comparison: Codable, Sendable, Equatable {
    /// |e_N - e_0|.
    public var difference: Double
    /// sqrt(h_0^2 + h_N^2): a larger difference is called changed.
    public var allowed: Double
  }
}

/// The replication check of `lstmlab course --replicate K`: does each finding a lesson records come out the same
/// when the lesson runs again with other seeds?
///
/// Two runs estimate the same quantity with independent errors, so their estimates differ by chance by up to about
/// sqrt(h_0^2 + h_N^2), where h_0 and h_N are the half-widths of their 95% intervals on the side that faces the other
/// estimate (Wilson intervals are not symmetric). A replicate **agrees** with the base run when
///
///     |e_N - e_0| <= sqrt(h_0^2 + h_N^2),
///
/// a two-sided test at about the 5% level of "both runs measure the same number" (equal to asking whether the
/// interval of the difference covers 0). This is stricter than it looks and fairer than asking for the replicate's
/// estimate to fall inside the base run's interval: that would flag about 17% of perfectly stable findings per
/// replicate (two independent estimates with equal errors differ by more than 1.96 SE one time in six), this flags
/// about 5%. With K replicates a stable finding is still called changed with probability about 1 - 0.95^K
/// (10% for K = 2): one "changed" is a prompt to look, not a refutation. A replicate without an interval is compared
/// with the base interval alone.
public enum Replication {
  /// Whether `replicate` agrees with `base` (see the type's description); nil when either lacks an estimate or the
  /// base lacks an interval.
  public static func agrees(_ replicate: MeasuredFinding, with base: MeasuredFinding) -> Bool? {
    comparison(replicate, with: base).map { $0.difference <= $0.allowed }
  }

  /// |e_N - e_0| and the distance sqrt(h_0^2 + h_N^2) the check allows (plus a tolerance of 1e-12 relative, so that
  /// runs equal to the last bit always agree); nil when either lacks an estimate or the base lacks an interval.
  public static func comparison(_ replicate: MeasuredFinding, with base: MeasuredFinding) -> FindingReplication.Comparison? {
    guard let e0 = base.estimate, let low0 = base.lower, let high0 = base.upper, let eN = replicate.estimate else {
      return nil
    }
    let upward = eN >= e0
    var h0 = upward ? high0 - e0 : e0 - low0
    var hN = 0.0
    if let lowN = replicate.lower, let highN = replicate.upper { hN = upward ? eN - lowN : highN - eN }
    // A tiny relative tolerance, so that two runs that agree to the last bit are never called changed, and an interval
    // end a rounding error past its estimate (a Wilson interval's 5.6e-17 for 0 of 5) counts as a half-width of 0.
    let tolerance = 1e-12 * max(abs(e0), abs(eN), 1e-300)
    let scale = [e0, eN, low0, high0, replicate.lower ?? 0, replicate.upper ?? 0].map(abs).max() ?? 0
    if h0 < 0, h0 >= -1e-12 * scale { h0 = 0 }
    if hN < 0, hN >= -1e-12 * scale { hN = 0 }
    guard h0 >= 0, hN >= 0 else { return nil }
    return FindingReplication.Comparison(difference: abs(eN - e0), allowed: (h0 * h0 + hN * hN).squareRoot() + tolerance)
  }

  /// The verdict for one finding: not tested when the base has no interval or no replicate measured it; changed when
  /// any replicate disagrees; replicated otherwise.
  public static func verdict(base: MeasuredFinding, replicates: [MeasuredFinding?]) -> ReplicationVerdict {
    let judged = replicates.compactMap { $0.flatMap { agrees($0, with: base) } }
    if judged.isEmpty { return .notTested }
    return judged.allSatisfy { $0 } ? .replicated : .changed
  }

  /// Every finding of the base run, matched by name with the findings of replicates 1...K (`replicates[i]` holds
  /// replicate i + 1's findings; an empty list where it did not run).
  public static func compare(base: [MeasuredFinding], replicates: [[MeasuredFinding]]) -> [FindingReplication] {
    base.map { finding in
      let matched = replicates.map { list in list.first { $0.name == finding.name } }
      let closest = matched.compactMap { $0.flatMap { comparison($0, with: finding) } }
        .max { $0.difference / max($0.allowed, .leastNonzeroMagnitude) < $1.difference / max($1.allowed, .leastNonzeroMagnitude) }
      return FindingReplication(
        name: finding.name, base: finding, replicates: matched, verdict: verdict(base: finding, replicates: matched),
        closest: closest)
    }
  }

  /// How many findings got each verdict.
  public static func counts(_ findings: [FindingReplication]) -> [ReplicationVerdict: Int] {
    Dictionary(grouping: findings, by: \.verdict).mapValues(\.count)
  }
}
