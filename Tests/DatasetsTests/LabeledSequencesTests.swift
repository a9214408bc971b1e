import Foundation
import LabMath
import XCTest

@testable import Datasets

final class LabeledSequencesTests: XCTestCase {
  let part = LabeledSequences(
    name: "hand",
    sequences: [
      Matrix([[1, 10], [2, 20], [3, 30]]), Matrix([[4, 40], [5, 50], [6, 60]]), Matrix([[7, 70], [8, 80]]),
    ],
    labels: [1, 0, 1], classNames: ["a", "b"])

  func testTimeMajorBatchStacksStepTOfEverySequenceInRowsTBToTPlus1B() throws {
    let batch = try part.timeMajorBatch(indices: [1, 0])
    XCTAssertEqual(batch.steps, 3)
    XCTAssertEqual(batch.labels, [0, 1])
    // Rows t*B + b with B = 2: (seq1 t0, seq0 t0, seq1 t1, seq0 t1, seq1 t2, seq0 t2).
    XCTAssertEqual(batch.x, Matrix<Float>([[4, 40], [1, 10], [5, 50], [2, 20], [6, 60], [3, 30]]))
  }

  func testTimeMajorBatchRejectsMixedLengthsAndBadIndices() {
    XCTAssertThrowsError(try part.timeMajorBatch(indices: [0, 2])) { error in
      XCTAssertTrue("\(error)".contains("resample"), "\(error)")
    }
    XCTAssertThrowsError(try part.timeMajorBatch(indices: [3]))
    XCTAssertThrowsError(try part.timeMajorBatch(indices: []))
  }

  func testCountsLengthsAndSubsets() throws {
    XCTAssertEqual(part.count, 3)
    XCTAssertEqual(part.lengths, [3, 3, 2])
    XCTAssertNil(part.commonLength)
    XCTAssertEqual(part.classCounts, [1, 2])
    XCTAssertEqual(part.majorityClassFraction, 2.0 / 3)
    let subset = try part.subset([2, 2, 0])
    XCTAssertEqual(subset.labels, [1, 1, 1])
    XCTAssertEqual(subset.sequences[0], part.sequences[2])
    XCTAssertThrowsError(try part.subset([5]))
  }

  func testValidatedReportsWhatIsInconsistent() {
    var broken = part
    broken.labels = [0, 2, 1]
    XCTAssertThrowsError(try broken.validated()) { XCTAssertTrue("\($0)".contains("sequence 1"), "\($0)") }
    broken = part
    broken.sequences[1] = Matrix<Float>([[1, 2, 3]])
    XCTAssertThrowsError(try broken.validated()) { XCTAssertTrue("\($0)".contains("1 x 3"), "\($0)") }
  }

  func testTestLabelsAreReindexedToTheTrainingClassOrder() throws {
    let directory = NSTemporaryDirectory() + "LSTMLab-order-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "@classLabel true x y\n@data\n1,2:x\n3,4:y\n".write(toFile: directory + "/A_TRAIN.ts", atomically: true, encoding: .utf8)
    try "@classLabel true y x\n@data\n1,2:x\n".write(toFile: directory + "/A_TEST.ts", atomically: true, encoding: .utf8)
    try "@classLabel true z\n@data\n1,2:z\n".write(toFile: directory + "/B_TEST.ts", atomically: true, encoding: .utf8)
    let dataset = try Dataset.load(trainPath: directory + "/A_TRAIN.ts", testPath: directory + "/A_TEST.ts")
    XCTAssertEqual(dataset.name, "A")
    XCTAssertEqual(dataset.test.classNames, ["x", "y"])
    XCTAssertEqual(dataset.test.labels, [0])  // "x" is index 1 in the test file's own declaration, 0 in train's
    XCTAssertThrowsError(try Dataset.load(trainPath: directory + "/A_TRAIN.ts", testPath: directory + "/B_TEST.ts")) {
      XCTAssertTrue("\($0)".contains("\"z\""), "\($0)")
    }
  }
}
