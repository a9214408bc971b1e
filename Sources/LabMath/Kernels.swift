import LabKernels

// The one LabMath file that touches raw pointers: it hands Matrix storage to the C kernels of LabKernels (gemm.c,
// pointwise.c, threads.c) for matrix products, column sums, row-vector broadcasts and transposes. The recurrent
// layers' and the optimisers' kernels are reached the same way from their own modules (RecurrentKernels.swift in
// Recurrent, OptimizerKernels.swift in Optimizers). Everything above these files is safe Swift.
//
// Every C kernel exists twice, for float (`_f32`) and double (`_f64`). Generic code picks one with
// `Scalar.self == Float.self` (decided at compile time once the code is specialised for Float or Double) and passes
// its typed storage and scalars on with `kernelPointer()` and `kernelScalar()`.

extension UnsafePointer {
  /// This pointer typed as the C kernel's argument, `const float *` or `const double *`: for generic code over a
  /// LabScalar that has already chosen the kernel of its own type. `T` must be `Pointee` itself.
  @inlinable
  package func kernelPointer<T>() -> UnsafePointer<T> {
    precondition(T.self == Pointee.self, "LSTMLab's C kernels exist for Float and Double, not \(Pointee.self)")
    return UnsafeRawPointer(self).assumingMemoryBound(to: T.self)
  }
}

extension LabScalar {
  /// This value as the C kernel's scalar, `float` or `double`: `T` must be `Self` (the same bits, no conversion, even
  /// where generic code is not specialised).
  @inlinable
  package func kernelScalar<T>() -> T {
    precondition(T.self == Self.self, "LSTMLab's C kernels exist for Float and Double, not \(Self.self)")
    return unsafeBitCast(self, to: T.self)
  }

  /// A C kernel's `float` or `double` result as this type (`T` must be `Self`).
  @inlinable
  package static func fromKernel<T>(_ value: T) -> Self {
    precondition(T.self == Self.self, "LSTMLab's C kernels exist for Float and Double, not \(Self.self)")
    return unsafeBitCast(value, to: Self.self)
  }
}

