import LabKernels
import LabMath

// The one Recurrent file that touches raw pointers: the safe entry points to the C kernels of the recurrent layers
// and their loss (LabKernels: recurrence.c for the LSTM's time loops, pointwise.c for the fused pointwise loops).
// The layers (LSTM.swift, RNN.swift, SoftmaxCrossEntropy.swift) call only these. Each C kernel exists for float and
// double; `Scalar.self == Float.self` picks one (see LabMath's Kernels.swift).

/// The fused pointwise loops of a recurrent training step, on blocks of whole rows of matrices (no copies).
///
/// Every argument `...Row` is the first row of a block of `rows` rows; blocks are checked with a precondition.
/// The formulas (gates i, f, g, o; the notation of LSTM.swift):
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
                    let (x, w, u, b) = (px.baseAddress!, pw.baseAddress!, pu.baseAddress!, pb.baseAddress!)
                    let (g, c, t, hs) = (pg.baseAddress!, pc.baseAddress!, pt.baseAddress!, ph.baseAddress!)
                    if Scalar.self == Float.self {
                      lab_lstm_forward_f32(
                        steps, batch, f, h, x.kernelPointer(), w.kernelPointer(), u.kernelPointer(), b.kernelPointer(),
                        g.kernelPointer(), c.kernelPointer(), t.kernelPointer(), hs.kernelPointer())
                    } else {
                      lab_lstm_forward_f64(
                        steps, batch, f, h, x.kernelPointer(), w.kernelPointer(), u.kernelPointer(), b.kernelPointer(),
                        g.kernelPointer(), c.kernelPointer(), t.kernelPointer(), hs.kernelPointer())
                    }
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
  /// `tanhCells` as `lstmForward` left them, `input` x (T*B x F) and `states` (rows 0 ..< T*B: h_0 .. h_{T-1}) of the
  /// tape, `U` the recurrent kernel (H x 4H). Rows `firstRow ..< firstRow + T*B` of `hiddenGradient` hold the direct
  /// loss gradient dL/dh_t on entry and the total one on exit (dHidden_{t-1} += dz_t U^T); `cellGradient` (B x H)
  /// holds dL/dc_T from later steps on entry and dL/dc_0 on exit; `carry` says where dz_1 U^T goes.
  ///
  /// The parameter gradients dW = x^T dZ, dU = [h_0 .. h_{T-1}]^T dZ and db = column sums of dZ are summed inside
  /// the loop (every step, or every chunk of about 64 rows of dz for a band of fewer rows) and written into `inputKernelGradient`, `recurrentKernelGradient` and `biasGradient`
  /// (added to them when `accumulate`). `gateGradients` gets every dz_t (T*B x 4H) when it has T*B rows, for
  /// dx = dZ W^T; with 0 rows no dZ is kept.
  @inlinable
  public static func lstmBackward<Scalar: LabScalar>(
    steps: Int, batch: Int, gates: Matrix<Scalar>, cells: Matrix<Scalar>, tanhCells: Matrix<Scalar>,
    input x: Matrix<Scalar>, states: Matrix<Scalar>, recurrentKernel U: Matrix<Scalar>,
    hiddenGradient: inout Matrix<Scalar>, firstRow: Int, cellGradient: inout Matrix<Scalar>,
    gateGradients: inout Matrix<Scalar>, initialHiddenGradient: inout Matrix<Scalar>, carry: StateGradientCarry,
    inputKernelGradient dW: inout Matrix<Scalar>, recurrentKernelGradient dU: inout Matrix<Scalar>,
    biasGradient db: inout Matrix<Scalar>, accumulate: Bool
  ) {
    let (h, rows, f) = (U.rows, steps * batch, x.columns)
    precondition(steps > 0 && batch > 0, "lstmBackward: \(steps) steps of \(batch) rows")
    precondition(U.columns == 4 * h, "lstmBackward: U is \(U.rows)x\(U.columns), expected H x 4H")
    check(gates, 0, rows, 4 * h, "gates")
    check(cells, 0, rows, h, "cells")
    check(tanhCells, 0, rows, h, "tanh cells")
    check(x, 0, rows, f, "input")
    check(states, 0, rows, h, "states")
    check(hiddenGradient, firstRow, rows, h, "hidden gradient")
    precondition(cellGradient.rows == batch, "lstmBackward: the cell gradient must have exactly \(batch) rows")
    check(cellGradient, 0, batch, h, "cell gradient")
    let keepsGateGradients = gateGradients.rows > 0
    if keepsGateGradients { check(gateGradients, 0, rows, 4 * h, "gate gradients") }
    precondition(
      dW.rows == f && dW.columns == 4 * h && dU.rows == h && dU.columns == 4 * h && db.rows == 1 && db.columns == 4 * h,
      "lstmBackward: parameter gradients must be F x 4H, H x 4H and 1 x 4H")
    switch carry {
    case .dropped: break
    case .intoInitialState: check(initialHiddenGradient, 0, batch, h, "initial hidden gradient")
    case .intoEarlierRows:
      precondition(firstRow >= batch, "lstmBackward: no rows before row \(firstRow) to carry the gradient into")
    }
    let beforeBeta: Scalar = carry == .intoEarlierRows ? 1 : 0
    let gradientBeta: Scalar = accumulate ? 1 : 0
    gates.scalars.withUnsafeBufferPointer { pg in
      cells.scalars.withUnsafeBufferPointer { pc in
        tanhCells.scalars.withUnsafeBufferPointer { pt in
          U.scalars.withUnsafeBufferPointer { pu in
            x.scalars.withUnsafeBufferPointer { px in
              states.scalars.withUnsafeBufferPointer { ps in
                hiddenGradient.scalars.withUnsafeMutableBufferPointer { pdh in
                  cellGradient.scalars.withUnsafeMutableBufferPointer { pdc in
                    gateGradients.scalars.withUnsafeMutableBufferPointer { pdz in
                      initialHiddenGradient.scalars.withUnsafeMutableBufferPointer { ph0 in
                        dW.scalars.withUnsafeMutableBufferPointer { pdw in
                          dU.scalars.withUnsafeMutableBufferPointer { pdu in
                            db.scalars.withUnsafeMutableBufferPointer { pdb in
                              let base = pdh.baseAddress! + firstRow * h
                              let before: UnsafeMutablePointer<Scalar>? =
                                switch carry {
                                case .dropped: nil
                                case .intoInitialState: ph0.baseAddress!
                                case .intoEarlierRows: base - batch * h
                                }
                              let (g, c, t, u) = (pg.baseAddress!, pc.baseAddress!, pt.baseAddress!, pu.baseAddress!)
                              let (input, hs, dc) = (px.baseAddress!, ps.baseAddress!, pdc.baseAddress!)
                              let dz: UnsafeMutablePointer<Scalar>? = keepsGateGradients ? pdz.baseAddress! : nil
                              let (w, r, b) = (pdw.baseAddress!, pdu.baseAddress!, pdb.baseAddress!)
                              if Scalar.self == Float.self {
                                lab_lstm_backward_f32(
                                  steps, batch, f, h, g.kernelPointer(), c.kernelPointer(), t.kernelPointer(),
                                  u.kernelPointer(), input.kernelPointer(), hs.kernelPointer(), base.kernelPointer(),
                                  dc.kernelPointer(), dz?.kernelPointer(), before?.kernelPointer(),
                                  beforeBeta.kernelScalar(), w.kernelPointer(), r.kernelPointer(), b.kernelPointer(),
                                  gradientBeta.kernelScalar())
                              } else {
                                lab_lstm_backward_f64(
                                  steps, batch, f, h, g.kernelPointer(), c.kernelPointer(), t.kernelPointer(),
                                  u.kernelPointer(), input.kernelPointer(), hs.kernelPointer(), base.kernelPointer(),
                                  dc.kernelPointer(), dz?.kernelPointer(), before?.kernelPointer(),
                                  beforeBeta.kernelScalar(), w.kernelPointer(), r.kernelPointer(), b.kernelPointer(),
                                  gradientBeta.kernelScalar())
                              }
                            }
                          }
                        }
                      }
                    }
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
          let (z, b, state) = (pz.baseAddress! + preactivationRow * h, pb.baseAddress!, ps.baseAddress! + stateRow * h)
          if Scalar.self == Float.self {
            lab_rnn_forward_step_f32(rows, h, z.kernelPointer(), b.kernelPointer(), state.kernelPointer())
          } else {
            lab_rnn_forward_step_f64(rows, h, z.kernelPointer(), b.kernelPointer(), state.kernelPointer())
          }
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
          let (y, dy, dz) = (py.baseAddress! + outputRow * n, pdy.baseAddress! + outputGradientRow * n, pdz.baseAddress! + gradientRow * n)
          if Scalar.self == Float.self {
            lab_tanh_backward_f32(rows * n, y.kernelPointer(), dy.kernelPointer(), dz.kernelPointer())
          } else {
            lab_tanh_backward_f64(rows * n, y.kernelPointer(), dy.kernelPointer(), dz.kernelPointer())
          }
        }
      }
    }
  }
}

/// The softmax loops of the classifier's head, in C (log-sum-exp, one pass over each row).
public enum LossKernels {
  /// Row-wise softmax, exp(z_rj - max_r) / sum_k exp(z_rk - max_r).
  @inlinable
  public static func softmaxRows<Scalar: LabScalar>(_ logits: Matrix<Scalar>) -> Matrix<Scalar> {
    let (rows, columns) = (logits.rows, logits.columns)
    var result = Matrix<Scalar>(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return result }
    logits.scalars.withUnsafeBufferPointer { pz in
      result.scalars.withUnsafeMutableBufferPointer { pp in
        let (z, p) = (pz.baseAddress!, pp.baseAddress!)
        if Scalar.self == Float.self {
          lab_softmax_rows_f32(rows, columns, z.kernelPointer(), p.kernelPointer())
        } else {
          lab_softmax_rows_f64(rows, columns, z.kernelPointer(), p.kernelPointer())
        }
      }
    }
    return result
  }

  /// Mean softmax cross-entropy of `logits` (B x C) against integer labels already checked to lie in 0..<C, and its
  /// gradient (softmax - onehot) / B.
  @inlinable
  public static func softmaxCrossEntropy<Scalar: LabScalar>(
    logits: Matrix<Scalar>, labels: [Int]
  ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    let (rows, columns) = (logits.rows, logits.columns)
    precondition(
      labels.count == rows && labels.allSatisfy { $0 >= 0 && $0 < columns },
      "LossKernels.softmaxCrossEntropy: \(labels.count) labels for \(rows) rows, each must lie in 0..<\(columns)")
    var gradient = Matrix<Scalar>(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return (0, gradient) }
    let loss = logits.scalars.withUnsafeBufferPointer { pz in
      labels.withUnsafeBufferPointer { pl in
        gradient.scalars.withUnsafeMutableBufferPointer { pg -> Scalar in
          let (z, l, g) = (pz.baseAddress!, pl.baseAddress!, pg.baseAddress!)
          return Scalar.self == Float.self
            ? Scalar.fromKernel(lab_softmax_cross_entropy_f32(rows, columns, z.kernelPointer(), l, g.kernelPointer()))
            : Scalar.fromKernel(lab_softmax_cross_entropy_f64(rows, columns, z.kernelPointer(), l, g.kernelPointer()))
        }
      }
    }
    return (loss, gradient)
  }

  /// Mean softmax cross-entropy against target rows of the same shape (one-hot or distributions) and its gradient
  /// (softmax * rowsum(y) - y) / B.
  @inlinable
  public static func softmaxCrossEntropy<Scalar: LabScalar>(
    logits: Matrix<Scalar>, targets: Matrix<Scalar>
  ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    let (rows, columns) = (logits.rows, logits.columns)
    precondition(
      targets.rows == rows && targets.columns == columns,
      "LossKernels.softmaxCrossEntropy: targets are \(targets.rows)x\(targets.columns), logits \(rows)x\(columns)")
    var gradient = Matrix<Scalar>(rows: rows, columns: columns)
    if rows == 0 || columns == 0 { return (0, gradient) }
    let loss = logits.scalars.withUnsafeBufferPointer { pz in
      targets.scalars.withUnsafeBufferPointer { py in
        gradient.scalars.withUnsafeMutableBufferPointer { pg -> Scalar in
          let (z, y, g) = (pz.baseAddress!, py.baseAddress!, pg.baseAddress!)
          return Scalar.self == Float.self
            ? Scalar.fromKernel(lab_softmax_cross_entropy_targets_f32(rows, columns, z.kernelPointer(), y.kernelPointer(), g.kernelPointer()))
            : Scalar.fromKernel(lab_softmax_cross_entropy_targets_f64(rows, columns, z.kernelPointer(), y.kernelPointer(), g.kernelPointer()))
        }
      }
    }
    return (loss, gradient)
  }
}
