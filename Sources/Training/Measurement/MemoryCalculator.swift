import Recurrent

/// How backpropagation through time keeps what the backward pass needs.
public enum BPTTMode: Sendable, Hashable, CustomStringConvertible {
  /// Full BPTT: the tape of all T steps is kept.
  case full
  /// Truncated BPTT: the sequence is processed in windows of `window` steps, the state carried forward but gradients
  /// stopped at window boundaries; only one window's tape exists at a time.
  case truncated(window: Int)
  /// Checkpointed BPTT (Chen et al. 2016): the forward pass keeps the inputs and the states (h, c) only every
  /// `segment` steps; the backward pass recomputes one segment's full tape at a time from its checkpoint.
  case checkpointed(segment: Int)

  public var description: String {
    switch self {
    case .full: "full"
    case .truncated(let window): "truncated (window \(window))"
    case .checkpointed(let segment): "checkpointed (segment \(segment))"
    }
  }
}

/// The memory one training step of a stacked-LSTM classifier needs: parameters, their gradients, the optimiser's
/// state, and the BPTT activations (the tape), for sequences of T steps, batches of B, F features, H hidden units,
/// L layers, C classes and s bytes per scalar.
///
/// With F_0 = F and F_l = H above the first layer, one layer's tape over n steps holds (see `LSTMTape`)
///
///     tape(n, F_l) = n*B*(F_l + 7H) + 2*B*H  scalars
///
/// and, per mode (k = window or segment, ceil = rounding up):
///
///     full          sum_l tape(T, F_l)
///     truncated     sum_l tape(min(k, T), F_l)
///     checkpointed  sum_l [T*B*F_l + 2*S*B*H + 2*B*H] + max_l tape(min(k, T), F_l),   S = ceil(T/k)
///                   (each layer keeps its input, (h, c) at every k-th step and (h_T, c_T); the backward pass
///                   replays one layer's segment at a time: `LSTMCheckpointTape.peakByteCount`)
///
///     parameters    P = sum_l 4H*(F_l + H + 1) + C*(H + 1)
///     gradients     P
///     optimiser     m * P   (m = 0 for SGD, 1 for momentum, RMSProp and Adagrad, 2 for Adam)
///     workspace     n*B*(4H + max_l F_l + H) for the window n being backpropagated (dZ, dX, dH), an estimate
///
/// all times s bytes. Every activation term is proportional to B, so the total is a + b*B and the largest batch that
/// fits a budget M is floor((M - a) / b); for full BPTT b grows with T, so B_max falls as 1/T.
public struct MemoryCalculator: Sendable, Hashable {
  /// T, the steps per sequence.
  public var steps: Int
  /// B, the sequences per batch.
  public var batchSize: Int
  /// F, the features per step.
  public var inputSize: Int
  /// H, the hidden units per layer.
  public var hiddenSize: Int
  /// L, the stacked LSTM layers.
  public var layers: Int
  /// C, the classes of the head.
  public var classes: Int
  /// s, bytes per scalar (2 for half precision, 4 for Float, 8 for Double).
  public var bytesPerScalar: Int
  /// m, the optimiser's state values per parameter.
  public var optimizerSlots: Int

