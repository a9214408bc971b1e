import LabKernels
import LabMath

// The one Optimizers file that touches raw pointers: the safe entry point to the optimisers' C loop (LabKernels,
// pointwise.c). Each C kernel exists for float and double; `Scalar.self == Float.self` picks one (see LabMath's
// Kernels.swift).

/// The optimisers' per-parameter loops, in C (vectorised).
public enum OptimizerKernels {
  /// One Adam update in place: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= alpha m / (sqrt(v) + eps), each
  /// operation rounded in turn as in Swift (no fused multiply-add). All four matrices have the same shape.
  @inlinable
  public static func adamUpdate<Scalar: LabScalar>(
    _ parameter: inout Matrix<Scalar>, gradient: Matrix<Scalar>, firstMoment: inout Matrix<Scalar>,
    secondMoment: inout Matrix<Scalar>, alpha: Scalar, beta1: Scalar, beta2: Scalar, epsilon: Scalar
  ) {
    let count = parameter.count
    precondition(
      gradient.count == count && firstMoment.count == count && secondMoment.count == count,
      "adamUpdate: \(count) parameters but \(gradient.count) gradients, \(firstMoment.count) and \(secondMoment.count) moments")
    if count == 0 { return }
    parameter.scalars.withUnsafeMutableBufferPointer { pp in
      gradient.scalars.withUnsafeBufferPointer { pg in
        firstMoment.scalars.withUnsafeMutableBufferPointer { pm in
          secondMoment.scalars.withUnsafeMutableBufferPointer { pv in
            let (p, g, m, v) = (pp.baseAddress!, pg.baseAddress!, pm.baseAddress!, pv.baseAddress!)
            if Scalar.self == Float.self {
              lab_adam_update_f32(
                count, p.kernelPointer(), g.kernelPointer(), m.kernelPointer(), v.kernelPointer(), alpha.kernelScalar(),
                beta1.kernelScalar(), beta2.kernelScalar(), epsilon.kernelScalar())
            } else {
              lab_adam_update_f64(
                count, p.kernelPointer(), g.kernelPointer(), m.kernelPointer(), v.kernelPointer(), alpha.kernelScalar(),
                beta1.kernelScalar(), beta2.kernelScalar(), epsilon.kernelScalar())
            }
          }
        }
      }
    }
  }
}
