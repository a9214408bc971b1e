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

extension Float {
  @inlinable
  public static func adamUpdate(
    count: Int, parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
    firstMoments: UnsafeMutablePointer<Float>, secondMoments: UnsafeMutablePointer<Float>, alpha: Float, beta1: Float,
    beta2: Float, epsilon: Float
  ) {
    lab_adam_update_f32(count, parameters, gradients, firstMoments, secondMoments, alpha, beta1, beta2, epsilon)
  }

  @inlinable
  public static func lstmForward(
    steps: Int, batch: Int, features: Int, hidden: Int, input: UnsafePointer<Float>, inputKernel: UnsafePointer<Float>,
    recurrentKernel: UnsafePointer<Float>, bias: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>,
    cells: UnsafeMutablePointer<Float>, tanhCells: UnsafeMutablePointer<Float>, states: UnsafeMutablePointer<Float>
  ) {
    lab_lstm_forward_f32(
      steps, batch, features, hidden, input, inputKernel, recurrentKernel, bias, gates, cells, tanhCells, states)
  }

  @inlinable
  public static func lstmBackward(
    steps: Int, batch: Int, hidden: Int, gates: UnsafePointer<Float>, cells: UnsafePointer<Float>,
    tanhCells: UnsafePointer<Float>, recurrentKernel: UnsafePointer<Float>,
    hiddenGradient: UnsafeMutablePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
    gateGradients: UnsafeMutablePointer<Float>, before: UnsafeMutablePointer<Float>?, beforeBeta: Float
  ) {
    lab_lstm_backward_f32(
      steps, batch, hidden, gates, cells, tanhCells, recurrentKernel, hiddenGradient, cellGradient,
      gateGradients, before, beforeBeta)
  }

  @inlinable
  public static func rnnForwardStep(
    batch: Int, hidden: Int, preactivation: UnsafePointer<Float>, bias: UnsafePointer<Float>,
    state: UnsafeMutablePointer<Float>
  ) {
    lab_rnn_forward_step_f32(batch, hidden, preactivation, bias, state)
  }

  @inlinable
  public static func tanhBackward(
    count: Int, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>
  ) {
    lab_tanh_backward_f32(count, output, outputGradient, inputGradient)
  }

  @inlinable
  public static func columnSums(rows: Int, columns: Int, a: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
    lab_column_sums_f32(rows, columns, a, out)
  }

  @inlinable
  public static func addRowVector(rows: Int, columns: Int, a: UnsafeMutablePointer<Float>, vector: UnsafePointer<Float>) {
    lab_add_row_vector_f32(rows, columns, a, vector)
  }

  @inlinable
  public static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Float>, labels: UnsafePointer<Int>,
    gradient: UnsafeMutablePointer<Float>
  ) -> Float {
    lab_softmax_cross_entropy_f32(rows, columns, logits, labels, gradient)
  }

  @inlinable
  public static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Float>, targets: UnsafePointer<Float>,
    gradient: UnsafeMutablePointer<Float>
  ) -> Float {
    lab_softmax_cross_entropy_targets_f32(rows, columns, logits, targets, gradient)
  }

  @inlinable
  public static func transpose(rows: Int, columns: Int, a: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
    lab_transpose_f32(rows, columns, a, out)
  }

  @inlinable
  public static func softmaxRows(
    rows: Int, columns: Int, logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>
  ) {
    lab_softmax_rows_f32(rows, columns, logits, probabilities)
  }
}

extension Double {
  @inlinable
  public static func adamUpdate(
    count: Int, parameters: UnsafeMutablePointer<Double>, gradients: UnsafePointer<Double>,
    firstMoments: UnsafeMutablePointer<Double>, secondMoments: UnsafeMutablePointer<Double>, alpha: Double, beta1: Double,
    beta2: Double, epsilon: Double
  ) {
    lab_adam_update_f64(count, parameters, gradients, firstMoments, secondMoments, alpha, beta1, beta2, epsilon)
  }

  @inlinable
  public static func lstmForward(
    steps: Int, batch: Int, features: Int, hidden: Int, input: UnsafePointer<Double>, inputKernel: UnsafePointer<Double>,
    recurrentKernel: UnsafePointer<Double>, bias: UnsafePointer<Double>, gates: UnsafeMutablePointer<Double>,
    cells: UnsafeMutablePointer<Double>, tanhCells: UnsafeMutablePointer<Double>, states: UnsafeMutablePointer<Double>
  ) {
    lab_lstm_forward_f64(
      steps, batch, features, hidden, input, inputKernel, recurrentKernel, bias, gates, cells, tanhCells, states)
  }

