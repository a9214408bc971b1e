/// A small, strict gzip (RFC 1952) and DEFLATE (RFC 1951) decoder, so the shipped `sp500.csv.gz` and `vix.csv.gz`
/// are read as shipped, without zlib or a `gzip` process.
///
/// It follows Mark Adler's reference decoder `puff.c`: codes are decoded bit by bit from canonical Huffman tables
/// (count of codes per length + symbols in code order). Slow next to zlib (a few MB/s) and plenty for these files.
/// Every member's CRC-32 and length from the gzip trailer are checked, so a corrupted file is an error, never
/// wrong data. Any inconsistency (bad header, bad code, a distance before the start, data past the end) throws.
public enum Gzip {
  /// The decompressed bytes of a gzip file (all members concatenated). `file` names it in errors.
  public static func decompress(_ bytes: [UInt8], file: String = "<gzip data>") throws -> [UInt8] {
    var output: [UInt8] = []
    var position = 0
    repeat {
      position = try member(bytes, from: position, into: &output, file: file)
      while position < bytes.count && bytes[position] == 0 { position += 1 }  // zero padding after the last member
    } while position < bytes.count
    return output
  }

  /// Decodes the gzip member at `start`, appends its data, returns the index after its trailer.
  private static func member(_ bytes: [UInt8], from start: Int, into output: inout [UInt8], file: String) throws -> Int {
    func fail(_ what: String) -> DatasetError {
      .malformed(file: file, line: 1, found: what, expected: "a valid gzip file (RFC 1952)")
    }
    guard bytes.count - start >= 18 else { throw fail("\(bytes.count - start) bytes, too short for a gzip member") }
    guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else { throw fail("no gzip magic number at byte \(start)") }
    guard bytes[start + 2] == 8 else { throw fail("compression method \(bytes[start + 2]), not deflate (8)") }
    let flags = bytes[start + 3]
    guard flags & 0xE0 == 0 else { throw fail("reserved header flags set") }
    var p = start + 10
    func need(_ n: Int) throws { if p + n > bytes.count { throw fail("a header cut short") } }
    if flags & 0x04 != 0 {  // FEXTRA
      try need(2)
      let length = Int(bytes[p]) | Int(bytes[p + 1]) << 8
      p += 2
      try need(length)
      p += length
    }
    for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
      while p < bytes.count && bytes[p] != 0 { p += 1 }
      try need(1)
      p += 1
    }
    if flags & 0x02 != 0 {  // FHCRC
      try need(2)
      p += 2
    }
    let before = output.count
    var inflater = Inflater(input: bytes, position: p)
    do {
      try inflater.inflate(into: &output)
    } catch let error as InflateError {
      throw fail("corrupt deflate data (\(error.reason))")
    }
    p = inflater.bytePosition
    guard p + 8 <= bytes.count else { throw fail("no CRC-32 and length trailer (truncated file?)") }
    let crc = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    let size = UInt32(bytes[p + 4]) | UInt32(bytes[p + 5]) << 8 | UInt32(bytes[p + 6]) << 16 | UInt32(bytes[p + 7]) << 24
    let data = output[before...]
    guard UInt32(truncatingIfNeeded: data.count) == size else {
      throw fail("\(data.count) decompressed bytes where the trailer says \(size)")
    }
    guard crc32(data) == crc else { throw fail("a CRC-32 mismatch (the data is corrupted)") }
    return p + 8
  }

  /// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as in gzip and PNG.
  public static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }

  private static let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }
}

struct InflateError: Error {
  let reason: String
}

/// A canonical Huffman code: how many codes of each length 0...15 and the symbols in code order.
private struct Huffman {
  var counts = [Int](repeating: 0, count: 16)
  var symbols: [Int]
  var isComplete: Bool

  /// Builds the code from the code length of each symbol (0 = unused). Throws when over-subscribed, or when
  /// incomplete unless `allowIncomplete` (the fixed distance code) or the code is a single code of length 1
  /// (allowed by RFC 1951 for a block that uses one distance or one literal, as `puff.c` does).
  init(lengths: [Int], allowIncomplete: Bool = false) throws {
    symbols = [Int](repeating: 0, count: lengths.count)
    for length in lengths { counts[length] += 1 }
    var left = 1
    for length in 1...15 {
      left = left * 2 - counts[length]
      if left < 0 { throw InflateError(reason: "over-subscribed code") }
    }
    isComplete = left == 0
    if left > 0 && !allowIncomplete && lengths.count - counts[0] != counts[1] {
      throw InflateError(reason: "incomplete code")
    }
    var offsets = [Int](repeating: 0, count: 16)
    for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
    for (symbol, length) in lengths.enumerated() where length != 0 {
      symbols[offsets[length]] = symbol
      offsets[length] += 1
    }
  }
}

/// The DEFLATE decoder state: input bytes and a bit buffer (bits are consumed least significant first).
private struct Inflater {
  let input: [UInt8]
  var position: Int
  var bitBuffer = 0
  var bitCount = 0

  init(input: [UInt8], position: Int) {
    self.input = input
    self.position = position
  }

