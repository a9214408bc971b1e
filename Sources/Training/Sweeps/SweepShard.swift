import Foundation

/// A fixed share of a grid's cells, so that n machines (a Slurm job array, GNU parallel) can each run one share and
/// the result files be merged.
///
/// Shard `i/n` (1 <= i <= n) holds the cells whose grid index k has `k mod n = i - 1`: the shares differ in size by
/// at most one cell, together they hold every cell exactly once, and the same grid always splits the same way.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
  /// Which share, from 1.
  public let index: Int
  /// How many shares.
  public let count: Int

  /// The whole grid as one share.
  public static let all = SweepShard(uncheckedIndex: 1, count: 1)

  /// Share `index` of `count`; throws unless 1 <= index <= count.
  public init(index: Int, count: Int) throws {
    guard count >= 1, index >= 1, index <= count else { throw SweepError.badShard("\(index)/\(count)") }
    self.init(uncheckedIndex: index, count: count)
  }

  /// A share written `i/n`, as in `--shard 2/8`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
      let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
      let count = Int(parts[1].trimmingCharacters(in: .whitespaces))
    else { throw SweepError.badShard(text) }
    guard count >= 1, index >= 1, index <= count else { throw SweepError.badShard(text) }
    self.init(uncheckedIndex: index, count: count)
  }

  private init(uncheckedIndex: Int, count: Int) {
    self.index = uncheckedIndex
    self.count = count
  }

  public var description: String { "\(index)/\(count)" }

  /// Whether `cell` belongs to this share.
  public func contains(_ cell: SweepCell) -> Bool { cell.index % count == index - 1 }

  /// The cells of `grid` in this share, in grid order.
  public func cells(of grid: SweepGrid) -> [SweepCell] {
    stride(from: index - 1, to: grid.count, by: count).map(grid.cell(at:))
  }
}
