import LabMath

/// A safetensors file in memory: named tensors and string metadata, with the format's encoder and a checking decoder.
///
/// The format (Hugging Face safetensors), byte by byte:
/// ```
/// [0, 8)        N, the header length: an unsigned 64-bit little-endian integer
/// [8, 8+N)      the header: UTF-8 JSON, starting with '{', possibly padded with trailing spaces:
///               {"__metadata__": {"key": "value", ...},
///                "name": {"dtype": "F32", "shape": [d1, d2], "data_offsets": [begin, end]}, ...}
/// [8+N, end)    the byte buffer; tensor `name` is bytes [begin, end) of it (offsets relative to the buffer's start),
///               little-endian, row-major, end - begin = d1 * d2 * ... * size(dtype); the tensors cover the
///               buffer exactly, without holes or overlaps.
/// ```
/// The decoder checks every one of these rules and throws a `SafeTensorsError` naming the file, the tensor and the
/// problem; nothing in a hostile file can make it read out of bounds or crash. The encoder writes tensors largest
/// element type first, then by name, and pads the header with spaces to a multiple of 8 bytes so every tensor is
/// aligned to its element size.
public struct SafeTensorsFile: Sendable, Equatable {
  /// The tensors by name.
  public var tensors: [String: SafeTensorsTensor]
  /// The `__metadata__` map (free-form strings).
  public var metadata: [String: String]
  /// Where the file came from (its path, or "<memory>"), used in error messages; not part of equality.
  public var source: String

  /// Headers longer than this are rejected (the reference implementation's limit).
  public static let maximumHeaderLength = 100_000_000

  /// A file holding `tensors` and `metadata`.
  public init(tensors: [String: SafeTensorsTensor] = [:], metadata: [String: String] = [:], source: String = "<memory>") {
    self.tensors = tensors
    self.metadata = metadata
    self.source = source
  }

  public static func == (lhs: SafeTensorsFile, rhs: SafeTensorsFile) -> Bool {
    lhs.tensors == rhs.tensors && lhs.metadata == rhs.metadata
  }

  // MARK: - Encoding

