import LabMath

/// The activation a Dense layer applies to its output z = x W + b.
///
/// - `linear`: a(z) = z
/// - `relu`: a(z) = max(z, 0)
/// - `tanh`: a(z) = tanh(z)
/// - `sigmoid`: a(z) = 1 / (1 + exp(-z))
/// - `softmax`: a(z)_c = exp(z_c) / sum_k exp(z_k), row by row. Only on the output layer, where it is fused with the
///   categorical cross-entropy (the gradient with respect to z is then softmax(z) - onehot(y)).
public enum Activation: String, Sendable, Codable, CaseIterable {
  case linear, relu, tanh, sigmoid, softmax

  /// a(z) element-wise; softmax is left to the loss (and to `predict`), so for it this returns the logits z.
  func apply<Scalar: LabScalar>(_ z: Matrix<Scalar>) -> Matrix<Scalar> {
    switch self {
    case .linear, .softmax: return z
    case .relu: return z.map { Swift.max($0, 0) }
    case .tanh: return z.tanh()
    case .sigmoid: return z.sigmoid()
    }
  }

  /// dL/dz from dL/da and the activation's output a (every element-wise activation's derivative is a function of a).
  func backward<Scalar: LabScalar>(output a: Matrix<Scalar>, outputGradient da: Matrix<Scalar>) -> Matrix<Scalar> {
    switch self {
    case .linear, .softmax: return da
    case .relu: return da.zipMap(a) { g, y in y > 0 ? g : 0 }
    case .tanh: return da.zipMap(a) { g, y in g * (1 - y * y) }
    case .sigmoid: return da.zipMap(a) { g, y in g * y * (1 - y) }
    }
  }
}
