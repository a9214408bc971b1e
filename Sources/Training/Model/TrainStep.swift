import LabMath
import Optimizers
import Recurrent

/// The loss of one batch, the gradient of every parameter, and what the forward pass cost.
public struct LossAndGradients<Scalar: LabScalar>: Sendable {
  /// The batch's mean categorical cross-entropy.
  public var loss: Scalar
  /// dL/dtheta for every parameter matrix, in the order of `model.parameters`.
  public var gradients: [Matrix<Scalar>]
  /// The output layer's logits z (B x classes); softmax(z) are the class probabilities.
  public var logits: Matrix<Scalar>
  /// How many of the batch's sequences the model classified correctly (argmax of the logits).
  public var correct: Int
  /// Bytes of the BPTT tapes of the forward pass (all recurrent layers).
  public var tapeBytes: Int
}

/// What one training step did.
public struct StepResult: Sendable, Equatable {
  /// The batch's loss before the update.
  public var loss: Double
  /// Correctly classified sequences in the batch, before the update.
  public var correct: Int
  /// Sequences in the batch.
  public var batchSize: Int
  /// Global L2 norm of the gradient before clipping.
  public var gradientNorm: Double
  /// The learning rate the update used.
  public var learningRate: Double
  /// Bytes of the BPTT tape the step kept between its forward and backward passes.
  public var tapeBytes: Int

  /// Fraction of the batch classified correctly, before the update.
  public var accuracy: Double { Double(correct) / Double(batchSize) }
}

extension SequentialModel {
  /// The forward pass on one time-major batch (T*B x F): every layer's tape and the logits.
  func forwardPass(_ x: Matrix<Scalar>, steps: Int) throws -> ForwardPass<Scalar> {
    var input = x
    var tapes: [LayerTape<Scalar>] = []
    tapes.reserveCapacity(layers.count)
    for layer in layers {
      let (output, tape) = try layer.forward(input, steps: steps)
      tapes.append(tape)
      input = output
    }
    return ForwardPass(tapes: tapes, logits: input)
  }

  /// Checks a batch against the model before it runs.
  func checkBatch(_ x: Matrix<Scalar>, steps: Int, labels: [Int]?, call: String) throws {
    guard let features = inputFeatures else {
      throw TrainingError.invalidData(
        call: call, problem: "the model has no weights yet",
        fix: "Call model.build(inputFeatures:seed:) first (fit builds the model itself).")
    }
    guard steps >= 1, x.rows > 0, x.rows % steps == 0 else {
      throw TrainingError.invalidArgument(
        call: call, argument: "steps", value: "\(steps) for \(x.rows) rows",
        expected: "T >= 1 dividing the rows of the time-major batch (T*B rows)")
    }
    guard x.columns == features else {
      throw TrainingError.invalidData(
        call: call, problem: "the batch has \(x.columns) features but the model was built for \(features)",
        fix: "Pass sequences with \(features) features, or build a new model.")
    }
    if let labels {
      guard labels.count == x.rows / steps else {
        throw TrainingError.invalidData(
          call: call, problem: "\(labels.count) labels for a batch of \(x.rows / steps) sequences",
          fix: "Pass one label per sequence of the batch.")
      }
      for (b, label) in labels.enumerated() where !(0..<classCount).contains(label) {
        throw TrainingError.invalidData(
          call: call, problem: "label \(label) of sequence \(b) is not in 0..<\(classCount)",
          fix: "Labels are class indices, one per output unit.")
      }
    }
  }

  /// The loss of the batch `x` (time-major, T*B x F with T = `steps`) against `labels`, and its gradient with respect
  /// to every parameter by back-propagation through time. Changes nothing: this is what `trainStep` and the
  /// gradient-noise measurements use.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func lossAndGradients(x: Matrix<Scalar>, steps: Int, labels: [Int]) throws -> LossAndGradients<Scalar> {
    try checkBatch(x, steps: steps, labels: labels, call: "lossAndGradients")
    let pass = try forwardPass(x, steps: steps)
    let (loss, dLogits) = try softmaxCrossEntropy(logits: pass.logits, labels: labels)
    var perLayer: [[Matrix<Scalar>]] = Array(repeating: [], count: layers.count)
    var gradient = dLogits
    for index in layers.indices.reversed() {
      let (parameterGradients, inputGradient) = layers[index].backward(
        pass.tapes[index], outputGradient: gradient, steps: steps, needsInputGradient: index > 0)
      perLayer[index] = parameterGradients
      gradient = inputGradient
    }
    return LossAndGradients(
      loss: loss, gradients: perLayer.flatMap { $0 }, logits: pass.logits,
      correct: Self.correctCount(pass.logits, labels), tapeBytes: pass.tapeBytes)
  }

  /// One training step on a time-major batch: forward, backward through time, clip (the model's `clipping`),
  /// update (the model's optimiser). Returns the loss, the accuracy before the update and the gradient norm before
  /// clipping.
  ///
  /// Throws `Divergence` (without applying the update) when the loss or the gradient norm is NaN or infinite.
  ///
  /// The first call asks the C allocator to keep freed memory (`Allocator.keepingFreedMemory`, process-wide), so the
  /// next step reuses this step's tape instead of faulting fresh pages in.
  @discardableResult
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func trainStep(x: Matrix<Scalar>, steps: Int, labels: [Int]) throws -> StepResult {
    guard var optimizer else { throw TrainingError.notCompiled(call: "trainStep") }
    _ = Allocator.keepingFreedMemory  // reuse freed memory: the next step's tape is not faulted in afresh (LabMath.Allocator)
    // Hold the optimiser outside the model during the update so that its state is not copied (copy-on-write).
    self.optimizer = nil
    defer { self.optimizer = optimizer }
    var result = try lossAndGradients(x: x, steps: steps, labels: labels)
    let norm = clipping.clip(&result.gradients)
    let loss = Double(result.loss)
    guard loss.isFinite, norm.isFinite else {
      throw Divergence(
        epoch: nil, batch: nil, update: optimizer.iterations + 1, loss: loss, gradientNorm: norm,
        lastFiniteLoss: lastFiniteLoss)
    }
    let learningRate = optimizer.learningRate
    var parameters = self.parameters
    try optimizer.update(&parameters, gradients: result.gradients)
    self.parameters = parameters
    lastFiniteLoss = loss
    return StepResult(
      loss: loss, correct: result.correct, batchSize: labels.count, gradientNorm: norm, learningRate: learningRate,
      tapeBytes: result.tapeBytes)
  }

  /// The number of rows whose largest logit is at the label's column (ties go to the lower class index).
  static func correctCount(_ logits: Matrix<Scalar>, _ labels: [Int]) -> Int {
    zip(predictedClasses(logits), labels).filter { $0 == $1 }.count
  }
}
