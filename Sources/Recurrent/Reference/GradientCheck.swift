import LabMath

/// The result of `gradientCheck(cell:)`: for every tensor the gradient flows into (each parameter, the input x and
/// each initial state), the largest disagreement between the cell's backward pass and central finite differences.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
  /// One tensor's verdict.
  public struct Tensor: Sendable {
    /// "W", "U", "b", ..., "x", "h0", "c0".
    public var name: String
    public var rows: Int
    public var columns: Int
    /// The largest error over the tensor's entries, |backward - numeric| / max(|backward|, |numeric|, floor).
    public var maxRelativeError: Double
    /// The entry (row-major index) where it occurs, and the two values there.
    public var worstIndex: Int
    public var backward: Double
    public var numeric: Double
    /// maxRelativeError <= the report's tolerance.
    public var passed: Bool
  }

  /// The cell's type name.
  public var cell: String
  public var tensors: [Tensor]
  public var tolerance: Double

  /// Whether every tensor passed.
  public var passed: Bool { tensors.allSatisfy(\.passed) }
  /// The names of the tensors that failed (empty when the backward pass is right).
  public var failedTensors: [String] { tensors.filter { !$0.passed }.map(\.name) }

  public var description: String {
    let lines = tensors.map { t in
      "  \(t.name) (\(t.rows)x\(t.columns)): max relative error \(t.maxRelativeError) at entry \(t.worstIndex) "
        + "(backward \(t.backward), finite difference \(t.numeric)): \(t.passed ? "pass" : "FAIL")"
    }
    return (["\(cell): \(passed ? "pass" : "FAIL") (tolerance \(tolerance))"] + lines).joined(separator: "\n")
  }
}

/// Checks a reference cell's backward pass against finite differences, tensor by tensor, in Double.
///
/// The cell runs `steps` steps over a batch of `batchSize` random sequences from a random initial state (drawn from
/// `seed`), and the loss is a fixed random weighting of every output, L = sum_t sum R_t * h_t, so that dL/dh_t = R_t
/// reaches every step. For every entry theta of every tensor (the parameters, x, each initial state) the derivative
/// is the five-point central difference
///
///     dL/dtheta ~ (L(theta - 2e) - 8 L(theta - e) + 8 L(theta + e) - L(theta + 2e)) / (12 e),   e = 1e-4,
///
/// (error about 1e-11 here) and is compared with the backward pass's value by
/// |backward - numeric| / max(|backward|, |numeric|, 1e-4). A correct backward pass scores about 1e-8 or less; a
/// wrong term scores far above `tolerance`, in the tensors it reaches. A cell whose matrices have the wrong shapes
/// throws `ReferenceCellError` naming the matrix.
public func gradientCheck<Cell: ReferenceCell>(
  cell: Cell, steps: Int = 4, batchSize: Int = 3, seed: UInt64 = 1, tolerance: Double = 1e-6
) throws -> GradientCheckReport where Cell.Scalar == Double {
  guard steps > 0 else { throw RecurrentError.invalidInterval(name: "gradientCheck: steps", value: steps) }
  guard batchSize > 0 else { throw RecurrentError.emptyBatch(layer: "gradientCheck", rows: batchSize, steps: steps) }
  var rng = SeededGenerator(seed: seed)
  let (B, H) = (batchSize, cell.hiddenSize)
  let x: Matrix<Double> = rng.uniformMatrix(rows: steps * B, columns: cell.inputSize, -1, 1)
  let state0: [Matrix<Double>] = Cell.stateNames.map { _ in rng.uniformMatrix(rows: B, columns: H, -0.5, 0.5) }
  let R: Matrix<Double> = rng.uniformMatrix(rows: steps * B, columns: H, -1, 1)
  try cell.validateShapes(x: x.rows(0..<B), state: state0)

  func loss(_ cell: Cell, _ x: Matrix<Double>, _ state0: [Matrix<Double>]) throws -> Double {
    (try cell.forward(x, steps: steps, initialState: state0).hidden * R).sum()
  }
  let gradients = cell.backward(try cell.forward(x, steps: steps, initialState: state0), hiddenGradient: R)

  // Each tensor: its name, its backward gradient, and the loss with its entry `index` moved by `delta`.
  var tensors: [(String, Matrix<Double>, (Int, Double) throws -> Double)] = []
  for (k, name) in Cell.parameterNames.enumerated() {
    tensors.append((name, gradients.parameters.parameters[k], { index, delta in
      var moved = cell
      moved.parameters[k].scalars[index] += delta
      return try loss(moved, x, state0)
    }))
  }
  tensors.append(("x", gradients.dX, { index, delta in
    var moved = x
    moved.scalars[index] += delta
    return try loss(cell, moved, state0)
  }))
  for (k, name) in Cell.stateNames.enumerated() {
    tensors.append(("\(name)0", gradients.initialState[k], { index, delta in
      var moved = state0
      moved[k].scalars[index] += delta
      return try loss(cell, x, moved)
    }))
  }

  let e = 1e-4, floor = 1e-4
  var report = GradientCheckReport(cell: "\(Cell.self)", tensors: [], tolerance: tolerance)
  for (name, analytic, movedLoss) in tensors {
    var verdict = GradientCheckReport.Tensor(
      name: name, rows: analytic.rows, columns: analytic.columns, maxRelativeError: 0, worstIndex: 0, backward: 0,
      numeric: 0, passed: true)
    for index in 0..<analytic.count {
      let numeric =
        (try movedLoss(index, -2 * e) - 8 * movedLoss(index, -e) + 8 * movedLoss(index, e) - movedLoss(index, 2 * e))
        / (12 * e)
      let exact = analytic.scalars[index]
      let error = abs(exact - numeric) / max(abs(exact), abs(numeric), floor)
      if error > verdict.maxRelativeError || !error.isFinite || index == 0 {
        (verdict.maxRelativeError, verdict.worstIndex, verdict.backward, verdict.numeric) = (error, index, exact, numeric)
      }
      if !error.isFinite { break }
    }
    verdict.passed = verdict.maxRelativeError <= tolerance
    report.tensors.append(verdict)
  }
  return report
}
