import LabMath

/// A first-order optimiser: given the gradient g of the loss with respect to every parameter matrix p, it moves the
/// parameters downhill, `p <- p - step(g, state)`, keeping per-parameter state (momentum, moment estimates) by index.
///
/// Parameters are a list of matrices (an LSTM's `[W, U, b]`, then a Dense layer's `[W, b]`, ...); the gradient list
/// has the same order and shapes. The first `update` fixes the shapes the state is kept for; a later call with other
/// shapes throws rather than mixing state between parameters (call `reset()` to start over).
///
/// The learning rate comes from `schedule`, evaluated at the number of updates done so far (`iterations`): a plain
/// number is `.constant(rate)`. Keras's defaults are the defaults of every optimiser here, so a Keras program
/// translates one to one.
public protocol Optimizer<Scalar>: Sendable, CustomStringConvertible {
  associatedtype Scalar: LabScalar

  /// The learning rate as a function of the update number t = 0, 1, 2, ...
  var schedule: LearningRateSchedule { get set }

  /// How many updates have been applied so far (Keras's `optimizer.iterations`).
  var iterations: Int { get }

  /// Applies one update to `parameters` with `gradients` (same count and shapes) and advances `iterations`.
  mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) throws(OptimizerError)

  /// Forgets the state (moments, accumulators) and sets `iterations` back to 0.
  mutating func reset()
}

extension Optimizer {
  /// The learning rate the next update will use: `schedule.rate(at: iterations)`.
  ///
  /// Setting it replaces the schedule by a constant rate, as `optimizer.learning_rate = x` does in Keras.
  public var learningRate: Double {
    get { schedule.rate(at: iterations) }
    set { schedule = .constant(newValue) }
  }
}

/// What went wrong in an optimiser update, with where and how to fix it.
public enum OptimizerError: Error, CustomStringConvertible, Equatable {
  /// The gradient list does not have one matrix per parameter.
  case gradientCountMismatch(optimizer: String, parameters: Int, gradients: Int)
  /// Gradient `index` has another shape than parameter `index`.
  case gradientShapeMismatch(optimizer: String, index: Int, parameter: String, gradient: String)
  /// The parameters differ in count or shape from those the optimiser's state was built for.
  case stateMismatch(optimizer: String, expected: [String], got: [String])
  /// A hyperparameter is outside the range where the update is defined.
  case invalidHyperparameter(optimizer: String, name: String, value: Double, allowed: String)
  /// A batch size given to a scaling rule is not positive.
  case invalidBatchSize(Int)

  public var description: String {
    switch self {
    case .gradientCountMismatch(let optimizer, let parameters, let gradients):
      return "\(optimizer).update: \(parameters) parameter matrices but \(gradients) gradients. "
        + "Pass one gradient per parameter, in the same order (e.g. layer.parameters and gradients.parameterGradients)."
    case .gradientShapeMismatch(let optimizer, let index, let parameter, let gradient):
      return "\(optimizer).update: parameter \(index) is \(parameter) but its gradient is \(gradient). "
        + "The gradient list must be in the same order as the parameter list."
    case .stateMismatch(let optimizer, let expected, let got):
      return "\(optimizer).update: its state was built for parameters \(expected.joined(separator: ", ")) but got "
        + "\(got.joined(separator: ", ")). Use one optimiser per model, or call reset() before reusing it."
    case .invalidHyperparameter(let optimizer, let name, let value, let allowed):
      return "\(optimizer): \(name) = \(value) is outside \(allowed). Pass a value in that range."
    case .invalidBatchSize(let size):
      return "BatchSizeScaling: batch size \(size) is not positive. Pass batch sizes >= 1."
    }
  }
}

/// The "rows x columns" labels of a list of matrices, used in error messages.
func shapeLabels<Scalar>(_ matrices: [Matrix<Scalar>]) -> [String] {
  matrices.map { "\($0.rows)x\($0.columns)" }
}

/// Checks that `gradients` match `parameters` one to one, and that the optimiser `state` (when already built) was
/// built for the same shapes; shared by every optimiser's `update`.
func validate<Scalar>(
  _ parameters: [Matrix<Scalar>], _ gradients: [Matrix<Scalar>], state: [Matrix<Scalar>], optimizer: String
) throws(OptimizerError) {
  guard parameters.count == gradients.count else {
    throw .gradientCountMismatch(optimizer: optimizer, parameters: parameters.count, gradients: gradients.count)
  }
  for (index, (p, g)) in zip(parameters, gradients).enumerated() where p.rows != g.rows || p.columns != g.columns {
    throw .gradientShapeMismatch(
      optimizer: optimizer, index: index, parameter: "\(p.rows)x\(p.columns)", gradient: "\(g.rows)x\(g.columns)")
  }
  guard state.isEmpty || shapeLabels(state) == shapeLabels(parameters) else {
    throw .stateMismatch(optimizer: optimizer, expected: shapeLabels(state), got: shapeLabels(parameters))
  }
}

/// Zero matrices of the same shapes as `parameters` (the initial state of a moment estimate).
func zerosLike<Scalar>(_ parameters: [Matrix<Scalar>], value: Scalar = 0) -> [Matrix<Scalar>] {
  parameters.map { Matrix(rows: $0.rows, columns: $0.columns, repeating: value) }
}

/// Checks one hyperparameter against its allowed range `lower ... upper` (with an open upper end when
/// `upperOpen`), throwing a message that names the optimiser, the parameter and the range.
func check<Scalar: BinaryFloatingPoint>(
  _ value: Scalar, _ name: String, in lower: Double, _ upper: Double, upperOpen: Bool = false, optimizer: String
) throws(OptimizerError) {
  let v = Double(value)
  let fits = v.isFinite && v >= lower && (upperOpen ? v < upper : v <= upper)
  if !fits {
    throw .invalidHyperparameter(
      optimizer: optimizer, name: name, value: v, allowed: "[\(lower), \(upper)\(upperOpen ? ")" : "]")")
  }
}
