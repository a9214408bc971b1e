import LSTMLab

/// The paragraph between the measured costs and the costs the time budget uses: the model of the update time fitted
/// to the calibration grid (`StepCostModel.smoothing`), its coefficients, and how far the measured cells lie from it.
enum CostModelText {
  static func describe(_ fit: Result<StepCostModel, any Error>, cells: Int) -> String {
    func us(_ seconds: Double) -> String { NumberText.significant(seconds * 1e6, digits: 3) }
    let model: StepCostModel
    switch fit {
    case .success(let fitted): model = fitted
    case .failure(let error):
      let why = if case .singular = error as? StepCostModelError {
        "one batch size, or fewer than 3 cells, cannot determine a, b and c"
      } else {
        "\(error)"
      }
      return "The time budget reads the measured costs themselves (the table below repeats them): the model of the update "
        + "time t(T, B) = a + b T + c T B could not be fitted to these \(cells) cells (\(why)). Give at least two lengths "
        + "and two batch sizes for a fit."
    }
    return "The time budget reads each cell's cost from one model of the update time fitted to all \(cells) cells "
      + "(least squares on relative error, the compute-scaling lesson's model): t(T, B) = a + b T + c T B, "
      + "a = \(us(model.a)) µs per update, b = \(us(model.b)) µs per step, c = \(us(model.c)) µs per sequence-step. "
      + "The measured cells lie \(NumberText.fixed(100 * model.rmsRelative, decimals: 1)) % from it (RMS; the farthest "
      + "\(NumberText.fixed(100 * model.worstRelative, decimals: 1)) %): the noise of a cell timed once and whatever the "
      + "model leaves out. A budget read from single timings would move with that noise from run to run; the fit pools "
      + "every cell."
  }
}
