import Foundation

/// Runs independent trainings (or any independent jobs) on `workers` threads: `transform` applied to every element
/// of `items`, the results in the input's order.
///
/// The threads take items in input order from a shared counter, so at most `min(workers, items.count)` jobs run at
/// once and each item is transformed exactly once, whatever its position and the number of workers. After an error
/// no new item is started; the first error thrown is rethrown once all workers have finished their current item.
///
/// ```swift
/// let accuracies = try parallelMap(seeds, workers: 4) { seed in try train(seed: seed).testAccuracy }
/// ```
public func parallelMap<T: Sendable, R: Sendable>(
  _ items: [T], workers: Int, _ transform: @escaping @Sendable (T) throws -> R
) throws -> [R] {
  let results = ParallelResults<R>(count: items.count)
  let group = DispatchGroup()
  for _ in 0..<max(1, min(workers, items.count)) {
    group.enter()
    let thread = Thread {
      while let index = results.take() { results.store(index, Result { try transform(items[index]) }) }
      group.leave()
    }
    thread.stackSize = 8 << 20  // a training's recursion and buffers, as the sweep runner's workers get
    thread.start()
  }
  group.wait()
  if let error = results.error { throw error }
  return results.values.map { $0! }
}

/// The shared state of `parallelMap`'s workers; every access holds `lock`.
private final class ParallelResults<R: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [R?]
  private(set) var error: Error?
  private var next = 0

  init(count: Int) { values = Array(repeating: nil, count: count) }

  /// The next index to work on, or nil when every item is taken or an item has failed.
  func take() -> Int? {
    lock.withLock {
      guard error == nil, next < values.count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  /// Keeps a finished item's value, or the error if it is the first one.
  func store(_ index: Int, _ outcome: Result<R, Error>) {
    lock.withLock {
      switch outcome {
      case .success(let value): values[index] = value
      case .failure(let failure): if error == nil { error = failure }
      }
    }
  }
}
