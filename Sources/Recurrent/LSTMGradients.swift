import LabMath

/// The gradients full BPTT returns for an LSTM: dL/dW, dL/dU, dL/db (same shapes as the parameters), dL/dx
/// (T*B x F), the total dL/dh_t for every step (T*B x H: the loss's direct gradient plus what flows back through the
/// recurrence, dHidden_t = dH_t + dz_{t+1} U^T; its norm per t is what the vanishing-gradient lessons plot), and the
/// gradients w.r.t. the initial state, dL/dh_0 and dL/dc_0 (B x H).
public struct LSTMGradients<Scalar: LabScalar>: Sendable {
  public var dW: Matrix<Scalar>
  public var dU: Matrix<Scalar>
  public var db: Matrix<Scalar>
  public var dX: Matrix<Scalar>
  public var dHidden: Matrix<Scalar>
  public var dh0: Matrix<Scalar>
  public var dc0: Matrix<Scalar>

  public init(
    dW: Matrix<Scalar>, dU: Matrix<Scalar>, db: Matrix<Scalar>, dX: Matrix<Scalar>, dHidden: Matrix<Scalar>,
    dh0: Matrix<Scalar>, dc0: Matrix<Scalar>
  ) {
    self.dW = dW
    self.dU = dU
    self.db = db
    self.dX = dX
    self.dHidden = dHidden
    self.dh0 = dh0
    self.dc0 = dc0
  }

  /// [dW, dU, db], in the order of `LSTM.parameters`.
  public var parameterGradients: [Matrix<Scalar>] { [dW, dU, db] }

  /// The norm of dL/dh_t for t = 1 ... T (index t-1), |dHidden_t|_F over the batch, computed without underflow
  /// (scaled by each step's largest entry, like LAPACK's nrm2).
  public func hiddenGradientNorms(batchSize: Int) -> [Scalar] {
    stepNorms(dHidden, batchSize: batchSize)
  }
}

/// |block_t|_F for each consecutive block of `batchSize` rows, scaled by the block's largest entry before squaring
/// (`Matrix.blockNorms`), so that the norms of vanishing gradients near 1e-30 in Float do not underflow to 0.
func stepNorms<Scalar: LabScalar>(_ m: Matrix<Scalar>, batchSize: Int) -> [Scalar] {
  precondition(batchSize > 0 && m.rows % batchSize == 0, "stepNorms: \(m.rows) rows are not whole steps of \(batchSize)")
  return m.blockNorms(rowsPerBlock: batchSize)
}
