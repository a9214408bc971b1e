import LabMath

/// Adagrad (Duchi, Hazan and Singer 2011) in Keras's form, with Keras's defaults: lr 1e-3, initial accumulator 0.1,
/// eps 1e-7.
///
/// With the sum of all squared gradients so far a (starting at the initial accumulator value):
///
///     a <- a + g^2
///     p <- p - lr * g / sqrt(a + eps)
///
/// Each parameter's effective rate lr / sqrt(a) only falls, fastest for parameters with large gradients. PyTorch
/// (`torch.optim.Adagrad`: lr 0.01, initial accumulator 0, eps 1e-10) adds eps outside the root,
/// `lr * g / (sqrt(a) + eps)`.
public struct Adagrad<Scalar: LabScalar>: Optimizer {
  public var schedule: LearningRateSchedule
  /// The value every accumulator starts from.
  public var initialAccumulatorValue: Scalar
  /// Added to the accumulator inside the square root.
  public var epsilon: Scalar
  public private(set) var iterations = 0
  /// The accumulated squared gradients a per parameter (empty until the first update).
  public private(set) var accumulators: [Matrix<Scalar>] = []

  /// Adagrad with a constant learning rate (Keras defaults).
  public init(learningRate: Double = 1e-3, initialAccumulatorValue: Scalar = 0.1, epsilon: Scalar = 1e-7) {
    self.init(schedule: .constant(learningRate), initialAccumulatorValue: initialAccumulatorValue, epsilon: epsilon)
  }

  /// Adagrad whose learning rate follows `schedule`.
  public init(schedule: LearningRateSchedule, initialAccumulatorValue: Scalar = 0.1, epsilon: Scalar = 1e-7) {
    self.schedule = schedule
    self.initialAccumulatorValue = initialAccumulatorValue
    self.epsilon = epsilon
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) throws(OptimizerError) {
    try check(learningRate, "learningRate", in: 0, .infinity, upperOpen: true, optimizer: "Adagrad")
    try check(initialAccumulatorValue, "initialAccumulatorValue", in: 0, .infinity, upperOpen: true, optimizer: "Adagrad")
    try check(epsilon, "epsilon", in: 0, .infinity, upperOpen: true, optimizer: "Adagrad")
    try validate(parameters, gradients, state: accumulators, optimizer: "Adagrad")
    if accumulators.isEmpty { accumulators = zerosLike(parameters, value: initialAccumulatorValue) }
    let lr = Scalar(learningRate)
    for k in parameters.indices {
      for j in 0..<parameters[k].count {
        let g = gradients[k].scalars[j]
        let a = accumulators[k].scalars[j] + g * g
        accumulators[k].scalars[j] = a
        parameters[k].scalars[j] -= lr * g / (a + epsilon).squareRoot()
      }
    }
    iterations += 1
  }

  public mutating func reset() {
    iterations = 0
    accumulators = []
  }

  public var description: String {
    "Adagrad(learningRate: \(schedule), initialAccumulatorValue: \(initialAccumulatorValue), epsilon: \(epsilon))"
  }
}
