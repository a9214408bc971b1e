import LabMath
import XCTest

@testable import Datasets

/// Every shipped set against the shape table of data/README.md (numbers taken from the files' text, not from the
/// reader).
final class ShippedDataTests: XCTestCase {
  struct Expected {
    let name: String
    let trainCount, testCount, channels: Int
    let lengths: ClosedRange<Int>  // train and test together
    let classNames: [String]
    let trainCounts, testCounts: [Int]
    let trainFirstLabel, testFirstLabel: String
    let trainFirstValues, testFirstValues: [Float]
  }

  static let expected: [Expected] = [
    Expected(
      name: "GunPoint", trainCount: 50, testCount: 150, channels: 1, lengths: 150...150, classNames: ["1", "2"],
      trainCounts: [24, 26], testCounts: [76, 74], trainFirstLabel: "2", testFirstLabel: "1",
      trainFirstValues: [-0.6478854, -0.64199155, -0.63818632], testFirstValues: [-1.1250133, -1.1313383, -1.1382884]),
    Expected(
      name: "ItalyPowerDemand", trainCount: 67, testCount: 1029, channels: 1, lengths: 24...24, classNames: ["1", "2"],
      trainCounts: [34, 33], testCounts: [513, 516], trainFirstLabel: "1", testFirstLabel: "2",
      trainFirstValues: [-0.71051757, -1.1833204, -1.3724416], testFirstValues: [0.47297301, -0.39603003, -0.72190616]),
    Expected(
      name: "ArrowHead", trainCount: 36, testCount: 175, channels: 1, lengths: 251...251, classNames: ["0", "1", "2"],
      trainCounts: [12, 12, 12], testCounts: [69, 53, 53], trainFirstLabel: "0", testFirstLabel: "0",
      trainFirstValues: [-1.9630089, -1.9578249, -1.9561449], testFirstValues: [-1.9077772, -1.9048903, -1.8885626]),
    Expected(
      name: "BasicMotions", trainCount: 40, testCount: 40, channels: 6, lengths: 100...100,
      classNames: ["Standing", "Running", "Walking", "Badminton"], trainCounts: [10, 10, 10, 10],
      testCounts: [10, 10, 10, 10], trainFirstLabel: "Standing", testFirstLabel: "Standing",
      trainFirstValues: [0.079106, 0.079106, -0.903497], testFirstValues: [-0.740653, -0.740653, 10.208449]),
    Expected(
      name: "JapaneseVowels", trainCount: 270, testCount: 370, channels: 12, lengths: 7...29,
      classNames: (1...9).map(String.init), trainCounts: Array(repeating: 30, count: 9),
      testCounts: [31, 35, 88, 44, 29, 24, 40, 50, 29], trainFirstLabel: "1", testFirstLabel: "1",
      trainFirstValues: [1.860936, 1.891651, 1.939205], testFirstValues: [1.635533, 1.547694, 1.602593]),
  ]

  func testEveryShippedSetHasTheShapeClassCountsAndFirstValuesOfTheReadme() throws {
    XCTAssertEqual(Dataset.shippedNames.sorted(), Self.expected.map(\.name).sorted())
    for e in Self.expected {
      let dataset = try shipped(e.name)
      XCTAssertEqual(dataset.name, e.name)
      for (part, count, counts, firstLabel, firstValues) in [
        (dataset.train, e.trainCount, e.trainCounts, e.trainFirstLabel, e.trainFirstValues),
        (dataset.test, e.testCount, e.testCounts, e.testFirstLabel, e.testFirstValues),
      ] {
        XCTAssertEqual(part.count, count, part.name)
        XCTAssertEqual(part.featureCount, e.channels, part.name)
        XCTAssertEqual(part.classNames, e.classNames, part.name)
        XCTAssertEqual(part.classCounts, counts, part.name)
        XCTAssertEqual(part.classNames[part.labels[0]], firstLabel, part.name)
        XCTAssertEqual((0..<3).map { part.sequences[0][$0, 0] }, firstValues, part.name)
        XCTAssertTrue(part.sequences.allSatisfy { e.lengths.contains($0.rows) && $0.columns == e.channels }, part.name)
        XCTAssertFalse(part.hasMissingValues, part.name)
        XCTAssertNoThrow(try part.validated())
      }
    }
  }

