import Foundation
import LabText

/// A headline number of a lesson, recorded as data beside the sentence that states it: a stable name, the estimate
/// and its interval. Lessons record them with ``Notebook/finding(_:_:unit:)``; they are written to `summary.json`, so
/// `lstmlab course --replicate K` can compare the same finding across runs with other seeds (``Replication``).
///
/// Non-finite numbers are stored as missing (JSON has no NaN): a finding without an interval can be shown but not
/// tested for replication.
public struct MeasuredFinding: Codable, Sendable, Equatable {
  /// What was measured, stable across runs (the key that matches a replicate's finding to the base run's), e.g.
  /// "volatility: accuracy(B=8) - accuracy(B=64), 10 epochs".
  public var name: String
  /// The point estimate.
  public var estimate: Double?
  /// The interval's lower end.
  public var lower: Double?
  /// The interval's upper end.
  public var upper: Double?
  /// The interval's coverage, e.g. 0.95.
  public var level: Double?
  /// The unit of the numbers ("" when they have none).
  public var unit: String?

  /// A finding with an interval from `lower` to `upper` at `level`; non-finite numbers become missing.
  public init(name: String, estimate: Double, lower: Double?, upper: Double?, level: Double? = 0.95, unit: String? = nil) {
    func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
    self.name = name
    self.estimate = finite(estimate)
    self.lower = finite(lower)
    self.upper = finite(upper)
    self.level = finite(level)
    self.unit = unit.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A finding from a confidence interval.
  public init(name: String, _ interval: ConfidenceInterval, unit: String? = nil) {
    self.init(
      name: name, estimate: interval.estimate, lower: interval.lower, upper: interval.upper, level: interval.level,
      unit: unit)
  }

  /// The interval, when the finding has an estimate and both ends.
  public var interval: ConfidenceInterval? {
    guard let estimate, let lower, let upper else { return nil }
    return ConfidenceInterval(estimate: estimate, lower: lower, upper: upper, level: level ?? 0.95)
  }

  /// "0.0123 [-0.004, 0.029]" (three significant digits), "1800 bytes (exact)" for a zero-width interval, the estimate
  /// alone without an interval, "-" without either.
  public var text: String {
    let suffix = unit.map { " " + $0 } ?? ""
    if let interval {
      // A number that cannot vary (bytes of a tape): its interval is the number itself.
      if interval.lower == interval.estimate && interval.upper == interval.estimate {
        return NumberText.significant(interval.estimate, digits: 3) + suffix + " (exact)"
      }
      return interval.description + suffix
    }
    if let estimate { return NumberText.significant(estimate, digits: 3) + suffix }
    return "-"
  }
}
