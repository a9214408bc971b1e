import LabMath
import Training
import XCTest

/// Bad safetensors input is rejected with a typed error that names the file and the problem, never a crash.
final class SafeTensorsRejectionTests: XCTestCase {
  let file = "model.safetensors"

  /// A well-formed 2-element F32 tensor "a" of bytes [0, 8) — the base the cases below break one rule of.
  let goodBuffer: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]  // 1.0f, 2.0f

  private func decode(_ bytes: [UInt8]) -> SafeTensorsError? {
    do {
      _ = try SafeTensorsFile(decoding: bytes, source: file)
      return nil
    } catch {
      XCTAssertTrue(error.description.hasPrefix(file + ":"), "error names the file: \(error)")
      return error
    }
  }

  private func decode(header: String, buffer: [UInt8]) -> SafeTensorsError? {
    decode(SafeTensorsFormatTests.assemble(header: header, buffer: buffer))
  }

  func testTheWellFormedBaseFileLoads() {
    XCTAssertNil(decode(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer))
  }

  func testAFileShorterThanTheHeaderLengthIsRejected() {
    XCTAssertEqual(decode([1, 2, 3]), .tooShort(file: file, byteCount: 3))
  }

  func testAHeaderLengthPastTheEndOfTheFileIsRejected() {
    var bytes = SafeTensorsFormatTests.assemble(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer)
    XCTAssertEqual(bytes.count, 8 + 54 + 8)
    bytes[0] = 63  // N = 63 > 70 - 8
    XCTAssertEqual(decode(bytes), .headerLengthPastEnd(file: file, headerLength: 63, fileSize: 70))
    let huge: [UInt8] = Array(repeating: 0xFF, count: 8) + Array("{}".utf8)  // N = 2^64 - 1
    XCTAssertEqual(decode(huge), .headerLengthPastEnd(file: file, headerLength: .max, fileSize: 10))
  }

  func testMalformedJSONIsRejectedWithTheByteOffset() {
    guard case .badJSON(_, let offset, _) = decode(header: #"{"a":{"dtype":"F32","shape":[2],"#, buffer: goodBuffer) else {
      return XCTFail("truncated JSON accepted")
    }
    XCTAssertEqual(offset, 32)  // the end of the 32-byte header, where a value was expected
    guard case .badJSON = decode(header: #"{"a":{"dtype":"F32","shape":[2,],"data_offsets":[0,8]}}"#, buffer: goodBuffer)
    else { return XCTFail("trailing comma accepted") }
    guard case .badJSON(_, 0, _) = decode(header: #"  {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer)
    else { return XCTFail("header not starting with '{' accepted") }
    guard case .badJSON(_, _, let reason) = decode(
      header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}"#,
      buffer: goodBuffer)
    else { return XCTFail("duplicate key accepted") }
    XCTAssertTrue(reason.contains("duplicate"), reason)
    let invalidUTF8: [UInt8] = [8, 0, 0, 0, 0, 0, 0, 0] + Array(#"{"\#u{7F}":1} "#.utf8).map { $0 == 0x7F ? 0xFF : $0 }
    guard case .badJSON = decode(invalidUTF8) else { return XCTFail("invalid UTF-8 accepted") }
    let deep = String(repeating: "[", count: 10_000)
    guard case .badJSON(_, _, let depthReason) = decode(header: "{\"a\":" + deep, buffer: []) else {
      return XCTFail("deep nesting accepted")
    }
    XCTAssertTrue(depthReason.contains("nested"), depthReason)
  }

  func testHeaderEntriesWithMissingOrMistypedFieldsAreRejected() {
    let cases = [
      #"{"a":{"shape":[2],"data_offsets":[0,8]}}"#,  // no dtype
      #"{"a":{"dtype":"F32","data_offsets":[0,8]}}"#,  // no shape
      #"{"a":{"dtype":"F32","shape":[2]}}"#,  // no data_offsets
      #"{"a":{"dtype":32,"shape":[2],"data_offsets":[0,8]}}"#,  // dtype not a string
      #"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#,  // negative dimension
      #"{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}"#,  // fractional dimension
      #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}}"#,  // three offsets
      #"{"a":[1,2]}"#,  // entry not an object
      #"{"__metadata__":{"n":3},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,  // metadata not a string
    ]
    for header in cases {
      guard case .badEntry(_, let entry, _) = decode(header: header, buffer: goodBuffer) else {
        XCTFail("accepted: \(header)"); continue
      }
      XCTAssertTrue(["a", "__metadata__"].contains(entry))
    }
  }

  func testAnUnknownDTypeIsRejected() {
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer),
      .unknownDType(file: file, tensor: "a", dtype: "F33"))
  }

  func testOffsetsPastTheEndOfTheBufferAreRejected() {
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, buffer: goodBuffer),
      .offsetsPastEnd(file: file, tensor: "a", offsets: [0, 16], bufferSize: 8))
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#, buffer: goodBuffer),
      .offsetsPastEnd(file: file, tensor: "a", offsets: [8, 0], bufferSize: 8))
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,99999999999999999999]}}"#, buffer: goodBuffer),
      .badEntry(file: file, name: "a", reason: "\"data_offsets\" holds 99999999999999999999, not a non-negative integer"))
  }

  func testOverlappingTensorsAreRejected() {
    XCTAssertEqual(
      decode(
        header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
        buffer: goodBuffer),
      .offsetsOverlap(file: file, tensor: "b", other: "a"))
  }

  func testHolesAndUncoveredTrailingBytesAreRejected() {
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, buffer: goodBuffer),
      .bufferNotCovered(file: file, start: 0, end: 4))
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, buffer: goodBuffer),
      .bufferNotCovered(file: file, start: 4, end: 8))
  }

  func testAShapeWhoseByteCountDiffersFromTheOffsetsIsRejected() {
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, buffer: goodBuffer),
      .byteCountMismatch(file: file, tensor: "a", shape: [3], dtype: .f32, expected: 12, actual: 8))
    XCTAssertEqual(
      decode(header: #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer),
      .byteCountMismatch(file: file, tensor: "a", shape: [2], dtype: .f64, expected: 16, actual: 8))
    // A shape whose element count overflows is a mismatch, not a crash.
    guard case .byteCountMismatch = decode(
      header: #"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, buffer: goodBuffer)
    else { return XCTFail("overflowing shape accepted") }
  }

  func testAnIntegerTensorReadAsRealIsAnUnexpectedDType() throws {
    let loaded = try SafeTensorsFile(
      decoding: SafeTensorsFormatTests.assemble(header: #"{"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}"#, buffer: goodBuffer),
      source: file)
    XCTAssertThrowsError(try loaded.values("a", shape: [2], as: Float.self)) { error in
      XCTAssertEqual(error as? SafeTensorsError, .unexpectedDType(file: file, tensor: "a", dtype: .i32, expected: "F32, F64, F16 or BF16"))
    }
  }

  func testAMissingTensorIsRejectedListingTheOnesPresent() throws {
    let loaded = SafeTensorsFile(tensors: ["a": SafeTensorsTensor(vector: [Float(1)])], source: file)
    XCTAssertThrowsError(try loaded.tensor("weight_ih_l0")) { error in
      XCTAssertEqual(error as? SafeTensorsError, .missingTensor(file: file, tensor: "weight_ih_l0", available: ["a"]))
      XCTAssertTrue("\(error)".contains("the file has: a"))
    }
  }

  func testAnUnexpectedShapeIsRejected() throws {
    let loaded = SafeTensorsFile(tensors: ["w": SafeTensorsTensor(Matrix<Float>(rows: 2, columns: 3))], source: file)
    XCTAssertThrowsError(try loaded.matrix("w", rows: 3, columns: 2, as: Float.self)) { error in
      XCTAssertEqual(error as? SafeTensorsError, .unexpectedShape(file: file, tensor: "w", shape: [2, 3], expected: [3, 2]))
    }
    XCTAssertNoThrow(try loaded.matrix("w", rows: 2, columns: 3, as: Float.self))
  }

  func testAMissingMetadataKeyIsRejected() {
    let loaded = SafeTensorsFile(metadata: ["a": "1"], source: file)
    XCTAssertThrowsError(try loaded.metadataValue("hidden_size")) { error in
      guard case .badMetadata(self.file, "hidden_size", _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
    }
  }

  func testRandomlyCorruptedFilesNeverCrashTheDecoder() {
    // Flip bytes of a valid file at many positions: every result either decodes or throws a SafeTensorsError.
    let valid = SafeTensorsFile(tensors: [
      "w": SafeTensorsTensor(Matrix<Float>(rows: 3, columns: 2, repeating: 1)), "b": SafeTensorsTensor(vector: [Double(2), 3]),
    ]).encoded()
    var rng = SeededGenerator(seed: 3)
    var rejected = 0
    for _ in 0..<2_000 {
      var bytes = valid
      for _ in 0..<(1 + rng.nextInt(below: 3)) { bytes[rng.nextInt(below: bytes.count)] = UInt8(rng.nextInt(below: 256)) }
      if rng.nextInt(below: 4) == 0 { bytes.removeLast(rng.nextInt(below: bytes.count)) }
      if (try? SafeTensorsFile(decoding: bytes)) == nil { rejected += 1 }
    }
    XCTAssertGreaterThan(rejected, 100)  // most header corruptions are caught (data corruption cannot be)
  }
}