  @inlinable
  public static func lstmBackward(
    steps: Int, batch: Int, hidden: Int, gates: UnsafePointer<Double>, cells: UnsafePointer<Double>,
    tanhCells: UnsafePointer<Double>, recurrentKernel: UnsafePointer<Double>,
    hiddenGradient: UnsafeMutablePointer<Double>, cellGradient: UnsafeMutablePointer<Double>,
    gateGradients: UnsafeMutablePointer<Double>, before: UnsafeMutablePointer<Double>?, beforeBeta: Double
  ) {
    lab_lstm_backward_f64(
      steps, batch, hidden, gates, cells, tanhCells, recurrentKernel, hiddenGradient, cellGradient,
      gateGradients, before, beforeBeta)
  }

  @inlinable
  public static func rnnForwardStep(
    batch: Int, hidden: Int, preactivation: UnsafePointer<Double>, bias: UnsafePointer<Double>,
    state: UnsafeMutablePointer<Double>
  ) {
    lab_rnn_forward_step_f64(batch, hidden, preactivation, bias, state)
  }

  @inlinable
  public static func tanhBackward(
    count: Int, output: UnsafePointer<Double>, outputGradient: UnsafePointer<Double>,
    inputGradient: UnsafeMutablePointer<Double>
  ) {
    lab_tanh_backward_f64(count, output, outputGradient, inputGradient)
  }

  @inlinable
  public static func columnSums(rows: Int, columns: Int, a: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>) {
    lab_column_sums_f64(rows, columns, a, out)
  }

  @inlinable
  public static func addRowVector(rows: Int, columns: Int, a: UnsafeMutablePointer<Double>, vector: UnsafePointer<Double>) {
    lab_add_row_vector_f64(rows, columns, a, vector)
  }

  @inlinable
  public static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Double>, labels: UnsafePointer<Int>,
    gradient: UnsafeMutablePointer<Double>
  ) -> Double {
    lab_softmax_cross_entropy_f64(rows, columns, logits, labels, gradient)
  }

  @inlinable
  public static func softmaxCrossEntropy(
    rows: Int, columns: Int, logits: UnsafePointer<Double>, targets: UnsafePointer<Double>,
    gradient: UnsafeMutablePointer<Double>
  ) -> Double {
    lab_softmax_cross_entropy_targets_f64(rows, columns, logits, targets, gradient)
  }

  @inlinable
  public static func transpose(rows: Int, columns: Int, a: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>) {
    lab_transpose_f64(rows, columns, a, out)
  }

  @inlinable
  public static func softmaxRows(
    rows: Int, columns: Int, logits: UnsafePointer<Double>, probabilities: UnsafeMutablePointer<Double>
  ) {
    lab_softmax_rows_f64(rows, columns, logits, probabilities)
  }
}

// MARK: - Safe entry points to the fused pointwise loops (the recurrent layers call only these)

/// The fused pointwise loops of a recurrent training step, on blocks of whole rows of matrices (no copies).
///
/// Every argument `...Row` is the first row of a block of `rows` rows; blocks are checked with a precondition.
/// The formulas are those of DESIGN.md (gates i, f, g, o):
/// forward  i = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o), c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t);
/// backward dc_t = dc + dh*o*(1 - tanh(c_t)^2), dz_i = dc_t*g*i(1-i), dz_f = dc_t*c_{t-1}*f(1-f),
///          dz_g = dc_t*i*(1-g^2), dz_o = dh*tanh(c_t)*o(1-o), dc_{t-1} = dc_t*f.
public enum RecurrentKernels {
  @usableFromInline
  static func check<Scalar>(_ m: Matrix<Scalar>, _ row: Int, _ rows: Int, _ columns: Int, _ name: String) {
    precondition(
      row >= 0 && row + rows <= m.rows && m.columns == columns,
      "RecurrentKernels: \(name) block rows \(row)..<\(row + rows) x \(columns) does not fit a \(m.rows)x\(m.columns) matrix")
  }

