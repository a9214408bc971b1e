/// The cartesian product of named axes: every combination of one value per axis is a cell.
///
/// With axes `T = 20, 50` and `B = 8, 16` the cells, in order, are `T=20 B=8`, `T=20 B=16`, `T=50 B=8`, `T=50 B=16`
/// (the first axis varies slowest). The number of cells is the product of the axis sizes.
public struct SweepGrid: Sendable, Hashable {
  /// The largest number of cells a grid may have (a typo such as `seed=1..100000000` fails early instead).
  public static let maximumCellCount = 10_000_000

  /// The axes, in the order they were given.
  public let axes: [SweepAxis]

  /// A grid over `axes`; throws when an axis is empty, a name or a value is repeated or invalid, or the grid is too
  /// big.
  public init(_ axes: [SweepAxis]) throws {
    guard !axes.isEmpty else { throw SweepError.invalidGrid("a grid needs at least one axis") }
    var seen = Set<String>()
    var count = 1
    for axis in axes {
      guard SweepAxis.isValidName(axis.name) else {
        throw SweepError.invalidGrid(
          "axis name '\(axis.name)' is not allowed; start with a letter or _, then letters, digits, _, - or .")
      }
      guard axis.name != SweepResults.cellColumn else {
        throw SweepError.invalidGrid("'\(SweepResults.cellColumn)' is reserved for the results' cell id column")
      }
      guard seen.insert(axis.name).inserted else { throw SweepError.invalidGrid("axis '\(axis.name)' appears twice") }
      guard !axis.values.isEmpty else { throw SweepError.invalidGrid("axis '\(axis.name)' has no values") }
      if let bad = axis.values.first(where: { !SweepAxis.isValidValue($0) }) {
        throw SweepError.invalidGrid(
          "axis '\(axis.name)' has value '\(bad)'; values are printable ASCII without spaces, commas, '=' or quotes")
      }
      if let repeated = firstRepeated(axis.values) {
        throw SweepError.invalidGrid("axis '\(axis.name)' lists value '\(repeated)' twice")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= Self.maximumCellCount else {
        throw SweepError.invalidGrid("more than \(Self.maximumCellCount) cells; split the sweep into smaller grids")
      }
      count = product
    }
    self.axes = axes
  }

  /// A grid read from a spec such as `T=20,50,100 B=8..64*2 lr=1e-3 seed=1..3` (see `SweepSpecParser`); `source`
  /// names where the text came from in error messages (a flag such as `--grid`).
  public init(spec: String, source: String = "sweep spec") throws {
    try self.init(SweepSpecParser.parse(spec, source: source))
  }

  /// The axis names in order.
  public var axisNames: [String] { axes.map(\.name) }

  /// The number of cells: the product of the axis sizes.
  public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

  /// The cell at `index` in grid order (mixed-radix digits of `index`, last axis fastest).
  public func cell(at index: Int) -> SweepCell {
    precondition(index >= 0 && index < count, "cell index \(index) outside 0..<\(count)")
    var rest = index
    var values = [String](repeating: "", count: axes.count)
    for a in axes.indices.reversed() {
      let size = axes[a].values.count
      values[a] = axes[a].values[rest % size]
      rest /= size
    }
    return SweepCell(index: index, names: axisNames, values: values)
  }

  /// Every cell in grid order.
  public var cells: [SweepCell] { (0..<count).map(cell(at:)) }

  /// The spec that reads back as this grid (values listed one by one).
  public var spec: String {
    axes.map { "\($0.name)=\($0.values.joined(separator: ","))" }.joined(separator: " ")
  }
}

private func firstRepeated(_ values: [String]) -> String? {
  var seen = Set<String>()
  return values.first { !seen.insert($0).inserted }
}
