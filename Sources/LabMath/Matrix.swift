import RealModule

/// A dense matrix of `rows x columns` values stored row-major in one array, with value semantics
/// (copy-on-write through the array).
///
/// A batch of B sequences of T steps with F features is a `Matrix` of T*B rows and F columns, time-major:
/// rows t*B ..< (t+1)*B hold the B x F matrix `x_t` (the lessons' notation), so the input projection of all
/// time steps is a single `gemm` and one time step is a block of rows (`rows:` arguments of `gemm`).
public struct Matrix<Scalar: LabScalar>: Equatable, Sendable, CustomStringConvertible {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The values, row by row: element (r, c) is `scalars[r * columns + c]`.
  public var scalars: [Scalar]

  /// A `rows x columns` matrix with every element equal to `value` (zeros by default).
  @inlinable
  public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)x\(columns)")
    self.rows = rows
    self.columns = columns
    self.scalars = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over the given row-major values; `scalars.count` must be `rows * columns`.
  @inlinable
  public init(rows: Int, columns: Int, scalars: [Scalar]) {
    precondition(
      rows >= 0 && columns >= 0 && scalars.count == rows * columns,
      "Matrix: \(scalars.count) values cannot fill \(rows)x\(columns)")
    self.rows = rows
    self.columns = columns
    self.scalars = scalars
  }

  /// A matrix whose element (r, c) is `element(r, c)`.
  @inlinable
  public init(rows: Int, columns: Int, _ element: (_ row: Int, _ column: Int) throws -> Scalar) rethrows {
    var scalars: [Scalar] = []
    scalars.reserveCapacity(rows * columns)
    for r in 0..<rows { for c in 0..<columns { scalars.append(try element(r, c)) } }
    self.init(rows: rows, columns: columns, scalars: scalars)
  }

  /// A matrix from nested rows (all rows must have the same length), handy in tests: `Matrix([[1, 2], [3, 4]])`.
  public init(_ nested: [[Scalar]]) {
    let columns = nested.first?.count ?? 0
    precondition(nested.allSatisfy { $0.count == columns }, "Matrix: rows of different lengths")
    self.init(rows: nested.count, columns: columns, scalars: nested.flatMap { $0 })
  }

  /// Number of elements, `rows * columns`.
  @inlinable public var count: Int { rows * columns }

  /// Element (row, column).
  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    get { scalars[row * columns + column] }
    set { scalars[row * columns + column] = newValue }
  }

  /// A copy of rows `range` (whole rows), e.g. time step t of a time-major batch: `rows(t*B ..< (t+1)*B)`.
  public func rows(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix.rows: \(range) outside 0..<\(rows)")
    return Matrix(rows: range.count, columns: columns, scalars: Array(scalars[range.lowerBound * columns..<range.upperBound * columns]))
  }

  /// Overwrites the rows starting at `start` with the rows of `block` (same column count).
  public mutating func setRows(startingAt start: Int, to block: Matrix) {
    precondition(block.columns == columns && start >= 0 && start + block.rows <= rows, "Matrix.setRows: shape mismatch")
    scalars.replaceSubrange(start * columns..<(start + block.rows) * columns, with: block.scalars)
  }

  /// The same values converted to another precision (for example Float weights to Double for a gradient check).
  public func converted<Other: LabScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
    Matrix<Other>(rows: rows, columns: columns, scalars: scalars.map { Other($0) })
  }

  public var description: String {
    let body = (0..<rows).map { r in (0..<columns).map { "\(self[r, $0])" }.joined(separator: " ") }
    return "Matrix<\(Scalar.self)> \(rows)x\(columns)\n" + body.joined(separator: "\n")
  }
}

// MARK: - Pointwise operations and reductions (plain Swift; the training step's fused loops live in the kernels)

extension Matrix {
  /// Applies `transform` to every element.
  @inlinable
  public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
    Matrix(rows: rows, columns: columns, scalars: try scalars.map(transform))
  }

  /// Combines two matrices of the same shape element by element.
  @inlinable
  public func zipMap(_ other: Matrix, _ combine: (Scalar, Scalar) throws -> Scalar) rethrows -> Matrix {
    precondition(rows == other.rows && columns == other.columns, "Matrix: shapes \(rows)x\(columns) and \(other.rows)x\(other.columns) differ")
    var result = self
    for i in 0..<scalars.count { result.scalars[i] = try combine(scalars[i], other.scalars[i]) }
    return result
  }

  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.zipMap(rhs, +) }
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.zipMap(rhs, -) }
  /// Element-wise (Hadamard) product, written `*` in the lesson text's gate equations.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.zipMap(rhs, *) }
  public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
  public static func += (lhs: inout Matrix, rhs: Matrix) { lhs = lhs + rhs }
  public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs = lhs - rhs }

  /// Adds the 1 x columns row vector `bias` to every row: `x + b` broadcast over the batch.
  public func addingRowVector(_ bias: Matrix) -> Matrix {
    precondition(bias.count == columns, "addingRowVector: bias has \(bias.count) values, expected \(columns)")
    return Matrix(rows: rows, columns: columns) { r, c in self[r, c] + bias.scalars[c] }
  }

  /// The 1 x columns sum over rows (the gradient of a broadcast bias).
  public func sumOfRows() -> Matrix {
    var result = Matrix(rows: 1, columns: columns)
    for r in 0..<rows { for c in 0..<columns { result.scalars[c] += self[r, c] } }
    return result
  }

  /// Sum of all elements.
  public func sum() -> Scalar { scalars.reduce(0, +) }
  /// Sum of squares of all elements, |A|_F^2.
  public func squaredNorm() -> Scalar { scalars.reduce(0) { $0 + $1 * $1 } }
  /// Frobenius norm |A|_F = sqrt(sum a_ij^2).
  public func norm() -> Scalar { squaredNorm().squareRoot() }
  /// Largest absolute value, max |a_ij| (0 for an empty matrix).
  public func maxAbs() -> Scalar { scalars.reduce(0) { Swift.max($0, Swift.abs($1)) } }
  /// Whether every element is finite (no NaN, no infinity).
  public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }

  /// Element-wise logistic sigmoid, 1 / (1 + exp(-x)), computed without overflow for large |x|.
  public func sigmoid() -> Matrix { map { x in LabMath.sigmoid(x) } }
  /// Element-wise hyperbolic tangent.
  public func tanh() -> Matrix { map { Scalar.tanh($0) } }
}

/// The logistic sigmoid 1 / (1 + exp(-x)), written so that exp never overflows.
@inlinable
public func sigmoid<Scalar: LabScalar>(_ x: Scalar) -> Scalar {
  if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
  let e = Scalar.exp(x)
  return e / (1 + e)
}
