import LabMath
import XCTest

@testable import Datasets

/// The gzip/DEFLATE decoder against data compressed by zlib (Python's gzip module, one stream per block type) and
/// the standard CRC-32 check values.
final class GzipTests: XCTestCase {
  func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      result.append(UInt8(hex[index..<next], radix: 16)!)
      index = next
    }
    return result
  }

  func testCRC32MatchesTheStandardCheckValues() {
    XCTAssertEqual(Gzip.crc32(Array("123456789".utf8)), 0xCBF4_3926)  // the CRC-32/ISO-HDLC check value
    XCTAssertEqual(Gzip.crc32(Array("hello".utf8)), 0x3610_A686)
    XCTAssertEqual(Gzip.crc32([UInt8]()), 0)
  }

  func testAFixedHuffmanBlockDecodes() throws {
    // gzip.compress(b"hello, hello, hello LSTM"): one block with the fixed code, back-references included.
    let gz = bytes(hex: "1f8b08000000000002ffcb48cdc9c9d751c840a2147c82437c01766c1a8518000000")
    XCTAssertEqual(try Gzip.decompress(gz), Array("hello, hello, hello LSTM".utf8))
  }

  func testADynamicHuffmanBlockDecodes() throws {
    let text = (0..<60).map { i in "\(i),\(i * i % 97),\(i * 7 % 13)\n" }.joined()
    let gz = bytes(
      hex: "1f8b08000000000002ff25d0cb0dc3300c03d03b67e1c1fadbfb2f562a058222416d3e4a87870746e3c09934041f2ff4d67414bdf8"
        + "d00c3d18e6a31d5c7632a173ba68b0c360c18cae6b0e53d0b061c1f14d4fbae2ad183a0f05b78bb0e1533eec3284c21e4749f0a390"
        + "65dc5821c79daf17727da52431cf5652b90c49de7c29c987757692cb2bc91fbb24c5a1fe7188bf5752382b2589f54f8ae47d92a2d8"
        + "df483b6e498ad1d74aa144f54628b225e5615e4969549a21f573776faa234935dfce94e23536b239dfeab4985169ece558491b9ddd"
        + "def6ae95caf668a37caf1e68058a1aa8b19680aa3f54bdb08ecf1679a8bbc502f5b6a8a41ff34cae45da010000")
    let output = try Gzip.decompress(gz)
    XCTAssertEqual(output, Array(text.utf8))
    XCTAssertEqual(Gzip.crc32(output), 1_169_050_867)  // zlib.crc32 of the text
  }

  func testAStoredBlockWithAFileNameAndTwoMembersDecode() throws {
    // compresslevel 0 with a file name ("x.txt", FNAME flag): a stored block. Two members concatenate.
    let member = bytes(hex: "1f8b08080000000000ff782e74787400010d00f2ff73746f72656420626c6f636b212d8c34690d000000")
    XCTAssertEqual(try Gzip.decompress(member), Array("stored block!".utf8))
    XCTAssertEqual(try Gzip.decompress(member + member), Array("stored block!stored block!".utf8))
  }

  func testCorruptionIsAnErrorNotWrongData() {
    let good = bytes(hex: "1f8b08080000000000ff782e74787400010d00f2ff73746f72656420626c6f636b212d8c34690d000000")
    var flipped = good
    flipped[25] ^= 0x01  // a data byte: only the CRC can tell
    XCTAssertThrowsError(try Gzip.decompress(flipped, file: "x.gz")) { error in
      XCTAssertTrue("\(error)".contains("CRC-32"), "\(error)")
      XCTAssertTrue("\(error)".hasPrefix("x.gz:1:"), "\(error)")
    }
    XCTAssertThrowsError(try Gzip.decompress(Array(good.prefix(30))))  // truncated
    XCTAssertThrowsError(try Gzip.decompress(Array("not gzip at all, long enough".utf8)))
    XCTAssertThrowsError(try Gzip.decompress([]))
  }

  func testTheShippedMarketFilesDecompressToTheSizesOfTheReadme() throws {
    // data/README.md (from the shared notes): sp500 is 400,462 bytes unzipped, vix 21,756.
    XCTAssertEqual(try Gzip.decompress(try shippedBytes("sp500/sp500.csv.gz")).count, 400_462)
    XCTAssertEqual(try Gzip.decompress(try shippedBytes("vix/vix.csv.gz")).count, 21_756)
  }
}
