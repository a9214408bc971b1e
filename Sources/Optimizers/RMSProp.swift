import LabMath

/// RMSProp (Hinton's lecture 6e) in Keras's form, with Keras's defaults: lr 1e-3, rho 0.9, momentum 0, eps 1e-7.
///
/// With a running mean of squared gradients s (zero at the start):
///
///     s <- rho * s + (1 - rho) * g^2
///     step = lr * g / sqrt(s + eps)
///     momentum = 0:  p <- p - step
///     momentum > 0:  u <- momentum * u + step;  p <- p - u
///
/// Keras adds eps inside the square root; PyTorch (`torch.optim.RMSprop`, alpha = rho = 0.99, eps 1e-8) adds it
/// outside, `lr * g / (sqrt(s) + eps)`. The centred variant is not implemented.
public struct RMSProp<Scalar: LabScalar>: Optimizer {
  public var schedule: LearningRateSchedule
  /// Decay rate of the running mean of squared gradients.
  public var rho: Scalar
  /// Momentum of the step (0: none).
  public var momentum: Scalar
  /// Added to the mean square inside the square root.
  public var epsilon: Scalar
  public private(set) var iterations = 0
  /// The running mean of squared gradients s per parameter (empty until the first update).
  public private(set) var meanSquares: [Matrix<Scalar>] = []
  /// The momentum buffers u per parameter (empty unless momentum > 0).
  public private(set) var momenta: [Matrix<Scalar>] = []

  /// RMSProp with a constant learning rate (Keras defaults).
  public init(learningRate: Double = 1e-3, rho: Scalar = 0.9, momentum: Scalar = 0, epsilon: Scalar = 1e-7) {
    self.init(schedule: .constant(learningRate), rho: rho, momentum: momentum, epsilon: epsilon)
  }

  /// RMSProp whose learning rate follows `schedule`.
  public init(schedule: LearningRateSchedule, rho: Scalar = 0.9, momentum: Scalar = 0, epsilon: Scalar = 1e-7) {
    self.schedule = schedule
    self.rho = rho
    self.momentum = momentum
    self.epsilon = epsilon
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) throws(OptimizerError) {
    try check(learningRate, "learningRate", in: 0, .infinity, upperOpen: true, optimizer: "RMSProp")
    try check(rho, "rho", in: 0, 1, upperOpen: true, optimizer: "RMSProp")
    try check(momentum, "momentum", in: 0, 1, upperOpen: true, optimizer: "RMSProp")
    try check(epsilon, "epsilon", in: 0, .infinity, upperOpen: true, optimizer: "RMSProp")
    try validate(parameters, gradients, state: meanSquares, optimizer: "RMSProp")
    if meanSquares.isEmpty { meanSquares = zerosLike(parameters) }
    if momentum > 0 && momenta.isEmpty { momenta = zerosLike(parameters) }
    let lr = Scalar(learningRate)
    for k in parameters.indices {
      for j in 0..<parameters[k].count {
        let g = gradients[k].scalars[j]
        let s = rho * meanSquares[k].scalars[j] + (1 - rho) * g * g
        meanSquares[k].scalars[j] = s
        let step = lr * g / (s + epsilon).squareRoot()
        if momentum > 0 {
          let u = momentum * momenta[k].scalars[j] + step
          momenta[k].scalars[j] = u
          parameters[k].scalars[j] -= u
        } else {
          parameters[k].scalars[j] -= step
        }
      }
    }
    iterations += 1
  }

  public mutating func reset() {
    iterations = 0
    meanSquares = []
    momenta = []
  }

  public var description: String {
    "RMSProp(learningRate: \(schedule), rho: \(rho), momentum: \(momentum), epsilon: \(epsilon))"
  }
}