  /// The LSTM forward pass over all T = `steps` steps of a time-major batch of `batch` rows per step: x (T*B x F),
  /// W (F x 4H), U (H x 4H), b (1 x 4H); `gates` (T*B x 4H) gets the activations i f g o of
  /// z_t = x_t W + h_{t-1} U + b; `cells` and `hidden` ((T+1)*B x H) hold c_0 and h_0 in their first B rows and get
  /// c_1...c_T and h_1...h_T; `tanhCells` (T*B x H) gets tanh(c_t). The batch may be shared with a helper thread
  /// (`KernelThreads`).
  @inlinable
  public static func lstmForward<Scalar: LabScalar>(
    steps: Int, batch: Int, input x: Matrix<Scalar>, inputKernel W: Matrix<Scalar>, recurrentKernel U: Matrix<Scalar>,
    bias: Matrix<Scalar>, gates: inout Matrix<Scalar>, cells: inout Matrix<Scalar>, tanhCells: inout Matrix<Scalar>,
    hidden: inout Matrix<Scalar>
  ) {
    let (f, h, rows) = (W.rows, U.rows, steps * batch)
    precondition(steps > 0 && batch > 0, "lstmForward: \(steps) steps of \(batch) rows")
    precondition(W.columns == 4 * h && U.columns == 4 * h, "lstmForward: W is \(W.rows)x\(W.columns), U \(U.rows)x\(U.columns); expected F x 4H and H x 4H")
    check(x, 0, rows, f, "input")
    check(gates, 0, rows, 4 * h, "gates")
    check(bias, 0, 1, 4 * h, "bias")
    check(cells, 0, rows + batch, h, "cells")
    check(tanhCells, 0, rows, h, "tanh cells")
    check(hidden, 0, rows + batch, h, "hidden")
    x.scalars.withUnsafeBufferPointer { px in
      W.scalars.withUnsafeBufferPointer { pw in
        U.scalars.withUnsafeBufferPointer { pu in
          bias.scalars.withUnsafeBufferPointer { pb in
            gates.scalars.withUnsafeMutableBufferPointer { pg in
              cells.scalars.withUnsafeMutableBufferPointer { pc in
                tanhCells.scalars.withUnsafeMutableBufferPointer { pt in
                  hidden.scalars.withUnsafeMutableBufferPointer { ph in
                    Scalar.lstmForward(
                      steps: steps, batch: batch, features: f, hidden: h, input: px.baseAddress!,
                      inputKernel: pw.baseAddress!, recurrentKernel: pu.baseAddress!, bias: pb.baseAddress!,
                      gates: pg.baseAddress!, cells: pc.baseAddress!, tanhCells: pt.baseAddress!, states: ph.baseAddress!)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Where `lstmBackward` sends dz_1 U^T, the gradient with respect to the state before the tape's first step.
  public enum StateGradientCarry: Sendable {
    /// Nowhere (truncated BPTT stops there).
    case dropped
    /// Written into `initialHiddenGradient` (B x H): dL/dh_0.
    case intoInitialState
    /// Added to the B rows of `hiddenGradient` just before `firstRow` (the previous segment's last step).
    case intoEarlierRows
  }

  /// The LSTM backward recurrence over a tape of T = `steps` steps: `gates` (activations), `cells` (c_0 first) and
  /// `tanhCells` as `lstmForward` left them, `U` the recurrent kernel (H x 4H). Rows `firstRow ..< firstRow + T*B` of
  /// `hiddenGradient` hold the direct loss gradient dL/dh_t on entry and the total one on exit
  /// (dHidden_{t-1} += dz_t U^T); `cellGradient` (B x H) holds dL/dc_T from later steps on entry and dL/dc_0 on exit;
  /// `gateGradients` (T*B x 4H) gets every dz_t; `carry` says where dz_1 U^T goes.
  @inlinable
  public static func lstmBackward<Scalar: LabScalar>(
    steps: Int, batch: Int, gates: Matrix<Scalar>, cells: Matrix<Scalar>, tanhCells: Matrix<Scalar>,
    recurrentKernel U: Matrix<Scalar>, hiddenGradient: inout Matrix<Scalar>, firstRow: Int,
    cellGradient: inout Matrix<Scalar>, gateGradients: inout Matrix<Scalar>,
    initialHiddenGradient: inout Matrix<Scalar>, carry: StateGradientCarry
  ) {
    let (h, rows) = (U.rows, steps * batch)
    precondition(steps > 0 && batch > 0, "lstmBackward: \(steps) steps of \(batch) rows")
    precondition(U.columns == 4 * h, "lstmBackward: U is \(U.rows)x\(U.columns), expected H x 4H")
    check(gates, 0, rows, 4 * h, "gates")
    check(cells, 0, rows, h, "cells")
    check(tanhCells, 0, rows, h, "tanh cells")
    check(hiddenGradient, firstRow, rows, h, "hidden gradient")
    precondition(cellGradient.rows == batch, "lstmBackward: the cell gradient must have exactly \(batch) rows")
    check(cellGradient, 0, batch, h, "cell gradient")
    check(gateGradients, 0, rows, 4 * h, "gate gradients")
    switch carry {
    case .dropped: break
    case .intoInitialState: check(initialHiddenGradient, 0, batch, h, "initial hidden gradient")
    case .intoEarlierRows:
      precondition(firstRow >= batch, "lstmBackward: no rows before row \(firstRow) to carry the gradient into")
    }
    gates.scalars.withUnsafeBufferPointer { pg in
      cells.scalars.withUnsafeBufferPointer { pc in
        tanhCells.scalars.withUnsafeBufferPointer { pt in
          U.scalars.withUnsafeBufferPointer { pu in
            hiddenGradient.scalars.withUnsafeMutableBufferPointer { pdh in
              cellGradient.scalars.withUnsafeMutableBufferPointer { pdc in
                gateGradients.scalars.withUnsafeMutableBufferPointer { pdz in
                  initialHiddenGradient.scalars.withUnsafeMutableBufferPointer { ph0 in
                    let base = pdh.baseAddress! + firstRow * h
                    let before: UnsafeMutablePointer<Scalar>? =
                      switch carry {
                      case .dropped: nil
                      case .intoInitialState: ph0.baseAddress!
                      case .intoEarlierRows: base - batch * h
                      }
                    Scalar.lstmBackward(
                      steps: steps, batch: batch, hidden: h, gates: pg.baseAddress!, cells: pc.baseAddress!,
                      tanhCells: pt.baseAddress!, recurrentKernel: pu.baseAddress!, hiddenGradient: base,
                      cellGradient: pdc.baseAddress!, gateGradients: pdz.baseAddress!, before: before,
                      beforeBeta: carry == .intoEarlierRows ? 1 : 0)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// tanh RNN forward step: rows [stateRow, stateRow+rows) of `state` become tanh(z + b), where z (x_t W + h_{t-1} U)
  /// is the block of `preactivation` at `preactivationRow` (a different matrix).
  @inlinable
  public static func rnnForwardStep<Scalar: LabScalar>(
    rows: Int, preactivation: Matrix<Scalar>, preactivationRow: Int, bias: Matrix<Scalar>,
    state: inout Matrix<Scalar>, stateRow: Int
  ) {
    let h = state.columns
    check(preactivation, preactivationRow, rows, h, "preactivation")
    check(state, stateRow, rows, h, "state")
    check(bias, 0, 1, h, "bias")
    preactivation.scalars.withUnsafeBufferPointer { pz in
      bias.scalars.withUnsafeBufferPointer { pb in
        state.scalars.withUnsafeMutableBufferPointer { ps in
          Scalar.rnnForwardStep(
            batch: rows, hidden: h, preactivation: pz.baseAddress! + preactivationRow * h, bias: pb.baseAddress!,
            state: ps.baseAddress! + stateRow * h)
        }
      }
    }
  }

  /// Backward through y = tanh(z) on a block of rows: gradient[gradientRow...] = dy * (1 - y^2) with y the rows of
  /// `output` at `outputRow` and dy the rows of `outputGradient` at `outputGradientRow` (all with the same columns).
  @inlinable
  public static func tanhBackward<Scalar: LabScalar>(
    rows: Int, output: Matrix<Scalar>, outputRow: Int, outputGradient: Matrix<Scalar>, outputGradientRow: Int,
    into gradient: inout Matrix<Scalar>, gradientRow: Int
  ) {
    let n = output.columns
    check(output, outputRow, rows, n, "output")
    check(outputGradient, outputGradientRow, rows, n, "output gradient")
    check(gradient, gradientRow, rows, n, "gradient")
    output.scalars.withUnsafeBufferPointer { py in
      outputGradient.scalars.withUnsafeBufferPointer { pdy in
        gradient.scalars.withUnsafeMutableBufferPointer { pdz in
          Scalar.tanhBackward(
            count: rows * n, output: py.baseAddress! + outputRow * n, outputGradient: pdy.baseAddress! + outputGradientRow * n,
            inputGradient: pdz.baseAddress! + gradientRow * n)
        }
      }
    }
  }
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
        Scalar.columnSums(rows: rows, columns: columns, a: pa.baseAddress!, out: po.baseAddress!)
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
        Scalar.addRowVector(rows: r, columns: c, a: pa.baseAddress!, vector: pv.baseAddress!)
      }
    }
  }

  /// The transpose (columns x rows), by the C kernel (the training step's alternative to `transposed`).
  @inlinable
  public func kernelTransposed() -> Matrix {
    var result = Matrix(rows: columns, columns: rows)
    if rows == 0 || columns == 0 { return result }
    scalars.withUnsafeBufferPointer { pa in
      result.scalars.withUnsafeMutableBufferPointer { po in
        Scalar.transpose(rows: rows, columns: columns, a: pa.baseAddress!, out: po.baseAddress!)
      }
    }
    return result
  }

  /// Row-wise softmax, exp(z_rj - max_r) / sum_k exp(z_rk - max_r), by the C kernel.
  @inlinable
  public func softmaxRows() -> Matrix {
    var result = Matrix(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return result }
    scalars.withUnsafeBufferPointer { pz in
      result.scalars.withUnsafeMutableBufferPointer { pp in
        Scalar.softmaxRows(rows: rows, columns: columns, logits: pz.baseAddress!, probabilities: pp.baseAddress!)
      }
    }
    return result
  }

  /// Mean softmax cross-entropy of these logits (B x C) against integer labels already checked to lie in 0..<C,
  /// and its gradient (softmax - onehot) / B, by the C kernel (log-sum-exp).
  @inlinable
  public func softmaxCrossEntropyKernel(labels: [Int]) -> (loss: Scalar, gradient: Matrix) {
    precondition(labels.count == rows && labels.allSatisfy { $0 >= 0 && $0 < columns }, "softmaxCrossEntropyKernel: bad labels")
    var gradient = Matrix(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return (0, gradient) }
    let loss = scalars.withUnsafeBufferPointer { pz in
      labels.withUnsafeBufferPointer { pl in
        gradient.scalars.withUnsafeMutableBufferPointer { pg in
          Scalar.softmaxCrossEntropy(
            rows: rows, columns: columns, logits: pz.baseAddress!, labels: pl.baseAddress!, gradient: pg.baseAddress!)
        }
      }
    }
    return (loss, gradient)
  }

  /// Mean softmax cross-entropy against target rows of the same shape (one-hot or distributions) and its gradient
  /// (softmax * rowsum(y) - y) / B, by the C kernel.
  @inlinable
  public func softmaxCrossEntropyKernel(targets: Matrix) -> (loss: Scalar, gradient: Matrix) {
    precondition(targets.rows == rows && targets.columns == columns, "softmaxCrossEntropyKernel: target shape")
    var gradient = Matrix(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return (0, gradient) }
    let loss = scalars.withUnsafeBufferPointer { pz in
      targets.scalars.withUnsafeBufferPointer { py in
        gradient.scalars.withUnsafeMutableBufferPointer { pg in
          Scalar.softmaxCrossEntropy(
            rows: rows, columns: columns, logits: pz.baseAddress!, targets: py.baseAddress!, gradient: pg.baseAddress!)
        }
      }
    }
    return (loss, gradient)
  }
}

/// The optimisers' per-parameter loops, in C (vectorised).
public enum OptimizerKernels {
  /// One Adam update in place: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= alpha m / (sqrt(v) + eps), each
  /// operation rounded in turn as in Swift (no fused multiply-add). All four matrices have the same shape.
  @inlinable
  public static func adamUpdate<Scalar: LabScalar>(
    _ parameter: inout Matrix<Scalar>, gradient: Matrix<Scalar>, firstMoment: inout Matrix<Scalar>,
    secondMoment: inout Matrix<Scalar>, alpha: Scalar, beta1: Scalar, beta2: Scalar, epsilon: Scalar
  ) {
    let count = parameter.count
    precondition(
      gradient.count == count && firstMoment.count == count && secondMoment.count == count,
      "adamUpdate: \(count) parameters but \(gradient.count) gradients, \(firstMoment.count) and \(secondMoment.count) moments")
    if count == 0 { return }
    parameter.scalars.withUnsafeMutableBufferPointer { p in
      gradient.scalars.withUnsafeBufferPointer { g in
        firstMoment.scalars.withUnsafeMutableBufferPointer { m in
          secondMoment.scalars.withUnsafeMutableBufferPointer { v in
            Scalar.adamUpdate(
              count: count, parameters: p.baseAddress!, gradients: g.baseAddress!, firstMoments: m.baseAddress!,
              secondMoments: v.baseAddress!, alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
          }
        }
      }
    }
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

/// The C library's memory allocator, tuned for training loops.
public enum Allocator {
  /// Asks the C allocator (glibc) to keep freed memory for reuse instead of returning it to the system, so a training
  /// step's large temporary matrices (the tape, dZ) do not page-fault back in every step (about 1,000 faults a step
  /// at T = 20, B = 64; measured by lstmlab-bench). Process-wide and idempotent; returns false where it does nothing
  /// (other C libraries).
  @discardableResult
  public static func keepFreedMemory() -> Bool { lab_keep_freed_memory() }
}
