import Datasets
import LabMath

/// Labelled sequences of one common length T, ready to be cut into time-major batches: the form `fit`, `evaluate`
/// and `predict` work on, whatever they were given.
struct SequenceSet<Scalar: LabScalar>: Sendable {
  /// Sequence i is T x F.
  var sequences: [Matrix<Scalar>]
  /// The class of sequence i (empty for `predict`).
  var labels: [Int]
  /// The common length T.
  let steps: Int
  /// The feature count F.
  let features: Int

  var count: Int { sequences.count }

  /// Checks that there is at least one sequence, that all are T x F for one T and F, and that there is one label
  /// per sequence (when `labels` is given) in 0 ..< `classCount`.
  init(sequences: [Matrix<Scalar>], labels: [Int]?, classCount: Int?, call: String) throws {
    guard let first = sequences.first else {
      throw TrainingError.invalidData(call: call, problem: "no sequences", fix: "Pass at least one sequence.")
    }
    guard first.rows >= 1, first.columns >= 1 else {
      throw TrainingError.invalidData(
        call: call, problem: "sequence 0 is \(first.rows) x \(first.columns)",
        fix: "Each sequence is a T x F matrix with T >= 1 steps (rows) and F >= 1 features (columns).")
    }
    for (i, s) in sequences.enumerated() where s.rows != first.rows || s.columns != first.columns {
      throw TrainingError.invalidData(
        call: call, problem: "sequence \(i) is \(s.rows) x \(s.columns) but sequence 0 is \(first.rows) x \(first.columns)",
        fix: "All sequences of a batch need one length T and one feature count F: resample them to a common T "
          + "(Datasets' resampled(to:)) or cut them to the same length.")
    }
    if let labels {
      guard labels.count == sequences.count else {
        throw TrainingError.invalidData(
          call: call, problem: "\(sequences.count) sequences but \(labels.count) labels", fix: "Pass one label per sequence.")
      }
      if let classCount {
        for (i, label) in labels.enumerated() where !(0..<classCount).contains(label) {
          throw TrainingError.invalidData(
            call: call, problem: "label \(label) of sequence \(i) is not a class index in 0..<\(classCount)",
            fix: "Labels are class indices; the output layer has \(classCount) units, one per class.")
        }
      }
    }
    self.sequences = sequences
    self.labels = labels ?? []
    self.steps = first.rows
    self.features = first.columns
  }

  /// The sequences at `indices` stacked time-major: row t*B + b of the T*B x F result is step t of sequence
  /// `indices[b]` (the layout of the Recurrent layers).
  func timeMajorBatch(_ indices: ArraySlice<Int>) -> Matrix<Scalar> {
    var scalars: [Scalar] = []
    scalars.reserveCapacity(steps * indices.count * features)
    for t in 0..<steps {
      for i in indices { scalars.append(contentsOf: sequences[i].scalars[t * features..<(t + 1) * features]) }
    }
    return Matrix(rows: steps * indices.count, columns: features, scalars: scalars)
  }

  /// The labels at `indices`.
  func labels(_ indices: ArraySlice<Int>) -> [Int] { indices.map { labels[$0] } }

  /// The sequences at `indices` as a new set.
  func subset(_ indices: some Sequence<Int>) -> SequenceSet {
    var copy = self
    let chosen = Array(indices)
    copy.sequences = chosen.map { sequences[$0] }
    copy.labels = labels.isEmpty ? [] : chosen.map { labels[$0] }
    return copy
  }
}

extension SequenceSet {
  /// A set from a data set part, converting the values to `Scalar`, with every sequence first resampled to
  /// `steps` time steps when given (linear interpolation, Datasets' `resampled(to:)`).
  init(_ data: LabeledSequences, resampledTo steps: Int? = nil, classCount: Int?, call: String) throws {
    let data = try steps.map { try data.resampled(to: $0) } ?? data
    let converted = Scalar.self == Float.self
      ? data.sequences as! [Matrix<Scalar>]
      : data.sequences.map { $0.converted(to: Scalar.self) }
    try self.init(sequences: converted, labels: data.labels, classCount: classCount, call: call)
  }
}
