import LabMath

/// One part of a data set (the training part or the test part): `count` labelled sequences.
///
/// Sequence i is a `T_i x F` matrix, one row per time step and one column per feature (channel); its class is
/// `labels[i]`, an index into `classNames`. Sequences may have different lengths T_i (JapaneseVowels does); a batch
/// for the Recurrent layers needs one T, so resample (`resampled(to:)`) or pad (`paddedTimeMajorBatch`) first.
public struct LabeledSequences: Sendable, Equatable {
  /// What the part is, e.g. "GunPoint_TRAIN" or "TemporalOrder(T=100)".
  public var name: String
  /// Sequence i is `T_i x featureCount` (rows are time steps).
  public var sequences: [Matrix<Float>]
  /// The class of sequence i, in `0 ..< classNames.count`.
  public var labels: [Int]
  /// The class names, in the order that defines the label indices (for `.ts` files: the order of `@classLabel`).
  public var classNames: [String]
  /// Number of features (channels) F in every sequence.
  public var featureCount: Int

  /// A part made of the given sequences and labels. `featureCount` defaults to the column count of the first
  /// sequence. Nothing is checked here; `validated()` checks every invariant and says what is wrong.
  public init(name: String, sequences: [Matrix<Float>], labels: [Int], classNames: [String], featureCount: Int? = nil) {
    self.name = name
    self.sequences = sequences
    self.labels = labels
    self.classNames = classNames
    self.featureCount = featureCount ?? sequences.first?.columns ?? 0
  }

  /// Number of sequences.
  public var count: Int { sequences.count }
  /// The length T_i of every sequence.
  public var lengths: [Int] { sequences.map(\.rows) }
  /// The common length T when every sequence has the same length, nil otherwise (or when the part is empty).
  public var commonLength: Int? {
    guard let first = sequences.first?.rows, sequences.allSatisfy({ $0.rows == first }) else { return nil }
    return first
  }
  /// How many sequences each class has, indexed by label.
  public var classCounts: [Int] {
    var counts = Array(repeating: 0, count: classNames.count)
    for label in labels where counts.indices.contains(label) { counts[label] += 1 }
    return counts
  }
  /// The accuracy of always answering the most frequent class: max_c n_c / n. Chance level for this part.
  public var majorityClassFraction: Double {
    guard count > 0 else { return 0 }
    return Double(classCounts.max() ?? 0) / Double(count)
  }
  /// Whether any value is NaN (a missing value written `?` in a `.ts` file).
  public var hasMissingValues: Bool { sequences.contains { $0.scalars.contains { $0.isNaN } } }

  /// The sequences at `indices`, in that order (indices may repeat), with their labels.
  public func subset(_ indices: [Int], name: String? = nil) throws -> LabeledSequences {
    for index in indices where !sequences.indices.contains(index) {
      throw DatasetError.invalidArgument(
        argument: "\(self.name).subset(indices)", found: "index \(index)", expected: "indices in 0..<\(count)")
    }
    return LabeledSequences(
      name: name ?? self.name, sequences: indices.map { sequences[$0] }, labels: indices.map { labels[$0] },
      classNames: classNames, featureCount: featureCount)
  }

  /// Checks the invariants (as many labels as sequences, labels in range, every sequence `T_i x featureCount`
  /// with T_i >= 1) and returns `self`, or throws saying which sequence breaks which rule.
  public func validated() throws -> LabeledSequences {
    if labels.count != sequences.count {
      throw DatasetError.shapeMismatch(
        what: "\(name): labels", expected: "one label per sequence (\(sequences.count))", found: "\(labels.count)")
    }
    for (i, label) in labels.enumerated() where !classNames.indices.contains(label) {
      throw DatasetError.shapeMismatch(
        what: "\(name): label of sequence \(i)", expected: "a class index in 0..<\(classNames.count)", found: "\(label)")
    }
    for (i, sequence) in sequences.enumerated() where sequence.columns != featureCount || sequence.rows < 1 {
      throw DatasetError.shapeMismatch(
        what: "\(name): sequence \(i)", expected: "T x \(featureCount) with T >= 1",
        found: "\(sequence.rows) x \(sequence.columns)")
    }
    return self
  }
}

extension LabeledSequences {
  /// The sequences at `indices` stacked time-major, the layout of the Recurrent layers: with B = indices.count and
  /// T the common length, row `t*B + b` of the `T*B x F` matrix `x` is time step t of sequence `indices[b]`, so rows
  /// `t*B ..< (t+1)*B` are the B x F input `x_t`. `labels[b]` is the class of sequence `indices[b]`.
  ///
  /// Throws when an index is out of range, `indices` is empty, or the chosen sequences differ in length (resample
  /// with `resampled(to:)` or use `paddedTimeMajorBatch`).
  public func timeMajorBatch(indices: [Int]) throws -> (x: Matrix<Float>, steps: Int, labels: [Int]) {
    guard !indices.isEmpty else {
      throw DatasetError.invalidArgument(argument: "timeMajorBatch(indices:)", found: "no index", expected: "at least one index")
    }
    for index in indices where !sequences.indices.contains(index) {
      throw DatasetError.invalidArgument(
        argument: "timeMajorBatch(indices:)", found: "index \(index)", expected: "indices in 0..<\(count) (\(name))")
    }
    let steps = sequences[indices[0]].rows
    for index in indices where sequences[index].rows != steps || sequences[index].columns != featureCount {
      let sequence = sequences[index]
      throw DatasetError.shapeMismatch(
        what: "\(name): sequence \(index) in a batch",
        expected: "\(steps) x \(featureCount) like sequence \(indices[0]) (resample with resampled(to:) or pad with paddedTimeMajorBatch)",
        found: "\(sequence.rows) x \(sequence.columns)")
    }
    let b = indices.count, f = featureCount
    // Sequence by sequence (each one's scalars read once, in order) into its column of rows: element k of step t of
    // the sequence in column `column` goes to (t*B + column)*F + k. (Appending a slice per step and sequence cost a
    // retain, a release and a bounds check per F scalars: 6 % of a training step at F = 1, H = 16.)
    var scalars = [Float](repeating: 0, count: steps * b * f)
    for (column, index) in indices.enumerated() {
      let source = sequences[index].scalars
      for t in 0..<steps {
        let from = t * f, to = (t * b + column) * f
        for k in 0..<f { scalars[to + k] = source[from + k] }
      }
    }
    return (Matrix(rows: steps * b, columns: f, scalars: scalars), steps, indices.map { labels[$0] })
  }
}
