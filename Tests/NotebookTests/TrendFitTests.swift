import Foundation
import Notebook
import XCTest

/// The cost model of compute-scaling and the critical-batch fit of batch-tradeoffs, against data made from known
/// coefficients (recovered exactly) and against scipy on noisy data (values computed with scipy 1.17,
/// `scipy.optimize.least_squares` and `scipy.optimize.curve_fit`, which solve the same problems by another method).
final class TrendFitTests: XCTestCase {
  let cells: [(steps: Int, batch: Int)] = [
    (16, 1), (16, 4), (16, 16), (64, 1), (64, 4), (64, 16), (256, 1), (256, 4), (256, 16), (128, 8),
  ]

  func testCostModelRecoversExactCoefficients() throws {
    let times = cells.map { 2e-4 + 3e-6 * Double($0.steps) + 5e-7 * Double($0.steps * $0.batch) }
    let model = try StepCostModel(cells: cells, times: times)
    XCTAssertEqual(model.a, 2e-4, accuracy: 2e-4 * 1e-9)
    XCTAssertEqual(model.b, 3e-6, accuracy: 3e-6 * 1e-9)
    XCTAssertEqual(model.c, 5e-7, accuracy: 5e-7 * 1e-9)
    XCTAssertNil(model.knee)
    XCTAssertEqual(model.rmsRelative, 0, accuracy: 1e-12)
  }

  /// A knee at T B = 256 with e = 4e-7 (two measured sizes above it, as the search requires): the search over knees
  /// finds it and recovers every coefficient.
  func testKneeSearchFindsTheKneeOfExactData() throws {
    let times = cells.map { cell -> Double in
      let tb = Double(cell.steps * cell.batch)
      return 2e-4 + 3e-6 * Double(cell.steps) + 5e-7 * tb + 4e-7 * max(0, tb - 256)
    }
    let model = try StepCostModel.bestKneeModel(cells: cells, times: times)
    XCTAssertEqual(model.knee, 256)
    XCTAssertEqual(model.e, 4e-7, accuracy: 4e-7 * 1e-8)
    XCTAssertEqual(model.c, 5e-7, accuracy: 5e-7 * 1e-8)
    XCTAssertEqual(model.time(steps: 256, batch: 16), times[8], accuracy: times[8] * 1e-10)
  }

  /// Relative noise of a few percent: the coefficients and residuals scipy's least_squares finds for residuals
  /// (model - t) / t.
  func testCostModelOnNoisyDataMatchesScipy() throws {
    let noise = [0.03, -0.02, 0.01, -0.04, 0.02, 0.05, -0.01, 0.0, -0.03, 0.02]
    let times = zip(cells, noise).map { cell, n in
      (2e-4 + 3e-6 * Double(cell.steps) + 5e-7 * Double(cell.steps * cell.batch)) * (1 + n)
    }
    let model = try StepCostModel(cells: cells, times: times)
    XCTAssertEqual(model.a, 0.0002022020905963498, accuracy: 1e-12)
    XCTAssertEqual(model.b, 2.908513693654422e-06, accuracy: 1e-14)
    XCTAssertEqual(model.c, 5.131935111548403e-07, accuracy: 1e-15)
    XCTAssertEqual(model.rmsRelative, 0.02537409971155349, accuracy: 1e-9)
    XCTAssertEqual(model.worstRelative, 0.04214711157746565, accuracy: 1e-9)
  }

  func testCostModelRefusesCellsThatCannotDetermineIt() {
    // One batch size only: the T and T B columns are proportional.
    XCTAssertThrowsError(try StepCostModel(cells: [(8, 4), (16, 4), (32, 4), (64, 4)], times: [1, 2, 3, 4])) { error in
      XCTAssertEqual(error as? StepCostModelError, .singular(columns: 3, cells: 4))
    }
    XCTAssertThrowsError(try StepCostModel(cells: [(8, 4), (16, 2)], times: [1, 2])) { error in
      XCTAssertEqual(error as? StepCostModelError, .singular(columns: 3, cells: 2))
    }
    XCTAssertThrowsError(try StepCostModel(cells: [(8, 4), (16, 2), (4, 4)], times: [1, 0, 2])) { error in
      XCTAssertEqual(error as? StepCostModelError, .badTime(0))
    }
  }

  /// optimal-batch's calibration grid (T 16..128 x B 1..128): costs per example made from known coefficients come
  /// back from the smoothing unchanged.
  func testSmoothingKeepsCostsThatFollowTheModel() throws {
    let (lengths, batches) = ([16, 32, 64, 128], [1, 2, 4, 8, 16, 32, 64, 128])
    func truth(_ t: Int, _ b: Int) -> Double { (3e-4 + 2e-6 * Double(t) + 4e-7 * Double(t * b)) / Double(b) }
    let measured = Dictionary(uniqueKeysWithValues: lengths.map { t in (t, Dictionary(uniqueKeysWithValues: batches.map { ($0, truth(t, $0)) })) })
    let (model, costs) = try StepCostModel.smoothing(perExample: measured)
    XCTAssertEqual(model.a, 3e-4, accuracy: 3e-4 * 1e-9)
    XCTAssertEqual(model.c, 4e-7, accuracy: 4e-7 * 1e-9)
    for t in lengths {
      for b in batches { XCTAssertEqual(costs[t]![b]!, truth(t, b), accuracy: truth(t, b) * 1e-9, "T = \(t), B = \(b)") }
    }
  }

