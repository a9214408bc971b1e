import LabMath
import Optimizers
import Recurrent
import Training
import XCTest

/// A Sequential model trained with the plain-Swift reference cells (`recurrentImplementation = .reference`) follows
/// the fast kernels' loss trajectory, update by update: the two compute the same functions and gradients, so only
/// Float rounding separates them.
final class ReferenceImplementationFitTests: XCTestCase {
  func model(_ implementation: RecurrentImplementation) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: 6, returnSequences: true)
      Layers.SimpleRNN(units: 5)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.recurrentImplementation = implementation
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
    return model
  }

  func testTheReferenceImplementationFollowsTheFastLossTrajectory() throws {
    let data = TestData.firstStepSign(count: 90, steps: 6, features: 3, seed: 11)
    var fast = model(.fast), reference = model(.reference)
    let a = try fast.fit(data.x, data.y, batchSize: 10, epochs: 2, validationSplit: 0.2, seed: 5, progress: .silent)
    let b = try reference.fit(data.x, data.y, batchSize: 10, epochs: 2, validationSplit: 0.2, seed: 5, progress: .silent)
    XCTAssertEqual(a.updates.count, 16)
    XCTAssertEqual(a.updates.count, b.updates.count)
    for (index, (x, y)) in zip(a.updates, b.updates).enumerated() {
      XCTAssertEqual(x.loss, y.loss, accuracy: 1e-4 * abs(x.loss), "update \(index + 1)")
    }
    XCTAssertLessThan(a.loss.last!, a.loss.first!, "the model learns at all, so the comparison is not of a flat line")
    XCTAssertNotEqual(
      a.updates.map(\.loss), b.updates.map(\.loss), "different code ran: the rounding differs somewhere in 16 updates")
    for (p, q) in zip(fast.parameters, reference.parameters) {
      XCTAssertLessThan(zip(p.scalars, q.scalars).map { abs($0 - $1) }.max()!, 1e-3 * max(p.maxAbs(), 1))
    }
  }

  /// The setting reaches layers built later (by `fit`) and layers already built; it changes no weight.
  func testTheSwitchSurvivesBuildingAndChangesNoWeight() throws {
    var model = model(.reference)
    try model.build(inputFeatures: 3, seed: 1)
    var other = self.model(.fast)
    try other.build(inputFeatures: 3, seed: 1)
    XCTAssertEqual(model.parameters, other.parameters)
    XCTAssertEqual(model.recurrentImplementation, .reference)
    let data = TestData.firstStepSign(count: 8, steps: 4, features: 3, seed: 2)
    let fast = try other.predict(data.x)
    other.recurrentImplementation = .reference
    let p = try model.predict(data.x)
    let q = try other.predict(data.x)
    XCTAssertEqual(p, q, "both run the reference now: the same bits")
    XCTAssertNotEqual(fast, q, "the switch reached the built layers: other code, other rounding")
    XCTAssertLessThan(zip(fast.scalars, q.scalars).map { abs($0 - $1) }.max()!, 1e-5)
  }
}
