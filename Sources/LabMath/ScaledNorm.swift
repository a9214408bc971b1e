/// The Euclidean norm `sqrt(sum x_i^2)` computed without underflow or overflow, the way LAPACK's `nrm2` and C's
/// `hypot` do: divide by the largest magnitude `s = max |x_i|` first, so every squared term is at most 1,
///
/// ```
/// |x| = s * sqrt(sum (x_i / s)^2)
/// ```
///
/// Squaring directly loses the answer when the values are tiny or huge: in Float, (1e-30)^2 = 1e-60 underflows to 0
/// and (1e30)^2 = 1e60 overflows to infinity, although the norm of four such values is 2e-30 or 2e30, both
/// representable. Vanishing gradients reach 1e-30 after a few dozen steps, so gradient-norm profiles need this form.
/// Returns 0 for no values or all zeros, infinity if a value is infinite, and NaN if a value is NaN.
public func scaledNorm<Values: Collection>(_ values: Values) -> Values.Element where Values.Element: LabScalar {
  var scale: Values.Element = 0
  for x in values {
    if x.isNaN { return .nan }
    scale = Swift.max(scale, Swift.abs(x))
  }
  guard scale > 0 else { return 0 }
  guard scale.isFinite else { return .infinity }
  var sum: Values.Element = 0
  for x in values {
    let r = x / scale
    sum += r * r
  }
  return scale * sum.squareRoot()
}

extension Matrix {
  /// |A|_F computed as `scaledNorm(scalars)`: no underflow for entries near the smallest normal value, no overflow
  /// near the largest (`norm()` squares directly and is the faster choice for values of ordinary size).
  public func scaledNorm() -> Scalar { LabMath.scaledNorm(scalars) }

  /// The Frobenius norm of each consecutive block of `rowsPerBlock` rows, without underflow or overflow
  /// (`scaledNorm` of each block). For a time-major T*B x H matrix and `rowsPerBlock` = B this is |block_t|_F for
  /// t = 1 ... T. Traps unless `rowsPerBlock` > 0 divides `rows`.
  public func blockNorms(rowsPerBlock: Int) -> [Scalar] {
    precondition(
      rowsPerBlock > 0 && rows % rowsPerBlock == 0, "blockNorms: \(rows) rows are not whole blocks of \(rowsPerBlock)")
    let width = rowsPerBlock * columns
    return (0..<rows / rowsPerBlock).map { t in LabMath.scaledNorm(scalars[t * width..<(t + 1) * width]) }
  }
}
