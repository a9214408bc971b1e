import RealModule

/// The learning rate as a function of the update number t = 0, 1, 2, ... (the optimiser's `iterations` before the
/// update). Schedules compose: a warm-up wraps another schedule, and any schedule can be scaled.
///
/// - `constant(r)`:                      r
/// - `stepDecay(initial:, factor:, every:)`: initial * factor^floor(t / every)
/// - `cosine(initial:, final:, steps:)`:  final + (initial - final) * (1 + cos(pi * min(t, steps) / steps)) / 2
///   (SGDR without restarts, Loshchilov and Hutter 2017; stays at `final` after `steps`)
/// - `linearWarmup(steps: w, then: s)`:   s.rate(at: 0) * (t + 1) / w for t < w, then s.rate(at: t - w): the rate
///   climbs linearly to s's first value in w updates, then s runs from its own step 0 (Goyal et al. 2017's gradual
///   warm-up)
/// - `scaled(s, by: k)`:                  k * s.rate(at: t) (see `BatchSizeScaling` for choosing k)
///
/// Example: 100 warm-up updates into a cosine decay over 900 updates:
/// `.linearWarmup(steps: 100, then: .cosine(initial: 1e-3, steps: 900))`.
public indirect enum LearningRateSchedule: Sendable, Equatable, CustomStringConvertible {
  case constant(Double)
  case stepDecay(initial: Double, factor: Double, every: Int)
  case cosine(initial: Double, final: Double = 0, steps: Int)
  case linearWarmup(steps: Int, then: LearningRateSchedule)
  case scaled(LearningRateSchedule, by: Double)

  /// The learning rate at update t (negative t counts as 0).
  public func rate(at step: Int) -> Double {
    let t = Swift.max(step, 0)
    switch self {
    case .constant(let r):
      return r
    case .stepDecay(let initial, let factor, let every):
      return every > 0 ? initial * Double.pow(factor, t / every) : initial
    case .cosine(let initial, let final, let steps):
      guard steps > 0 else { return final }
      let progress = Double(Swift.min(t, steps)) / Double(steps)
      return final + (initial - final) * (1 + Double.cos(Double.pi * progress)) / 2
    case .linearWarmup(let steps, let then):
      if t < steps { return then.rate(at: 0) * Double(t + 1) / Double(steps) }
      return then.rate(at: t - steps)
    case .scaled(let schedule, let factor):
      return factor * schedule.rate(at: t)
    }
  }

  /// This schedule with every rate multiplied by `factor`.
  public func scaled(by factor: Double) -> LearningRateSchedule { .scaled(self, by: factor) }

  public var description: String {
    switch self {
    case .constant(let r): return "\(r)"
    case .stepDecay(let initial, let factor, let every): return "\(initial) x \(factor) every \(every) updates"
    case .cosine(let initial, let final, let steps): return "cosine \(initial) -> \(final) over \(steps) updates"
    case .linearWarmup(let steps, let then): return "linear warm-up over \(steps) updates, then \(then)"
    case .scaled(let schedule, let factor): return "\(factor) x (\(schedule))"
    }
  }
}
