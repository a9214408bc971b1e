import LabKernels
import RealModule

// The one Swift file that touches raw pointers: it binds LabScalar's kernel requirements to the C kernels in
// LabKernels (gemm.c) and offers them on Matrix storage. Everything above this file is safe Swift.

extension Float: LabScalar {
  @inlinable
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    lab_gemm_f32(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }

  @inlinable
  public static func gemmReference(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    lab_gemm_reference_f32(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }
}

extension Double: LabScalar {
  @inlinable
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    lab_gemm_f64(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }

  @inlinable
  public static func gemmReference(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    lab_gemm_reference_f64(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }
}

/// Which product kernel `gemm` uses: the fast one (default) or the plain reference loop (for tests).
public enum GEMMKernel: Sendable { case fast, reference }

/// C[cRows] = alpha * op(A[aRows]) * op(B[bRows]) + beta * C[cRows].
///
/// Each operand is a block of whole, consecutive rows of a matrix (the full matrix when the range is nil), so a
/// time-major sequence batch (T*B rows) can be used one time step (B rows) at a time or all at once without copies.
/// `op(X)` is X or its transpose. Shapes are checked with a precondition naming the mismatch.
public func gemm<Scalar: LabScalar>(
  _ a: Matrix<Scalar>, rows aRows: Range<Int>? = nil, transposed transA: Bool = false,
  times b: Matrix<Scalar>, rows bRows: Range<Int>? = nil, transposed transB: Bool = false,
  into c: inout Matrix<Scalar>, rows cRows: Range<Int>? = nil,
  alpha: Scalar = 1, beta: Scalar = 0, kernel: GEMMKernel = .fast
) {
  let ar = aRows ?? 0..<a.rows, br = bRows ?? 0..<b.rows, cr = cRows ?? 0..<c.rows
  precondition(ar.lowerBound >= 0 && ar.upperBound <= a.rows, "gemm: rows \(ar) outside A's \(a.rows) rows")
  precondition(br.lowerBound >= 0 && br.upperBound <= b.rows, "gemm: rows \(br) outside B's \(b.rows) rows")
  precondition(cr.lowerBound >= 0 && cr.upperBound <= c.rows, "gemm: rows \(cr) outside C's \(c.rows) rows")
  let (m, k) = transA ? (a.columns, ar.count) : (ar.count, a.columns)
  let (kb, n) = transB ? (b.columns, br.count) : (br.count, b.columns)
  precondition(k == kb, "gemm: inner dimensions differ: op(A) is \(m)x\(k), op(B) is \(kb)x\(n)")
  precondition(cr.count == m && c.columns == n, "gemm: C is \(cr.count)x\(c.columns), expected \(m)x\(n)")
  if m == 0 || n == 0 { return }
  if k == 0 {  // an empty sum: C = beta * C
    for index in cr.lowerBound * n..<cr.upperBound * n { c.scalars[index] = beta == 0 ? 0 : beta * c.scalars[index] }
    return
  }
  let (lda, ldb, ldc) = (a.columns, b.columns, c.columns)
  a.scalars.withUnsafeBufferPointer { pa in
    b.scalars.withUnsafeBufferPointer { pb in
      c.scalars.withUnsafeMutableBufferPointer { pc in
        let aBase = pa.baseAddress! + ar.lowerBound * lda
        let bBase = pb.baseAddress! + br.lowerBound * ldb
        let cBase = pc.baseAddress! + cr.lowerBound * ldc
        switch kernel {
        case .fast:
          Scalar.gemm(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: aBase, lda: lda, b: bBase,
            ldb: ldb, beta: beta, c: cBase, ldc: ldc)
        case .reference:
          Scalar.gemmReference(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: aBase, lda: lda, b: bBase,
            ldb: ldb, beta: beta, c: cBase, ldc: ldc)
        }
      }
    }
  }
}

/// op(A) * op(B) as a new matrix.
public func matmul<Scalar: LabScalar>(
  _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, transposeA: Bool = false, transposeB: Bool = false
) -> Matrix<Scalar> {
  var c = Matrix<Scalar>(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
  gemm(a, transposed: transposeA, times: b, transposed: transposeB, into: &c)
  return c
}
