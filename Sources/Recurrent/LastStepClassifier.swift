import LabMath

/// A recurrent layer a `LastStepClassifier` can run: `LSTM` and `RNN`. It names the layer's tape and gradients so
/// that a classifier's pass hands them back whole (the vanishing-gradient lessons read gates and dL/dh_t off them).
public protocol ClassifierRecurrence: Sendable {
  associatedtype Scalar: LabScalar
  associatedtype Tape: Sendable
  associatedtype Gradients: Sendable
  /// Columns of x, F.
  var inputSize: Int { get }
  /// Units, H.
  var hiddenSize: Int { get }
  /// [W, U, b].
  var parameters: [Matrix<Scalar>] { get set }
  /// The forward pass from a zero state over a time-major batch x (T*B x F).
  func classifierForward(_ x: Matrix<Scalar>, steps: Int) throws -> Tape
  /// h_T (B x H) from a tape.
  static func lastHidden(of tape: Tape) -> Matrix<Scalar>
  /// Full BPTT for dL/dh_t = dH (T*B x H).
  func classifierBackward(_ tape: Tape, hiddenGradient dH: Matrix<Scalar>) -> Gradients
  /// [dW, dU, db] from the gradients, in the order of `parameters`.
  static func parameterGradients(of gradients: Gradients) -> [Matrix<Scalar>]
}

extension LSTM: ClassifierRecurrence {
  public func classifierForward(_ x: Matrix<Scalar>, steps: Int) throws -> LSTMTape<Scalar> { try forward(x, steps: steps) }
  public static func lastHidden(of tape: LSTMTape<Scalar>) -> Matrix<Scalar> { tape.lastHidden }
  public func classifierBackward(_ tape: LSTMTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> LSTMGradients<Scalar> {
    backward(tape, hiddenGradient: dH)
  }
  public static func parameterGradients(of gradients: LSTMGradients<Scalar>) -> [Matrix<Scalar>] {
    gradients.parameterGradients
  }
}

extension RNN: ClassifierRecurrence {
  public func classifierForward(_ x: Matrix<Scalar>, steps: Int) throws -> RNNTape<Scalar> { try forward(x, steps: steps) }
  public static func lastHidden(of tape: RNNTape<Scalar>) -> Matrix<Scalar> { tape.lastHidden }
  public func classifierBackward(_ tape: RNNTape<Scalar>, hiddenGradient dH: Matrix<Scalar>) -> RNNGradients<Scalar> {
    backward(tape, hiddenGradient: dH)
  }
  public static func parameterGradients(of gradients: RNNGradients<Scalar>) -> [Matrix<Scalar>] {
    gradients.parameterGradients
  }
}

/// What the softmax head computes on h_T for one batch: the loss, the logits, how many were right, the head's
/// gradients [dV, dc] and dL/dh_T (B x H), the gradient that BPTT carries back through time.
public struct LastStepHeadPass<Scalar: LabScalar>: Sendable {
  /// Mean softmax cross-entropy over the batch.
  public var loss: Scalar
  /// z = h_T V + c (B x C).
  public var logits: Matrix<Scalar>
  /// Rows whose largest logit is the label's.
  public var correct: Int
  /// [dV, dc], in the order of `Dense.parameters`.
  public var headGradients: [Matrix<Scalar>]
  /// dL/dh_T = dz V^T (B x H).
  public var lastHiddenGradient: Matrix<Scalar>
  /// correct / B.
  public var accuracy: Double { Double(correct) / Double(logits.rows) }
}

/// One full pass of a `LastStepClassifier`: the head's results, the recurrent layer's tape and gradients, and every
/// parameter's gradient in the order of `LastStepClassifier.parameters`.
public struct LastStepPass<Layer: ClassifierRecurrence>: Sendable {
  public var head: LastStepHeadPass<Layer.Scalar>
  public var tape: Layer.Tape
  public var recurrentGradients: Layer.Gradients
  /// [dW, dU, db, dV, dc].
  public var parameterGradients: [Matrix<Layer.Scalar>]
  public var loss: Layer.Scalar { head.loss }
  public var accuracy: Double { head.accuracy }
}

/// A sequence classifier that reads only the last hidden state: a recurrent layer (LSTM or RNN), a Dense head and
/// softmax cross-entropy on h_T,
///
/// ```
/// h_1 ... h_T = recurrent(x_1 ... x_T),   z = h_T V + c,   L = -(1/B) sum_r log softmax(z_r)[label_r]
/// ```
///
/// The backward pass starts at the head: dz = (softmax(z) - onehot) / B, dV = h_T^T dz, dc = column sums of dz,
/// dL/dh_T = dz V^T. The loss touches no other step, so the hidden gradient handed to BPTT, dH (T*B x H), is zero
/// except its last block of B rows: `lastStepHiddenGradient`. This is the model of the gradient lessons (the
/// temporal-order task, the adding problem), written once:
///
/// ```swift
/// var net = LastStepClassifier(recurrent: LSTM<Float>(inputSize: 8, hiddenSize: 16, using: &rng), classes: 4, using: &rng)
/// let pass = try net.lossAndGradients(x, steps: T, labels: labels)
/// var parameters = net.parameters
/// try adam.update(&parameters, gradients: pass.parameterGradients)
/// net.parameters = parameters
/// ```
///
/// For truncated or checkpointed BPTT, which call back for each window's dH, use `windowHiddenGradient`.
public struct LastStepClassifier<Layer: ClassifierRecurrence>: Sendable {
  public typealias Scalar = Layer.Scalar
  /// The recurrent layer.
  public var recurrent: Layer
  /// The head, z = h_T V + c.
  public var head: Dense<Scalar>

