import LabMath
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
    /// The sum of the above (Int.max when it exceeds Int).
    public var total: Int { CheckedSize.sum(parameters, gradients, optimizerState, activations, workspace) ?? .max }
    /// Whether every term and the total are exact (none saturated at Int.max).
    public var fitsInInt: Bool { total < .max }
  }

  // Every size below is computed with saturating arithmetic (`CheckedSize`): a product beyond Int.max becomes Int.max,
  // which is larger than any memory, so absurd flags (H = 10^9, L = 2^63 - 1) give "does not fit" instead of a trap.
  // Sums over layers use the closed form "layer 0 reads F, the L - 1 others read H", never an array of L entries.

  private static func times(_ factors: Int...) -> Int { CheckedSize.product(factors) ?? .max }
  private static func plus(_ terms: Int...) -> Int { CheckedSize.sum(terms) ?? .max }

  /// The number of trainable scalars, P = 4H(F + H + 1) + (L - 1) 4H(2H + 1) + C(H + 1) (saturating at Int.max).
  public var parameterCount: Int {
    let h = hiddenSize
    let first = Self.times(4, h, Self.plus(inputSize, h, 1))
    let others = Self.times(layers - 1, 4, h, Self.plus(h, h, 1))
    return Self.plus(first, others, Self.times(classes, Self.plus(h, 1)))
  }

  /// One LSTM layer's tape over `steps` steps of `batch` sequences with `inputs` features, in scalars:
  /// `LSTMTape.scalarCount`, T*B*(F + 7H) + 2*B*H (saturating at Int.max).
  func tapeScalars(steps: Int, batch: Int, inputs: Int) -> Int {
    Self.plus(Self.times(steps, batch, Self.plus(inputs, Self.times(7, hiddenSize))), Self.times(2, batch, hiddenSize))
  }

  /// One layer's stored checkpoints in scalars: `LSTMCheckpointTape.byteCount / s`, T*B*F_l + 2*S*B*H + 2*B*H with
  /// S = ceil(T/k) (saturating at Int.max).
  func checkpointScalars(batch: Int, inputs: Int, interval: Int) -> Int {
    let segments = steps / interval + (steps % interval == 0 ? 0 : 1)
    return Self.plus(
      Self.times(steps, batch, inputs), Self.times(2, segments, batch, hiddenSize), Self.times(2, batch, hiddenSize))
  }

  /// The steps one backward window covers in `mode`.
  func window(_ mode: BPTTMode) -> Int {
    switch mode {
    case .full: steps
    case .truncated(let k), .checkpointed(let k): min(max(k, 1), steps)
    }
  }

  /// The memory of one step in `mode` with batch size `batch` (default: `batchSize`). A term too large for Int is
  /// Int.max (see `fitsInInt`).
  public func breakdown(_ mode: BPTTMode, batchSize batch: Int? = nil) -> Breakdown {
    let b = batch ?? batchSize
    let n = window(mode)
    let h = hiddenSize
    let above = layers - 1  // layers reading H features
    var activations = Self.plus(tapeScalars(steps: n, batch: b, inputs: inputSize), Self.times(above, tapeScalars(steps: n, batch: b, inputs: h)))
    if case .checkpointed = mode {
      // `LSTMCheckpointTape.byteCount` per layer, plus the largest replayed segment.
      let stored = Self.plus(
        checkpointScalars(batch: b, inputs: inputSize, interval: n), Self.times(above, checkpointScalars(batch: b, inputs: h, interval: n)))
      let replay = max(tapeScalars(steps: n, batch: b, inputs: inputSize), above > 0 ? tapeScalars(steps: n, batch: b, inputs: h) : 0)
      activations = Self.plus(stored, replay)
    }
    let widest = above > 0 ? max(inputSize, h) : inputSize
    let workspace = Self.times(n, b, Self.plus(Self.times(4, h), widest, h))
    let p = parameterCount
    let s = bytesPerScalar
    return Breakdown(
      parameters: Self.times(p, s), gradients: Self.times(p, s), optimizerState: Self.times(optimizerSlots, p, s),
      activations: Self.times(activations, s), workspace: Self.times(workspace, s))
  }

  /// The largest batch size whose step fits in `budget` bytes in `mode` (0 when not even the parameters fit).
  public func largestBatch(_ mode: BPTTMode, fitting budget: Int) -> Int {
    let fixed = breakdown(mode, batchSize: 0).total
    let one = breakdown(mode, batchSize: 1).total
    guard one < .max, budget >= one else { return 0 }
    let perSequence = one - fixed
    guard perSequence > 0 else { return 0 }
    return (budget - fixed) / perSequence
  }
}
