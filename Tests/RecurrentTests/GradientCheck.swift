import LabMath
import XCTest

@testable import Recurrent

/// Finite-difference gradient checking in Double, independent of the layers' backward passes.
///
/// Each derivative is the five-point central difference
///     f'(0) ~ (f(-2h) - 8 f(-h) + 8 f(h) - f(2h)) / (12 h),   h = 1e-4,
/// whose truncation error is O(h^4) ~ 1e-16 and rounding error ~ 1e-16 |L| / h ~ 1e-12 |L|, so a relative error of
/// 1e-6 is a strict test for every entry larger than `tiny` (smaller entries are held to an absolute error instead).
enum GradientCheck {
  static let step = 1e-4
  static let tolerance = 1e-6
  static let tiny = 1e-5
  static let absoluteTolerance = 1e-10

  /// d/dd f(d) at d = 0.
  static func derivative(_ f: (Double) -> Double) -> Double {
    let h = step
    return (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h)
  }

  /// At most `limit` entry indices of a tensor with `count` entries, evenly spread and including the first and last.
  static func entries(count: Int, limit: Int) -> [Int] {
    if count <= limit { return Array(0..<count) }
    return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
  }

  /// Compares `analytic` with the finite difference of `loss(index, delta)` (the loss with entry `index` moved by
  /// delta) over the chosen entries; fails the test on any entry out of tolerance. Returns the largest relative
  /// error over entries that are not tiny, and the number of entries that were not tiny.
  @discardableResult
  static func check(
    _ name: String, analytic: Matrix<Double>, limit: Int = 10_000, file: StaticString = #filePath, line: UInt = #line,
    loss: (_ index: Int, _ delta: Double) -> Double
  ) -> (maxRelativeError: Double, significant: Int) {
    var worst = 0.0, significant = 0
    for index in entries(count: analytic.count, limit: limit) {
      let numeric = derivative { loss(index, $0) }
      let exact = analytic.scalars[index]
      let scale = max(abs(numeric), abs(exact))
      if scale >= tiny {
        significant += 1
        let relative = abs(numeric - exact) / scale
        worst = max(worst, relative)
        XCTAssertLessThanOrEqual(
          relative, tolerance, "\(name)[\(index)]: backward \(exact), finite difference \(numeric)", file: file, line: line)
      } else {
        XCTAssertLessThanOrEqual(
          abs(numeric - exact), absoluteTolerance, "\(name)[\(index)] (tiny): backward \(exact), finite difference \(numeric)",
          file: file, line: line)
      }
    }
    return (worst, significant)
  }
}

/// sum_ij a_ij b_ij.
func dot(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double { (a * b).sum() }

/// `m` with entry `index` (row-major) moved by `delta`.
func moved(_ m: Matrix<Double>, _ index: Int, by delta: Double) -> Matrix<Double> {
  var copy = m
  copy.scalars[index] += delta
  return copy
}

/// A T*B x H weighting of the hidden states: random in every step block (loss on every step) or only in the last.
func hiddenWeights(steps: Int, batch: Int, hidden: Int, everyStep: Bool, using rng: inout SeededGenerator) -> Matrix<Double> {
  var r: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
  if !everyStep { for index in 0..<(steps - 1) * batch * hidden { r.scalars[index] = 0 } }
  return r
}
