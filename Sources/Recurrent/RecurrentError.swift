import LabMath

/// What went wrong when a recurrent layer, a dense layer or a loss was handed data of the wrong shape: each case says
/// what was expected, what arrived, where (the layer or argument) and how to fix it.
public enum RecurrentError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The input's column count is not the layer's feature count.
  case featureCountMismatch(layer: String, expected: Int, actual: Int)
  /// No sequences or no time steps (rows == 0 or steps <= 0).
  case emptyBatch(layer: String, rows: Int, steps: Int)
  /// A time-major batch has T*B rows; `rows` is not a multiple of `steps`.
  case rowsNotMultipleOfSteps(layer: String, rows: Int, steps: Int)
  /// An initial state (h0, c0) or a gradient does not have the expected shape.
  case shapeMismatch(layer: String, argument: String, expectedRows: Int, expectedColumns: Int, actualRows: Int, actualColumns: Int)
  /// A parameter tensor handed to an initialiser has the wrong shape.
  case parameterShapeMismatch(layer: String, parameter: String, expectedRows: Int, expectedColumns: Int, actualRows: Int, actualColumns: Int)
  /// The number of labels differs from the number of rows of logits.
  case labelCountMismatch(labels: Int, rows: Int)
  /// A label is not a class index in 0 ..< classCount.
  case labelOutOfRange(label: Int, index: Int, classCount: Int)
  /// A truncation window or checkpoint interval that is not a positive number of steps.
  case invalidInterval(name: String, value: Int)

  public var description: String {
    switch self {
    case let .featureCountMismatch(layer, expected, actual):
      return "\(layer): the input has \(actual) feature column(s) but the layer was built for \(expected) "
        + "(inputSize). Build the layer with inputSize: \(actual), or pass a T*B x \(expected) time-major batch."
    case let .emptyBatch(layer, rows, steps):
      return "\(layer): empty batch (\(rows) rows, \(steps) steps). Pass at least one sequence of at least one step: "
        + "a time-major matrix of T*B rows (T >= 1, B >= 1) with steps: T."
    case let .rowsNotMultipleOfSteps(layer, rows, steps):
      return "\(layer): the input has \(rows) rows, which is not T*B for steps T = \(steps). A time-major batch of B "
        + "sequences stacks the B x F matrix x_t of every step t, so rows must be a multiple of steps; check steps."
    case let .shapeMismatch(layer, argument, er, ec, ar, ac):
      return "\(layer): \(argument) is \(ar)x\(ac) but must be \(er)x\(ec) for this batch. Give one row per sequence "
        + "(B rows) for states, and T*B rows for per-step gradients, with the layer's column count."
    case let .parameterShapeMismatch(layer, parameter, er, ec, ar, ac):
      return "\(layer): parameter \(parameter) is \(ar)x\(ac) but must be \(er)x\(ec). Check the layer sizes or the "
        + "order of gate blocks (i, f, g, o)."
    case let .labelCountMismatch(labels, rows):
      return "softmaxCrossEntropy: \(labels) label(s) for \(rows) row(s) of logits. Pass exactly one label (or one "
        + "target row) per sequence of the batch."
    case let .labelOutOfRange(label, index, classCount):
      return "softmaxCrossEntropy: label \(label) at position \(index) is not a class index in 0..<\(classCount). "
        + "Give the output layer \(max(classCount, label + 1)) outputs or remap the labels to 0..<\(classCount)."
    case let .invalidInterval(name, value):
      return "\(name) is \(value) but must be a positive number of time steps (1 or more)."
    }
  }
}

/// Checks a time-major batch (T*B x F) against a layer and returns its batch size B.
func validatedBatchSize<Scalar>(
  _ x: Matrix<Scalar>, steps: Int, inputSize: Int, layer: String
) throws(RecurrentError) -> Int {
  guard steps > 0, x.rows > 0 else { throw .emptyBatch(layer: layer, rows: x.rows, steps: steps) }
  guard x.columns == inputSize else {
    throw .featureCountMismatch(layer: layer, expected: inputSize, actual: x.columns)
  }
  guard x.rows % steps == 0 else { throw .rowsNotMultipleOfSteps(layer: layer, rows: x.rows, steps: steps) }
  return x.rows / steps
}

/// Checks that an optional matrix argument has the given shape.
func validateShape<Scalar>(
  _ m: Matrix<Scalar>?, rows: Int, columns: Int, layer: String, argument: String
) throws(RecurrentError) {
  guard let m else { return }
  guard m.rows == rows, m.columns == columns else {
    throw .shapeMismatch(
      layer: layer, argument: argument, expectedRows: rows, expectedColumns: columns, actualRows: m.rows,
      actualColumns: m.columns)
  }
}

/// Checks a parameter tensor's shape.
func validateParameter<Scalar>(
  _ m: Matrix<Scalar>, rows: Int, columns: Int, layer: String, parameter: String
) throws(RecurrentError) {
  guard m.rows == rows, m.columns == columns else {
    throw .parameterShapeMismatch(
      layer: layer, parameter: parameter, expectedRows: rows, expectedColumns: columns, actualRows: m.rows,
      actualColumns: m.columns)
  }
}
