/// How big a lesson runs: each knob is resolved once for the tier, so a lesson's code states its three sizes side
/// by side (`let updates = book.size(quick: 50, class: 2000, full: 10000)`) instead of `quick ? a : b` twice.
///
/// - `quick` (`--quick`): a smoke test in seconds; its numbers show that the code runs, not the effect.
/// - `classroom` (the default): what a class runs in minutes; where its budget cannot resolve an effect, the
///   report says so.
/// - `full` (`--full`): the study behind the committed gallery.
public enum LessonTier: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
  case quick
  case classroom = "class"
  case full

  /// The tier of the flags: `--quick` wins over `--full`; neither is the class tier.
  public init(quick: Bool, full: Bool) {
    self = quick ? .quick : (full ? .full : .classroom)
  }

  /// "quick", "class" or "full".
  public var description: String { rawValue }

  /// The flag that selects this tier ("" for the class tier, the default).
  public var flag: String {
    switch self {
    case .quick: "--quick"
    case .classroom: ""
    case .full: "--full"
    }
  }

  /// The value for this tier.
  public func size<Value>(quick: Value, class classValue: Value, full: Value) -> Value {
    switch self {
    case .quick: quick
    case .classroom: classValue
    case .full: full
    }
  }
}
