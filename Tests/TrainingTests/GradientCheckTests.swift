import LabMath
import Optimizers
import Training
import XCTest

/// The model's assembled back-propagation (recurrent stack, Dense activations, softmax cross-entropy) against
/// central finite differences of its own loss, in Double.
final class GradientCheckTests: XCTestCase {
  func testLossAndGradientsMatchCentralDifferencesThroughAStackedModel() throws {
    var model = SequentialModel<Double> {
      Layers.LSTM(units: 3, returnSequences: true)
      Layers.SimpleRNN(units: 3)
      Layers.Dense(units: 4, activation: .tanh)
      Layers.Dense(units: 3, activation: .relu)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try model.build(inputFeatures: 2, seed: 11)
    var rng = SeededGenerator(seed: 12)
    let steps = 4, batch = 3
    let x: Matrix<Double> = rng.normalMatrix(rows: steps * batch, columns: 2)
    let labels = [0, 1, 1]
    let analytic = try model.lossAndGradients(x: x, steps: steps, labels: labels).gradients
    let h = 1e-6
    var checked = 0
    for k in model.parameters.indices {
      for j in 0..<model.parameters[k].count {
        var plus = model, minus = model
        plus.parameters[k].scalars[j] += h
        minus.parameters[k].scalars[j] -= h
        let lp = try plus.lossAndGradients(x: x, steps: steps, labels: labels).loss
        let lm = try minus.lossAndGradients(x: x, steps: steps, labels: labels).loss
        let numeric = (lp - lm) / (2 * h)
        let a = analytic[k].scalars[j]
        let scale = max(abs(a), abs(numeric), 1e-4)
        XCTAssertLessThan(abs(a - numeric) / scale, 1e-5, "parameter \(k) index \(j): analytic \(a), numeric \(numeric)")
        checked += 1
      }
    }
    XCTAssertEqual(checked, model.parameterCount)
  }

  func testTrainStepAppliesTheClippedGradientWithTheOptimiserRule() throws {
    // SGD with global clipping to 0.01: the parameters move by exactly lr * 0.01 * g / |g| (when |g| > 0.01).
    var model = SequentialModel<Double> {
      Layers.LSTM(units: 3)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(optimizer: SGD(learningRate: 0.5), clipping: .globalNorm(0.01))
    try model.build(inputFeatures: 2, seed: 3)
    var rng = SeededGenerator(seed: 4)
    let x: Matrix<Double> = rng.normalMatrix(rows: 5 * 2, columns: 2)
    let before = model.parameters
    let g = try model.lossAndGradients(x: x, steps: 5, labels: [1, 0])
    let norm = GradientClipping.globalNorm(of: g.gradients)
    XCTAssertGreaterThan(norm, 0.01)
    let step = try model.trainStep(x: x, steps: 5, labels: [1, 0])
    XCTAssertEqual(step.gradientNorm, norm, accuracy: 1e-15)
    XCTAssertEqual(step.loss, g.loss, accuracy: 1e-15)
    XCTAssertEqual(step.learningRate, 0.5)
    for k in before.indices {
      let expected = before[k] - (0.5 * 0.01 / norm) * g.gradients[k]
      XCTAssertLessThan((model.parameters[k] - expected).maxAbs(), 1e-14)
    }
  }
}
