import LabKernels
import RealModule

/// The floating-point types LSTMLab computes in: `Float` for training (Keras's and PyTorch's default) and `Double`
/// for the finite-difference gradient checks, which need the extra digits.
///
/// Every type here is generic over `LabScalar`; the heavy loops are C kernels instantiated for both types and reached
/// through the static requirements below (see `Kernels.swift`), so generic Swift code never runs per element in a hot
/// loop.
public protocol LabScalar: BinaryFloatingPoint, Real, Sendable, Codable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
  /// C = alpha * op(A) * op(B) + beta * C on raw row-major storage (see `lab_gemm_f32` in LabKernels.h).
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// The plain triple-loop product, the reference the fast kernel is tested against.
  static func gemmReference(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  // Fused pointwise loops of the recurrent layers (LabKernels/pointwise.c; formulas in LabKernels.h). Reached through
  // the safe wrappers in `RecurrentKernels` (Kernels.swift).

  /// LSTM forward over all steps: see lab_lstm_forward_f32.
  static func lstmForward(
    steps: Int, batch: Int, features: Int, hidden: Int, input: UnsafePointer<Self>, inputKernel: UnsafePointer<Self>,
    recurrentKernel: UnsafePointer<Self>, bias: UnsafePointer<Self>, gates: UnsafeMutablePointer<Self>,
    cells: UnsafeMutablePointer<Self>, tanhCells: UnsafeMutablePointer<Self>, states: UnsafeMutablePointer<Self>)
  /// LSTM backward through time over all steps: see lab_lstm_backward_f32.
  static func lstmBackward(
    steps: Int, batch: Int, hidden: Int, gates: UnsafePointer<Self>, cells: UnsafePointer<Self>,
    tanhCells: UnsafePointer<Self>, recurrentKernel: UnsafePointer<Self>,
    hiddenGradient: UnsafeMutablePointer<Self>, cellGradient: UnsafeMutablePointer<Self>,
    gateGradients: UnsafeMutablePointer<Self>, before: UnsafeMutablePointer<Self>?, beforeBeta: Self)
  /// One Adam update of `count` parameters (see lab_adam_update_f32).
  static func adamUpdate(
    count: Int, parameters: UnsafeMutablePointer<Self>, gradients: UnsafePointer<Self>,
    firstMoments: UnsafeMutablePointer<Self>, secondMoments: UnsafeMutablePointer<Self>, alpha: Self, beta1: Self,
    beta2: Self, epsilon: Self)
  /// tanh RNN forward step: state = tanh(preactivation + bias).
  static func rnnForwardStep(
    batch: Int, hidden: Int, preactivation: UnsafePointer<Self>, bias: UnsafePointer<Self>,
    state: UnsafeMutablePointer<Self>)
  /// dz = dy * (1 - y^2).
  static func tanhBackward(
    count: Int, output: UnsafePointer<Self>, outputGradient: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>)
  /// out[j] = sum_r a[r][j].
  static func columnSums(rows: Int, columns: Int, a: UnsafePointer<Self>, out: UnsafeMutablePointer<Self>)
  /// a[r][j] += vector[j].
  static func addRowVector(rows: Int, columns: Int, a: UnsafeMutablePointer<Self>, vector: UnsafePointer<Self>)
  /// Mean softmax cross-entropy with integer labels; writes the logits' gradient, returns the loss.
  static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Self>, labels: UnsafePointer<Int>,
    gradient: UnsafeMutablePointer<Self>) -> Self
  /// Mean softmax cross-entropy with target rows (one-hot or distributions).
  static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Self>, targets: UnsafePointer<Self>,
    gradient: UnsafeMutablePointer<Self>) -> Self
  /// out = a^T (a is rows x columns).
  static func transpose(rows: Int, columns: Int, a: UnsafePointer<Self>, out: UnsafeMutablePointer<Self>)
  /// Row-wise softmax.
  static func softmaxRows(rows: Int, columns: Int, logits: UnsafePointer<Self>, probabilities: UnsafeMutablePointer<Self>)
}

extension LabScalar {
  /// Bytes one value occupies (4 for Float, 8 for Double): the unit of every memory figure in the lessons.
  public static var byteCount: Int { MemoryLayout<Self>.size }
}
