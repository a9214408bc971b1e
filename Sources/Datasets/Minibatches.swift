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
  var batches: [[Int]] = []
  var start = 0
  while start < order.count {
    let end = Swift.min(start + batchSize, order.count)
    if end - start == batchSize || !dropLast { batches.append(Array(order[start..<end])) }
    start = end
  }
  return batches
}
