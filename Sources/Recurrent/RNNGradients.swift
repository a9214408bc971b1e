import LabMath

/// The gradients full BPTT returns for a tanh RNN: dL/dW, dL/dU, dL/db, dL/dx (T*B x F), the total dL/dh_t for every
/// step (T*B x H, dHidden_t = dH_t + dz_{t+1} U^T) and dL/dh_0 (B x H).
public struct RNNGradients<Scalar: LabScalar>: Sendable {
  public var dW: Matrix<Scalar>
  public var dU: Matrix<Scalar>
  public var db: Matrix<Scalar>
  public var dX: Matrix<Scalar>
  public var dHidden: Matrix<Scalar>
  public var dh0: Matrix<Scalar>

  public init(
    dW: Matrix<Scalar>, dU: Matrix<Scalar>, db: Matrix<Scalar>, dX: Matrix<Scalar>, dHidden: Matrix<Scalar>,
    dh0: Matrix<Scalar>
  ) {
    self.dW = dW
    self.dU = dU
    self.db = db
    self.dX = dX
    self.dHidden = dHidden
    self.dh0 = dh0
  }

  /// [dW, dU, db], in the order of `RNN.parameters`.
  public var parameterGradients: [Matrix<Scalar>] { [dW, dU, db] }

  /// The norm of dL/dh_t for t = 1 ... T (index t-1), computed without underflow (scaled by each step's largest
  /// entry, like LAPACK's nrm2).
  public func hiddenGradientNorms(batchSize: Int) -> [Scalar] {
    stepNorms(dHidden, batchSize: batchSize)
  }
}
