import LabMath
import Recurrent

/// One built layer of a model: its weights, and how it runs forward and backward on a time-major batch.
enum ModelLayer<Scalar: LabScalar>: Sendable {
  case lstm(LSTM<Scalar>, returnSequences: Bool)
  case rnn(RNN<Scalar>, returnSequences: Bool)
  case dense(Dense<Scalar>, Activation)

  /// The parameter matrices in the layer's own order (LSTM/RNN: [W, U, b]; Dense: [W, b]).
  var parameters: [Matrix<Scalar>] {
    get {
      switch self {
      case .lstm(let layer, _): return layer.parameters
      case .rnn(let layer, _): return layer.parameters
      case .dense(let layer, _): return layer.parameters
      }
    }
    set {
      switch self {
      case .lstm(var layer, let r):
        layer.parameters = newValue
        self = .lstm(layer, returnSequences: r)
      case .rnn(var layer, let r):
        layer.parameters = newValue
        self = .rnn(layer, returnSequences: r)
      case .dense(var layer, let a):
        layer.parameters = newValue
        self = .dense(layer, a)
      }
    }
  }

  var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// Switches a recurrent layer between the C kernels and the plain-Swift reference (Dense layers have one).
  mutating func setImplementation(_ implementation: RecurrentImplementation) {
    switch self {
    case .lstm(var layer, let r):
      layer.implementation = implementation
      self = .lstm(layer, returnSequences: r)
    case .rnn(var layer, let r):
      layer.implementation = implementation
      self = .rnn(layer, returnSequences: r)
    case .dense: break
    }
  }
}

/// What a layer's forward pass keeps for its backward pass.
enum LayerTape<Scalar: LabScalar> {
  case lstm(LSTMTape<Scalar>)
  case rnn(RNNTape<Scalar>)
  /// A Dense layer keeps its input x and its activated output a.
  case dense(input: Matrix<Scalar>, output: Matrix<Scalar>)

  /// Bytes of the BPTT tape (recurrent layers; the Dense layers' few B x units values are not counted).
  var byteCount: Int {
    switch self {
    case .lstm(let tape): return tape.byteCount
    case .rnn(let tape): return tape.byteCount
    case .dense: return 0
    }
  }
}

/// The forward pass of a whole model on one batch: every layer's tape and the output logits (B x classes).
struct ForwardPass<Scalar: LabScalar> {
  var tapes: [LayerTape<Scalar>]
  var logits: Matrix<Scalar>
  var tapeBytes: Int { tapes.reduce(0) { $0 + $1.byteCount } }
}

extension ModelLayer {
  /// Runs the layer on `input`: for a recurrent layer a T*B x F time-major batch; the output is T*B x H when it
  /// returns sequences and B x H (the last hidden state) otherwise; for Dense a B x F matrix.
  func forward(_ input: Matrix<Scalar>, steps: Int) throws -> (output: Matrix<Scalar>, tape: LayerTape<Scalar>) {
    switch self {
    case .lstm(let layer, let returnSequences):
      let tape = try layer.forward(input, steps: steps)
      return (returnSequences ? tape.hidden : tape.lastHidden, .lstm(tape))
    case .rnn(let layer, let returnSequences):
      let tape = try layer.forward(input, steps: steps)
      return (returnSequences ? tape.hidden : tape.lastHidden, .rnn(tape))
    case .dense(let layer, let activation):
      let output = activation.apply(try layer.forward(input))
      return (output, .dense(input: input, output: output))
    }
  }

  /// Back-propagates `outputGradient` (the shape of the layer's output) through the layer: returns the gradients of
  /// its parameters (in `parameters` order) and the gradient with respect to its input (for an LSTM with
  /// `needsInputGradient` false, the model's first layer, an empty matrix: the data needs no gradient).
  func backward(
    _ tape: LayerTape<Scalar>, outputGradient: Matrix<Scalar>, steps: Int, needsInputGradient: Bool = true
  ) -> (parameterGradients: [Matrix<Scalar>], inputGradient: Matrix<Scalar>) {
    switch (self, tape) {
    case (.lstm(let layer, let returnSequences), .lstm(let tape)):
      let dH = Self.hiddenGradient(outputGradient, returnSequences: returnSequences, steps: steps, hiddenSize: layer.hiddenSize)
      let gradients = layer.backward(tape, hiddenGradient: consume dH, inputGradient: needsInputGradient)
      return (gradients.parameterGradients, gradients.dX)
    case (.rnn(let layer, let returnSequences), .rnn(let tape)):
      let dH = Self.hiddenGradient(outputGradient, returnSequences: returnSequences, steps: steps, hiddenSize: layer.hiddenSize)
      let gradients = layer.backward(tape, hiddenGradient: dH)
      return (gradients.parameterGradients, gradients.dX)
    case (.dense(let layer, let activation), .dense(let input, let output)):
      let dZ = activation.backward(output: output, outputGradient: outputGradient)
      let gradients = layer.backward(x: input, outputGradient: dZ)
      return ([gradients.dW, gradients.db], gradients.dX)
    default:
      preconditionFailure("ModelLayer.backward: the tape does not belong to this layer")
    }
  }

  /// The T*B x H gradient with respect to every h_t: the output gradient itself when the layer returns sequences,
  /// otherwise zeros with the B x H gradient of the last hidden state in the last block of rows.
  static func hiddenGradient(
    _ outputGradient: Matrix<Scalar>, returnSequences: Bool, steps: Int, hiddenSize: Int
  ) -> Matrix<Scalar> {
    if returnSequences { return outputGradient }
    let batch = outputGradient.rows
    var dH = Matrix<Scalar>(rows: steps * batch, columns: hiddenSize)
    dH.setRows(startingAt: (steps - 1) * batch, to: outputGradient)
    return dH
  }
}
