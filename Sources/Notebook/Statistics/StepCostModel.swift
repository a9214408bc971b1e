/// The time of one training update as a function of the sequence length T and the batch size B,
///
/// ```
/// time(T, B) = a + b T + c T B  (+ e max(0, T B - K)  with a knee at T B = K)
/// ```
///
/// a is the fixed cost of an update (the optimizer step, allocation), b the per-step cost that does not grow with the
/// batch (the U products' overhead, the sequential recurrence), c the cost of one sequence-step, and e the extra cost
/// per sequence-step once the working set T B outgrows a cache (the knee K). Fitted by least squares on relative
/// error, so that a 1 ms cell and a 1 s cell count alike: each row [1, T, T B, max(0, T B - K)] / t is fitted to 1.
public struct StepCostModel: Sendable, Equatable {
  public var a: Double
  public var b: Double
  public var c: Double
  /// The knee K in T B, nil for the model without one.
  public var knee: Int?
  /// The extra cost per sequence-step above the knee (0 without one).
  public var e: Double
  /// sqrt(mean((model - measured) / measured)^2) over the fitted cells.
  public var rmsRelative: Double
  /// max |model - measured| / measured over the fitted cells.
  public var worstRelative: Double

  /// The model's time for T steps and B sequences.
  public func time(steps T: Double, batch B: Double) -> Double {
    a + b * T + c * T * B + (knee.map { e * max(0, T * B - Double($0)) } ?? 0)
  }

  /// The model's time for T steps and B sequences.
  public func time(steps T: Int, batch B: Int) -> Double { time(steps: Double(T), batch: Double(B)) }

  /// The least-squares fit to measured `times` (seconds, positive) of the cells `(steps, batch)`, with the knee at
  /// `knee` when given. Throws `StepCostModelError` when the cells cannot determine the coefficients (fewer cells than
  /// coefficients, or all with one T or one B) or a time is not positive.
  public init(cells: [(steps: Int, batch: Int)], times: [Double], knee: Int? = nil) throws {
    guard cells.count == times.count else { throw StepCostModelError.shape(cells: cells.count, times: times.count) }
    if let bad = times.first(where: { !($0 > 0 && $0.isFinite) }) { throw StepCostModelError.badTime(bad) }
    let columnCount = knee == nil ? 3 : 4
    let rows = zip(cells, times).map { cell, t -> [Double] in
      let (T, B) = (Double(cell.steps), Double(cell.batch))
      var columns: [Double] = [1, T, T * B]
      if let knee { columns.append(max(0, T * B - Double(knee))) }
      return columns.map { $0 / t }
    }
    guard cells.count >= columnCount, let x = try? leastSquares(rows: rows, targets: rows.map { _ in 1 }) else {
      throw StepCostModelError.singular(columns: columnCount, cells: cells.count)
    }
    (a, b, c, self.knee, e) = (x[0], x[1], x[2], knee, knee == nil ? 0 : x[3])
    (rmsRelative, worstRelative) = (0, 0)
    let relative = zip(cells, times).map { (time(steps: $0.steps, batch: $0.batch) - $1) / $1 }
    rmsRelative = (relative.map { $0 * $0 }.reduce(0, +) / Double(relative.count)).squareRoot()
    worstRelative = relative.map(abs).max() ?? 0
  }

  /// The model with a knee that fits best: K tried at every measured T B that leaves at least two cells above it
  /// (with at least five cells), the K with the smallest RMS relative residual winning; the model without a knee
  /// when no knee improves on it.
  public static func bestKneeModel(cells: [(steps: Int, batch: Int)], times: [Double]) throws -> StepCostModel {
    var best = try StepCostModel(cells: cells, times: times)
    guard cells.count >= 5 else { return best }
    for knee in Set(cells.map { $0.steps * $0.batch }).sorted().dropLast(2) {
      guard let candidate = try? StepCostModel(cells: cells, times: times, knee: knee) else { continue }
      if candidate.rmsRelative < best.rmsRelative { best = candidate }
    }
    return best
  }
}

extension StepCostModel {
  /// A grid of measured costs per training example (seconds, `perExample[T][B]`) read back from one cost model
  /// fitted to all of them: the update times perExample[T][B] * B fitted by the model without a knee, and each
  /// cell's cost taken from the fit,
  ///
  /// ```
  /// smoothed[T][B] = time(T, B) / B = (a + b T + c T B) / B.
  /// ```
  ///
  /// No knee: on optimal-batch's grids (H = 16, T 16-128, B 1-128) a knee lowered the RMS residual from 7 to 6 % and
  /// from 11 to 10 %, and the search over knees followed single slow cells (a knee at T B = 32 with a negative c, or
  /// one fitted to three cells slowed by another program).
  ///
  /// One timed cell is a noisy instrument (two runs one after the other on an idle machine read the same cell a quarter
  /// apart); the fit pools every cell, so what is left of one cell's noise is its share in the
  /// coefficients, while a cell the model cannot describe shows as a residual (`rmsRelative`, `worstRelative`).
  /// Throws `StepCostModelError` when the cells cannot determine the model or the fit gives a cost that is not
  /// positive.
  public static func smoothing(perExample: [Int: [Int: Double]]) throws -> (model: StepCostModel, costs: [Int: [Int: Double]]) {
    let cells = perExample.keys.sorted().flatMap { t in perExample[t]!.keys.sorted().map { (steps: t, batch: $0) } }
    let model = try StepCostModel(cells: cells, times: cells.map { perExample[$0.steps]![$0.batch]! * Double($0.batch) })
    var costs: [Int: [Int: Double]] = [:]
    for cell in cells {
      let cost = model.time(steps: cell.steps, batch: cell.batch) / Double(cell.batch)
      guard cost > 0 && cost.isFinite else { throw StepCostModelError.notPositive(steps: cell.steps, batch: cell.batch, time: cost) }
      costs[cell.steps, default: [:]][cell.batch] = cost
    }
    return (model, costs)
  }
}

/// Why a `StepCostModel` cannot be fitted, with what to measure instead.
public enum StepCostModelError: Error, CustomStringConvertible, Equatable {
  case singular(columns: Int, cells: Int)
  case shape(cells: Int, times: Int)
  case badTime(Double)
  /// The fitted model's time per example at (T, B) is not a positive number: the measured costs do not follow it.
  case notPositive(steps: Int, batch: Int, time: Double)

  public var description: String {
    switch self {
    case .singular(let columns, let cells):
      "cannot fit \(columns) coefficients to \(cells) (T, B) cells: measure at least \(columns) different cells "
        + "with different T and B (in compute-scaling: --steps-list, --batches, --grid-steps, --grid-batches)"
    case .shape(let cells, let times): "cost model: \(cells) cells but \(times) times; give one time per cell"
    case .badTime(let t): "cost model: time \(t) s is not a positive finite number of seconds"
    case .notPositive(let steps, let batch, let time):
      "cost model: the fit gives \(time) s per example at T = \(steps), B = \(batch), not a positive time: the measured "
        + "costs do not follow a + b T + c T B; measure again on an idle machine"
    }
  }
}
