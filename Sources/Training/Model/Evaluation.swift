import Datasets
import LabMath
import Recurrent

/// A model's loss and accuracy on a data set (Keras's `model.evaluate`).
public struct Evaluation: Sendable, Equatable {
  /// Mean categorical cross-entropy over the sequences.
  public var loss: Double
  /// Fraction of sequences whose most probable class is the label.
  public var accuracy: Double
  /// Number of sequences evaluated.
  public var count: Int
}

extension SequentialModel {
  /// Loss and accuracy on labelled sequences (each T x F, one common T), computed in batches of `batchSize`.
  public func evaluate(_ x: [Matrix<Scalar>], _ y: [Int], batchSize: Int = 32) throws -> Evaluation {
    let set = try SequenceSet(sequences: x, labels: y, classCount: classCount, call: "evaluate")
    return try evaluate(set, batchSize: batchSize)
  }

  /// Loss and accuracy on a data set part (converted to the model's precision), resampled to `steps` time steps
  /// first when given.
  public func evaluate(_ data: LabeledSequences, resampledTo steps: Int? = nil, batchSize: Int = 32) throws -> Evaluation {
    try evaluate(SequenceSet(data, resampledTo: steps, classCount: classCount, call: "evaluate"), batchSize: batchSize)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func evaluate(_ set: SequenceSet<Scalar>, batchSize: Int) throws -> Evaluation {
    try checkBatchSize(batchSize, call: "evaluate")
    var lossSum = 0.0, correct = 0
    for chunk in consecutiveBatches(of: Array(0..<set.count), batchSize: batchSize) {
      let x = set.timeMajorBatch(chunk), labels = set.labels(chunk)
      try checkBatch(x, steps: set.steps, labels: labels, call: "evaluate")
      let logits = try forwardPass(x, steps: set.steps).logits
      let (loss, _) = try softmaxCrossEntropy(logits: logits, labels: labels)
      lossSum += Double(loss) * Double(chunk.count)
      correct += Self.correctCount(logits, labels)
    }
    return Evaluation(loss: lossSum / Double(set.count), accuracy: Double(correct) / Double(set.count), count: set.count)
  }

  /// Class probabilities (softmax of the output) for each sequence: an N x classes matrix whose rows sum to 1.
  public func predict(_ x: [Matrix<Scalar>], batchSize: Int = 32) throws -> Matrix<Scalar> {
    let set = try SequenceSet(sequences: x, labels: nil, classCount: nil, call: "predict")
    return try predict(set, batchSize: batchSize)
  }

  /// Class probabilities for each sequence of a data set part, resampled to `steps` time steps first when given.
  public func predict(_ data: LabeledSequences, resampledTo steps: Int? = nil, batchSize: Int = 32) throws -> Matrix<Scalar> {
    try predict(SequenceSet(data, resampledTo: steps, classCount: nil, call: "predict"), batchSize: batchSize)
  }

  /// The most probable class of each sequence.
  public func predictClasses(_ x: [Matrix<Scalar>], batchSize: Int = 32) throws -> [Int] {
    predictedClasses(try predict(x, batchSize: batchSize))
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func predict(_ set: SequenceSet<Scalar>, batchSize: Int) throws -> Matrix<Scalar> {
    try checkBatchSize(batchSize, call: "predict")
    var result = Matrix<Scalar>(rows: set.count, columns: classCount)
    for chunk in consecutiveBatches(of: Array(0..<set.count), batchSize: batchSize) {
      let x = set.timeMajorBatch(chunk)
      try checkBatch(x, steps: set.steps, labels: nil, call: "predict")
      result.setRows(startingAt: chunk.startIndex, to: softmax(try forwardPass(x, steps: set.steps).logits))
    }
    return result
  }

  func checkBatchSize(_ batchSize: Int, call: String) throws {
    guard batchSize >= 1 else {
      throw TrainingError.invalidArgument(call: call, argument: "batchSize", value: "\(batchSize)", expected: "at least 1")
    }
  }
}
