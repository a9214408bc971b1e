import Datasets
import LabMath
import Training
import XCTest

final class ModelFilePreparationTests: XCTestCase {
  /// A 5 x 2 series with x[t, c] = 10 t + c.
  let series = Matrix<Float>(rows: 5, columns: 2) { t, c in Float(10 * t + c) }

  func metadata(_ steps: Int?, _ policy: ModelFileMetadata.LengthPolicy, normalization: ModelFileMetadata.Normalization? = nil)
    -> ModelFileMetadata
  {
    ModelFileMetadata(inputSize: 2, hiddenSize: 3, classNames: ["a", "b"], sequenceLength: steps, lengthPolicy: policy, normalization: normalization)
  }

  func testCroppingKeepsTheLastStepsAndLeftPadsShortSeries() throws {
    XCTAssertEqual(try metadata(3, .crop).prepare(series), Matrix([[20, 21], [30, 31], [40, 41]]))
    XCTAssertEqual(try metadata(5, .crop).prepare(series), series)
    XCTAssertEqual(
      try metadata(7, .crop).prepare(series),
      Matrix([[0, 1], [0, 1], [0, 1], [10, 11], [20, 21], [30, 31], [40, 41]]))
  }

  func testResamplingPlacesTPointsEvenlyFromFirstToLast() throws {
    // Positions j (L-1)/(T-1) = 0, 4/3, 8/3, 4 on the linear series give 10 * position + c.
    let resampled = try metadata(4, .resample).prepare(series)
    XCTAssertEqual(resampled.rows, 4)
    for (j, position) in [0.0, 4.0 / 3, 8.0 / 3, 4].enumerated() {
      XCTAssertEqual(Double(resampled[j, 0]), 10 * position, accuracy: 1e-5)
      XCTAssertEqual(Double(resampled[j, 1]), 10 * position + 1, accuracy: 1e-5)
    }
  }

  func testNormalizationUsesTheSavedStatistics() throws {
    let prepared = try metadata(nil, .none, normalization: .init(mean: [20, 1], standardDeviation: [10, 2])).prepare(series)
    XCTAssertEqual(prepared, Matrix(rows: 5, columns: 2) { t, c in c == 0 ? Float(t) - 2 : Float(10 * t) / 2 })
  }

  func testDataThatDoesNotFitTheModelIsRejected() throws {
    XCTAssertThrowsError(try metadata(3, .crop).prepare(Matrix<Float>(rows: 4, columns: 3), source: "mine.ts")) { error in
      XCTAssertEqual(error as? ModelFileError, .featureCountMismatch(data: "mine.ts", expected: 2, found: 3))
    }
    let part = LabeledSequences(
      name: "uneven", sequences: [series, series.rows(0..<3)], labels: [0, 1], classNames: ["a", "b"])
    XCTAssertThrowsError(try metadata(nil, .none).prepare(part)) { error in
      XCTAssertEqual(error as? ModelFileError, .unequalLengths(data: "uneven", lengths: 3...5))
    }
    XCTAssertEqual(try metadata(4, .crop).prepare(part).sequences.map(\.rows), [4, 4])
  }
}
