import LSTMLab
import LabKernels

/// The forward pass's two parts timed apart on the calling thread, at one (T, B): the T per-step products
/// z_t = [x_t | h_{t-1}] [W; U] (packed once, as the recurrence does) and the T fused pointwise loops (gates, c_t,
/// tanh c_t, h_t), once writing a fresh tape of T steps as the pass does and once rewriting the tape of a single step,
/// which stays in the cache. The difference of the last two is what writing the tape to memory costs; the products'
/// GFLOP/s against the FMA peak say how far the arithmetic is from the machine's limit. Medians of `repetitions`.
func forwardPartsRows(steps T: Int, batch B: Int, hidden H: Int, repetitions: Int) -> [(name: String, seconds: Double, flops: Double?)] {
  let F = LSTMRun.features
  let (G, K) = (4 * H, F + H)
  var rng = SeededGenerator(seed: 3)
  let stacked: Matrix<Float> = rng.uniformMatrix(rows: K, columns: G, -0.2, 0.2)  // [W; U]
  let xh: Matrix<Float> = rng.uniformMatrix(rows: B, columns: K, -1, 1)
  let z: Matrix<Float> = rng.normalMatrix(rows: B, columns: G)
  let bias = [Float](repeating: 0, count: G)
  var packed = [Float](repeating: 0, count: lab_gemm_prepacked_size_f32(K, G))
  stacked.scalars.withUnsafeBufferPointer { lab_gemm_prepack_f32(false, K, G, $0.baseAddress!, G, &packed) }
  var out = [Float](repeating: 0, count: B * G)
  var gates = [Float](repeating: 0, count: T * B * G)
  var cells = [Float](repeating: 0, count: (T + 1) * B * H), tanhC = [Float](repeating: 0, count: T * B * H)
  var states = [Float](repeating: 0, count: (T + 1) * B * H)
  let saved = lab_flush_subnormals()
  defer { lab_restore_float_control(saved) }
  let products = measure(repetitions: repetitions) {
    xh.scalars.withUnsafeBufferPointer { a in
      for _ in 0..<T { lab_gemm_prepacked_f32(B, G, K, 1, a.baseAddress!, K, packed, 0, &out, G) }
    }
  }
  func pointwise(tapeSteps: Int) -> Timing {
    measure(repetitions: repetitions) {
      z.scalars.withUnsafeBufferPointer { zp in
        gates.withUnsafeMutableBufferPointer { g in
          cells.withUnsafeMutableBufferPointer { c in
            tanhC.withUnsafeMutableBufferPointer { tc in
              states.withUnsafeMutableBufferPointer { h in
                for t in 0..<T {
                  let s = t % tapeSteps
                  lab_lstm_forward_step_f32(
                    B, H, zp.baseAddress!, g.baseAddress! + s * B * G, bias, c.baseAddress! + s * B * H,
                    c.baseAddress! + (s + 1) * B * H, tc.baseAddress! + s * B * H, h.baseAddress! + (s + 1) * B * H)
                }
              }
            }
          }
        }
      }
    }
  }
  let tape = pointwise(tapeSteps: T), inCache = pointwise(tapeSteps: 1)
  return [
    ("for comparison, alone (one thread): the forward's T products z_t", products.median, 2 * Double(T * B * K * G)),
    ("for comparison, alone (one thread): the forward's T pointwise loops, writing the tape", tape.median, nil),
    ("for comparison, alone (one thread): the same loops rewriting one step's tape (in cache)", inCache.median, nil),
  ]
}
