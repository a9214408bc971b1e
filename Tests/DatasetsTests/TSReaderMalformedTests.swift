import Foundation
import LabMath
import XCTest

@testable import Datasets

/// Each kind of malformed input of issue 3 is rejected with an error that names the file and the line.
final class TSReaderMalformedTests: XCTestCase {
  func testEmptyFileIsRejectedAtLine1() {
    assertMalformed(file: "empty.ts", line: 1, mentions: ["empty file"]) { try TSReader.parse([], file: "empty.ts") }
    assertMalformed(file: "blank.ts", line: 1, mentions: ["empty file"]) {
      try TSReader.parse(Array("\n  \n\r\n".utf8), file: "blank.ts")
    }
  }

  func testMissingFileNamesThePath() {
    let path = "\(dataDirectory)/NoSuch/NoSuch_TRAIN.ts"
    XCTAssertThrowsError(try TSReader.read(path: path)) { error in
      XCTAssertEqual(error as? DatasetError, .fileNotFound(path: path, searched: []))
      XCTAssertTrue("\(error)".contains("NoSuch_TRAIN.ts"))
    }
    XCTAssertThrowsError(try TSReader.read(path: dataDirectory)) { error in
      XCTAssertTrue("\(error)".contains("directory"), "\(error)")
    }
  }

  func testDataBeforeTheHeaderIsRejected() {
    assertMalformed(file: "case.ts", line: 2, mentions: ["header line", "1,2,3:a"]) {
      try parseTS("@problemName X\n1,2,3:a\n@classLabel true a\n@data\n")
    }
  }

  func testMissingDataTagIsRejectedAtTheEndOfTheFile() {
    // A header without @data (a file cut inside its header): the error points past the last line.
    assertMalformed(file: "case.ts", line: 3, mentions: ["@data", "truncated"]) {
      try parseTS("@problemName X\n@classLabel true a\n")
    }
  }

  func testMissingClassLabelTagIsRejectedAtData() {
    assertMalformed(file: "case.ts", line: 2, mentions: ["@classLabel"]) { try parseTS("@univariate true\n@data\n1,2:a\n") }
  }

  func testClassLabelFalseIsRejected() {
    assertMalformed(file: "case.ts", line: 1, mentions: ["@classLabel false"]) { try parseTS("@classLabel false\n@data\n1,2\n") }
  }

  func testUnknownTagIsRejectedWithTheKnownTags() {
    assertMalformed(file: "case.ts", line: 2, mentions: ["@colour", "@seriesLength"]) {
      try parseTS("@problemName X\n@colour blue\n@classLabel true a\n@data\n1:a\n")
    }
  }

