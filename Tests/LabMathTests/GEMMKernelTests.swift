import LabKernels
import LabMath
import XCTest

/// The fast C kernels (the one `lab_gemm_f32/f64` dispatch to on this CPU, and the portable one other CPUs run)
/// against the product computed from its definition in Double, on raw storage with leading dimensions larger than
/// the column counts, so that a kernel reading or writing past a row's end, or ignoring alpha or beta, fails.
final class GEMMKernelTests: XCTestCase {
  /// A product to check: op(A) is m x k, op(B) is k x n, C is m x n; every matrix's rows are `padding` longer than
  /// its columns.
  private struct Case {
    var transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double, beta: Double, padding: Int
    var lda: Int { (transA ? m : k) + padding }
    var ldb: Int { (transB ? k : n) + padding }
    var ldc: Int { n + padding }
    var aCount: Int { (transA ? k : m) * lda }
    var bCount: Int { (transB ? n : k) * ldb }
    var cCount: Int { m * ldc }
    var label: String { "tA=\(transA) tB=\(transB) m=\(m) n=\(n) k=\(k) alpha=\(alpha) beta=\(beta) pad=\(padding)" }
  }

  /// Which kernel runs: each instruction set's (AVX-512 and AVX2+FMA where this CPU has them, chosen with
  /// lab_limit_instruction_set; the portable one everywhere).
  private enum Kernel: CaseIterable {
    case avx512, avx2, portable
    var level: Int32 { self == .avx512 ? 2 : self == .avx2 ? 1 : 0 }
    /// The kernels this CPU runs.
    static var available: [Kernel] {
      lab_limit_instruction_set(2)
      let best = lab_instruction_set()
      return allCases.filter { $0.level <= best }
    }
    /// Runs `body` with the products limited to this kernel's instruction set.
    func run<R>(_ body: () throws -> R) rethrows -> R {
      lab_limit_instruction_set(level)
      defer { lab_limit_instruction_set(2) }
      return try body()
    }
  }

  /// C = alpha op(A) op(B) + beta C from the definition, in Double, touching only the m x n block of C.
  private func definition(_ t: Case, _ a: [Double], _ b: [Double], _ c: [Double]) -> [Double] {
    var out = c
    for i in 0..<t.m {
      for j in 0..<t.n {
        var sum = 0.0
        for p in 0..<t.k {
          let aip = t.transA ? a[p * t.lda + i] : a[i * t.lda + p]
          let bpj = t.transB ? b[j * t.ldb + p] : b[p * t.ldb + j]
          sum += aip * bpj
        }
        out[i * t.ldc + j] = t.alpha * sum + (t.beta == 0 ? 0 : t.beta * c[i * t.ldc + j])
      }
    }
    return out
  }

