import LabMath

/// Stratified k-fold cross-validation over independent sequences: k splits whose validation lists partition
/// 0 ..< n, each holding about 1/k of every class.
///
/// Each class's indices are shuffled with `rng`, the classes are laid end to end (label 0 first), and position p of
/// that list goes to fold p mod k. So fold sizes differ by at most 1, and class c has floor(n_c/k) or
/// ceil(n_c/k) members in every validation fold (a class with fewer than k members is absent from some folds).
/// Same seed, same folds. For windows cut from one long series use `forwardChainingSplits` instead: neighbouring
/// windows overlap, and shuffling them across folds leaks the validation data into training.
public func stratifiedKFold(labels: [Int], folds k: Int, using rng: inout SeededGenerator) throws -> [IndexSplit] {
  guard k >= 2, k <= labels.count else {
    throw DatasetError.invalidArgument(
      argument: "stratifiedKFold(folds:)", found: "\(k) folds for \(labels.count) sequences",
      expected: "2 <= folds <= number of sequences")
  }
  var order: [Int] = []
  for members in try indicesByClass(labels) {
    var shuffled = members
    rng.shuffle(&shuffled)
    order += shuffled
  }
  var fold = [Int](repeating: 0, count: labels.count)
  for (position, index) in order.enumerated() { fold[index] = position % k }
  return (0..<k).map { i in
    IndexSplit(train: labels.indices.filter { fold[$0] != i }, validation: labels.indices.filter { fold[$0] == i })
  }
}

/// A stratified train/validation split: for every class c, round(n_c * validationFraction) of its indices, chosen
/// at random with `rng`, go to validation and the rest to training. Same seed, same split.
public func stratifiedSplit(labels: [Int], validationFraction: Double, using rng: inout SeededGenerator) throws -> IndexSplit {
  guard validationFraction > 0, validationFraction < 1 else {
    throw DatasetError.invalidArgument(
      argument: "stratifiedSplit(validationFraction:)", found: "\(validationFraction)", expected: "a fraction strictly between 0 and 1")
  }
  var validation: [Int] = []
  for members in try indicesByClass(labels) {
    var shuffled = members
    rng.shuffle(&shuffled)
    validation += shuffled.prefix(Int((Double(members.count) * validationFraction).rounded()))
  }
  let chosen = Set(validation)
  let split = IndexSplit(train: labels.indices.filter { !chosen.contains($0) }, validation: validation.sorted())
  guard !split.train.isEmpty, !split.validation.isEmpty else {
    throw DatasetError.invalidArgument(
      argument: "stratifiedSplit(validationFraction:)",
      found: "\(split.train.count) training and \(split.validation.count) validation sequences from \(labels.count)",
      expected: "a fraction that leaves both parts non-empty")
  }
  return split
}

/// The indices of each class, for labels 0 ... max(labels); throws on a negative label.
func indicesByClass(_ labels: [Int]) throws -> [[Int]] {
  if let negative = labels.first(where: { $0 < 0 }) {
    throw DatasetError.invalidArgument(argument: "labels", found: "label \(negative)", expected: "class indices >= 0")
  }
  var members = [[Int]](repeating: [], count: (labels.max() ?? -1) + 1)
  for (index, label) in labels.enumerated() { members[label].append(index) }
  return members
}
