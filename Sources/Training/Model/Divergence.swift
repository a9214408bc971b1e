/// Why training stopped early: the loss or the gradient of an update was not a finite number (NaN or infinite),
/// the usual sign of exploding gradients or of a learning rate that is too large.
///
/// The update was not applied, so the model keeps the weights of the last good update. Thrown by `trainStep`; `fit`
/// catches it, stops, and returns the history so far with `stopReason == .diverged(...)`.
public struct Divergence: Error, Sendable, Equatable, CustomStringConvertible {
  /// The epoch (1-based) in which it happened; nil when `trainStep` was called outside `fit`.
  public var epoch: Int?
  /// The batch within the epoch (1-based); nil outside `fit`.
  public var batch: Int?
  /// The number of the update that failed (1-based, counted by the optimiser over the model's life).
  public var update: Int
  /// The loss of the failed update (may be finite when only the gradient blew up).
  public var loss: Double
  /// The global gradient norm of the failed update, before clipping.
  public var gradientNorm: Double
  /// The loss of the last update that went through, if any.
  public var lastFiniteLoss: Double?
  /// How to clip, in the words of where training was started: the library's call by default; a command line sets
  /// its flags (`SequentialModel.divergenceRemedy`).
  public var remedy = "compile(..., clipping: .globalNorm(1))"

  public init(epoch: Int?, batch: Int?, update: Int, loss: Double, gradientNorm: Double, lastFiniteLoss: Double?) {
    self.epoch = epoch
    self.batch = batch
    self.update = update
    self.loss = loss
    self.gradientNorm = gradientNorm
    self.lastFiniteLoss = lastFiniteLoss
  }

  public var description: String {
    let place = [epoch.map { "epoch \($0)" }, batch.map { "batch \($0)" }].compactMap { $0 }.joined(separator: ", ")
    let what = loss.isFinite
      ? "the gradient norm is \(gradientNorm) (loss \(loss))"
      : "the loss is \(loss) (gradient norm \(gradientNorm))"
    let last = lastFiniteLoss.map { "the last finite loss was \($0)" } ?? "no update had a finite loss yet"
    return "Training diverged at \(place.isEmpty ? "" : place + ", ")update \(update): \(what); \(last). "
      + "This update was not applied. Lower the learning rate or clip the gradients (\(remedy))."
  }

  public static func == (a: Divergence, b: Divergence) -> Bool {
    a.epoch == b.epoch && a.batch == b.batch && a.update == b.update && a.loss.bitPattern == b.loss.bitPattern
      && a.gradientNorm.bitPattern == b.gradientNorm.bitPattern
      && a.lastFiniteLoss?.bitPattern == b.lastFiniteLoss?.bitPattern
  }
}
