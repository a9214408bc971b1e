/// What went wrong when building, compiling or fitting a model: what, where, and how to fix it.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  /// `Sequential { }` was given no layer.
  case noLayers
  /// The layer stack cannot be built (which layer, why, how to fix).
  case invalidArchitecture(layer: Int, problem: String, fix: String)
  /// `fit`, `evaluate` or `trainStep` was called before `compile`.
  case notCompiled(call: String)
  /// A parameter of a call is out of range.
  case invalidArgument(call: String, argument: String, value: String, expected: String)
  /// The inputs are empty or their labels do not match them.
  case invalidData(call: String, problem: String, fix: String)

  public var description: String {
    switch self {
    case .noLayers:
      return "Sequential: no layers. Add at least a recurrent layer and a Dense output, e.g. "
        + "Sequential { Layers.LSTM(units: 64); Layers.Dense(units: 2, activation: .softmax) }."
    case .invalidArchitecture(let layer, let problem, let fix):
      return "Sequential, layer \(layer): \(problem). \(fix)"
    case .notCompiled(let call):
      return "\(call): the model has no loss and optimiser yet. Call model.compile(loss: .categoricalCrossEntropy, "
        + "optimizer: Adam()) first."
    case .invalidArgument(let call, let argument, let value, let expected):
      return "\(call): \(argument) = \(value), expected \(expected)."
    case .invalidData(let call, let problem, let fix):
      return "\(call): \(problem). \(fix)"
    }
  }
}
