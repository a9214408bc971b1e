import LabMath
import Optimizers
import Training
import XCTest

final class DivergenceTests: XCTestCase {
  func testANaNInTheDataStopsTrainingAtItsBatchAndKeepsTheHistoryAndTheLastGoodWeights() throws {
    var data = TestData.firstStepSign(count: 64, steps: 4, seed: 1)
    data.x[40][2, 1] = .nan  // sample 40 sits in batch 3 (samples 32..<48) when not shuffled
    var model = Sequential {
      Layers.LSTM(units: 5)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(optimizer: Adam())
    let history = try model.fit(data.x, data.y, batchSize: 16, epochs: 3, shuffle: false, seed: 4, progress: .silent)

    let divergence = try XCTUnwrap(history.divergence)
    XCTAssertEqual(divergence.epoch, 1)
    XCTAssertEqual(divergence.batch, 3)
    XCTAssertEqual(divergence.update, 3)
    XCTAssertTrue(divergence.loss.isNaN)
    XCTAssertEqual(divergence.lastFiniteLoss, history.updates.last?.loss)
    XCTAssertEqual(history.updates.count, 2)
    XCTAssertTrue(history.epochs.isEmpty, "the diverged epoch did not finish")
    let message = divergence.description
    for part in ["epoch 1", "batch 3", "update 3", "last finite loss", "learning rate"] {
      XCTAssertTrue(message.contains(part), "\(part) missing from: \(message)")
    }
    // The failed update was not applied: the weights are those after the two good batches.
    var reference = Sequential {
      Layers.LSTM(units: 5)
      Layers.Dense(units: 2, activation: .softmax)
    }
    reference.compile(optimizer: Adam())
    try reference.fit(
      Array(data.x[0..<32]), Array(data.y[0..<32]), batchSize: 16, epochs: 1, shuffle: false, seed: 4,
      progress: .silent)
    XCTAssertEqual(model.parameters, reference.parameters)
    XCTAssertTrue(model.parameters.allSatisfy(\.isFinite))
  }

  func testAHugeLearningRateFromTheSecondEpochStopsTrainingAndKeepsTheFirstEpoch() throws {
    let data = TestData.firstStepSign(count: 64, steps: 6, seed: 2)
    var model = Sequential {
      Layers.SimpleRNN(units: 8)
      Layers.Dense(units: 2, activation: .softmax)
    }
    // 4 updates per epoch at lr 0.01, then lr 1e28.
    model.compile(optimizer: SGD(schedule: .stepDecay(initial: 0.01, factor: 1e30, every: 4)))
    let history = try model.fit(data.x, data.y, batchSize: 16, epochs: 5, seed: 1, progress: .silent)
    let divergence = try XCTUnwrap(history.divergence, "training with lr 1e28 should diverge")
    XCTAssertGreaterThanOrEqual(divergence.epoch ?? 0, 2)
    XCTAssertEqual(history.epochs.first?.epoch, 1)
    XCTAssertTrue(history.epochs[0].loss.isFinite)
    XCTAssertTrue(history.updates.allSatisfy { $0.loss.isFinite && $0.gradientNorm.isFinite })
    XCTAssertEqual(divergence.lastFiniteLoss, history.updates.last?.loss)
    XCTAssertFalse(divergence.loss.isFinite && divergence.gradientNorm.isFinite)
  }

  func testTrainStepThrowsDivergenceWithoutTouchingTheWeights() throws {
    var model = Sequential {
      Layers.LSTM(units: 3)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(optimizer: SGD(learningRate: 0.1))
    try model.build(inputFeatures: 2, seed: 1)
    let before = model.parameters
    var x = Matrix<Float>(rows: 3 * 2, columns: 2, repeating: 0.5)
    x[0, 0] = .infinity
    XCTAssertThrowsError(try model.trainStep(x: x, steps: 3, labels: [0, 1])) { error in
      let divergence = error as? Divergence
      XCTAssertNotNil(divergence)
      XCTAssertNil(divergence?.epoch)
      XCTAssertNil(divergence?.lastFiniteLoss)
    }
    XCTAssertEqual(model.parameters, before)
    XCTAssertEqual(model.optimizer?.iterations, 0)
  }
}
