import LabKernels
import LSTMLab

/// One matrix product to time: C (m x n) = op(A) (m x k) * op(B) (k x n) + beta * C.
struct ProductShape {
  var name: String
  var transA = false, transB = false
  var m: Int, n: Int, k: Int
  var beta: Float = 0

  var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
  var ops: String { (transA ? "T" : "N") + (transB ? "T" : "N") }
}

/// The products of one LSTM training step (H hidden units, F features, batch B, T steps) as LSTM.swift calls them.
func lstmProducts(batch b: Int, steps t: Int, features f: Int = 5, hidden h: Int = 64) -> [ProductShape] {
  let tag = "B=\(b) T=\(t)"
  return [
    ProductShape(name: "fwd step h_{t-1} U, \(tag)", m: b, n: 4 * h, k: h, beta: 1),
    ProductShape(name: "bwd step dz_t U^T, \(tag)", transB: true, m: b, n: h, k: 4 * h, beta: 1),
    ProductShape(name: "input projection X W, \(tag)", m: t * b, n: 4 * h, k: f),
    ProductShape(name: "dU = Hprev^T dZ, \(tag)", transA: true, m: h, n: 4 * h, k: t * b),
    ProductShape(name: "dW = X^T dZ, \(tag)", transA: true, m: f, n: 4 * h, k: t * b),
    ProductShape(name: "dX = dZ W^T, \(tag)", transB: true, m: t * b, n: f, k: 4 * h),
  ]
}

/// GFLOP/s of each product (median over repetitions of back-to-back calls) and its share of one core's peak.
func benchGEMM(peak: Peak, quick: Bool) -> String {
  var shapes: [ProductShape] = [
    ProductShape(name: "square 256", m: 256, n: 256, k: 256),
    ProductShape(name: "square 256", transA: true, m: 256, n: 256, k: 256),
    ProductShape(name: "square 256", transB: true, m: 256, n: 256, k: 256),
  ]
  if !quick { shapes.append(ProductShape(name: "square 512", m: 512, n: 512, k: 512)) }
  shapes += lstmProducts(batch: 64, steps: 20) + lstmProducts(batch: 16, steps: 200)
  if !quick { shapes += [8, 256].flatMap { lstmProducts(batch: $0, steps: 20).prefix(2) } }

  var rng = SeededGenerator(seed: 1)
  var table = TextTable(["product", "op", "m", "n", "k", "1 thread GFLOP/s", "best", "% of 1-core peak", "2 threads GFLOP/s", "% of 2-core peak"])
  for shape in shapes {
    let a: Matrix<Float> = rng.uniformMatrix(
      rows: shape.transA ? shape.k : shape.m, columns: shape.transA ? shape.m : shape.k, -1, 1)
    let b: Matrix<Float> = rng.uniformMatrix(
      rows: shape.transB ? shape.n : shape.k, columns: shape.transB ? shape.k : shape.n, -1, 1)
    var c = Matrix<Float>(rows: shape.m, columns: shape.n)
    // lab_gemm_f32 (what `gemm` calls) splits products of 4 million operations or more between two threads.
    let splits = shape.flops >= 3e7
    var row = [shape.name, shape.ops, "\(shape.m)", "\(shape.n)", "\(shape.k)"]
    for threads in splits ? [1, 2] : [1] {
      let timing = measureShort(repetitions: quick ? 3 : 9, targetSeconds: quick ? 0.005 : 0.03) {
        product(threads: threads, shape, a, b, &c)
      }
      let median = shape.flops / timing.median, best = shape.flops / timing.best
      if threads == 1 {
        row += [NumberText.fixed(median / 1e9, decimals: 1), NumberText.fixed(best / 1e9, decimals: 1), NumberText.fixed(100 * median / peak.oneCore, decimals: 0) + " %"]
      } else {
        row += [NumberText.fixed(median / 1e9, decimals: 1), NumberText.fixed(100 * median / peak.twoCores, decimals: 0) + " %"]
      }
    }
    if !splits { row += ["-", "-"] }
    table.append(row)
  }
  return table.markdown
}

/// C = op(A) op(B) + beta C through LabKernels on `threads` threads (`gemm` itself picks 1 or 2 by size).
private func product(threads: Int, _ shape: ProductShape, _ a: Matrix<Float>, _ b: Matrix<Float>, _ c: inout Matrix<Float>) {
  a.scalars.withUnsafeBufferPointer { pa in
    b.scalars.withUnsafeBufferPointer { pb in
      c.scalars.withUnsafeMutableBufferPointer { pc in
        lab_gemm_threads_f32(
          Int32(threads), shape.transA, shape.transB, shape.m, shape.n, shape.k, 1, pa.baseAddress!, a.columns,
          pb.baseAddress!, b.columns, shape.beta, pc.baseAddress!, c.columns)
      }
    }
  }
}
