import LabMath

/// One configuration of a sweep grid: a value for every axis, with a stable id such as `T=20 B=8 lr=1e-3 seed=1`.
///
/// The id is built from the axis names and the values' text only, so it does not change when cells run in another
/// order, on another number of workers or machines, or when the grid grows by new values. Its FNV-1a hash
/// (`stableHash`) picks the cell's random stream, which makes every cell's result independent of the others.
public struct SweepCell: Sendable, Hashable, CustomStringConvertible {
  /// The position of the cell in the grid's order (the first axis varies slowest, like nested loops).
  public let index: Int
  /// The axis names, in the grid's order.
  public let names: [String]
  /// The value of each axis, in the order of `names`.
  public let values: [String]
  /// `name=value` pairs joined by single spaces, in axis order.
  public let id: String

  init(index: Int, names: [String], values: [String]) {
    self.index = index
    self.names = names
    self.values = values
    self.id = zip(names, values).map { "\($0)=\($1)" }.joined(separator: " ")
  }

  public var description: String { id }

  /// The 64-bit FNV-1a hash of `id` (see `sweepStableHash`): the same on every run and every machine.
  public var stableHash: UInt64 { sweepStableHash(id) }

  /// The cell's own random generator, `SeededGenerator.derived(seed: seed, stream: stableHash)`: the same for this
  /// cell whatever the order or the number of workers, and different from every other cell's.
  public func generator(seed: UInt64 = 0) -> SeededGenerator {
    SeededGenerator.derived(seed: seed, stream: stableHash)
  }

  /// The value's text on axis `name`, or nil when the grid has no such axis.
  public subscript(name: String) -> String? {
    names.firstIndex(of: name).map { values[$0] }
  }

  /// The value's text on axis `name`; throws when the grid has no such axis.
  public func string(_ name: String) throws -> String {
    guard let value = self[name] else {
      throw SweepError.badCellValue(cell: id, axis: name, reason: "the grid has no such axis (axes: \(names.joined(separator: ", ")))")
    }
    return value
  }

  /// The value on axis `name` as a whole number; throws when it is missing or not an integer.
  public func int(_ name: String) throws -> Int {
    let text = try string(name)
    guard let value = Int(text) else {
      throw SweepError.badCellValue(cell: id, axis: name, reason: "'\(text)' is not a whole number")
    }
    return value
  }

  /// The value on axis `name` as a real number; throws when it is missing or not a finite number.
  public func double(_ name: String) throws -> Double {
    let text = try string(name)
    guard let value = Double(text), value.isFinite else {
      throw SweepError.badCellValue(cell: id, axis: name, reason: "'\(text)' is not a finite number")
    }
    return value
  }
}