  func testBadTagValuesAreRejected() {
    assertMalformed(file: "case.ts", line: 1, mentions: ["true or false"]) { try parseTS("@univariate maybe\n@classLabel true a\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 1, mentions: ["positive integer"]) { try parseTS("@seriesLength -4\n@classLabel true a\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 1, mentions: ["positive integer"]) { try parseTS("@dimensions two\n@classLabel true a\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 1, mentions: ["twice"]) { try parseTS("@classLabel true a a\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 1, mentions: ["no label"]) { try parseTS("@classLabel true\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 2, mentions: ["first on line 1"]) { try parseTS("@missing true\n@MISSING false\n@classLabel true a\n@data\n1:a") }
    assertMalformed(file: "case.ts", line: 2, mentions: ["nothing after @data"]) { try parseTS("@classLabel true a\n@data 1,2:a\n") }
    assertMalformed(file: "case.ts", line: 1, mentions: ["regression"]) { try parseTS("@targetLabel true\n@data\n1:0.5") }
  }

  func testUnivariateWithSeveralDimensionsIsRejected() {
    assertMalformed(file: "case.ts", line: 2, mentions: ["@dimensions 3", "@univariate true"]) {
      try parseTS("@univariate true\n@dimensions 3\n@classLabel true a\n@data\n1:2:3:a")
    }
  }

  func testWrongNumberOfDimensionsOnALineIsRejected() {
    let header = "@univariate false\n@dimensions 2\n@classLabel true a\n@data\n"
    assertMalformed(file: "case.ts", line: 6, mentions: ["3 channels", "2 channels", "@dimensions"]) {
      try parseTS(header + "1,2:3,4:a\n1,2:3,4:5,6:a\n")
    }
    // Without @dimensions the first case sets the count.
    assertMalformed(file: "case.ts", line: 5, mentions: ["1 channel", "2 channels", "first case"]) {
      try parseTS("@univariate false\n@classLabel true a\n@data\n1,2:3,4:a\n1,2:a\n")
    }
  }

  func testChannelsOfDifferentLengthsInOneCaseAreRejected() {
    assertMalformed(file: "case.ts", line: 4, mentions: ["channel 2", "same length"]) {
      try parseTS("@univariate false\n@classLabel true a\n@data\n1,2,3:4,5:a\n")
    }
  }

  func testAValueThatIsNotANumberIsRejectedWithItsPosition() {
    assertMalformed(file: "case.ts", line: 10, mentions: ["\"1.2.3\"", "value 2", "decimal number"]) {
      try parseTS(univariateHeader + "\n1,1.2.3,3:a\n")
    }
    assertMalformed(file: "case.ts", line: 10, mentions: ["empty value", "value 2"]) { try parseTS(univariateHeader + "\n1,,3:a\n") }
    assertMalformed(file: "case.ts", line: 10, mentions: ["\"inf\""]) { try parseTS(univariateHeader + "\n1,inf,3:a\n") }
    assertMalformed(file: "case.ts", line: 10, mentions: ["\"1e999\""]) { try parseTS(univariateHeader + "\n1,1e999,3:a\n") }
    assertMalformed(file: "case.ts", line: 10, mentions: ["@timeStamps true"]) { try parseTS(univariateHeader + "\n(1,2),(2,3),(3,4):a\n") }
  }

  func testAMissingValueUnderMissingFalseIsRejected() {
    assertMalformed(file: "case.ts", line: 10, mentions: ["@missing false"]) { try parseTS(univariateHeader + "\n1,?,3:a\n") }
  }

  func testALabelNotDeclaredInClassLabelIsRejected() {
    assertMalformed(file: "case.ts", line: 11, mentions: ["\"c\"", "@classLabel (a, b)"]) {
      try parseTS(univariateHeader + "\n1,2,3:a\n1,2,3:c\n")
    }
    assertMalformed(file: "case.ts", line: 10, mentions: ["no ':'"]) { try parseTS(univariateHeader + "\n1,2,3\n") }
  }

  func testInconsistentLengthsUnderEqualLengthTrueAreRejected() {
    // Against @seriesLength ...
    assertMalformed(file: "case.ts", line: 11, mentions: ["4 values", "3 values", "@seriesLength"]) {
      try parseTS(univariateHeader + "\n1,2,3:a\n1,2,3,4:b\n")
    }
    // ... and, without @seriesLength, against the first case.
    assertMalformed(file: "case.ts", line: 5, mentions: ["2 values", "line 4", "@equalLength true"]) {
      try parseTS("@equalLength true\n@classLabel true a\n@data\n1,2,3:a\n1,2:a\n")
    }
  }

  func testAHeaderWithoutCasesIsRejected() {
    assertMalformed(file: "case.ts", line: 11, mentions: ["at least one case", "line 9"]) { try parseTS(univariateHeader + "\n\n") }
  }

  func testATruncatedRealFileIsRejectedAtItsLastLine() throws {
    // GunPoint_TRAIN cut in the middle of its third case (line 22): that line lacks values and its label.
    let bytes = try shippedBytes("GunPoint/GunPoint_TRAIN.ts")
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let keep = lines.prefix(21).map { Array($0) + [UInt8(ascii: "\n")] }.joined() + lines[21].prefix(500)
    assertMalformed(file: "GunPoint_TRAIN.ts", line: 22) { try TSReader.parse(Array(keep), file: "GunPoint_TRAIN.ts") }
    // Cut inside the header: no @data.
    assertMalformed(file: "GunPoint_TRAIN.ts", line: 13, mentions: ["@data"]) {
      try TSReader.parse(Array(lines.prefix(12).map { Array($0) + [UInt8(ascii: "\n")] }.joined()), file: "GunPoint_TRAIN.ts")
    }
  }

  func testAnErrorOnARealFileNamesThePathAndLine() throws {
    // A copy of ItalyPowerDemand_TRAIN with one value on line 20 replaced by a word.
    var lines = String(decoding: try shippedBytes("ItalyPowerDemand/ItalyPowerDemand_TRAIN.ts"), as: UTF8.self)
      .components(separatedBy: "\n")
    lines[19] = "oops," + lines[19]
    let path = NSTemporaryDirectory() + "LSTMLab-\(UUID().uuidString)_TRAIN.ts"
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    assertMalformed(file: path, line: 20, mentions: ["\"oops\"", "value 1"]) { try Dataset.load(path: path) }
  }
}
