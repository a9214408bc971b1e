/// One split of the indices 0 ..< n of a part into a training list and a validation list (both sorted, disjoint).
public struct IndexSplit: Sendable, Equatable {
  /// Indices to fit on.
  public var train: [Int]
  /// Indices to score on.
  public var validation: [Int]

  public init(train: [Int], validation: [Int]) {
    self.train = train
    self.validation = validation
  }
}
