import LabMath
import XCTest

/// Column sums (a bias's gradient, db = the column sums of dZ) of a large matrix are split by columns between the
/// calling thread and the helper; every column is still summed in row order, so the result is the same bits as a
/// plain loop, on one thread or two.
final class ColumnSumsTests: XCTestCase {
  override func tearDown() {
    KernelThreads.current = .automatic
    super.tearDown()
  }

  func testColumnSumsEqualAPlainLoopOnOneThreadAndOnTwo() {
    var rng = SeededGenerator(seed: 41)
    for (rows, columns) in [(1, 1), (3, 17), (1025, 256), (2049, 131), (300, 1000)] {
      let a: Matrix<Float> = rng.uniformMatrix(rows: rows, columns: columns, -1, 1)
      var plain = [Float](repeating: 0, count: columns)
      for r in 0..<rows { for c in 0..<columns { plain[c] += a[r, c] } }
      for setting in [KernelThreads.one, .two] {
        KernelThreads.current = setting
        XCTAssertEqual(a.columnSums().scalars, plain, "\(rows)x\(columns), threads \(setting)")
      }
    }
  }
}
