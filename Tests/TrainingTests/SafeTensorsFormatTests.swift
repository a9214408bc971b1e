import Foundation
import LabMath
import Training
import XCTest

/// The safetensors codec against the format's specification: files assembled byte by byte here load with the
/// right values, and the encoder's output has the specified layout (checked with Foundation's JSON parser).
final class SafeTensorsFormatTests: XCTestCase {
  /// A file assembled from the specification: N as 8 little-endian bytes, N bytes of header, the buffer.
  static func assemble(header: String, buffer: [UInt8]) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    let n = UInt64(headerBytes.count)
    return (0..<8).map { UInt8((n >> (8 * UInt64($0))) & 0xFF) } + headerBytes + buffer
  }

  func testAFileWrittenByHandFromTheSpecificationLoadsWithTheRightValues() throws {
    // Buffer layout (little-endian): "w" F32 2x3 at [0, 24), "b" F64 [2] at [24, 40), "h" F16 [3] at [40, 46),
    // "z" BF16 [2] at [46, 50). The header lists them out of buffer order, in Python's json.dumps spacing, and is
    // padded with spaces, as the format allows.
    let header = """
      {"b": {"dtype": "F64", "shape": [2], "data_offsets": [24, 40]}, \
      "__metadata__": {"format": "pt", "note": "caf\\u00e9 \\"quoted\\""}, \
      "z": {"dtype": "BF16", "shape": [2], "data_offsets": [46, 50]}, \
      "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, \
      "h": {"dtype": "F16", "shape": [3], "data_offsets": [40, 46]}}     
      """
    let buffer: [UInt8] = [
      0x00, 0x00, 0x80, 0x3F,  // 1.0f   = 0x3F800000
      0x00, 0x00, 0x00, 0xC0,  // -2.0f  = 0xC0000000
      0x00, 0x00, 0x00, 0x3F,  // 0.5f   = 0x3F000000
      0x00, 0x00, 0x40, 0x40,  // 3.0f   = 0x40400000
      0x00, 0x00, 0x80, 0x3E,  // 0.25f  = 0x3E800000
      0x00, 0x00, 0xC0, 0xBF,  // -1.5f  = 0xBFC00000
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,  // 1.0  = 0x3FF0000000000000
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0xBF,  // -0.5 = 0xBFE0000000000000
      0x00, 0x3C,  // F16 1.0 = 0x3C00
      0xFF, 0x7B,  // F16 65504 (largest finite) = 0x7BFF
      0x01, 0x80,  // F16 -2^-24 (smallest subnormal, negative) = 0x8001
      0x80, 0x3F,  // BF16 1.0 = 0x3F80
      0x40, 0xC0,  // BF16 -3.0 = 0xC040
    ]
    let file = try SafeTensorsFile(decoding: Self.assemble(header: header, buffer: buffer), source: "hand.safetensors")
    XCTAssertEqual(file.metadata, ["format": "pt", "note": "café \"quoted\""])
    XCTAssertEqual(Set(file.tensors.keys), ["w", "b", "h", "z"])
    let w: Matrix<Float> = try file.matrix("w", rows: 2, columns: 3)
    XCTAssertEqual(w, Matrix([[1, -2, 0.5], [3, 0.25, -1.5]]))
    XCTAssertEqual(try file.values("b", shape: [2], as: Double.self), [1, -0.5])
    XCTAssertEqual(try file.values("h", shape: [3], as: Double.self), [1, 65504, -0x1p-24])
    XCTAssertEqual(try file.values("z", shape: [2], as: Float.self), [1, -3])
    XCTAssertEqual(try file.tensor("w").dtype, .f32)
  }

  func testHalfPrecisionSpecialValuesDecode() {
    XCTAssertEqual(SafeTensorsTensorProbe.half(0x0000), 0)
    XCTAssertEqual(SafeTensorsTensorProbe.half(0x8000).sign, .minus)
    XCTAssertEqual(SafeTensorsTensorProbe.half(0x7C00), .infinity)
    XCTAssertEqual(SafeTensorsTensorProbe.half(0xFC00), -.infinity)
    XCTAssertTrue(SafeTensorsTensorProbe.half(0x7E00).isNaN)
    XCTAssertEqual(SafeTensorsTensorProbe.half(0x0400), 0x1p-14)  // smallest normal
    XCTAssertEqual(SafeTensorsTensorProbe.half(0x3555), 0.333251953125)  // 1/3 rounded: (1 + 341/1024) / 4
  }

  func testTheEncoderWritesTheSpecifiedLayout() throws {
    let file = SafeTensorsFile(
      tensors: [
        "weight": SafeTensorsTensor(Matrix<Float>([[1, 2], [3, 4], [5, 6]])),
        "bias": SafeTensorsTensor(vector: [Double(-1), 0.125]),
      ],
      metadata: ["hidden_size": "2", "odd \"key\"\n": "tab\there"])
    let bytes = file.encoded()
    let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    XCTAssertEqual(n % 8, 0, "header padded to a multiple of 8")
    XCTAssertEqual(bytes[8], UInt8(ascii: "{"))
    let header = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any], "header is a JSON object")
    XCTAssertEqual(header["__metadata__"] as? [String: String], ["hidden_size": "2", "odd \"key\"\n": "tab\there"])
    let buffer = Array(bytes[(8 + n)...])
    func entry(_ name: String) throws -> (dtype: String, shape: [Int], begin: Int, end: Int) {
      let e = try XCTUnwrap(header[name] as? [String: Any])
      let offsets = try XCTUnwrap(e["data_offsets"] as? [Int])
      return (try XCTUnwrap(e["dtype"] as? String), try XCTUnwrap(e["shape"] as? [Int]), offsets[0], offsets[1])
    }
    let weight = try entry("weight"), bias = try entry("bias")
    XCTAssertEqual(weight.dtype, "F32")
    XCTAssertEqual(weight.shape, [3, 2])
    XCTAssertEqual(bias.dtype, "F64")
    XCTAssertEqual(bias.shape, [2])
    // Largest element first, so every tensor is aligned to its size; together they cover the buffer exactly.
    XCTAssertEqual([bias.begin, bias.end, weight.begin, weight.end], [0, 16, 16, 40])
    XCTAssertEqual(buffer.count, 40)
    let weightValues = (0..<6).map { i in
      Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(buffer[weight.begin + 4 * i + $1]) << (8 * UInt32($1)) })
    }
    XCTAssertEqual(weightValues, [1, 2, 3, 4, 5, 6])
    let biasValues = (0..<2).map { i in
      Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(buffer[bias.begin + 8 * i + $1]) << (8 * UInt64($1)) })
    }
    XCTAssertEqual(biasValues, [-1, 0.125])
  }

  func testRoundTripPreservesEveryBitNamesAndMetadata() throws {
    var rng = SeededGenerator(seed: 11)
    let a: Matrix<Float> = rng.normalMatrix(rows: 7, columns: 5)
    let special = [Float.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    let b: Matrix<Double> = rng.uniformMatrix(rows: 3, columns: 4, -1, 1)
    let original = SafeTensorsFile(
      tensors: [
        "lstm.weight_ih_l0": SafeTensorsTensor(a),
        "λ \"name\" with\\escapes": SafeTensorsTensor(vector: special),
        "double": SafeTensorsTensor(b),
        "empty": SafeTensorsTensor(vector: [Float]()),
      ],
      metadata: ["class_names": "[\"a\",\"b\"]", "ünïcode": "✓"])
    let decoded = try SafeTensorsFile(decoding: original.encoded())
    XCTAssertEqual(decoded, original)  // byte-for-byte equal tensors, so NaN and -0 survive
    XCTAssertEqual(try decoded.matrix("lstm.weight_ih_l0", rows: 7, columns: 5), a)
    XCTAssertEqual(try decoded.matrix("double", rows: 3, columns: 4), b)
    let roundTripped: [Float] = try decoded.values("λ \"name\" with\\escapes", shape: [6])
    XCTAssertEqual(roundTripped.map(\.bitPattern), special.map(\.bitPattern))
  }

  func testAnEmptyFileOfNoTensorsRoundTrips() throws {
    let empty = SafeTensorsFile()
    XCTAssertEqual(try SafeTensorsFile(decoding: empty.encoded()), empty)
    XCTAssertEqual(empty.encoded().count, 16)  // N = 8: "{}" and six spaces
  }
}

/// Reaches the half-precision decoder through the public API: a one-element F16 tensor.
enum SafeTensorsTensorProbe {
  static func half(_ bits: UInt16) -> Double {
    let tensor = try! SafeTensorsTensor(dtype: .f16, shape: [], bytes: [UInt8(bits & 0xFF), UInt8(bits >> 8)])
    return tensor.values(as: Double.self)![0]
  }
}
