import RealModule

/// The floating-point types LSTMLab computes in: `Float` for training (Keras's and PyTorch's default) and `Double`
/// for the finite-difference gradient checks, which need the extra digits.
///
/// Every type here is generic over `LabScalar`. The heavy loops are C kernels written for both types (LabKernels);
/// the kernels files (`Kernels.swift` here, `RecurrentKernels.swift` in Recurrent, `OptimizerKernels.swift` in
/// Optimizers) pick the one for `Float` or `Double`, so generic Swift code never runs per element in a hot loop.
/// Only `Float` and `Double` conform: the kernels exist for those two.
public protocol LabScalar: BinaryFloatingPoint, Real, Sendable, Codable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {}

extension Float: LabScalar {}
extension Double: LabScalar {}

extension LabScalar {
  /// Bytes one value occupies (4 for Float, 8 for Double): the unit of every memory figure in the lessons.
  public static var byteCount: Int { MemoryLayout<Self>.size }
}
