import LabMath

/// How a recurrent layer's weights are drawn: W (F x gH), U (H x gH) and b (1 x gH) with g = 4 gates for the LSTM
/// (blocks i, f, g, o) and g = 1 for the tanh RNN. Draws come from the generator in the order W, U, b.
///
/// - `.keras` (the default, Keras's `LSTM`/`SimpleRNN`): W glorot-uniform, U(-l, l) with l = sqrt(6 / (F + gH));
///   U orthogonal: an H x gH matrix with orthonormal rows, U U^T = I_H, made as Keras does by orthonormalising the
///   columns of a gH x H standard normal matrix (Gram-Schmidt, i.e. the Q of its QR with diag(R) > 0) and
///   transposing; b = 0 with the LSTM's forget-gate block set to 1 (`unit_forget_bias=True`).
/// - `.pytorch` (PyTorch's `nn.LSTM`/`nn.RNN`): every entry of W and U uniform in +-1/sqrt(H); PyTorch's two biases
///   b_ih and b_hh are each uniform in +-1/sqrt(H) and b is their sum (so b lies in +-2/sqrt(H), triangular).
///
/// Options on top of either scheme: `forgetBias` overwrites the LSTM's forget-gate bias block (ignored by the RNN);
/// `spectralRadius` rescales U after drawing so that its spectral radius rho (largest |eigenvalue|) is the given
/// value: the whole H x H matrix for the RNN, each H x H gate block U_i, U_f, U_g, U_o for the LSTM.
public struct RecurrentInitializer: Sendable, Equatable, CustomStringConvertible {
  /// The library whose defaults are copied.
  public enum Scheme: String, Sendable, Equatable, CaseIterable { case keras, pytorch }

  public var scheme: Scheme
  /// The LSTM's forget-gate bias, or nil for the scheme's own (1 for Keras, random for PyTorch).
  public var forgetBias: Double?
  /// The spectral radius to rescale U to, or nil to keep U as drawn.
  public var spectralRadius: Double?

  public init(scheme: Scheme = .keras, forgetBias: Double? = nil, spectralRadius: Double? = nil) {
    self.scheme = scheme
    self.forgetBias = forgetBias
    self.spectralRadius = spectralRadius
  }

  /// Keras's defaults: glorot-uniform W, orthogonal U, zero bias with forget-gate bias 1.
  public static var keras: RecurrentInitializer { RecurrentInitializer(scheme: .keras) }
  /// PyTorch's defaults: everything uniform in +-1/sqrt(H), b = b_ih + b_hh.
  public static var pytorch: RecurrentInitializer { RecurrentInitializer(scheme: .pytorch) }

  /// The same initialiser with the LSTM's forget-gate bias set to `value` (lessons compare 0 and 1).
  public func withForgetBias(_ value: Double) -> RecurrentInitializer {
    var copy = self
    copy.forgetBias = value
    return copy
  }

  /// The same initialiser with U rescaled to spectral radius `value` (lessons use 0.5, 0.95, 1.5).
  public func withSpectralRadius(_ value: Double) -> RecurrentInitializer {
    var copy = self
    copy.spectralRadius = value
    return copy
  }

  public var description: String {
    var text = scheme.rawValue
    if let forgetBias { text += ", forget bias \(forgetBias)" }
    if let spectralRadius { text += ", spectral radius \(spectralRadius)" }
    return text
  }