  private func runFloat(_ t: Case, _ kernel: Kernel, _ a: [Float], _ b: [Float], _ c: inout [Float]) {
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          kernel.run {
            lab_gemm_f32(
              t.transA, t.transB, t.m, t.n, t.k, Float(t.alpha), pa.baseAddress!, t.lda, pb.baseAddress!, t.ldb,
              Float(t.beta), pc.baseAddress!, t.ldc)
          }
        }
      }
    }
  }

  private func runDouble(_ t: Case, _ kernel: Kernel, _ a: [Double], _ b: [Double], _ c: inout [Double]) {
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          kernel.run {
            lab_gemm_f64(
              t.transA, t.transB, t.m, t.n, t.k, t.alpha, pa.baseAddress!, t.lda, pb.baseAddress!, t.ldb, t.beta,
              pc.baseAddress!, t.ldc)
          }
        }
      }
    }
  }

  /// Runs every kernel this CPU has in both precisions on one case and compares each with the definition: Double to 1e-12
  /// relative to the sum of |terms|, Float to 1e-5 of it; the padding of C must come back untouched.
  private func check(_ t: Case, using rng: inout SeededGenerator, file: StaticString = #filePath, line: UInt = #line) {
    let a = (0..<t.aCount).map { _ in rng.uniform(-1.0, 1.0) }
    let b = (0..<t.bCount).map { _ in rng.uniform(-1.0, 1.0) }
    let c = (0..<t.cCount).map { _ in rng.uniform(-1.0, 1.0) }
    let expected = definition(t, a, b, c)
    // The size of the sum before cancellation bounds its rounding error.
    let scale = Double(t.k) * abs(t.alpha) + abs(t.beta) + 1
    for kernel in Kernel.available {
      var cd = c
      runDouble(t, kernel, a, b, &cd)
      var cf = c.map { Float($0) }
      runFloat(t, kernel, a.map { Float($0) }, b.map { Float($0) }, &cf)
      for index in 0..<t.cCount {
        let isPadding = index % t.ldc >= t.n
        if isPadding {
          XCTAssertEqual(cd[index], c[index], "Double \(kernel) wrote padding at \(index): \(t.label)", file: file, line: line)
          XCTAssertEqual(cf[index], Float(c[index]), "Float \(kernel) wrote padding at \(index): \(t.label)", file: file, line: line)
          continue
        }
        let doubleError = abs(cd[index] - expected[index]), floatError = abs(Double(cf[index]) - expected[index])
        if doubleError > 1e-12 * scale || floatError > 1e-5 * scale {
          XCTFail(
            "\(kernel) at (\(index / t.ldc), \(index % t.ldc)): Double error \(doubleError), Float error \(floatError): \(t.label)",
            file: file, line: line)
          return
        }
      }
    }
  }

  func testFastKernelsMatchTheDefinitionOnOddShapesWithLeadingDimensionsAlphaAndBeta() {
    var rng = SeededGenerator(seed: 11)
    let sizes = [1, 3, 17, 65]
    var count = 0
    for m in sizes { for n in sizes { for k in sizes { for transA in [false, true] { for transB in [false, true] {
      // Vary alpha, beta (including beta 0 and 1, which take their own paths) and the padding with the shape.
      let alpha = [1.0, -0.75, 2.5][count % 3], beta = [0.0, 1.0, 0.5, -1.25][count % 4], padding = [1, 3, 0][count % 3]
      check(Case(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, padding: padding), using: &rng)
      count += 1
    } } } } }
  }

  func testFastKernelsMatchTheDefinitionAcrossBlockBoundaries() {
    // k past one packed block (128 rows), n past one packed block (256 Double / 512 Float columns), row counts whose last
    // tiles are split (7, 8, 13 rows), the LSTM's shapes at small scale, and a product of many rows with tiny k.
    // Transposed A is read in place when it is one small block (the recurrence's sums [x | h]^T dz: 69 x 256 over 64
    // or 128 rows) and copied p-major otherwise (k past one block, or rows of A more than 256 scalars long).
    var rng = SeededGenerator(seed: 12)
    let shapes: [(m: Int, n: Int, k: Int)] = [
      (13, 260, 270), (9, 257, 300), (7, 129, 300), (8, 40, 259), (300, 5, 260), (5, 300, 520), (100, 100, 3),
      (16, 256, 64), (64, 64, 256), (69, 256, 64), (69, 256, 128), (69, 256, 129), (300, 40, 100),
    ]
    for (index, shape) in shapes.enumerated() {
      for transA in [false, true] {
        for transB in [false, true] {
          let t = Case(
            transA: transA, transB: transB, m: shape.m, n: shape.n, k: shape.k, alpha: index % 2 == 0 ? 1 : -1.5,
            beta: index % 3 == 0 ? 0 : 1, padding: 2)
          check(t, using: &rng)
        }
      }
    }
  }

  func testBetaZeroNeverReadsCAndAlphaZeroOnlyScales() {
    // With beta = 0, NaN in C must not leak into the result on any path (direct, packed, dot, tile edges).
    for (m, n, k, transB) in [(3, 5, 4, false), (20, 40, 33, false), (20, 40, 33, true), (2, 3, 40, true)] {
      let a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 2, count: k * n)
      for kernel in Kernel.allCases {
        var c = [Float](repeating: .nan, count: m * n)
        let t = Case(transA: false, transB: transB, m: m, n: n, k: k, alpha: 1, beta: 0, padding: 0)
        runFloat(t, kernel, a, b, &c)
        XCTAssertEqual(c, [Float](repeating: Float(2 * k), count: m * n), "m=\(m) n=\(n) k=\(k) tB=\(transB) \(kernel)")
      }
    }
    // alpha = 0 gives beta * C and ignores A and B, even when they hold NaN.
    let t = Case(transA: false, transB: false, m: 2, n: 3, k: 4, alpha: 0, beta: 3, padding: 0)
    for kernel in Kernel.allCases {
      var c: [Double] = [1, 2, 3, 4, 5, 6]
      runDouble(t, kernel, [Double](repeating: .nan, count: 8), [Double](repeating: .nan, count: 12), &c)
      XCTAssertEqual(c, [3, 6, 9, 12, 15, 18], "\(kernel)")
    }
  }

  func testTwoThreadsGiveTheSameBitsAsOne() {
    // Products of at least 4 million operations are split between two threads: by columns when C is wide, by rows
    // otherwise. Each is checked against the plain reference loop too.
    var rng = SeededGenerator(seed: 14)
    for (m, n, k, transA, transB) in [(64, 256, 1000, true, false), (3000, 20, 256, false, true), (250, 250, 250, true, true)] {
      XCTAssertGreaterThanOrEqual(2 * m * n * k, 30_000_000, "too small to be split")
      let a = (0..<m * k).map { _ in Float(rng.uniform(-1.0, 1.0)) }, b = (0..<k * n).map { _ in Float(rng.uniform(-1.0, 1.0)) }
      let c0 = (0..<m * n).map { _ in Float(rng.uniform(-1.0, 1.0)) }
      let (lda, ldb) = (transA ? m : k, transB ? k : n)
      var results: [[Float]] = []
      for threads in [1, 2] {
        var c = c0
        c.withUnsafeMutableBufferPointer { pc in
          lab_gemm_threads_f32(Int32(threads), transA, transB, m, n, k, 1.5, a, lda, b, ldb, 0.5, pc.baseAddress!, n)
        }
        results.append(c)
      }
      XCTAssertEqual(results[0], results[1], "m=\(m) n=\(n) k=\(k) tA=\(transA) tB=\(transB)")
      var reference = c0
      reference.withUnsafeMutableBufferPointer { pc in
        lab_gemm_reference_f32(transA, transB, m, n, k, 1.5, a, lda, b, ldb, 0.5, pc.baseAddress!, n)
      }
      let worst = zip(results[1], reference).map { abs($0 - $1) }.max() ?? 0
      XCTAssertLessThan(worst, 1e-5 * Float(k), "m=\(m) n=\(n) k=\(k)")
    }
  }

  func testTheSameProductGivesTheSameBitsEveryCall() {
    var rng = SeededGenerator(seed: 13)
    let a: Matrix<Float> = rng.uniformMatrix(rows: 64, columns: 300, -1, 1)
    let b: Matrix<Float> = rng.uniformMatrix(rows: 300, columns: 70, -1, 1)
    let first = matmul(a, b)
    for _ in 0..<3 { XCTAssertEqual(matmul(a, b), first) }
  }

  /// A product with op(B) packed once (lab_gemm_prepack) and used by lab_gemm_prepacked, against the definition on
  /// odd shapes, across the packing blocks (k past 128 rows, n past one block of columns), with B transposed or not.
  func testPrepackedProductsMatchTheDefinitionAndTheUnpackedKernel() {
    var rng = SeededGenerator(seed: 15)
    var shapes: [(m: Int, n: Int, k: Int)] = []
    for m in [1, 3, 17, 65] { for n in [1, 3, 17, 65] { for k in [1, 3, 17, 65] { shapes.append((m, n, k)) } } }
    shapes += [(13, 260, 270), (9, 257, 300), (8, 256, 64), (8, 64, 256), (7, 129, 520)]
    // At most 16 columns (AVX-512 Float: the narrow 12 x 16 tile): every tile height, and k past its 128-row block.
    shapes += [(12, 16, 64), (25, 16, 300), (11, 9, 70), (1, 16, 64), (128, 16, 64)]
    for (index, shape) in shapes.enumerated() {
      for transB in [false, true] {
        let (alpha, beta) = ([1.0, -0.75][index % 2], [0.0, 1.0, 0.5][index % 3])
        let t = Case(transA: false, transB: transB, m: shape.m, n: shape.n, k: shape.k, alpha: alpha, beta: beta, padding: 2)
        let a = (0..<t.aCount).map { _ in rng.uniform(-1.0, 1.0) }
        let b = (0..<t.bCount).map { _ in rng.uniform(-1.0, 1.0) }
        let c = (0..<t.cCount).map { _ in rng.uniform(-1.0, 1.0) }
        let expected = definition(t, a, b, c)
        let scale = Double(t.k) * abs(t.alpha) + abs(t.beta) + 1
        for kernel in Kernel.available {
          let (cd, cf) = kernel.run { () -> ([Double], [Float]) in
            // Double
            var packedD = [Double](repeating: .nan, count: lab_gemm_prepacked_size_f64(t.k, t.n))
            lab_gemm_prepack_f64(transB, t.k, t.n, b, t.ldb, &packedD)
            var cd = c
            lab_gemm_prepacked_f64(t.m, t.n, t.k, t.alpha, a, t.lda, packedD, t.beta, &cd, t.ldc)
            // Float
            let (af, bf) = (a.map { Float($0) }, b.map { Float($0) })
            var packedF = [Float](repeating: .nan, count: lab_gemm_prepacked_size_f32(t.k, t.n))
            lab_gemm_prepack_f32(transB, t.k, t.n, bf, t.ldb, &packedF)
            var cf = c.map { Float($0) }
            lab_gemm_prepacked_f32(t.m, t.n, t.k, Float(t.alpha), af, t.lda, packedF, Float(t.beta), &cf, t.ldc)
            return (cd, cf)
          }
          for index in 0..<t.cCount {
            if index % t.ldc >= t.n {
              XCTAssertEqual(cd[index], c[index], "Double wrote padding: \(t.label)")
              XCTAssertEqual(cf[index], Float(c[index]), "Float wrote padding: \(t.label)")
              continue
            }
            let doubleError = abs(cd[index] - expected[index]), floatError = abs(Double(cf[index]) - expected[index])
            if doubleError > 1e-12 * scale || floatError > 1e-5 * scale {
              XCTFail("\(kernel) prepacked at \(index): Double error \(doubleError), Float error \(floatError): \(t.label)")
              return
            }
          }
        }
      }
    }
  }

  /// AVX2 and AVX-512 give the same bits on every path: the tile kernel (full and partial tiles, k within one block,
  /// at its boundary and past it), the dot kernel (k from its threshold, 2 x 64 bytes, on, with a remainder), prepacked
  /// products (the narrow AVX-512 tile included), alpha and beta of every kind. Skipped without AVX-512.
  func testAVX2AndAVX512GiveTheSameBits() throws {
    lab_limit_instruction_set(2)
    guard lab_instruction_set() == 2 else { throw XCTSkip("this CPU has no AVX-512") }
    var rng = SeededGenerator(seed: 16)
    var shapes: [(m: Int, n: Int, k: Int)] = [
      (13, 260, 270), (7, 129, 300), (69, 256, 128), (69, 256, 129), (64, 64, 256), (300, 5, 260), (100, 100, 3),
      (40, 2, 64), (5, 3, 31), (5, 3, 32), (5, 3, 33), (20, 7, 47), (33, 9, 100), (12, 16, 300), (25, 16, 64),
    ]
    for m in [1, 3, 17, 65] { for n in [1, 3, 17, 65] { for k in [1, 17, 65, 200] { shapes.append((m, n, k)) } } }
    var compared = 0
    for (index, shape) in shapes.enumerated() {
      for transA in [false, true] {
        for transB in [false, true] {
          let (alpha, beta) = ([1.0, -0.75, 2.5][index % 3], [0.0, 1.0, 0.5, -1.25][(index + (transA ? 1 : 0)) % 4])
          let t = Case(transA: transA, transB: transB, m: shape.m, n: shape.n, k: shape.k, alpha: alpha, beta: beta, padding: 1)
          let a = (0..<t.aCount).map { _ in rng.uniform(-1.0, 1.0) }
          let b = (0..<t.bCount).map { _ in rng.uniform(-1.0, 1.0) }
          let c = (0..<t.cCount).map { _ in rng.uniform(-1.0, 1.0) }
          var results: [[Float]] = [], doubles: [[Double]] = []
          for kernel in [Kernel.avx512, .avx2] {
            var cf = c.map { Float($0) }
            runFloat(t, kernel, a.map { Float($0) }, b.map { Float($0) }, &cf)
            var cd = c
            runDouble(t, kernel, a, b, &cd)
            if !transA {  // prepacked products take A as it is
              let (bf, af) = (b.map { Float($0) }, a.map { Float($0) })
              var packed = [Float](repeating: .nan, count: 0)
              var cp = c.map { Float($0) }
              kernel.run {
                packed = [Float](repeating: .nan, count: lab_gemm_prepacked_size_f32(t.k, t.n))
                lab_gemm_prepack_f32(transB, t.k, t.n, bf, t.ldb, &packed)
                lab_gemm_prepacked_f32(t.m, t.n, t.k, Float(t.alpha), af, t.lda, packed, Float(t.beta), &cp, t.ldc)
              }
              cf += cp
            }
            results.append(cf)
            doubles.append(cd)
          }
          if let i = results[0].indices.first(where: { results[0][$0].bitPattern != results[1][$0].bitPattern }) {
            XCTFail("Float, element \(i): AVX-512 \(results[0][i]), AVX2 \(results[1][i]): \(t.label)")
          }
          if let i = doubles[0].indices.first(where: { doubles[0][$0].bitPattern != doubles[1][$0].bitPattern }) {
            XCTFail("Double, element \(i): AVX-512 \(doubles[0][i]), AVX2 \(doubles[1][i]): \(t.label)")
          }
          compared += 1
        }
      }
    }
    XCTAssertEqual(compared, shapes.count * 4)
  }

  /// The instruction-set limit: 0 is the portable kernel, the limit never raises the set above what the CPU has,
  /// and 2 (the default) restores the CPU's best.
  func testTheInstructionSetLimitSelectsTheKernels() {
    lab_limit_instruction_set(2)
    let best = lab_instruction_set()
    XCTAssertEqual(best, lab_cpu_has_avx512() ? 2 : lab_cpu_has_avx2_fma() ? 1 : 0)
    lab_limit_instruction_set(0)
    XCTAssertEqual(lab_instruction_set(), 0)
    XCTAssertEqual(String(cString: lab_gemm_instruction_set()), "portable (16-byte vectors)")
    lab_limit_instruction_set(1)
    XCTAssertEqual(lab_instruction_set(), min(1, best))
    lab_limit_instruction_set(7)
    XCTAssertEqual(lab_instruction_set(), best)
  }
}