extension UnsafeMutablePointer {
  /// This pointer typed as the C kernel's argument, `float *` or `double *` (see `UnsafePointer.kernelPointer()`).
  @inlinable
  package func kernelPointer<T>() -> UnsafeMutablePointer<T> {
    precondition(T.self == Pointee.self, "LSTMLab's C kernels exist for Float and Double, not \(Pointee.self)")
    return UnsafeMutableRawPointer(self).assumingMemoryBound(to: T.self)
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
        switch (kernel, Scalar.self == Float.self) {
        case (.fast, true):
          lab_gemm_f32(
            transA, transB, m, n, k, alpha.kernelScalar(), aBase.kernelPointer(), lda, bBase.kernelPointer(), ldb,
            beta.kernelScalar(), cBase.kernelPointer(), ldc)
        case (.fast, false):
          lab_gemm_f64(
            transA, transB, m, n, k, alpha.kernelScalar(), aBase.kernelPointer(), lda, bBase.kernelPointer(), ldb,
            beta.kernelScalar(), cBase.kernelPointer(), ldc)
        case (.reference, true):
          lab_gemm_reference_f32(
            transA, transB, m, n, k, alpha.kernelScalar(), aBase.kernelPointer(), lda, bBase.kernelPointer(), ldb,
            beta.kernelScalar(), cBase.kernelPointer(), ldc)
        case (.reference, false):
          lab_gemm_reference_f64(
            transA, transB, m, n, k, alpha.kernelScalar(), aBase.kernelPointer(), lda, bBase.kernelPointer(), ldb,
            beta.kernelScalar(), cBase.kernelPointer(), ldc)
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

extension Matrix {
  /// A rows x columns matrix whose values are left as the allocator hands them over (not zero-filled): for buffers
  /// that the caller overwrites completely before reading (a tape, dZ), where filling megabytes with zeros every
  /// training step would cost a tenth of the step.
  @inlinable
  public init(unspecifiedRows rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)x\(columns)")
    self.init(
      rows: rows, columns: columns,
      scalars: [Scalar](unsafeUninitializedCapacity: rows * columns) { _, initialized in initialized = rows * columns })
  }

  /// The 1 x columns column sums, sum over rows r of A[r, j] (a broadcast bias's gradient), by the C kernel.
  @inlinable
  public func columnSums() -> Matrix {
    var result = Matrix(rows: 1, columns: columns)
    if rows == 0 || columns == 0 { return result }
    scalars.withUnsafeBufferPointer { pa in
      result.scalars.withUnsafeMutableBufferPointer { po in
        let (a, out) = (pa.baseAddress!, po.baseAddress!)
        if Scalar.self == Float.self {
          lab_column_sums_f32(rows, columns, a.kernelPointer(), out.kernelPointer())
        } else {
          lab_column_sums_f64(rows, columns, a.kernelPointer(), out.kernelPointer())
        }
      }
    }
    return result
  }

  /// Adds the 1 x columns row vector `vector` to every row in place (x W + b), by the C kernel.
  @inlinable
  public mutating func addRowVectorInPlace(_ vector: Matrix) {
    precondition(vector.count == columns, "addRowVectorInPlace: vector has \(vector.count) values, expected \(columns)")
    if rows == 0 || columns == 0 { return }
    let (r, c) = (rows, columns)
    scalars.withUnsafeMutableBufferPointer { pa in
      vector.scalars.withUnsafeBufferPointer { pv in
        let (a, v) = (pa.baseAddress!, pv.baseAddress!)
        if Scalar.self == Float.self {
          lab_add_row_vector_f32(r, c, a.kernelPointer(), v.kernelPointer())
        } else {
          lab_add_row_vector_f64(r, c, a.kernelPointer(), v.kernelPointer())
        }
      }
    }
  }

  /// The transpose, a `columns x rows` matrix (by the C kernel, in cache-sized tiles).
  @inlinable
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    if rows == 0 || columns == 0 { return result }
    scalars.withUnsafeBufferPointer { pa in
      result.scalars.withUnsafeMutableBufferPointer { po in
        let (a, out) = (pa.baseAddress!, po.baseAddress!)
        if Scalar.self == Float.self {
          lab_transpose_f32(rows, columns, a.kernelPointer(), out.kernelPointer())
        } else {
          lab_transpose_f64(rows, columns, a.kernelPointer(), out.kernelPointer())
        }
      }
    }
    return result
  }
}

/// How the recurrent kernels use the machine's cores. A recurrence over a large enough batch is cut into two bands of
/// sequences, one per core (sequences of a batch never interact inside a layer); the numbers are the same bits
/// whichever thread computes which band.
public enum KernelThreads: Int, Sendable, CustomStringConvertible {
  /// Share a large enough batch when the CPU time used lately says a second core is free (the default): one training
  /// alone uses both cores; two trainings side by side (a sweep's workers) or a busy compiler keep each to one.
  case automatic = 0
  /// Never share.
  case one = 1
  /// Always share: every batch of two sequences or more (tests check that this changes no bit; benchmarks).
  case two = 2

  public var description: String {
    switch self {
    case .automatic: "automatic"
    case .one: "1"
    case .two: "2"
    }
  }

  /// How many parts of shared work the helper thread has run since the program started.
  public static var helperParts: Int { lab_helper_parts() }

  /// The process-wide setting.
  public static var current: KernelThreads {
    get { KernelThreads(rawValue: Int(lab_threads())) ?? .automatic }
    set { lab_set_threads(Int32(newValue.rawValue)) }
  }
}

extension SeedReplicate {
  /// Where ``SeedReplicate/current`` lives: one atomic word in LabKernels, readable from every thread.
  static var stored: UInt64 {
    get { UInt64(lab_seed_replicate()) }
    set { lab_set_seed_replicate(CUnsignedLongLong(newValue)) }
  }
}

/// The C library's memory allocator, tuned for training loops.
public enum Allocator {
  /// Asks the C allocator (glibc) to keep freed memory for reuse instead of returning it to the system, so a training
  /// step's large temporary matrices (the tape, dZ) do not page-fault back in every step (about 1,000 faults a step
  /// at T = 20, B = 64; measured by lstmlab-bench). Process-wide and idempotent; returns false where it does nothing
  /// (other C libraries).
  @discardableResult
  public static func keepFreedMemory() -> Bool { lab_keep_freed_memory() }

  /// ``keepFreedMemory()`` called once per process, on first use: what a training step reads before it runs
  /// (`SequentialModel.trainStep`, the lessons' notebooks), so that every loop of steps, not only `fit`, reuses
  /// its memory. Without it a step's timing depended on the allocator's history: glibc raises its mmap threshold as
  /// large blocks are freed and trims the heap's top, so the same step (T = 64, B = 128, H = 16) cost 8.6 µs per
  /// sequence in one process and 21 µs in another, most of it page faults (optimal-batch --calibrate-only).
  public static let keepingFreedMemory: Bool = lab_keep_freed_memory()
}
