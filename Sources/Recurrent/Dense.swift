import LabMath

/// A fully connected layer, y = x W + b (x: B x H, W: H x C, b: 1 x C), the classifier head on h_T.
/// Initialised as Keras's `Dense`: glorot-uniform W, zero b.
public struct Dense<Scalar: LabScalar>: Sendable {
  /// Kernel W (inputSize x outputSize).
  public var W: Matrix<Scalar>
  /// Bias b (1 x outputSize).
  public var b: Matrix<Scalar>
  /// Columns of x.
  public let inputSize: Int
  /// Columns of y (classes for a classifier).
  public let outputSize: Int

  /// Glorot-uniform W (entries uniform in +-sqrt(6 / (inputSize + outputSize))) from `rng`, zero b.
  public init(inputSize: Int, outputSize: Int, using rng: inout SeededGenerator) {
    precondition(inputSize > 0 && outputSize > 0, "Dense: sizes must be positive, not \(inputSize), \(outputSize)")
    self.inputSize = inputSize
    self.outputSize = outputSize
    W = glorotUniform(rows: inputSize, columns: outputSize, using: &rng)
    b = Matrix(rows: 1, columns: outputSize)
  }

  /// A layer with the given weights (W: inputSize x outputSize, b: 1 x outputSize).
  public init(W: Matrix<Scalar>, b: Matrix<Scalar>) throws {
    try validateParameter(W, rows: max(W.rows, 1), columns: max(W.columns, 1), layer: "Dense", parameter: "W")
    try validateParameter(b, rows: 1, columns: W.columns, layer: "Dense", parameter: "b")
    (self.W, self.b, inputSize, outputSize) = (W, b, W.rows, W.columns)
  }

  /// [W, b]; the setter requires the same shapes.
  public var parameters: [Matrix<Scalar>] {
    get { [W, b] }
    set {
      precondition(
        newValue.count == 2 && newValue[0].rows == W.rows && newValue[0].columns == W.columns
          && newValue[1].count == b.count, "Dense.parameters: expected [W \(W.rows)x\(W.columns), b 1x\(b.count)]")
      (W, b) = (newValue[0], newValue[1])
    }
  }

  /// The number of trainable scalars, C(H + 1).
  public var parameterCount: Int { W.count + b.count }

  /// y = x W + b (B x C).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func forward(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    guard x.rows > 0 else { throw RecurrentError.emptyBatch(layer: "Dense.forward", rows: x.rows, steps: 1) }
    guard x.columns == inputSize else {
      throw RecurrentError.featureCountMismatch(layer: "Dense.forward", expected: inputSize, actual: x.columns)
    }
    var y = Matrix<Scalar>(rows: x.rows, columns: outputSize)
    gemm(x, times: W, into: &y)
    y.addRowVectorInPlace(b)
    return y
  }

  /// Given the input x and dL/dy: dW = x^T dy, db = column sums of dy, dX = dy W^T.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(
    x: Matrix<Scalar>, outputGradient dY: Matrix<Scalar>
  ) -> (dW: Matrix<Scalar>, db: Matrix<Scalar>, dX: Matrix<Scalar>) {
    precondition(
      x.columns == inputSize && dY.columns == outputSize && dY.rows == x.rows,
      "Dense.backward: x is \(x.rows)x\(x.columns) and dy \(dY.rows)x\(dY.columns), expected Bx\(inputSize) and Bx\(outputSize)")
    var dW = Matrix<Scalar>(rows: inputSize, columns: outputSize)
    var dX = Matrix<Scalar>(rows: x.rows, columns: inputSize)
    gemm(x, transposed: true, times: dY, into: &dW)
    gemm(dY, rows: nil, transposed: false, times: W, rows: nil, transposed: true, into: &dX)
    return (dW, dY.columnSums(), dX)
  }
}
