import LabMath

/// The spectral radius rho(A) = max |lambda_i(A)| of a square matrix (the largest modulus of its eigenvalues,
/// complex ones included), computed from Gelfand's formula rho(A) = lim_{n -> inf} |A^n|^(1/n) with n = 2^squarings:
/// A is squared repeatedly and renormalised (Frobenius norm), accumulating log|A^n| so nothing overflows.
///
/// For n = 2^40 the factor |A^n|^(1/n) / rho(A) is 1 to well below 1e-9 for any matrix met here (it is C^(1/n) for
/// a constant C set by the eigenvector conditioning and Jordan blocks). Used to scale a recurrent kernel U so that
/// rho(U) takes a chosen value (Pascanu et al. 2013 relate gradient decay to it). Returns 0 for a nilpotent matrix.
public func spectralRadius<Scalar: LabScalar>(of matrix: Matrix<Scalar>, squarings: Int = 40) -> Double {
  precondition(matrix.rows == matrix.columns, "spectralRadius: the matrix must be square, not \(matrix.rows)x\(matrix.columns)")
  var m = matrix.converted(to: Double.self)
  let first = m.norm()
  if first == 0 || !first.isFinite { return first == 0 ? 0 : .infinity }
  m = (1 / first) * m
  var logNorm = Double.log(first)  // log |A^(2^k)| after k squarings
  for _ in 0..<squarings {
    m = matmul(m, m)
    let norm = m.norm()
    if norm == 0 { return 0 }
    m = (1 / norm) * m
    logNorm = 2 * logNorm + Double.log(norm)
  }
  return Double.exp(logNorm / Double.pow(2, Double(squarings)))
}
