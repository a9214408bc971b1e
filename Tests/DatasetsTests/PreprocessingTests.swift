import Foundation
import LabMath
import XCTest

@testable import Datasets

final class PreprocessingTests: XCTestCase {
  // MARK: Normalizer

  func testNormalizerGivesMeanZeroAndStdOneOnTrainPerChannel() throws {
    // BasicMotions: six channels on very different scales.
    let dataset = try shipped("BasicMotions")
    let (normalized, normalizer) = try Normalizer.normalizing(dataset)
    for c in 0..<6 {
      let values = normalized.train.sequences.flatMap { x in (0..<x.rows).map { Double(x[$0, c]) } }
      let mean = values.reduce(0, +) / Double(values.count)
      let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
      XCTAssertEqual(mean, 0, accuracy: 1e-5, "channel \(c)")
      XCTAssertEqual(std, 1, accuracy: 1e-5, "channel \(c)")
    }
    // The test part is transformed with the training statistics, not its own: x' = (x - mean_c) / std_c.
    let raw = dataset.test.sequences[3][7, 2]
    XCTAssertEqual(
      normalized.test.sequences[3][7, 2], (raw - normalizer.means[2]) / normalizer.standardDeviations[2], accuracy: 1e-5)
  }

  func testNormalizerStatisticsMatchAHandComputation() throws {
    // Channel 0: values 1, 2, 3, 6 -> mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
    // Channel 1: constant 5 -> std 0, replaced by 1.
    let part = LabeledSequences(
      name: "hand", sequences: [Matrix([[1, 5], [2, 5]]), Matrix([[3, 5], [6, 5]])], labels: [0, 0], classNames: ["a"])
    let normalizer = try Normalizer(fittedOn: part)
    XCTAssertEqual(normalizer.means, [3, 5])
    XCTAssertEqual(normalizer.standardDeviations[0], Float(3.5.squareRoot()), accuracy: 1e-6)
    XCTAssertEqual(normalizer.standardDeviations[1], 1)
    let applied = try normalizer.apply(Matrix<Float>([[6, 5]]))
    XCTAssertEqual(applied[0, 0], Float(3 / 3.5.squareRoot()), accuracy: 1e-6)
    XCTAssertEqual(applied[0, 1], 0)
    XCTAssertThrowsError(try normalizer.apply(Matrix<Float>([[1, 2, 3]])))
  }

  // MARK: Resampling

  func testResamplingPreservesEndpointsAndLinearSignals() throws {
    // x_i = a + b i on two channels, resampled from L = 17 to several T: y_j = a + b s_j with s_j = j (L-1)/(T-1).
    let length = 17
    let x = Matrix<Float>(rows: length, columns: 2) { i, c in c == 0 ? 0.5 + 0.25 * Float(i) : -3 - 1.5 * Float(i) }
    for steps in [2, 5, 16, 17, 40, 100] {
      let y = try Resampling.linear(x, to: steps)
      XCTAssertEqual(y.rows, steps)
      XCTAssertEqual(y[0, 0], x[0, 0])  // exactly
      XCTAssertEqual(y[steps - 1, 1], x[length - 1, 1])  // exactly
      for j in 0..<steps {
        let s = Double(j) * Double(length - 1) / Double(steps - 1)
        XCTAssertEqual(Double(y[j, 0]), 0.5 + 0.25 * s, accuracy: 1e-5)
        XCTAssertEqual(Double(y[j, 1]), -3 - 1.5 * s, accuracy: 1e-5)
      }
    }
  }

  func testResamplingToTheSameLengthIsTheIdentityAndAHandExampleInterpolates() throws {
    let x = Matrix<Float>([[0], [10], [4]])
    XCTAssertEqual(try Resampling.linear(x, to: 3), x)
    // T = 5 over L = 3: positions 0, 0.5, 1, 1.5, 2 -> 0, 5, 10, 7, 4.
    XCTAssertEqual(try Resampling.linear(x, to: 5), Matrix<Float>([[0], [5], [10], [7], [4]]))
    // A single step becomes a constant; T < 2 is an error.
    XCTAssertEqual(try Resampling.linear(Matrix<Float>([[2]]), to: 3), Matrix<Float>([[2], [2], [2]]))
    XCTAssertThrowsError(try Resampling.linear(x, to: 1))
  }

  func testStretchingHoldsEveryStepAndKeepsTheInformation() throws {
    let x = Matrix<Float>([[1, -1], [2, -2], [3, -3]])
    let held = try Resampling.held(x, factor: 3)
    XCTAssertEqual(held, Matrix<Float>([[1, -1], [1, -1], [1, -1], [2, -2], [2, -2], [2, -2], [3, -3], [3, -3], [3, -3]]))
    // Every third step gives the original back: the map is invertible.
    XCTAssertEqual(Matrix<Float>(rows: 3, columns: 2) { i, c in held[3 * i, c] }, x)
    XCTAssertEqual(try Resampling.held(x, factor: 1), x)
    XCTAssertThrowsError(try Resampling.held(x, factor: 0))
    let set = LabeledSequences(name: "toy", sequences: [x, x], labels: [0, 1], classNames: ["a", "b"])
    let stretched = try set.stretched(by: 4)
    XCTAssertEqual(stretched.commonLength, 12)
    XCTAssertEqual(stretched.labels, [0, 1])
    XCTAssertEqual(stretched.name, "toyx4")
  }

  func testResamplingJapaneseVowelsGivesOneLengthForBatches() throws {
    let dataset = try shipped("JapaneseVowels").resampled(to: 20)
    XCTAssertEqual(dataset.train.commonLength, 20)
    XCTAssertEqual(dataset.test.commonLength, 20)
    let batch = try dataset.train.timeMajorBatch(indices: [0, 100, 269])
    XCTAssertEqual(batch.x.rows, 60)
    XCTAssertEqual(batch.x.columns, 12)
  }