  func testJapaneseVowelsHasTheVariableLengthsOfTheReadme() throws {
    let dataset = try shipped("JapaneseVowels")
    XCTAssertEqual(dataset.train.lengths.min(), 7)
    XCTAssertEqual(dataset.train.lengths.max(), 26)
    XCTAssertEqual(dataset.test.lengths.min(), 7)
    XCTAssertEqual(dataset.test.lengths.max(), 29)
    XCTAssertEqual(dataset.train.lengths[0], 20)
    XCTAssertEqual(dataset.test.lengths[0], 19)
    XCTAssertEqual(dataset.train.lengths.reduce(0, +), 4274)  // total steps, counted from the file text
    XCTAssertEqual(dataset.train.lengths.sorted()[135], 15)  // median of 270 (both middle values are 15)
    XCTAssertEqual(dataset.train.lengths.sorted()[134], 15)
    XCTAssertEqual(dataset.test.lengths.sorted()[184], 15)  // median of 370
    XCTAssertEqual(dataset.test.lengths.sorted()[185], 15)
    XCTAssertNil(dataset.train.commonLength)
    // The channels of a case are the columns: channel 2 and channel 12 of the first training case start with
    // -0.207383 and 0.088728 in the file.
    XCTAssertEqual(dataset.train.sequences[0][0, 1], -0.207383)
    XCTAssertEqual(dataset.train.sequences[0][0, 11], 0.088728)
  }

  func testBasicMotionsChannelsAreColumnsInFileOrder() throws {
    let part = try TSReader.read(path: "\(dataDirectory)/BasicMotions/BasicMotions_TRAIN.ts")
    XCTAssertEqual(part.name, "BasicMotions_TRAIN")
    XCTAssertEqual(part.sequences[0][0, 1], 0.394032)  // channel 2, first value
    XCTAssertEqual(part.sequences[0][0, 5], 0.633883)  // channel 6, first value
    XCTAssertEqual(part.commonLength, 100)
  }

  func testTheHeaderOfArrowHeadIsReadWithItsMissingTags() throws {
    let file = try TSReader.readFile(path: "\(dataDirectory)/ArrowHead/ArrowHead_TEST.ts")
    XCTAssertEqual(file.header.problemName, "ArrowHead")
    XCTAssertNil(file.header.missing)
    XCTAssertNil(file.header.equalLength)
    XCTAssertNil(file.header.seriesLength)
    XCTAssertEqual(file.header.classLabels, ["0", "1", "2"])
    XCTAssertEqual(file.header.univariate, true)
    XCTAssertTrue(file.header.comments.contains { $0.contains("Avonlea") })
  }

  func testNamedMatchesCaseInsensitivelyAndListsTheShippedSets() throws {
    let lower = try Dataset.named("gunpoint", dataDirectory: dataDirectory)
    XCTAssertEqual(lower.name, "GunPoint")
    XCTAssertEqual(Dataset.availableNames(in: dataDirectory), Dataset.shippedNames)
  }

  func testUnknownNameListsTheAvailableSets() {
    XCTAssertThrowsError(try Dataset.named("NoSuchSet", dataDirectory: dataDirectory)) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("NoSuchSet") && message.contains("GunPoint") && message.contains("JapaneseVowels"), message)
    }
  }

  func testLoadByPathReadsAnyFileByItsExtension() throws {
    let part = try Dataset.load(path: "\(dataDirectory)/ItalyPowerDemand/ItalyPowerDemand_TRAIN.ts")
    XCTAssertEqual(part.count, 67)
    XCTAssertThrowsError(try Dataset.load(path: "\(dataDirectory)/README.md")) { error in
      XCTAssertTrue("\(error)".contains(".ts"), "\(error)")
    }
  }
}
