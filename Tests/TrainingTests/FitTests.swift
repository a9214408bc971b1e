import LabMath
import Optimizers
import Training
import XCTest

final class FitTests: XCTestCase {
  func smallModel(units: Int = 16) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: units)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
    return model
  }

  func testLSTMLearnsTheFirstStepSignTaskToNinetyFivePercentValidationAccuracy() throws {
    let data = TestData.firstStepSign(count: 320, steps: 8, seed: 3)
    var model = smallModel()
    let history = try model.fit(
      data.x, data.y, batchSize: 32, epochs: 15, validationSplit: 0.25, seed: 1, progress: .silent)
    XCTAssertEqual(history.stopReason, .completed)
    XCTAssertEqual(history.trainingSamples, 240)
    XCTAssertEqual(history.validationSamples, 80)
    let best = history.validationAccuracy.max() ?? 0
    XCTAssertGreaterThanOrEqual(history.validationAccuracy.last ?? 0, 0.95, "validation accuracy per epoch: \(history.validationAccuracy)")
    XCTAssertGreaterThanOrEqual(best, 0.95)
    XCTAssertLessThan(history.loss.last!, history.loss.first!, "training loss should fall")
    // Fresh data from the same task: the model generalises.
    let test = TestData.firstStepSign(count: 200, steps: 8, seed: 99)
    XCTAssertGreaterThanOrEqual(try model.evaluate(test.x, test.y).accuracy, 0.95)
  }

  func testSameSeedGivesABitIdenticalHistoryAndAnotherSeedADifferentOne() throws {
    let data = TestData.firstStepSign(count: 96, steps: 5, seed: 4)
    func run(seed: UInt64) throws -> (History, [Matrix<Float>]) {
      var model = smallModel(units: 8)
      let history = try model.fit(
        data.x, data.y, batchSize: 16, epochs: 3, validationSplit: 0.25, seed: seed, progress: .silent)
      return (history, model.parameters)
    }
    let (a, weightsA) = try run(seed: 7)
    let (b, weightsB) = try run(seed: 7)
    let (c, weightsC) = try run(seed: 8)
    XCTAssertEqual(a.ignoringWallClock, b.ignoringWallClock)
    XCTAssertEqual(a.updates.map(\.loss.bitPattern), b.updates.map(\.loss.bitPattern))
    XCTAssertEqual(weightsA, weightsB)
    XCTAssertNotEqual(a.ignoringWallClock, c.ignoringWallClock)
    XCTAssertNotEqual(a.updates.map(\.loss), c.updates.map(\.loss))
    XCTAssertNotEqual(weightsA, weightsC)
    XCTAssertEqual(a.updates.count, 3 * 5, "72 training sequences in batches of 16: 5 updates per epoch")
  }

  func testHistoryRecordsEveryUpdateAndTheTapeOfAFullBatch() throws {
    let data = TestData.firstStepSign(count: 50, steps: 4, seed: 5)
    var model = smallModel(units: 6)
    let history = try model.fit(data.x, data.y, batchSize: 16, epochs: 2, shuffle: false, seed: 2, progress: .silent)
    XCTAssertEqual(history.epochs.map(\.epoch), [1, 2])
    XCTAssertEqual(history.epochs.map(\.updates), [4, 4], "50 = 16 + 16 + 16 + 2: the last partial batch is used")
    XCTAssertEqual(history.updates.count, 8)
    XCTAssertEqual(history.updates.map(\.batch), [1, 2, 3, 4, 1, 2, 3, 4])
    XCTAssertTrue(history.updates.allSatisfy { $0.gradientNorm > 0 && $0.learningRate == 0.01 })
    XCTAssertTrue(history.validationLoss.isEmpty)
    XCTAssertTrue(history.epochs.allSatisfy { $0.seconds > 0 })
    // The epoch's loss is the sample-weighted mean of its batch losses.
    let first = history.updates.prefix(4)
    let weighted = zip(first, [16, 16, 16, 2]).reduce(0.0) { $0 + $1.0.loss * Double($1.1) } / 50
    XCTAssertEqual(history.epochs[0].loss, weighted, accuracy: 1e-12)
    // The tape of a full batch, as lossAndGradients reports it for 16 sequences.
    var probe = smallModel(units: 6)
    try probe.build(inputFeatures: 2, seed: 2)
    let x = Matrix<Float>(rows: 4 * 16, columns: 2)
    XCTAssertEqual(history.tapeBytes, try probe.lossAndGradients(x: x, steps: 4, labels: Array(repeating: 0, count: 16)).tapeBytes)
    XCTAssertGreaterThan(history.tapeBytes, 0)
  }

  func testValidationDataIsEvaluatedAfterEveryEpoch() throws {
    let train = TestData.firstStepSign(count: 64, steps: 4, seed: 6)
    let validation = TestData.firstStepSign(count: 30, steps: 4, seed: 7)
    var model = smallModel(units: 6)
    let history = try model.fit(
      train.x, train.y, batchSize: 16, epochs: 2, validationData: (validation.x, validation.y), seed: 1,
      progress: .silent)
    XCTAssertEqual(history.validationSamples, 30)
    XCTAssertEqual(history.validationLoss.count, 2)
    let direct = try model.evaluate(validation.x, validation.y, batchSize: 16)
    XCTAssertEqual(history.validationLoss.last!.bitPattern, direct.loss.bitPattern)
    XCTAssertEqual(history.validationAccuracy.last!, direct.accuracy)
  }

  func testFitContinuesFromTheCurrentWeightsAndOptimiserState() throws {
    let data = TestData.firstStepSign(count: 32, steps: 3, seed: 8)
    var once = smallModel(units: 4)
    try once.fit(data.x, data.y, batchSize: 16, epochs: 2, shuffle: false, seed: 3, progress: .silent)
    var twice = smallModel(units: 4)
    try twice.fit(data.x, data.y, batchSize: 16, epochs: 1, shuffle: false, seed: 3, progress: .silent)
    try twice.fit(data.x, data.y, batchSize: 16, epochs: 1, shuffle: false, seed: 3, progress: .silent)
    XCTAssertEqual(once.parameters, twice.parameters)
    XCTAssertEqual(twice.optimizer?.iterations, 4)
  }
}
