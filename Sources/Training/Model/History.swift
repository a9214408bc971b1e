/// What `fit` measured, the Swift counterpart of Keras's `History`: per epoch the training and validation loss and
/// accuracy and the wall-clock time, per update the loss and the global gradient norm, and why training stopped.
///
/// Training loss and accuracy of an epoch are means over its batches, measured before each batch's update (as Keras
/// reports them); validation figures are measured after the epoch's last update. `==` compares every number bit for
/// bit, and `ignoringWallClock` drops the only fields that differ between two runs with the same seed.
public struct History: Sendable, Equatable {
  /// One epoch's figures.
  public struct Epoch: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss over the epoch's samples.
    public var loss: Double
    /// Fraction of training samples classified correctly (before each batch's update).
    public var accuracy: Double
    /// Loss on the validation data after the epoch (nil without validation data).
    public var validationLoss: Double?
    /// Accuracy on the validation data after the epoch.
    public var validationAccuracy: Double?
    /// Wall-clock seconds of the epoch: batching, forward, backward and updates (validation not included).
    public var seconds: Double
    /// Updates in the epoch.
    public var updates: Int
  }

  /// One update's figures.
  public struct Update: Sendable, Equatable {
    /// 1-based epoch and batch of the update.
    public var epoch: Int
    public var batch: Int
    /// The batch's loss before the update.
    public var loss: Double
    /// Fraction of the batch classified correctly before the update.
    public var accuracy: Double
    /// Global L2 norm of the gradient before clipping.
    public var gradientNorm: Double
    /// The learning rate the update used.
    public var learningRate: Double
  }

  /// Why `fit` returned.
  public enum StopReason: Sendable, Equatable {
    /// Every epoch ran.
    case completed
    /// A non-finite loss or gradient stopped training (see `Divergence` for where and the last finite loss).
    case diverged(Divergence)
  }

  /// The epochs that finished (a diverged epoch is not included).
  public var epochs: [Epoch] = []
  /// Every update applied, in order.
  public var updates: [Update] = []
  /// Why training stopped.
  public var stopReason: StopReason = .completed
  /// Bytes of the BPTT tape of one full batch (what the forward pass keeps for the backward pass, all recurrent
  /// layers together).
  public var tapeBytes = 0
  /// Trainable values of the model.
  public var parameterCount = 0
  /// The batch size, sequence length T and numbers of training and validation samples.
  public var batchSize = 0
  public var steps = 0
  public var trainingSamples = 0
  public var validationSamples = 0

  public init() {}

  /// The divergence that stopped training, if any.
  public var divergence: Divergence? {
    if case .diverged(let d) = stopReason { return d }
    return nil
  }

  /// Per-epoch training loss (Keras's `history.history["loss"]`).
  public var loss: [Double] { epochs.map(\.loss) }
  /// Per-epoch training accuracy.
  public var accuracy: [Double] { epochs.map(\.accuracy) }
  /// Per-epoch validation loss (empty without validation data).
  public var validationLoss: [Double] { epochs.compactMap(\.validationLoss) }
  /// Per-epoch validation accuracy (empty without validation data).
  public var validationAccuracy: [Double] { epochs.compactMap(\.validationAccuracy) }
  /// Mean wall-clock seconds per epoch (0 before the first epoch).
  public var secondsPerEpoch: Double {
    epochs.isEmpty ? 0 : epochs.reduce(0) { $0 + $1.seconds } / Double(epochs.count)
  }

  /// The same history with every wall-clock time set to 0: two runs with the same seed give equal values.
  public var ignoringWallClock: History {
    var copy = self
    for i in copy.epochs.indices { copy.epochs[i].seconds = 0 }
    return copy
  }

  public static func == (a: History, b: History) -> Bool {
    func same(_ x: Double?, _ y: Double?) -> Bool { x?.bitPattern == y?.bitPattern }
    guard a.epochs.count == b.epochs.count, a.updates.count == b.updates.count, a.stopReason == b.stopReason,
      a.tapeBytes == b.tapeBytes, a.parameterCount == b.parameterCount, a.batchSize == b.batchSize,
      a.steps == b.steps, a.trainingSamples == b.trainingSamples, a.validationSamples == b.validationSamples
    else { return false }
    for (x, y) in zip(a.epochs, b.epochs) {
      guard x.epoch == y.epoch, x.updates == y.updates, same(x.loss, y.loss), same(x.accuracy, y.accuracy),
        same(x.validationLoss, y.validationLoss), same(x.validationAccuracy, y.validationAccuracy),
        same(x.seconds, y.seconds)
      else { return false }
    }
    for (x, y) in zip(a.updates, b.updates) {
      guard x.epoch == y.epoch, x.batch == y.batch, same(x.loss, y.loss), same(x.accuracy, y.accuracy),
        same(x.gradientNorm, y.gradientNorm), same(x.learningRate, y.learningRate)
      else { return false }
    }
    return true
  }
}
