import LSTMLab
import XCTest

/// The README's library example, as written there (with fewer epochs and units, so it runs quickly in debug builds).
final class ReadmeExampleTests: XCTestCase {
  func testTheReadmeModelExampleTrainsAndEvaluates() throws {
    let data = try Dataset.named("GunPoint")
    var model = Sequential {
      Layers.LSTM(units: 8)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
    let history = try model.fit(data.train, batchSize: 16, epochs: 5, validationSplit: 0.2, seed: 1, progress: .silent)
    let evaluation = try model.evaluate(data.test)
    XCTAssertEqual(history.epochs.count, 5)
    XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss, "training should lower the loss")
    XCTAssertTrue(evaluation.loss.isFinite)
    XCTAssertTrue((0...1).contains(evaluation.accuracy))
  }
}
