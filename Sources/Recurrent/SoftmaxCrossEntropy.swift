import LabMath

/// Softmax followed by categorical cross-entropy, averaged over the B rows of `logits` (B x C), with integer labels:
///
///     p_rj = exp(z_rj - m_r) / sum_k exp(z_rk - m_r),   m_r = max_j z_rj         (log-sum-exp: never overflows)
///     loss = -(1/B) sum_r log p_r,label_r,              dL/dz_rj = (p_rj - [j == label_r]) / B
///
/// Keras's `SparseCategoricalCrossentropy(from_logits=True)` and PyTorch's `CrossEntropyLoss()` compute the same.
/// Throws when the label count differs from B or a label is outside 0 ..< C.
public func softmaxCrossEntropy<Scalar: LabScalar>(
  logits: Matrix<Scalar>, labels: [Int]
) throws -> (loss: Scalar, gradient: Matrix<Scalar>) {
  guard logits.rows > 0, logits.columns > 0 else {
    throw RecurrentError.emptyBatch(layer: "softmaxCrossEntropy", rows: logits.rows, steps: 1)
  }
  guard labels.count == logits.rows else { throw RecurrentError.labelCountMismatch(labels: labels.count, rows: logits.rows) }
  if let index = labels.firstIndex(where: { $0 < 0 || $0 >= logits.columns }) {
    throw RecurrentError.labelOutOfRange(label: labels[index], index: index, classCount: logits.columns)
  }
  return LossKernels.softmaxCrossEntropy(logits: logits, labels: labels)
}

/// The same with target rows (B x C): one-hot rows (`CategoricalCrossentropy(from_logits=True)`) or any rows of
/// non-negative weights: loss = -(1/B) sum_r sum_j y_rj log p_rj, dL/dz_rj = (p_rj sum_k y_rk - y_rj) / B.
public func softmaxCrossEntropy<Scalar: LabScalar>(
  logits: Matrix<Scalar>, oneHot targets: Matrix<Scalar>
) throws -> (loss: Scalar, gradient: Matrix<Scalar>) {
  guard logits.rows > 0, logits.columns > 0 else {
    throw RecurrentError.emptyBatch(layer: "softmaxCrossEntropy", rows: logits.rows, steps: 1)
  }
  guard targets.rows == logits.rows else { throw RecurrentError.labelCountMismatch(labels: targets.rows, rows: logits.rows) }
  guard targets.columns == logits.columns else {
    throw RecurrentError.shapeMismatch(
      layer: "softmaxCrossEntropy", argument: "oneHot targets", expectedRows: logits.rows,
      expectedColumns: logits.columns, actualRows: targets.rows, actualColumns: targets.columns)
  }
  return LossKernels.softmaxCrossEntropy(logits: logits, targets: targets)
}

/// Row-wise softmax probabilities of `logits` (B x C), computed stably.
public func softmax<Scalar: LabScalar>(_ logits: Matrix<Scalar>) -> Matrix<Scalar> {
  LossKernels.softmaxRows(logits)
}

/// The index of the largest logit in each row (the predicted class; the first one on ties).
public func predictedClasses<Scalar: LabScalar>(_ logits: Matrix<Scalar>) -> [Int] {
  (0..<logits.rows).map { r in
    var best = 0
    for j in 1..<max(logits.columns, 1) where logits[r, j] > logits[r, best] { best = j }
    return best
  }
}

/// One-hot rows (labels.count x classCount) for integer labels in 0 ..< classCount.
public func oneHot<Scalar: LabScalar>(_ labels: [Int], classCount: Int) throws -> Matrix<Scalar> {
  if let index = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
    throw RecurrentError.labelOutOfRange(label: labels[index], index: index, classCount: classCount)
  }
  var m = Matrix<Scalar>(rows: labels.count, columns: classCount)
  for (r, label) in labels.enumerated() { m[r, label] = 1 }
  return m
}