  /// A classifier from its two layers; throws unless the head's input size is the layer's hidden size.
  public init(recurrent: Layer, head: Dense<Scalar>) throws {
    guard head.inputSize == recurrent.hiddenSize else {
      throw RecurrentError.featureCountMismatch(
        layer: "LastStepClassifier head", expected: recurrent.hiddenSize, actual: head.inputSize)
    }
    (self.recurrent, self.head) = (recurrent, head)
  }

  /// A classifier with a Keras-initialised head of `classes` outputs drawn from `rng` (after the layer's weights).
  public init(recurrent: Layer, classes: Int, using rng: inout SeededGenerator) {
    self.recurrent = recurrent
    head = Dense(inputSize: recurrent.hiddenSize, outputSize: classes, using: &rng)
  }

  /// [W, U, b, V, c]; the setter requires the same shapes.
  public var parameters: [Matrix<Scalar>] {
    get { recurrent.parameters + head.parameters }
    set {
      precondition(newValue.count == 5, "LastStepClassifier.parameters: expected [W, U, b, V, c], got \(newValue.count)")
      recurrent.parameters = Array(newValue[0..<3])
      head.parameters = Array(newValue[3..<5])
    }
  }

  /// z = h_T V + c (B x C) for a time-major batch x (T*B x F).
  public func logits(_ x: Matrix<Scalar>, steps: Int) throws -> Matrix<Scalar> {
    try head.forward(Layer.lastHidden(of: try recurrent.classifierForward(x, steps: steps)))
  }

  /// The fraction of the batch classified right.
  public func accuracy(_ x: Matrix<Scalar>, steps: Int, labels: [Int]) throws -> Double {
    let predicted = predictedClasses(try logits(x, steps: steps))
    guard predicted.count == labels.count else { throw RecurrentError.labelCountMismatch(labels: labels.count, rows: predicted.count) }
    return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
  }

  /// The head on h_T (B x H): loss, logits, correct count, [dV, dc] and dL/dh_T.
  public func headPass(lastHidden: Matrix<Scalar>, labels: [Int]) throws -> LastStepHeadPass<Scalar> {
    let logits = try head.forward(lastHidden)
    let (loss, dLogits) = try softmaxCrossEntropy(logits: logits, labels: labels)
    let back = head.backward(x: lastHidden, outputGradient: dLogits)
    let correct = zip(predictedClasses(logits), labels).filter { $0 == $1 }.count
    return LastStepHeadPass(
      loss: loss, logits: logits, correct: correct, headGradients: [back.dW, back.db], lastHiddenGradient: back.dX)
  }

  /// dH for `steps` steps of B rows (steps*B x H): zero except the last block, which is dL/dh_T (B x H).
  public static func lastStepHiddenGradient(_ lastHiddenGradient: Matrix<Scalar>, steps: Int) -> Matrix<Scalar> {
    let batch = lastHiddenGradient.rows
    var dH = Matrix<Scalar>(rows: steps * batch, columns: lastHiddenGradient.columns)
    dH.setRows(startingAt: (steps - 1) * batch, to: lastHiddenGradient)
    return dH
  }

  /// dH for one window of truncated or checkpointed BPTT whose outputs are `hidden` (steps*B x H, B = labels.count):
  /// zero, except on the window's last step when it ends the sequence (`isLast`), where it is dL/dh_T from the head;
  /// that head pass is returned too (nil for other windows).
  public func windowHiddenGradient(
    _ hidden: Matrix<Scalar>, steps: Int, isLast: Bool, labels: [Int]
  ) throws -> (dH: Matrix<Scalar>, head: LastStepHeadPass<Scalar>?) {
    guard isLast else { return (Matrix(rows: hidden.rows, columns: hidden.columns), nil) }
    let batch = labels.count
    let pass = try headPass(lastHidden: hidden.rows((steps - 1) * batch..<steps * batch), labels: labels)
    return (Self.lastStepHiddenGradient(pass.lastHiddenGradient, steps: steps), pass)
  }

  /// Forward, loss on h_T and full BPTT for a time-major batch x (T*B x F) with one label per sequence.
  public func lossAndGradients(_ x: Matrix<Scalar>, steps: Int, labels: [Int]) throws -> LastStepPass<Layer> {
    let tape = try recurrent.classifierForward(x, steps: steps)
    let head = try headPass(lastHidden: Layer.lastHidden(of: tape), labels: labels)
    let gradients = recurrent.classifierBackward(
      tape, hiddenGradient: Self.lastStepHiddenGradient(head.lastHiddenGradient, steps: steps))
    return LastStepPass(
      head: head, tape: tape, recurrentGradients: gradients,
      parameterGradients: Layer.parameterGradients(of: gradients) + head.headGradients)
  }
}
