import LabMath
import Optimizers
@testable import Training
import XCTest

final class ProgressTests: XCTestCase {
  final class Collector: @unchecked Sendable {
    var text = ""
    let lock = NSLock()
    func append(_ s: String) { lock.withLock { text += s } }
  }

  func sampleStep() -> StepResult {
    StepResult(loss: 0.5, correct: 3, batchSize: 4, gradientNorm: 1, learningRate: 0.01, tapeBytes: 10)
  }

  func sampleEpoch() -> History.Epoch {
    History.Epoch(
      epoch: 2, loss: 0.25, accuracy: 0.75, validationLoss: 0.5, validationAccuracy: 0.625, seconds: 1.5, updates: 3)
  }

  func testLinesStyleWritesOnePlainLinePerEpoch() {
    let out = Collector()
    var reporter = ProgressReporter(style: .lines, epochs: 3, batchesPerEpoch: 3, output: { out.append($0) })
    reporter.beginEpoch()
    for batch in 1...3 { reporter.batchFinished(epoch: 2, batch: batch, step: sampleStep()) }
    reporter.epochFinished(sampleEpoch())
    XCTAssertEqual(
      out.text,
      "Epoch 2/3 - 3 batches - 1.50s - loss 0.2500 - accuracy 0.7500 - val_loss 0.5000 - val_accuracy 0.6250\n")
  }

  func testBarStyleRedrawsInPlaceWithETAAndRunningMetrics() {
    let out = Collector()
    var reporter = ProgressReporter(style: .bar, epochs: 3, batchesPerEpoch: 3, output: { out.append($0) })
    reporter.beginEpoch()
    reporter.batchFinished(epoch: 2, batch: 1, step: sampleStep())
    XCTAssertTrue(out.text.hasPrefix("\rEpoch 2/3 ["), out.text)
    XCTAssertTrue(out.text.contains("1/3 - ETA"), out.text)
    XCTAssertTrue(out.text.contains("loss 0.5000 - accuracy 0.7500"), out.text)
    XCTAssertFalse(out.text.contains("\n"))
    reporter.batchFinished(epoch: 2, batch: 3, step: sampleStep())  // the last batch is always drawn
    XCTAssertTrue(out.text.contains("[====================] 3/3"), out.text)
    reporter.epochFinished(sampleEpoch())
    XCTAssertTrue(out.text.hasSuffix("val_accuracy 0.6250\u{1B}[K\n"), out.text)
  }

  func testSilentWritesNothing() {
    let out = Collector()
    var reporter = ProgressReporter(style: .silent, epochs: 1, batchesPerEpoch: 1, output: { out.append($0) })
    reporter.beginEpoch()
    reporter.batchFinished(epoch: 1, batch: 1, step: sampleStep())
    reporter.epochFinished(sampleEpoch())
    reporter.stopped(Divergence(epoch: 1, batch: 1, update: 1, loss: .nan, gradientNorm: .nan, lastFiniteLoss: nil))
    XCTAssertEqual(out.text, "")
  }
}
