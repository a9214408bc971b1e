import LabMath

/// A reference cell whose matrices do not fit together, found by `gradientCheck(cell:)` before it checks any
/// number: a student's cell with a wrong shape or a missing matrix gets a message naming the matrix instead of a crash
/// deep in the time loop.
public enum ReferenceCellError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A list of matrices (parameters, state, state gradients) has the wrong length.
  case wrongCount(cell: String, what: String, expected: Int, actual: Int)
  /// A matrix has the wrong shape.
  case wrongShape(cell: String, what: String, expectedRows: Int, expectedColumns: Int, actualRows: Int, actualColumns: Int)

  public var description: String {
    switch self {
    case let .wrongCount(cell, what, expected, actual):
      return "\(cell): \(what) has \(actual) matrices but must have \(expected), one per name in parameterNames or "
        + "stateNames (in that order)."
    case let .wrongShape(cell, what, er, ec, ar, ac):
      return "\(cell): \(what) is \(ar)x\(ac) but must be \(er)x\(ec). A gradient has the shape of what it is the "
        + "gradient of: check the transposes of its matmul, or whether a bias gradient sums over the batch's rows."
    }
  }
}

extension ReferenceCell {
  /// Runs one step forward and back on a batch (x: B x F, state: one B x H matrix per state name) and checks the shape
  /// of everything the cell returns.
  func validateShapes(x: Matrix<Scalar>, state: [Matrix<Scalar>]) throws(ReferenceCellError) {
    let cell = "\(Self.self)"
    func check(_ what: String, _ m: Matrix<Scalar>, _ rows: Int, _ columns: Int) throws(ReferenceCellError) {
      guard m.rows == rows, m.columns == columns else {
        throw .wrongShape(cell: cell, what: what, expectedRows: rows, expectedColumns: columns, actualRows: m.rows, actualColumns: m.columns)
      }
    }
    func count(_ what: String, _ list: [Matrix<Scalar>], _ expected: Int) throws(ReferenceCellError) {
      guard list.count == expected else { throw .wrongCount(cell: cell, what: what, expected: expected, actual: list.count) }
    }
    let (B, H) = (x.rows, hiddenSize)
    try count("parameters", parameters, Self.parameterNames.count)
    let (next, step) = forward(x, state: state)
    try count("the state forward returns", next, Self.stateNames.count)
    for (name, m) in zip(Self.stateNames, next) { try check("the new \(name) forward returns", m, B, H) }
    var gradients = zeroGradients
    let (dx, dPrevious) = backward(step, stateGradient: next, gradients: &gradients)
    try count("the parameter gradients backward sums", gradients.parameters, Self.parameterNames.count)
    for (name, (g, p)) in zip(Self.parameterNames, zip(gradients.parameters, parameters)) {
      try check("the gradient of \(name)", g, p.rows, p.columns)
    }
    try check("the input gradient dx backward returns", dx, B, inputSize)
    try count("the state gradient backward returns", dPrevious, Self.stateNames.count)
    for (name, m) in zip(Self.stateNames, dPrevious) { try check("the gradient of the previous \(name)", m, B, H) }
  }
}
