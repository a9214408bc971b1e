import LabMath

/// How gradients are clipped before an update; three different rules that are all called "clipping".
///
/// With the gradient tensors g_1 ... g_K (one per parameter matrix) and the global norm
/// ||g|| = sqrt(sum_k ||g_k||_F^2):
///
/// - `globalNorm(c)`: if ||g|| > c, every g_k <- g_k * c / ||g||. The whole gradient is rescaled as one vector, so
///   its direction never changes (Pascanu, Mikolov and Bengio 2013, Algorithm 1; Keras `global_clipnorm`,
///   PyTorch `clip_grad_norm_`).
/// - `perTensorNorm(c)`: each tensor on its own, if ||g_k|| > c then g_k <- g_k * c / ||g_k|| (Keras `clipnorm`).
///   Tensors are shrunk by different factors, so the direction of the whole gradient can change.
/// - `elementwise(c)`: every component is clamped to [-c, c] (Keras `clipvalue`; Karpathy's min-char-rnn clips to
///   +-5). Changes the direction as soon as one component is clamped.
public enum GradientClipping: Sendable, Equatable, CustomStringConvertible {
  /// No clipping.
  case none
  /// Rescale all gradients together so that their global norm is at most the threshold.
  case globalNorm(Double)
  /// Rescale each gradient tensor so that its own norm is at most the threshold.
  case perTensorNorm(Double)
  /// Clamp every component to [-limit, limit].
  case elementwise(Double)

  /// The global norm sqrt(sum_k ||g_k||_F^2), accumulated in Double so that large Float gradients do not overflow
  /// before the square root. Infinite or NaN when any component is.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public static func globalNorm<Scalar: LabScalar>(of gradients: [Matrix<Scalar>]) -> Double {
    var sum = 0.0
    for g in gradients { sum += squaredNorm(g) }
    return sum.squareRoot()
  }

  /// ||g||_F^2 accumulated in Double.
  static func squaredNorm<Scalar: LabScalar>(_ g: Matrix<Scalar>) -> Double {
    var sum = 0.0
    for x in g.scalars {
      let d = Double(x)
      sum += d * d
    }
    return sum
  }

  /// Clips `gradients` in place by this rule and returns their global norm *before* clipping (the number to log
  /// and to choose a threshold from: Pascanu et al. suggest half to ten times its average).
  ///
  /// A non-finite norm leaves the gradients unchanged (a rescaling by c / inf would silently zero them); the caller
  /// checks the returned norm and stops.
  @discardableResult
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func clip<Scalar: LabScalar>(_ gradients: inout [Matrix<Scalar>]) -> Double {
    let norm = GradientClipping.globalNorm(of: gradients)
    guard norm.isFinite else { return norm }
    switch self {
    case .none:
      break
    case .globalNorm(let threshold):
      if norm > threshold {
        let factor = Scalar(threshold / norm)
        for k in gradients.indices { scale(&gradients[k], by: factor) }
      }
    case .perTensorNorm(let threshold):
      for k in gradients.indices {
        let tensorNorm = GradientClipping.squaredNorm(gradients[k]).squareRoot()
        if tensorNorm > threshold { scale(&gradients[k], by: Scalar(threshold / tensorNorm)) }
      }
    case .elementwise(let limit):
      let c = Scalar(limit)
      for k in gradients.indices {
        for j in 0..<gradients[k].count { gradients[k].scalars[j] = Swift.min(Swift.max(gradients[k].scalars[j], -c), c) }
      }
    }
    return norm
  }

  private func scale<Scalar: LabScalar>(_ g: inout Matrix<Scalar>, by factor: Scalar) {
    for j in 0..<g.count { g.scalars[j] *= factor }
  }

  public var description: String {
    switch self {
    case .none: return "no clipping"
    case .globalNorm(let c): return "global norm <= \(c)"
    case .perTensorNorm(let c): return "per-tensor norm <= \(c)"
    case .elementwise(let c): return "element-wise to +-\(c)"
    }
  }
}