  /// Why a configuration cannot be computed.
  public struct InvalidConfiguration: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var value: Int
    public var allowed: String
    public var description: String { "\(name) = \(value) is not allowed: it must be \(allowed)." }
  }

  public init(
    steps: Int, batchSize: Int, inputSize: Int, hiddenSize: Int, layers: Int = 1, classes: Int = 2, bytesPerScalar: Int = 4,
    optimizerSlots: Int = 2
  ) throws(InvalidConfiguration) {
    for (name, value) in [("steps", steps), ("batch size", batchSize), ("input size", inputSize), ("hidden size", hiddenSize),
                          ("layers", layers), ("classes", classes)] where value < 1 {
      throw InvalidConfiguration(name: name, value: value, allowed: "at least 1")
    }
    guard [2, 4, 8].contains(bytesPerScalar) else {
      throw InvalidConfiguration(name: "bytes per scalar", value: bytesPerScalar, allowed: "2, 4 or 8")
    }
    guard (0...2).contains(optimizerSlots) else {
      throw InvalidConfiguration(name: "optimiser state per parameter", value: optimizerSlots, allowed: "0, 1 or 2")
    }
    (self.steps, self.batchSize, self.inputSize, self.hiddenSize) = (steps, batchSize, inputSize, hiddenSize)
    (self.layers, self.classes, self.bytesPerScalar, self.optimizerSlots) = (layers, classes, bytesPerScalar, optimizerSlots)
  }

  /// The checkpoint segment Recurrent uses by default, about sqrt(T), which minimises memory to first order
  /// (`LSTMCheckpointTape.defaultInterval`).
  public static func defaultSegment(steps: Int) -> Int { LSTMCheckpointTape<Float>.defaultInterval(steps: steps) }

  /// The bytes of one training step, term by term.
  public struct Breakdown: Sendable, Hashable {
    public var parameters: Int
    public var gradients: Int
    public var optimizerState: Int
    /// The BPTT tape at its largest.
    public var activations: Int
    /// The backward pass's temporary gradients for one window (an estimate).
    public var workspace: Int
    /// The sum of the above.
    public var total: Int { parameters + gradients + optimizerState + activations + workspace }
  }

  /// F_l for each layer: F, then H.
  var layerInputs: [Int] { (0..<layers).map { $0 == 0 ? inputSize : hiddenSize } }

  /// The number of trainable scalars, P.
  public var parameterCount: Int {
    layerInputs.reduce(0) { $0 + 4 * hiddenSize * ($1 + hiddenSize + 1) } + classes * (hiddenSize + 1)
  }

  /// One LSTM layer's tape over `steps` steps of `batch` sequences with `inputs` features, in scalars:
  /// `LSTMTape.scalarCount`, T*B*(F + 7H) + 2*B*H.
  func tapeScalars(steps: Int, batch: Int, inputs: Int) -> Int {
    LSTMTape<Float>.scalarCount(steps: steps, batchSize: batch, inputSize: inputs, hiddenSize: hiddenSize)
  }

  /// The steps one backward window covers in `mode`.
  func window(_ mode: BPTTMode) -> Int {
    switch mode {
    case .full: steps
    case .truncated(let k), .checkpointed(let k): min(max(k, 1), steps)
    }
  }

  /// The memory of one step in `mode` with batch size `batch` (default: `batchSize`).
  public func breakdown(_ mode: BPTTMode, batchSize batch: Int? = nil) -> Breakdown {
    let b = batch ?? batchSize
    let n = window(mode)
    var activations = layerInputs.reduce(0) { $0 + tapeScalars(steps: n, batch: b, inputs: $1) }
    if case .checkpointed = mode {
      // `LSTMCheckpointTape.byteCount` per layer (in Float, 4 bytes a scalar), plus the largest replayed segment.
      let stored = layerInputs.reduce(0) {
        $0 + LSTMCheckpointTape<Float>.byteCount(steps: steps, batchSize: b, inputSize: $1, hiddenSize: hiddenSize, interval: n) / 4
      }
      activations = stored + (layerInputs.map { tapeScalars(steps: n, batch: b, inputs: $0) }.max() ?? 0)
    }
    let workspace = n * b * (4 * hiddenSize + (layerInputs.max() ?? inputSize) + hiddenSize)
    let p = parameterCount
    return Breakdown(
      parameters: p * bytesPerScalar, gradients: p * bytesPerScalar, optimizerState: optimizerSlots * p * bytesPerScalar,
      activations: activations * bytesPerScalar, workspace: workspace * bytesPerScalar)
  }

  /// The largest batch size whose step fits in `budget` bytes in `mode` (0 when not even the parameters fit).
  public func largestBatch(_ mode: BPTTMode, fitting budget: Int) -> Int {
    let fixed = breakdown(mode, batchSize: 0).total
    let perSequence = breakdown(mode, batchSize: 1).total - fixed
    guard budget >= fixed + perSequence, perSequence > 0 else { return 0 }
    return (budget - fixed) / perSequence
  }
}
