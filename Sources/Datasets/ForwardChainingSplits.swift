/// Forward-chaining splits for windows cut from ONE time series in time order (scikit-learn's TimeSeriesSplit):
/// with m = count / (folds + 1), split i (i = 0 ..< folds) validates on the block
/// [count - (folds - i) m, count - (folds - i - 1) m) and trains on every index before it minus the last `gap`.
/// Training never sees the future. Set `gap` to at least (window length - 1) + (label horizon) so that no
/// training window overlaps a validation window or its label.
public func forwardChainingSplits(count: Int, folds: Int, gap: Int = 0) throws -> [IndexSplit] {
  let blockSize = folds >= 1 ? count / (folds + 1) : 0
  guard folds >= 1, gap >= 0, blockSize >= 1, count - folds * blockSize - gap >= 1 else {
    throw DatasetError.invalidArgument(
      argument: "forwardChainingSplits(count: \(count), folds: \(folds), gap: \(gap))", found: "no room",
      expected: "folds >= 1, gap >= 0 and count > folds * (count / (folds + 1)) + gap, so every split trains on something")
  }
  return (0..<folds).map { i in
    let start = count - (folds - i) * blockSize
    return IndexSplit(train: Array(0..<(start - gap)), validation: Array(start..<(start + blockSize)))
  }
}