  /// Draws (W, U, b) for a layer with `gates` gate blocks of `hiddenSize` units over `inputSize` features.
  func parameters<Scalar: LabScalar>(
    inputSize: Int, hiddenSize: Int, gates: Int, using rng: inout SeededGenerator
  ) -> (W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) {
    let width = gates * hiddenSize
    var W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>
    switch scheme {
    case .keras:
      W = glorotUniform(rows: inputSize, columns: width, using: &rng)
      U = orthogonal(rows: hiddenSize, columns: width, using: &rng)
      b = Matrix(rows: 1, columns: width)
      if gates == 4 { for j in hiddenSize..<2 * hiddenSize { b[0, j] = 1 } }
    case .pytorch:
      let k = Scalar(1 / Double(hiddenSize).squareRoot())
      W = rng.uniformMatrix(rows: inputSize, columns: width, -k, k)
      U = rng.uniformMatrix(rows: hiddenSize, columns: width, -k, k)
      let bih: Matrix<Scalar> = rng.uniformMatrix(rows: 1, columns: width, -k, k)
      let bhh: Matrix<Scalar> = rng.uniformMatrix(rows: 1, columns: width, -k, k)
      b = bih + bhh
    }
    if let forgetBias, gates == 4 { for j in hiddenSize..<2 * hiddenSize { b[0, j] = Scalar(forgetBias) } }
    if let spectralRadius { U = scaledGateBlocks(U, hiddenSize: hiddenSize, toSpectralRadius: spectralRadius) }
    return (W, U, b)
  }
}

/// Glorot (Xavier) uniform: entries uniform in +-sqrt(6 / (rows + columns)) (fan in = rows, fan out = columns),
/// Keras's default for kernels and Dense layers.
public func glorotUniform<Scalar: LabScalar>(rows: Int, columns: Int, using rng: inout SeededGenerator) -> Matrix<Scalar> {
  let limit = Scalar((6 / Double(rows + columns)).squareRoot())
  return rng.uniformMatrix(rows: rows, columns: columns, -limit, limit)
}

/// A random `rows x columns` matrix with orthonormal rows (rows <= columns) or orthonormal columns (rows >= columns),
/// as Keras's `Orthogonal` initialiser: the Q factor (with diag(R) > 0) of a max x min standard normal matrix,
/// transposed when rows < columns. Q comes from modified Gram-Schmidt, run twice per column for accuracy.
public func orthogonal<Scalar: LabScalar>(rows: Int, columns: Int, using rng: inout SeededGenerator) -> Matrix<Scalar> {
  let (tall, narrow) = (max(rows, columns), min(rows, columns))
  let normal: Matrix<Double> = rng.normalMatrix(rows: tall, columns: narrow)
  // q[j] is column j, of length `tall`.
  var q: [[Double]] = (0..<narrow).map { j in (0..<tall).map { normal[$0, j] } }
  for j in 0..<narrow {
    for _ in 0..<2 {
      for p in 0..<j {
        var dot = 0.0
        for i in 0..<tall { dot += q[p][i] * q[j][i] }
        for i in 0..<tall { q[j][i] -= dot * q[p][i] }
      }
    }
    let norm = q[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
    precondition(norm > 0, "orthogonal: a normal sample was rank deficient")
    for i in 0..<tall { q[j][i] /= norm }
  }
  // Gram-Schmidt gives R with a positive diagonal, matching Keras's q * sign(diag(r)).
  return Matrix(rows: rows, columns: columns) { r, c in Scalar(rows >= columns ? q[c][r] : q[r][c]) }
}

/// U with every H x H gate block (columns k*H ..< (k+1)*H) rescaled so that its spectral radius is `radius`.
func scaledGateBlocks<Scalar: LabScalar>(_ U: Matrix<Scalar>, hiddenSize: Int, toSpectralRadius radius: Double) -> Matrix<Scalar> {
  precondition(radius >= 0 && radius.isFinite, "spectral radius must be a finite non-negative number, not \(radius)")
  var result = U
  for block in 0..<U.columns / hiddenSize {
    let offset = block * hiddenSize
    let square = Matrix<Scalar>(rows: hiddenSize, columns: hiddenSize) { r, c in U[r, offset + c] }
    let rho = spectralRadius(of: square)
    precondition(rho > 0, "cannot rescale a recurrent kernel block whose spectral radius is 0")
    let factor = Scalar(radius / rho)
    for r in 0..<hiddenSize { for c in 0..<hiddenSize { result[r, offset + c] = factor * U[r, offset + c] } }
  }
  return result
}
