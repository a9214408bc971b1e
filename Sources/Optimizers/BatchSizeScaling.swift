import RealModule

/// How to change the learning rate when the batch size changes from a base batch size B0 (where lr0 was tuned) to B:
///
/// - `linear`:     lr = lr0 * B / B0 (Goyal et al. 2017: "when the minibatch size is multiplied by k, multiply the
///   learning rate by k"; keeps the SGD noise scale lr * N / B of Smith and Le 2018 fixed)
/// - `squareRoot`: lr = lr0 * sqrt(B / B0) (keeps the variance of the update fixed; often suggested for Adam)
///
/// Both are rules of thumb for a range of batch sizes, not laws: Shallue et al. 2019 find that the best learning
/// rate follows neither once the batch is large. The lessons measure where they hold.
public enum BatchSizeScaling: String, Sendable, CaseIterable, CustomStringConvertible {
  case linear
  case squareRoot

  /// The factor lr / lr0 for going from `baseBatchSize` to `batchSize`; throws unless both are positive.
  public func factor(from baseBatchSize: Int, to batchSize: Int) throws(OptimizerError) -> Double {
    guard baseBatchSize > 0 else { throw .invalidBatchSize(baseBatchSize) }
    guard batchSize > 0 else { throw .invalidBatchSize(batchSize) }
    let ratio = Double(batchSize) / Double(baseBatchSize)
    switch self {
    case .linear: return ratio
    case .squareRoot: return ratio.squareRoot()
    }
  }

  /// The learning rate for `batchSize` given `rate` tuned at `baseBatchSize`.
  public func learningRate(
    _ rate: Double, tunedAt baseBatchSize: Int, for batchSize: Int
  ) throws(OptimizerError) -> Double {
    rate * (try factor(from: baseBatchSize, to: batchSize))
  }

  /// `schedule` scaled for `batchSize` given that it was tuned at `baseBatchSize`.
  public func schedule(
    _ schedule: LearningRateSchedule, tunedAt baseBatchSize: Int, for batchSize: Int
  ) throws(OptimizerError) -> LearningRateSchedule {
    schedule.scaled(by: try factor(from: baseBatchSize, to: batchSize))
  }

  public var description: String {
    switch self {
    case .linear: return "linear (lr x B/B0)"
    case .squareRoot: return "square root (lr x sqrt(B/B0))"
    }
  }
}
