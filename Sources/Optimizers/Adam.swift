import LabMath
import RealModule

/// Adam (Kingma and Ba 2015) in Keras's form, with Keras's defaults: lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-7.
///
/// At update t = 1, 2, ... with gradient g, first and second moment estimates m and v (zero at the start):
///
///     m <- beta1 * m + (1 - beta1) * g
///     v <- beta2 * v + (1 - beta2) * g^2
///     alpha_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
///     p <- p - alpha_t * m / (sqrt(v) + eps)
///
/// The bias correction is folded into the step size alpha_t, and eps is added to sqrt(v) of the *uncorrected* v:
/// this eps is the paper's "epsilon hat" (the formula just before its Section 2.1), not the eps of its Algorithm 1.
///
/// PyTorch (`torch.optim.Adam`, default eps 1e-8) follows Algorithm 1 instead: with m_hat = m / (1 - beta1^t) and
/// v_hat = v / (1 - beta2^t), `p <- p - lr * m_hat / (sqrt(v_hat) + eps)`. Both are the same update with
/// eps_hat = eps * sqrt(1 - beta2^t): they differ only where sqrt(v) is as small as eps, and then mostly in early
/// updates, where sqrt(1 - beta2^t) is small (0.032 at t = 1) and Keras's eps counts about 30 times more.
public struct Adam<Scalar: LabScalar>: Optimizer {
  public var schedule: LearningRateSchedule
  /// Decay rate of the first-moment (mean) estimate.
  public var beta1: Scalar
  /// Decay rate of the second-moment (uncentred variance) estimate.
  public var beta2: Scalar
  /// "Epsilon hat", added to sqrt(v) (see the type's documentation).
  public var epsilon: Scalar
  public private(set) var iterations = 0
  /// The first-moment estimates m per parameter (empty until the first update).
  public private(set) var firstMoments: [Matrix<Scalar>] = []
  /// The second-moment estimates v per parameter (empty until the first update).
  public private(set) var secondMoments: [Matrix<Scalar>] = []

  /// Adam with a constant learning rate (Keras defaults).
  public init(learningRate: Double = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-7) {
    self.init(schedule: .constant(learningRate), beta1: beta1, beta2: beta2, epsilon: epsilon)
  }

  /// Adam whose learning rate follows `schedule`.
  public init(schedule: LearningRateSchedule, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-7) {
    self.schedule = schedule
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// The bias-corrected step size of update number t (1-based): lr * sqrt(1 - beta2^t) / (1 - beta1^t).
  public func stepSize(learningRate: Double, update t: Int) -> Double {
    let b1 = Double(beta1), b2 = Double(beta2)
    return learningRate * (1 - Double.pow(b2, t)).squareRoot() / (1 - Double.pow(b1, t))
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) throws(OptimizerError) {
    try check(learningRate, "learningRate", in: 0, .infinity, upperOpen: true, optimizer: "Adam")
    try check(beta1, "beta1", in: 0, 1, upperOpen: true, optimizer: "Adam")
    try check(beta2, "beta2", in: 0, 1, upperOpen: true, optimizer: "Adam")
    try check(epsilon, "epsilon", in: 0, .infinity, upperOpen: true, optimizer: "Adam")
    try validate(parameters, gradients, state: firstMoments, optimizer: "Adam")
    if firstMoments.isEmpty {
      firstMoments = zerosLike(parameters)
      secondMoments = zerosLike(parameters)
    }
    let alpha = Scalar(stepSize(learningRate: learningRate, update: iterations + 1))
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    for k in parameters.indices {
      // m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, theta -= alpha m / (sqrt(v) + eps), element by element
      OptimizerKernels.adamUpdate(
        &parameters[k], gradient: gradients[k], firstMoment: &firstMoments[k], secondMoment: &secondMoments[k],
        alpha: alpha, beta1: b1, beta2: b2, epsilon: eps)
    }
    iterations += 1
  }

  public mutating func reset() {
    iterations = 0
    firstMoments = []
    secondMoments = []
  }

  public var description: String {
    "Adam(learningRate: \(schedule), beta1: \(beta1), beta2: \(beta2), epsilon: \(epsilon))"
  }
}