  // MARK: Padding

  func testPrePaddingPutsZerosFirstAndMarksTheRealSteps() throws {
    let part = LabeledSequences(
      name: "p", sequences: [Matrix([[1], [2], [3]]), Matrix([[4]])], labels: [0, 1], classNames: ["a", "b"])
    let pre = try part.paddedTimeMajorBatch(indices: [0, 1])
    // Time-major rows t*B + b: t = 0: (1, 0), t = 1: (2, 0), t = 2: (3, 4).
    XCTAssertEqual(pre.x.scalars, [1, 0, 2, 0, 3, 4])
    XCTAssertEqual(pre.mask.scalars, [1, 0, 1, 0, 1, 1])
    XCTAssertEqual(pre.lengths, [3, 1])
    XCTAssertEqual(pre.labels, [0, 1])
    let post = try part.paddedTimeMajorBatch(indices: [0, 1], padding: .post)
    XCTAssertEqual(post.x.scalars, [1, 4, 2, 0, 3, 0])
    XCTAssertEqual(post.mask.scalars, [1, 1, 1, 0, 1, 0])
    // Truncation keeps the last steps.
    let short = try part.paddedTimeMajorBatch(indices: [0], steps: 2)
    XCTAssertEqual(short.x.scalars, [2, 3])
    XCTAssertEqual(short.lengths, [2])
  }

  // MARK: Missing values

  func testMissingValuesAreInterpolatedLinearlyWithinEachChannel() throws {
    let nan = Float.nan
    let part = LabeledSequences(
      name: "m", sequences: [Matrix([[nan, 1], [2, nan], [nan, nan], [8, 7], [nan, 9]])], labels: [0], classNames: ["a"])
    let filled = try part.interpolatingMissingValues()
    // Channel 0: observed 2 at t=1 and 8 at t=3 -> t=2 is 5; the ends copy the nearest observed value.
    // Channel 1: observed 1 at t=0 and 7 at t=3 -> t=1 is 3, t=2 is 5.
    XCTAssertEqual(filled.sequences[0], Matrix<Float>([[2, 1], [2, 3], [5, 5], [8, 7], [8, 9]]))
    let empty = LabeledSequences(name: "e", sequences: [Matrix([[nan], [nan]])], labels: [0], classNames: ["a"])
    XCTAssertThrowsError(try empty.interpolatingMissingValues()) { error in
      XCTAssertTrue("\(error)".contains("channel 1"), "\(error)")
    }
  }

  func testTheMissingValuePolicyIsAppliedWhenLoadingAPair() throws {
    let directory = NSTemporaryDirectory() + "LSTMLab-missing-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory + "/Gappy", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let header = "@missing true\n@classLabel true a b\n@data\n"
    try (header + "1,?,3:a\n4,5,6:b\n").write(toFile: directory + "/Gappy/Gappy_TRAIN.ts", atomically: true, encoding: .utf8)
    try (header + "?,2,2:b\n").write(toFile: directory + "/Gappy/Gappy_TEST.ts", atomically: true, encoding: .utf8)
    let interpolated = try Dataset.named("Gappy", dataDirectory: directory)
    XCTAssertEqual(interpolated.train.sequences[0], Matrix<Float>([[1], [2], [3]]))
    XCTAssertEqual(interpolated.test.sequences[0], Matrix<Float>([[2], [2], [2]]))
    XCTAssertTrue(try Dataset.named("Gappy", dataDirectory: directory, missingValues: .keep).train.hasMissingValues)
    XCTAssertThrowsError(try Dataset.named("Gappy", dataDirectory: directory, missingValues: .reject)) { error in
      XCTAssertTrue("\(error)".contains("Gappy_TRAIN.ts"), "\(error)")
    }
  }
}

/// A channel whose standard deviation a few extreme values set is found; ordinary data is not.
final class DominatedChannelTests: XCTestCase {
  func part(_ columns: [[Float]]) -> LabeledSequences {
    let sequences = (0..<10).map { s in
      Matrix<Float>(rows: columns[0].count / 10, columns: columns.count) { t, c in columns[c][s * (columns[0].count / 10) + t] }
    }
    return LabeledSequences(name: "part", sequences: sequences, labels: Array(repeating: 0, count: 10), classNames: ["a"], featureCount: columns.count)
  }

  func testAPairOfHugeValuesIsFoundAndNormalDataIsNot() throws {
    var rng = SeededGenerator(seed: 5)
    let normal = (0..<400).map { _ in rng.normal() as Float }
    var spiked = normal
    spiked[17] = 3.4e38
    spiked[230] = -3.4e38
    let found = Normalizer.dominatedChannels(in: part([normal, spiked]))
    XCTAssertEqual(found.map(\.channel), [1])
    XCTAssertEqual(found.first?.trimmed, 4)
    XCTAssertEqual(abs(found.first?.extreme ?? 0), 3.4e38, accuracy: 1e33)
    XCTAssertTrue(found.first?.description.contains("feature 1") ?? false)
    // Heavy but honest tails (Student-t-like: normal / |normal|^0.5) and a 5 % sparse 0/1 channel pass.
    let heavy = (0..<400).map { _ in (rng.normal() as Double) / max(0.05, abs(rng.normal() as Double)).squareRoot() }.map { Float($0) }
    let sparse = (0..<400).map { $0 % 20 == 0 ? Float(1) : 0 }
    XCTAssertEqual(Normalizer.dominatedChannels(in: part([heavy, sparse])), [])
  }
}
