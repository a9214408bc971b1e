import Datasets
import LabMath
import Optimizers
import Training
import XCTest

final class LabeledSequencesInputTests: XCTestCase {
  /// Sequences of lengths 5 to 9: rejected as they are, accepted when resampled to one T.
  func variableLengthData() -> LabeledSequences {
    var rng = SeededGenerator(seed: 9)
    let sequences: [Matrix<Float>] = (0..<20).map { i in rng.normalMatrix(rows: 5 + i % 5, columns: 2) }
    return LabeledSequences(
      name: "ragged", sequences: sequences, labels: (0..<20).map { $0 % 2 }, classNames: ["a", "b"])
  }

  func testVariableLengthSetsAreRejectedWithTheFixOrResampled() throws {
    var model = Sequential {
      Layers.LSTM(units: 3)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(optimizer: Adam())
    let data = variableLengthData()
    XCTAssertThrowsError(try model.fit(data, progress: .silent)) { error in
      XCTAssertTrue("\(error)".contains("resample"), "\(error)")
    }
    let history = try model.fit(data, resampledTo: 7, batchSize: 8, epochs: 1, seed: 1, progress: .silent)
    XCTAssertEqual(history.steps, 7)
    XCTAssertEqual(history.trainingSamples, 20)
    // The same as resampling by hand with Datasets and passing the matrices.
    let resampled = try data.resampled(to: 7)
    XCTAssertEqual(
      try model.evaluate(data, resampledTo: 7), try model.evaluate(resampled.sequences, resampled.labels))
    XCTAssertEqual(try model.predict(data, resampledTo: 7).rows, 20)
  }
}