  /// The index of the first byte after the deflate stream (the partial last byte is skipped).
  var bytePosition: Int { position }

  mutating func bits(_ n: Int) throws -> Int {
    while bitCount < n {
      guard position < input.count else { throw InflateError(reason: "data ends inside a block") }
      bitBuffer |= Int(input[position]) << bitCount
      position += 1
      bitCount += 8
    }
    let value = bitBuffer & ((1 << n) - 1)
    bitBuffer >>= n
    bitCount -= n
    return value
  }

  mutating func decode(_ code: Huffman) throws -> Int {
    var value = 0, first = 0, index = 0
    for length in 1...15 {
      value |= try bits(1)
      let count = code.counts[length]
      if value - count < first { return code.symbols[index + (value - first)] }
      index += count
      first = (first + count) << 1
      value <<= 1
    }
    throw InflateError(reason: "invalid Huffman code")
  }

  mutating func inflate(into output: inout [UInt8]) throws {
    let start = output.count
    var last = false
    repeat {
      last = try bits(1) == 1
      switch try bits(2) {
      case 0: try stored(into: &output)
      case 1: try codes(Self.fixed.lengths, Self.fixed.distances, into: &output, start: start)
      case 2:
        let (lengths, distances) = try dynamicTables()
        try codes(lengths, distances, into: &output, start: start)
      default: throw InflateError(reason: "block type 3")
      }
    } while !last
    bitBuffer = 0
    bitCount = 0
  }

  mutating func stored(into output: inout [UInt8]) throws {
    bitBuffer = 0
    bitCount = 0  // skip to the byte boundary
    guard position + 4 <= input.count else { throw InflateError(reason: "stored block header cut short") }
    let length = Int(input[position]) | Int(input[position + 1]) << 8
    let check = Int(input[position + 2]) | Int(input[position + 3]) << 8
    guard length == (~check & 0xFFFF) else { throw InflateError(reason: "stored block length check") }
    position += 4
    guard position + length <= input.count else { throw InflateError(reason: "stored block cut short") }
    output.append(contentsOf: input[position..<(position + length)])
    position += length
  }

  static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
  static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
    6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

  static let fixed: (lengths: Huffman, distances: Huffman) = {
    var lengths = [Int](repeating: 8, count: 288)
    for symbol in 144..<256 { lengths[symbol] = 9 }
    for symbol in 256..<280 { lengths[symbol] = 7 }
    // The fixed tables are complete by construction (RFC 1951 3.2.6).
    let literal = try! Huffman(lengths: lengths)
    let distance = try! Huffman(lengths: [Int](repeating: 5, count: 30), allowIncomplete: true)
    return (literal, distance)
  }()

  mutating func codes(_ lengthCode: Huffman, _ distanceCode: Huffman, into output: inout [UInt8], start: Int) throws {
    while true {
      let symbol = try decode(lengthCode)
      if symbol < 256 {
        output.append(UInt8(symbol))
      } else if symbol == 256 {
        return
      } else {
        let s = symbol - 257
        guard s < 29 else { throw InflateError(reason: "invalid length symbol") }
        let length = Self.lengthBase[s] + (try bits(Self.lengthExtra[s]))
        let d = try decode(distanceCode)
        guard d < 30 else { throw InflateError(reason: "invalid distance symbol") }
        let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
        guard distance <= output.count - start else { throw InflateError(reason: "distance too far back") }
        let from = output.count - distance
        for k in 0..<length { output.append(output[from + k]) }
      }
    }
  }

  mutating func dynamicTables() throws -> (Huffman, Huffman) {
    let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeCount = try bits(4) + 4
    guard literalCount <= 286, distanceCount <= 30 else { throw InflateError(reason: "bad table counts") }
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    var codeLengths = [Int](repeating: 0, count: 19)
    for k in 0..<codeCount { codeLengths[order[k]] = try bits(3) }
    let lengthCode = try Huffman(lengths: codeLengths)
    guard lengthCode.counts[0] < 19, lengthCode.isComplete else { throw InflateError(reason: "incomplete code-length code") }
    var lengths: [Int] = []
    while lengths.count < literalCount + distanceCount {
      let symbol = try decode(lengthCode)
      if symbol < 16 {
        lengths.append(symbol)
        continue
      }
      var repeated = 0, times = 0
      switch symbol {
      case 16:
        guard let previous = lengths.last else { throw InflateError(reason: "repeat with no previous length") }
        repeated = previous
        times = 3 + (try bits(2))
      case 17: times = 3 + (try bits(3))
      default: times = 11 + (try bits(7))
      }
      guard lengths.count + times <= literalCount + distanceCount else { throw InflateError(reason: "too many lengths") }
      lengths += [Int](repeating: repeated, count: times)
    }
    guard lengths[256] != 0 else { throw InflateError(reason: "no end-of-block code") }
    let literal = try Huffman(lengths: Array(lengths[0..<literalCount]))
    let distance = try Huffman(lengths: Array(lengths[literalCount...]))
    return (literal, distance)
  }
}
