import LabMath

/// The seed article's data: 1000 samples of 5 features drawn from a standard normal, with labels drawn at random
/// from 2 classes, independently of the features.
///
///     x[t, f] ~ N(0, 1) i.i.d.        y ~ Uniform{0, ..., C-1}, independent of x
///
/// There is nothing to learn: the right test accuracy is chance, 1/C (the seed article's "accuracy about 50%" is the
/// correct answer, not a bug). Training accuracy above chance is memorisation, which grows with the number of
/// parameters and epochs and shrinks with the number of samples: the lesson of this task.
public struct RandomLabelsTask: SyntheticTask {
  /// F, the number of features (5 in the seed article).
  public var featureCount: Int
  /// C, the number of classes (2 in the seed article).
  public var classCount: Int

  public init(featureCount: Int = 5, classCount: Int = 2) {
    self.featureCount = featureCount
    self.classCount = classCount
  }

  public var name: String { "RandomLabels(F=\(featureCount),C=\(classCount))" }
  public var classNames: [String] { (0..<classCount).map { "class \($0)" } }
  /// 1/C.
  public var chanceAccuracy: Double { 1 / Double(classCount) }
  public var minimumSteps: Int { 1 }

  /// For each sequence: the `steps x F` normal matrix, then its label.
  public func generate(count: Int, steps: Int, using rng: inout SeededGenerator) throws -> LabeledSequences {
    try checkArguments(count: count, steps: steps)
    guard featureCount >= 1, classCount >= 2 else {
      throw DatasetError.invalidArgument(
        argument: "RandomLabelsTask", found: "F=\(featureCount), C=\(classCount)", expected: "F >= 1 and C >= 2")
    }
    var sequences: [Matrix<Float>] = []
    var labels: [Int] = []
    for _ in 0..<count {
      sequences.append(rng.normalMatrix(rows: steps, columns: featureCount))
      labels.append(rng.nextInt(below: classCount))
    }
    return LabeledSequences(name: name, sequences: sequences, labels: labels, classNames: classNames, featureCount: featureCount)
  }
}
