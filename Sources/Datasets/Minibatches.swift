import LabMath

/// The indices 0 ..< count in a random order (from `rng`) cut into consecutive minibatches of `batchSize`.
///
/// Last partial batch policy: when batchSize does not divide count, the last batch has count mod batchSize
/// indices and is KEPT (like Keras' `fit` and PyTorch's DataLoader default), unless `dropLast` is true (PyTorch's
/// `drop_last=True`), which drops it so every step sees exactly batchSize sequences. Same seed, same batches;
/// draw a new order every epoch by passing the same generator on.
public func minibatches(count: Int, batchSize: Int, dropLast: Bool = false, using rng: inout SeededGenerator) throws -> [[Int]] {
  guard count >= 0 else {
    throw DatasetError.invalidArgument(argument: "minibatches(count:)", found: "\(count)", expected: "a count of at least 0")
  }
  return try minibatches(of: Array(0..<count), batchSize: batchSize, dropLast: dropLast, using: &rng)
}

/// `indices` (for example the training list of an `IndexSplit`) shuffled with `rng` and cut into minibatches of
/// `batchSize`, with the same last-batch policy as `minibatches(count:batchSize:dropLast:using:)`.
public func minibatches(of indices: [Int], batchSize: Int, dropLast: Bool = false, using rng: inout SeededGenerator) throws -> [[Int]] {
  guard batchSize >= 1 else {
    throw DatasetError.invalidArgument(argument: "minibatches(batchSize:)", found: "\(batchSize)", expected: "a batch size of at least 1")
  }
  var order = indices
  rng.shuffle(&order)
  return consecutiveBatches(of: order, batchSize: batchSize, dropLast: dropLast).map(Array.init)
}

/// `indices` cut, in their order, into consecutive batches of `batchSize` (at least 1): LSTMLab's one batching
/// function (`minibatches` shuffles first; `fit`, `evaluate` and `predict` call it on their own order). The last
/// batch holds the count mod batchSize indices left over and is kept unless `dropLast` (the policy of `minibatches`).
/// Each batch is a slice of `indices`, so its `startIndex` is its position in the whole list.
public func consecutiveBatches(of indices: [Int], batchSize: Int, dropLast: Bool = false) -> [ArraySlice<Int>] {
  precondition(batchSize >= 1, "consecutiveBatches: batchSize is \(batchSize), expected at least 1")
  return stride(from: 0, to: indices.count, by: batchSize).compactMap { start in
    let end = Swift.min(start + batchSize, indices.count)
    return end - start == batchSize || !dropLast ? indices[start..<end] : nil
  }
}
