import Foundation

/// Why a least-squares problem has no unique solution.
public enum LeastSquaresError: Error, CustomStringConvertible, Equatable {
  /// Fewer rows than unknowns, or columns that are (numerically) linear combinations of each other.
  case underdetermined(rows: Int, columns: Int)
  /// Rows of different lengths, or a target or weight count that differs from the row count.
  case shape(String)

  public var description: String {
    switch self {
    case .underdetermined(let rows, let columns):
      "least squares: \(rows) rows cannot determine \(columns) coefficients (too few rows, or columns that depend on "
        + "each other): measure more cells that differ in every column"
    case .shape(let what): "least squares: \(what)"
    }
  }
}

/// The coefficients β that minimise sum_i w_i (y_i - sum_j X_ij β_j)^2 (all w_i = 1 when `weights` is nil).
///
/// Solved by Householder QR of sqrt(W) X rather than by the normal equations X^T W X β = X^T W y, so that columns of
/// very different sizes (1, T, T B) lose no digits to squaring the condition number. Throws when the columns do not
/// determine β (a diagonal element of R below 1e-12 of the largest).
public func leastSquares(rows: [[Double]], targets: [Double], weights: [Double]? = nil) throws -> [Double] {
  guard let p = rows.first?.count, p > 0 else { throw LeastSquaresError.underdetermined(rows: rows.count, columns: 0) }
  let n = rows.count
  guard rows.allSatisfy({ $0.count == p }) else { throw LeastSquaresError.shape("rows of different lengths") }
  guard targets.count == n else { throw LeastSquaresError.shape("\(targets.count) targets for \(n) rows") }
  if let weights, weights.count != n { throw LeastSquaresError.shape("\(weights.count) weights for \(n) rows") }
  guard n >= p else { throw LeastSquaresError.underdetermined(rows: n, columns: p) }
  let root = (weights ?? [Double](repeating: 1, count: n)).map { $0.squareRoot() }
  var a = zip(rows, root).map { row, r in row.map { $0 * r } }  // n x p, overwritten by R
  var b = zip(targets, root).map { $0 * $1 }
  var diagonal = [Double](repeating: 0, count: p)
  for k in 0..<p {
    let norm = (k..<n).map { a[$0][k] * a[$0][k] }.reduce(0, +).squareRoot()
    let alpha = a[k][k] > 0 ? -norm : norm
    var v = (k..<n).map { a[$0][k] }
    v[0] -= alpha
    let vv = v.map { $0 * $0 }.reduce(0, +)
    diagonal[k] = alpha
    guard vv > 0 else { continue }
    // Reflect the remaining columns and the target: x -= 2 v (v.x) / (v.v).
    for j in (k + 1)..<(p + 1) {
      let dot = (k..<n).map { v[$0 - k] * (j < p ? a[$0][j] : b[$0]) }.reduce(0, +)
      let factor = 2 * dot / vv
      for i in k..<n {
        if j < p { a[i][j] -= factor * v[i - k] } else { b[i] -= factor * v[i - k] }
      }
    }
  }
  let largest = diagonal.map(abs).max() ?? 0
  guard largest > 0, diagonal.allSatisfy({ abs($0) > 1e-12 * largest }) else {
    throw LeastSquaresError.underdetermined(rows: n, columns: p)
  }
  var beta = [Double](repeating: 0, count: p)
  for k in stride(from: p - 1, through: 0, by: -1) {
    let known = ((k + 1)..<p).map { a[k][$0] * beta[$0] }.reduce(0, +)
    beta[k] = (b[k] - known) / diagonal[k]
  }
  return beta
}
