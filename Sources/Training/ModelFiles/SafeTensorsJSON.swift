import LabText

/// The JSON of a safetensors header: a strict parser (RFC 8259, duplicate keys rejected, nesting limited) and the
/// string quoting the writer uses.
///
/// Written here rather than taken from Foundation so that a bad header is reported with the byte offset of the
/// problem, duplicate keys (which the format forbids) are caught, and integers are read exactly.
indirect enum SafeTensorsJSON {
  case object([(key: String, value: SafeTensorsJSON)])
  case array([SafeTensorsJSON])
  case string(String)
  /// A number as written (validated against the JSON grammar); `integer` reads it.
  case number(String)
  case bool(Bool)
  case null

  /// A parse failure at byte `offset` of the text.
  struct ParseError: Error {
    var offset: Int
    var reason: String
  }

  /// The deepest nesting accepted (a safetensors header needs 3: header, entry, shape).
  static let maximumDepth = 32

  /// Parses `bytes` as one JSON value, optionally surrounded by whitespace.
  static func parse(_ bytes: [UInt8]) throws(ParseError) -> SafeTensorsJSON {
    var parser = Parser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw ParseError(offset: parser.index, reason: "text after the JSON value") }
    return value
  }

  /// The value as a non-negative integer that fits in `Int`, or nil (fractions, exponents, signs, overflow).
  var nonNegativeInteger: Int? {
    guard case .number(let text) = self, !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return Int(text)
  }

  /// A short name of the value's JSON type, for error messages.
  var typeName: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }

  /// The value written back as compact JSON (for error messages).
  var text: String {
    switch self {
    case .object(let members): "{" + members.map { SafeTensorsJSON.quoted($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
    case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
    case .string(let string): SafeTensorsJSON.quoted(string)
    case .number(let number): number
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    }
  }

  /// `text` as a JSON string literal: quotes, backslashes and control characters escaped (LabText's
  /// `Quoting.stringLiteral`).
  static func quoted(_ text: String) -> String { Quoting.stringLiteral(text, otherControlCharacters: .unicodeEscaped) }

  /// A recursive-descent parser over UTF-8 bytes.
  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ reason: String, at offset: Int? = nil) -> ParseError { ParseError(offset: offset ?? index, reason: reason) }

    mutating func skipWhitespace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(ParseError) {
      guard index < bytes.count else { throw fail("unexpected end, expected '\(Character(Unicode.Scalar(byte)))'") }
      guard bytes[index] == byte else {
        throw fail("expected '\(Character(Unicode.Scalar(byte)))', found '\(Character(Unicode.Scalar(bytes[index])))'")
      }
      index += 1
    }

    mutating func value(depth: Int) throws(ParseError) -> SafeTensorsJSON {
      guard depth < SafeTensorsJSON.maximumDepth else { throw fail("nested deeper than \(SafeTensorsJSON.maximumDepth) levels") }
      guard index < bytes.count else { throw fail("unexpected end of the header") }
      switch bytes[index] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
      default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
      }
    }

    mutating func literal(_ word: String) throws(ParseError) {
      let start = index
      for byte in word.utf8 {
        guard index < bytes.count, bytes[index] == byte else { throw fail("invalid literal, expected \(word)", at: start) }
        index += 1
      }
    }

    mutating func object(depth: Int) throws(ParseError) -> SafeTensorsJSON {
      try expect(UInt8(ascii: "{"))
      var members: [(key: String, value: SafeTensorsJSON)] = []
      var seen: Set<String> = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      while true {
        skipWhitespace()
        let keyOffset = index
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        let key = try string()
        guard seen.insert(key).inserted else { throw fail("duplicate key \"\(key)\"", at: keyOffset) }
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
        members.append((key, try value(depth: depth + 1)))
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end inside an object") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect(UInt8(ascii: "}"))
        return .object(members)
      }
    }

    mutating func array(depth: Int) throws(ParseError) -> SafeTensorsJSON {
      try expect(UInt8(ascii: "["))
      var elements: [SafeTensorsJSON] = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
      while true {
        skipWhitespace()
        elements.append(try value(depth: depth + 1))
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end inside an array") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect(UInt8(ascii: "]"))
        return .array(elements)
      }
    }

    mutating func number() throws(ParseError) -> String {
      let start = index
      func digits(_ parser: inout Parser) -> Int {
        let first = parser.index
        while parser.index < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index]) {
          parser.index += 1
        }
        return parser.index - first
      }
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      let integerStart = index
      let integerDigits = digits(&self)
      guard integerDigits > 0 else { throw fail("a number needs digits", at: start) }
      guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw fail("leading zero in a number", at: start) }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits(&self) > 0 else { throw fail("digits must follow the decimal point") }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits(&self) > 0 else { throw fail("digits must follow the exponent") }
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func hexQuad() throws(ParseError) -> UInt32 {
      guard index + 4 <= bytes.count else { throw fail("unexpected end inside a \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: throw fail("invalid hex digit in a \\u escape")
        }
        value = value * 16 + digit
        index += 1
      }
      return value
    }

    mutating func string() throws(ParseError) -> String {
      let start = index
      try expect(UInt8(ascii: "\""))
      var utf8: [UInt8] = []
      while true {
        guard index < bytes.count else { throw fail("unterminated string", at: start) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          guard let text = String(validating: utf8, as: UTF8.self) else { throw fail("string is not valid UTF-8", at: start) }
          return text
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { throw fail("unterminated escape", at: start) }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
          case UInt8(ascii: "b"): utf8.append(0x08)
          case UInt8(ascii: "f"): utf8.append(0x0C)
          case UInt8(ascii: "n"): utf8.append(0x0A)
          case UInt8(ascii: "r"): utf8.append(0x0D)
          case UInt8(ascii: "t"): utf8.append(0x09)
          case UInt8(ascii: "u"):
            var code = try hexQuad()
            if (0xD800..<0xDC00).contains(code) {
              guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
              else { throw fail("unpaired surrogate in a \\u escape") }
              index += 2
              let low = try hexQuad()
              guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in a \\u escape") }
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw fail("invalid code point in a \\u escape") }
            utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
          default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))'", at: index - 2)
          }
        case 0x00..<0x20: throw fail("control character inside a string", at: index - 1)
        default: utf8.append(byte)
        }
      }
    }
  }
}
