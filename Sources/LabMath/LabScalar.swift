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
}

extension LabScalar {
  /// Bytes one value occupies (4 for Float, 8 for Double): the unit of every memory figure in the lessons.
  public static var byteCount: Int { MemoryLayout<Self>.size }
}