  /// The file's bytes: header length, JSON header padded with spaces to a multiple of 8 bytes, byte buffer.
  public func encoded() -> [UInt8] {
    let names = tensors.keys.sorted { a, b in
      let sizeA = tensors[a]!.dtype.byteCount, sizeB = tensors[b]!.dtype.byteCount
      return sizeA != sizeB ? sizeA > sizeB : a < b
    }
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map { "\(SafeTensorsJSON.quoted($0)):\(SafeTensorsJSON.quoted(metadata[$0]!))" }
      entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for name in names {
      let tensor = tensors[name]!
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      entries.append(
        "\(SafeTensorsJSON.quoted(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],"
          + "\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}")
      offset += tensor.bytes.count
    }
    var header = Array("{\(entries.joined(separator: ","))}".utf8)
    header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + header.count + offset)
    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64(k)))) }
    bytes += header
    for name in names { bytes += tensors[name]!.bytes }
    return bytes
  }

  // MARK: - Decoding

  /// Decodes and checks the bytes of a safetensors file; `source` names it in errors.
  public init(decoding bytes: [UInt8], source: String = "<memory>") throws(SafeTensorsError) {
    guard bytes.count >= 8 else { throw .tooShort(file: source, byteCount: bytes.count) }
    var headerLength: UInt64 = 0
    for k in 0..<8 { headerLength |= UInt64(bytes[k]) << (8 * UInt64(k)) }
    guard headerLength <= UInt64(bytes.count - 8), headerLength <= UInt64(SafeTensorsFile.maximumHeaderLength) else {
      throw .headerLengthPastEnd(file: source, headerLength: headerLength, fileSize: bytes.count)
    }
    let headerEnd = 8 + Int(headerLength)
    let header = Array(bytes[8..<headerEnd])
    guard header.first == UInt8(ascii: "{") else {
      throw .badJSON(file: source, offset: 0, reason: "the header must start with '{'")
    }
    let json: SafeTensorsJSON
    do { json = try SafeTensorsJSON.parse(header) } catch {
      throw .badJSON(file: source, offset: error.offset, reason: error.reason)
    }
    guard case .object(let members) = json else {
      throw .badJSON(file: source, offset: 0, reason: "the header is not a JSON object")
    }

    let bufferSize = bytes.count - headerEnd
    var metadata: [String: String] = [:]
    var ranges: [(name: String, begin: Int, end: Int)] = []
    var tensors: [String: SafeTensorsTensor] = [:]
    for (name, value) in members {
      if name == "__metadata__" {
        guard case .object(let pairs) = value else {
          throw .badEntry(file: source, name: name, reason: "is \(value.typeName), not an object")
        }
        for (key, item) in pairs {
          guard case .string(let text) = item else {
            throw .badEntry(file: source, name: name, reason: "value of \"\(key)\" is \(item.typeName), not a string")
          }
          metadata[key] = text
        }
        continue
      }
      let entry = try SafeTensorsFile.entry(name: name, value: value, source: source)
      guard entry.begin <= entry.end, entry.end <= bufferSize else {
        throw .offsetsPastEnd(file: source, tensor: name, offsets: [entry.begin, entry.end], bufferSize: bufferSize)
      }
      let expected = SafeTensorsTensor.byteCount(shape: entry.shape, dtype: entry.dtype)
      guard expected == entry.end - entry.begin else {
        throw .byteCountMismatch(
          file: source, tensor: name, shape: entry.shape, dtype: entry.dtype, expected: expected ?? -1,
          actual: entry.end - entry.begin)
      }
      ranges.append((name, entry.begin, entry.end))
      tensors[name] = try SafeTensorsTensor(
        dtype: entry.dtype, shape: entry.shape,
        bytes: Array(bytes[headerEnd + entry.begin..<headerEnd + entry.end]), name: name)
    }

    // The ranges must tile [0, bufferSize): sorted by start, each begins where the previous ended.
    ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
    var covered = 0
    var previous = ""
    for range in ranges {
      if range.begin < covered { throw .offsetsOverlap(file: source, tensor: range.name, other: previous) }
      if range.begin > covered { throw .bufferNotCovered(file: source, start: covered, end: range.begin) }
      covered = range.end
      previous = range.name
    }
    guard covered == bufferSize else { throw .bufferNotCovered(file: source, start: covered, end: bufferSize) }

    self.init(tensors: tensors, metadata: metadata, source: source)
  }

  /// Reads one tensor's header entry: {"dtype": string, "shape": [Int], "data_offsets": [Int, Int]}.
  private static func entry(name: String, value: SafeTensorsJSON, source: String) throws(SafeTensorsError)
    -> (dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)
  {
    guard case .object(let fields) = value else {
      throw .badEntry(file: source, name: name, reason: "is \(value.typeName), not an object")
    }
    func field(_ key: String) throws(SafeTensorsError) -> SafeTensorsJSON {
      guard let found = fields.first(where: { $0.key == key }) else {
        throw .badEntry(file: source, name: name, reason: "has no \"\(key)\"")
      }
      return found.value
    }
    func integers(_ key: String) throws(SafeTensorsError) -> [Int] {
      let value = try field(key)
      guard case .array(let items) = value else {
        throw .badEntry(file: source, name: name, reason: "\"\(key)\" is \(value.typeName), not an array")
      }
      var result: [Int] = []
      for item in items {
        guard let integer = item.nonNegativeInteger else {
          throw .badEntry(file: source, name: name, reason: "\"\(key)\" holds \(item.text), not a non-negative integer")
        }
        result.append(integer)
      }
      return result
    }
    let dtypeValue = try field("dtype")
    guard case .string(let dtypeName) = dtypeValue else {
      throw .badEntry(file: source, name: name, reason: "\"dtype\" is \(dtypeValue.typeName), not a string")
    }
    guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
      throw .unknownDType(file: source, tensor: name, dtype: dtypeName)
    }
    let shape = try integers("shape")
    let offsets = try integers("data_offsets")
    guard offsets.count == 2 else {
      throw .badEntry(file: source, name: name, reason: "\"data_offsets\" has \(offsets.count) numbers, not 2 ([begin, end])")
    }
    return (dtype, shape, offsets[0], offsets[1])
  }

  // MARK: - Reading what a model needs

  /// The tensor `name`, or `missingTensor` listing the names the file has.
  public func tensor(_ name: String) throws(SafeTensorsError) -> SafeTensorsTensor {
    guard let tensor = tensors[name] else {
      throw .missingTensor(file: source, tensor: name, available: tensors.keys.sorted())
    }
    return tensor
  }

  /// The real values of tensor `name`, which must have shape `shape` and a real dtype (F64, F32, F16, BF16).
  public func values<Scalar: LabScalar>(_ name: String, shape: [Int], as _: Scalar.Type = Scalar.self) throws(SafeTensorsError)
    -> [Scalar]
  {
    let tensor = try tensor(name)
    guard let values: [Scalar] = tensor.values() else {
      throw .unexpectedDType(file: source, tensor: name, dtype: tensor.dtype, expected: "F32, F64, F16 or BF16")
    }
    guard tensor.shape == shape else { throw .unexpectedShape(file: source, tensor: name, shape: tensor.shape, expected: shape) }
    return values
  }

  /// Tensor `name` as a `rows x columns` matrix (shape [rows, columns]).
  public func matrix<Scalar: LabScalar>(_ name: String, rows: Int, columns: Int, as _: Scalar.Type = Scalar.self)
    throws(SafeTensorsError) -> Matrix<Scalar>
  {
    Matrix(rows: rows, columns: columns, scalars: try values(name, shape: [rows, columns]))
  }

  /// The metadata value `key`, or `badMetadata` saying it is missing.
  public func metadataValue(_ key: String) throws(SafeTensorsError) -> String {
    guard let value = metadata[key] else {
      throw .badMetadata(file: source, key: key, reason: "missing from __metadata__ (keys: \(metadata.keys.sorted().joined(separator: ", ")))")
    }
    return value
  }
}