  /// The same grid with 20 % of noise on every cell (a fixed, irregular pattern): the smoothed costs lie closer to the
  /// true ones than the measured do, in RMS relative error by more than a factor of 2, and the residuals report the
  /// noise.
  func testSmoothingPoolsTheNoiseOfSingleCells() throws {
    let (lengths, batches) = ([16, 32, 64, 128], [1, 2, 4, 8, 16, 32, 64, 128])
    func truth(_ t: Int, _ b: Int) -> Double { (3e-4 + 2e-6 * Double(t) + 4e-7 * Double(t * b)) / Double(b) }
    var measured: [Int: [Int: Double]] = [:], index = 0.0
    for t in lengths {
      for b in batches {
        index += 1
        measured[t, default: [:]][b] = truth(t, b) * (1 + 0.2 * sin(2.3 * index + 0.7))
      }
    }
    let (model, costs) = try StepCostModel.smoothing(perExample: measured)
    func rmsError(_ c: [Int: [Int: Double]]) -> Double {
      let errors = lengths.flatMap { t in batches.map { b in (c[t]![b]! - truth(t, b)) / truth(t, b) } }
      return (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
    }
    XCTAssertGreaterThan(rmsError(measured), 0.13)  // 0.2 sin(...) has an RMS of 0.2 / sqrt 2
    XCTAssertLessThan(rmsError(costs), rmsError(measured) / 2)
    XCTAssertGreaterThan(model.rmsRelative, 0.1)
  }

  func testSmoothingRefusesAFitThatIsNotPositive() {
    // Update times of 1 ms at (T, B) = (1, 1) and (3, 2) and of 1 s at (1, 2) and (3, 1): a least-squares fit on
    // relative error all but passes through the two small times, and a + b T + c T B then goes below zero at (1, 2)
    // (numpy's lstsq on the same rows: -0.199 s).
    let measured: [Int: [Int: Double]] = [1: [1: 1e-3, 2: 0.5], 3: [1: 1, 2: 5e-4]]
    XCTAssertThrowsError(try StepCostModel.smoothing(perExample: measured)) { error in
      guard case .notPositive(1, 2, let time) = error as? StepCostModelError else { return XCTFail("\(error)") }
      XCTAssertEqual(time, -0.199 / 2, accuracy: 0.001)
    }
  }

  func testCriticalBatchRecoversExactCoefficients() throws {
    let batches: [Double] = [4, 8, 16, 32, 64, 128]
    let fit = try XCTUnwrap(CriticalBatchFit(batchSizes: batches, steps: batches.map { 150 * (1 + 40 / $0) }))
    XCTAssertEqual(fit.minimumSteps, 150, accuracy: 1e-9)
    XCTAssertEqual(fit.criticalBatch, 40, accuracy: 1e-9)
    XCTAssertEqual(fit.steps(batch: 10), 750, accuracy: 1e-8)
  }

  /// Measured-looking steps: scipy's curve_fit of S_min (1 + B_crit / B) gives S_min = 173.03, B_crit = 56.38.
  func testCriticalBatchOnNoisyDataMatchesScipy() throws {
    let fit = try XCTUnwrap(
      CriticalBatchFit(batchSizes: [4, 8, 16, 32, 64, 128], steps: [2600, 1420, 780, 470, 330, 240]))
    XCTAssertEqual(fit.minimumSteps, 173.03482510384342, accuracy: 1e-6)
    XCTAssertEqual(fit.criticalBatch, 56.381828926827566, accuracy: 1e-6)
  }

  func testCriticalBatchIsNilWithoutABend() {
    XCTAssertNil(CriticalBatchFit(batchSizes: [4, 8], steps: [100, 60]), "two points")
    XCTAssertNil(CriticalBatchFit(batchSizes: [4, 8, 16], steps: [100, 100, 100]), "flat: slope 0")
    XCTAssertNil(CriticalBatchFit(batchSizes: [4, 8, 16], steps: [10, 20, 40]), "steps grow with B")
    XCTAssertNil(CriticalBatchFit(batchSizes: [8, 8, 8], steps: [10, 20, 40]), "one batch size")
  }

  /// Steps measured at B = 4 ... 128 that fall faster than 1/B at small B: the ordinary fit's intercept is negative
  /// (numpy's lstsq: -3.009), so no B_crit; the relative fit (weights 1/S^2, solved with numpy's weighted normal
  /// equations) gives S_min = 7.598286515 and slope 771.0687839, so B_crit = 101.4792983.
  func testRelativeWeightingFitsStepsThatSpanOrdersOfMagnitude() throws {
    let batches: [Double] = [4, 8, 16, 32, 64, 128], steps = [271, 104, 62.5, 23.9, 19.3, 17.1]
    XCTAssertNil(CriticalBatchFit(batchSizes: batches, steps: steps))
    let fit = try XCTUnwrap(CriticalBatchFit(batchSizes: batches, steps: steps, weighting: .relative))
    XCTAssertEqual(fit.minimumSteps, 7.598286515, accuracy: 1e-7)
    XCTAssertEqual(fit.criticalBatch, 101.4792983, accuracy: 1e-5)
    // Exact data are recovered under either weighting; a non-positive step count cannot be weighted.
    let exact = try XCTUnwrap(CriticalBatchFit(batchSizes: batches, steps: batches.map { 150 * (1 + 40 / $0) }, weighting: .relative))
    XCTAssertEqual(exact.criticalBatch, 40, accuracy: 1e-9)
    XCTAssertNil(CriticalBatchFit(batchSizes: [4, 8, 16], steps: [10, 0, 5], weighting: .relative))
  }
}
