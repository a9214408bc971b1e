import LabMath

/// Stochastic gradient descent, optionally with momentum or Nesterov momentum, in Keras's form.
///
/// With learning rate lr (from the schedule), momentum mu and velocity v (zero at the start):
///
///     plain     (mu = 0):  p <- p - lr * g
///     momentum:            v <- mu * v - lr * g;  p <- p + v
///     Nesterov:            v <- mu * v - lr * g;  p <- p + mu * v - lr * g
///
/// Keras defaults: lr 0.01, momentum 0, nesterov false.
///
/// PyTorch keeps the velocity without the learning rate, `b <- mu * b + g; p <- p - lr * b` (Nesterov:
/// `p <- p - lr * (g + mu * b)`). With a constant learning rate both forms give the same parameters (v = -lr * b);
/// when the schedule changes lr, Keras's velocity still carries the old rates while PyTorch's applies the new rate to
/// the whole accumulated step.
public struct SGD<Scalar: LabScalar>: Optimizer {
  public var schedule: LearningRateSchedule
  /// The momentum mu in [0, 1): how much of the previous step each step keeps.
  public var momentum: Scalar
  /// Whether to take the Nesterov look-ahead step.
  public var nesterov: Bool
  public private(set) var iterations = 0
  /// The velocity v per parameter (empty until the first update, and always when momentum is 0).
  public private(set) var velocities: [Matrix<Scalar>] = []

  /// SGD with a constant learning rate (Keras defaults).
  public init(learningRate: Double = 0.01, momentum: Scalar = 0, nesterov: Bool = false) {
    self.init(schedule: .constant(learningRate), momentum: momentum, nesterov: nesterov)
  }

  /// SGD whose learning rate follows `schedule`.
  public init(schedule: LearningRateSchedule, momentum: Scalar = 0, nesterov: Bool = false) {
    self.schedule = schedule
    self.momentum = momentum
    self.nesterov = nesterov
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) throws(OptimizerError) {
    try check(learningRate, "learningRate", in: 0, .infinity, upperOpen: true, optimizer: "SGD")
    try check(momentum, "momentum", in: 0, 1, upperOpen: true, optimizer: "SGD")
    try validate(parameters, gradients, state: velocities, optimizer: "SGD")
    let lr = Scalar(learningRate)
    if momentum == 0 {
      for k in parameters.indices {
        for j in 0..<parameters[k].count { parameters[k].scalars[j] -= lr * gradients[k].scalars[j] }
      }
    } else {
      if velocities.isEmpty { velocities = zerosLike(parameters) }
      for k in parameters.indices {
        for j in 0..<parameters[k].count {
          let g = gradients[k].scalars[j]
          let v = momentum * velocities[k].scalars[j] - lr * g
          velocities[k].scalars[j] = v
          parameters[k].scalars[j] += nesterov ? momentum * v - lr * g : v
        }
      }
    }
    iterations += 1
  }

  public mutating func reset() {
    iterations = 0
    velocities = []
  }

  public var description: String {
    "SGD(learningRate: \(schedule), momentum: \(momentum)\(nesterov ? ", nesterov" : ""))"
  }
}
