import LabMath
import XCTest

@testable import Datasets

/// The variations of the `.ts` format the reader accepts, each on a small hand-written file whose values are known.
final class TSReaderFormatTests: XCTestCase {
  func testUnivariateCasesBecomeColumnVectorsWithLabelsInDeclarationOrder() throws {
    let file = try parseTS(univariateHeader + "\n1.0,2.5,-3E-1:b\n4,5,6:a\n")
    let part = file.sequences
    XCTAssertEqual(part.classNames, ["a", "b"])
    XCTAssertEqual(part.labels, [1, 0])
    XCTAssertEqual(part.featureCount, 1)
    XCTAssertEqual(part.sequences[0], Matrix<Float>([[1.0], [2.5], [-0.3]]))
    XCTAssertEqual(part.sequences[1], Matrix<Float>([[4], [5], [6]]))
    XCTAssertEqual(file.header.problemName, "Tiny")
    XCTAssertEqual(file.header.seriesLength, 3)
    XCTAssertEqual(file.header.comments, [" a comment"])
    XCTAssertEqual(file.header.dataLine, 9)
  }

  func testMultivariateChannelsBecomeColumns() throws {
    let text = """
      @problemName Multi
      @univariate false
      @dimensions 2
      @equalLength true
      @classLabel true up down
      @data
      1,2,3:10,20,30:down
      """
    let part = try parseTS(text).sequences
    XCTAssertEqual(part.sequences[0], Matrix<Float>([[1, 10], [2, 20], [3, 30]]))
    XCTAssertEqual(part.labels, [1])
    XCTAssertEqual(part.featureCount, 2)
  }

  func testVariableLengthCasesKeepTheirLengths() throws {
    let text = """
      @univariate false
      @dimensions 2
      @equalLength false
      @classLabel true 1 2
      @data
      1,2:3,4:1
      5,6,7:8,9,10:2
      """
    let part = try parseTS(text).sequences
    XCTAssertEqual(part.lengths, [2, 3])
    XCTAssertEqual(part.sequences[1], Matrix<Float>([[5, 8], [6, 9], [7, 10]]))
  }

  func testCRLFAndByteOrderMarkAndLoneCRAreAccepted() throws {
    let lf = univariateHeader + "\n1,2,3:a\n4,5,6:b\n"
    let expected = try parseTS(lf).sequences
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    XCTAssertEqual(try TSReader.parse([0xEF, 0xBB, 0xBF] + Array(crlf.utf8), file: "case.ts").sequences, expected)
    let cr = lf.replacingOccurrences(of: "\n", with: "\r")
    XCTAssertEqual(try parseTS(cr).sequences, expected)
  }

  func testTagNamesAreCaseInsensitiveAndBlankAndCommentLinesAreSkipped() throws {
    let text = """

      # comment with UTF-8: café <a href="x">link</a>
      @PROBLEMNAME Loud

      @timestamps FALSE
      @EqualLength True
      @serieslength 2
      @CLASSLABEL TRUE x y
      @DATA

      1,2:x
      # a comment between cases
      3,4:y

      """
    let file = try parseTS(text)
    XCTAssertEqual(file.header.problemName, "Loud")
    XCTAssertEqual(file.header.equalLength, true)
    XCTAssertEqual(file.sequences.labels, [0, 1])
    XCTAssertEqual(file.sequences.sequences[1], Matrix<Float>([[3], [4]]))
  }

  func testQuestionMarkAndNanAreMissingValuesWhenMissingIsTrue() throws {
    let text = """
      @missing true
      @classLabel true 0 1
      @data
      1,?,3:0
      NaN,2,nan:1
      """
    let part = try parseTS(text).sequences
    XCTAssertTrue(part.sequences[0][1, 0].isNaN)
    XCTAssertTrue(part.sequences[1][0, 0].isNaN && part.sequences[1][2, 0].isNaN)
    XCTAssertEqual(part.sequences[1][1, 0], 2)
    XCTAssertTrue(part.hasMissingValues)
  }

  func testTimestampedValuesAreReadInFileOrderAndTheTimestampsDropped() throws {
    let text = """
      @timeStamps true
      @univariate false
      @dimensions 2
      @classLabel true on off
      @data
      (2007-01-01 00:00:00,1.5),(2007-01-02 00:00:00,2.5):(1,-1),(2,?):off
      """
    let file = try parseTS(text)
    let x = file.sequences.sequences[0]
    XCTAssertEqual(x.rows, 2)
    XCTAssertEqual(x[0, 0], 1.5)
    XCTAssertEqual(x[1, 0], 2.5)
    XCTAssertEqual(x[0, 1], -1)
    XCTAssertTrue(x[1, 1].isNaN)
    XCTAssertEqual(file.sequences.labels, [1])
  }

  func testSpacesAroundValuesAndLabelsAreIgnored() throws {
    let part = try parseTS(univariateHeader + "\n 1 , 2,3 : b \n").sequences
    XCTAssertEqual(part.sequences[0], Matrix<Float>([[1], [2], [3]]))
    XCTAssertEqual(part.labels, [1])
  }

  func testChannelCountIsTakenFromTheFirstCaseWhenTheHeaderDoesNotSayIt() throws {
    let text = """
      @classLabel true 1
      @data
      1,2:3,4:5,6:1
      """
    let part = try parseTS(text).sequences
    XCTAssertEqual(part.featureCount, 3)
    XCTAssertEqual(part.sequences[0], Matrix<Float>([[1, 3, 5], [2, 4, 6]]))
  }

  func testThePartIsNamedAfterTheFile() throws {
    let part = try TSReader.parse(Array((univariateHeader + "\n1,2,3:a").utf8), file: "some/dir/My_TRAIN.ts").sequences
    XCTAssertEqual(part.name, "My_TRAIN")
  }
}
