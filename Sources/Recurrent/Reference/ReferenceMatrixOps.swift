import LabMath

// The few matrix operations the reference cells need beyond LabMath's `+`, `-`, `*` (element-wise), `matmul`,
// `sigmoid()` and `tanh()`, so that a cell's code reads like its equations: `1 - i`, `z.gate(2, of: 4)`,
// `[dzi, dzf, dzg, dzo].joinedColumns()`, `c.timesRowVector(p)`.

extension Matrix {
  /// 1 - m element-wise (or any scalar minus a matrix): the `(1 - i)` of `i (1 - i)`.
  public static func - (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }

  /// Gate block `k` of `count` equal column blocks: for z (B x 4H), `z.gate(0, of: 4)` is z_i, columns 0 ..< H,
  /// and `z.gate(3, of: 4)` is z_o, columns 3H ..< 4H.
  public func gate(_ k: Int, of count: Int) -> Matrix {
    precondition(count > 0 && columns % count == 0 && k >= 0 && k < count, "gate: block \(k) of \(count) in \(columns) columns")
    let width = columns / count
    return Matrix(rows: rows, columns: width) { r, c in self[r, k * width + c] }
  }

  /// Each row multiplied element-wise by the 1 x columns vector `v` (a per-unit weight broadcast over the batch).
  public func timesRowVector(_ v: Matrix) -> Matrix {
    precondition(v.count == columns, "timesRowVector: vector has \(v.count) values, expected \(columns)")
    return Matrix(rows: rows, columns: columns) { r, c in self[r, c] * v.scalars[c] }
  }
}

extension Array {
  /// The matrices side by side, [A | B | ...] (same row count): the inverse of `gate(_:of:)`.
  public func joinedColumns<Scalar: LabScalar>() -> Matrix<Scalar> where Element == Matrix<Scalar> {
    let rows = first?.rows ?? 0
    precondition(allSatisfy { $0.rows == rows }, "joinedColumns: blocks with different row counts")
    var result = Matrix<Scalar>(rows: rows, columns: reduce(0) { $0 + $1.columns })
    var offset = 0
    for block in self {
      for r in 0..<rows { for c in 0..<block.columns { result[r, offset + c] = block[r, c] } }
      offset += block.columns
    }
    return result
  }
}
