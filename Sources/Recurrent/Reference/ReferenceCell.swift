import LabMath

/// One step of a recurrent cell written as plain Swift equations: what the reference implementation and the gradient
/// check (`gradientCheck(cell:)`) are built on, and what an exercise that changes the cell implements.
///
/// A cell maps the input of one time step, x_t (B x F), and the state before it, s_{t-1}, to the state after it, s_t.
/// The state is a list of B x H matrices named by `stateNames`; its first entry is always the output h_t (an LSTM's
/// state is [h, c], an RNN's [h]). `forward` returns what its backward step needs (`Step`); `backward` takes that
/// and the gradient of the loss with respect to s_t, adds the step's share of every parameter gradient to
/// `gradients` (a cell-shaped value whose parameters hold dL/dW, dL/dU, ...), and returns dL/dx_t and the gradient
/// with respect to s_{t-1}. The time loop, full, truncated and checkpointed BPTT, is written once for every cell
/// (ReferenceBPTT.swift): `cell.forward(x, steps: T)`, `cell.backward(tape, hiddenGradient: dH)`.
///
/// `ReferenceLSTM` (ReferenceLSTM.swift) is the model to copy; `PeepholeLSTM` is the worked exercise.
public protocol ReferenceCell<Scalar>: Sendable {
  /// Float or Double (the gradient check runs in Double).
  associatedtype Scalar: LabScalar
  /// What one forward step keeps for its backward step (its part of the BPTT tape).
  associatedtype Step: Sendable

  /// The names of the parameter matrices, in the order of `parameters` (for example ["W", "U", "b"]).
  static var parameterNames: [String] { get }
  /// The names of the state matrices, output first (for example ["h", "c"]).
  static var stateNames: [String] { get }

  /// A cell with weights drawn from `rng` for inputs of `inputSize` features and `hiddenSize` units.
  init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator)

  /// The parameter matrices in the order of `parameterNames`; the setter keeps the shapes.
  var parameters: [Matrix<Scalar>] { get set }
  /// F, the number of input features.
  var inputSize: Int { get }
  /// H, the number of hidden units (every state matrix is B x H).
  var hiddenSize: Int { get }

  /// One step forward: x_t (B x F) and s_{t-1} to s_t, and what the backward step needs.
  func forward(_ x: Matrix<Scalar>, state: [Matrix<Scalar>]) -> (state: [Matrix<Scalar>], step: Step)

  /// One step backward. `stateGradient` is dL/ds_t: its first entry the total dL/dh_t, the others what arrived
  /// from step t+1 (dL/dc_t through c_{t+1}). Adds this step's parameter gradients to `gradients` and returns
  /// dL/dx_t (B x F) and dL/ds_{t-1}.
  func backward(
    _ step: Step, stateGradient: [Matrix<Scalar>], gradients: inout Self
  ) -> (inputGradient: Matrix<Scalar>, stateGradient: [Matrix<Scalar>])
}

extension ReferenceCell {
  /// The cell with every parameter replaced by zeros of its shape: where `backward` sums the gradients.
  public var zeroGradients: Self {
    var zero = self
    zero.parameters = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    return zero
  }

  /// A state of zeros for a batch of `batch` sequences (every entry B x H).
  public func zeroState(batch: Int) -> [Matrix<Scalar>] {
    Self.stateNames.map { _ in Matrix(rows: batch, columns: hiddenSize) }
  }
}
