import LabMath
import XCTest

@testable import Datasets

/// A bounded randomized test: 300 seeded mutations of real files (bytes flipped, deleted, inserted; lines deleted,
/// duplicated, swapped, inserted; the file truncated). The readers must either return a consistent data set or throw
/// a `DatasetError.malformed` naming the file and a line of it; never crash, never throw anything else.
final class ReaderMutationTests: XCTestCase {
  /// The header and the first `cases` cases of a shipped file (small, so 300 parses stay fast in debug builds).
  func sample(_ path: String, cases: Int) throws -> [UInt8] {
    let lines = try shippedBytes(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let data = lines.firstIndex { String(decoding: $0, as: UTF8.self).lowercased().hasPrefix("@data") }!
    return Array(lines.prefix(data + 1 + cases).map { Array($0) + [UInt8(ascii: "\n")] }.joined())
  }

  /// The first cases of GunPoint written as a UCR .tsv file (label first, tabs).
  func tsvSample() throws -> [UInt8] {
    let part = try TSReader.parse(try sample("GunPoint/GunPoint_TRAIN.ts", cases: 3), file: "g.ts").sequences
    let lines = zip(part.sequences, part.labels).map { sequence, label in
      ([part.classNames[label]] + sequence.scalars.map { "\($0)" }).joined(separator: "\t")
    }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
  }

  static let insertedBytes: [UInt8] = Array(":,\n\r?@#()-.eE0123456789 \t".utf8) + [0, 0xFF, 0xEF, 0xBB, 0xBF, 0x80]
  static let insertedLines = ["", "@data", "@classLabel true 1 2", "@dimensions 3", "@equalLength false", "#", "1,2,3:1", ":", "?:?"]

  func mutate(_ original: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
    var bytes = original
    for _ in 0..<(1 + rng.nextInt(below: 3)) {
      guard !bytes.isEmpty else { return bytes }
      let at = rng.nextInt(below: bytes.count)
      switch rng.nextInt(below: 9) {
      case 0: bytes[at] ^= UInt8(1 << rng.nextInt(below: 8))  // flip a bit
      case 1: bytes.remove(at: at)  // delete a byte
      case 2: bytes.insert(Self.insertedBytes[rng.nextInt(below: Self.insertedBytes.count)], at: at)  // insert a byte
      case 3: bytes[at] = UInt8(truncatingIfNeeded: rng.next())  // overwrite with a random byte
      case 4: bytes = Array(bytes.prefix(at))  // truncate
      default:  // line mutations
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let i = rng.nextInt(below: lines.count), j = rng.nextInt(below: lines.count)
        switch rng.nextInt(below: 4) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: j)
        case 2: lines.swapAt(i, j)
        default: lines.insert(Array(Self.insertedLines[rng.nextInt(below: Self.insertedLines.count)].utf8), at: i)
        }
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
      }
    }
    return bytes
  }

  func check(_ mutant: [UInt8], file: String, read: ([UInt8], String) throws -> (LabeledSequences, missingAllowed: Bool)) -> Bool {
    let lineCount = TextLines(bytes: mutant, file: file).lines.count
    do {
      let (part, missingAllowed) = try read(mutant, file)
      XCTAssertNoThrow(try part.validated(), "an accepted mutant must be a consistent data set")
      XCTAssertGreaterThan(part.count, 0)
      XCTAssertTrue(part.sequences.allSatisfy { $0.scalars.allSatisfy { $0.isFinite || (missingAllowed && $0.isNaN) } })
      return true
    } catch let error as DatasetError {
      guard case .malformed(let errorFile, let line, _, _) = error else {
        XCTFail("unexpected error kind: \(error)")
        return false
      }
      XCTAssertEqual(errorFile, file)
      XCTAssertTrue((1...(lineCount + 1)).contains(line), "line \(line) outside the file's \(lineCount) lines: \(error)")
      return false
    } catch {
      XCTFail("a reader threw a non-DatasetError: \(error)")
      return false
    }
  }

  func testMutatedRealFilesAreEitherReadWholeOrRejectedWithALine() throws {
    var rng = SeededGenerator(seed: 20_240_601)
    let sources: [(name: String, bytes: [UInt8])] = [
      ("GunPoint_TRAIN.ts", try sample("GunPoint/GunPoint_TRAIN.ts", cases: 3)),
      ("ItalyPowerDemand_TRAIN.ts", try sample("ItalyPowerDemand/ItalyPowerDemand_TRAIN.ts", cases: 4)),
      ("ArrowHead_TRAIN.ts", try sample("ArrowHead/ArrowHead_TRAIN.ts", cases: 2)),
      ("BasicMotions_TRAIN.ts", try sample("BasicMotions/BasicMotions_TRAIN.ts", cases: 1)),
      ("JapaneseVowels_TRAIN.ts", try sample("JapaneseVowels/JapaneseVowels_TRAIN.ts", cases: 3)),
    ]
    var accepted = 0, rejected = 0
    for source in sources {
      XCTAssertTrue(check(source.bytes, file: source.name) { bytes, file in (try TSReader.parse(bytes, file: file).sequences, false) })
      for _ in 0..<50 {
        let mutant = mutate(source.bytes, &rng)
        let ok = check(mutant, file: source.name) { bytes, file in
          let parsed = try TSReader.parse(bytes, file: file)
          return (parsed.sequences, parsed.header.missing != false)
        }
        if ok { accepted += 1 } else { rejected += 1 }
      }
    }
    let tsv = try tsvSample()
    for _ in 0..<50 {
      if check(mutate(tsv, &rng), file: "GunPoint.tsv", read: { (try UCRTSVReader.parse($0, file: $1), true) }) {
        accepted += 1
      } else {
        rejected += 1
      }
    }
    XCTAssertEqual(accepted + rejected, 300)
    // Both outcomes occur: the mutations do break files, and harmless ones (a flipped digit) are still read.
    XCTAssertGreaterThan(rejected, 50)
    XCTAssertGreaterThan(accepted, 10)
    print("ReaderMutationTests: \(accepted) mutants read, \(rejected) rejected")
  }

  // MARK: - Mutations that always corrupt: the oracle for silent acceptance

  /// The indices of the lines after `@data` that hold a case (not blank, not a comment), in a .ts file.
  func caseLines(_ lines: [[UInt8]]) -> [Int] {
    guard let data = lines.firstIndex(where: { String(decoding: $0, as: UTF8.self).lowercased().hasPrefix("@data") }) else { return [] }
    return lines.indices.filter { $0 > data && !lines[$0].isEmpty && lines[$0].first != UInt8(ascii: "#") }
  }

  /// A mutation of a .ts file that no reader may accept: a value replaced by a word, a label replaced by one that
  /// `@classLabel` does not declare, or a dimension's values cut off entirely (`1,2:` -> `:`, an empty dimension).
  func corruptTS(_ original: [UInt8], _ rng: inout SeededGenerator) -> (bytes: [UInt8], what: String) {
    var lines = original.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let cases = caseLines(lines.map { Array($0.utf8) })
    let k = cases[rng.nextInt(below: cases.count)]
    var dimensions = lines[k].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let what: String
    switch rng.nextInt(below: 3) {
    case 0:  // a value replaced by a word
      let d = rng.nextInt(below: dimensions.count - 1)
      var values = dimensions[d].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      values[rng.nextInt(below: values.count)] = ["abc", "1.2.3", "--4", "e5", "0x1p3", "inf"][rng.nextInt(below: 6)]
      dimensions[d] = values.joined(separator: ",")
      what = "a value replaced by a word on line \(k + 1)"
    case 1:  // an undeclared label
      dimensions[dimensions.count - 1] = "undeclared-class-\(rng.nextInt(below: 100))"
      what = "an undeclared label on line \(k + 1)"
    default:  // one dimension's values removed
      dimensions[rng.nextInt(below: dimensions.count - 1)] = ""
      what = "an empty dimension on line \(k + 1)"
    }
    lines[k] = dimensions.joined(separator: ":")
    return (Array(lines.joined(separator: "\n").utf8), what)
  }

  /// A mutation of a UCR .tsv file that no reader may accept: a value replaced by a word, or the label field emptied.
  func corruptTSV(_ original: [UInt8], _ rng: inout SeededGenerator) -> (bytes: [UInt8], what: String) {
    var lines = original.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let k = rng.nextInt(below: lines.count - 1)  // the last piece is the empty one after the final newline
    var fields = lines[k].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    let what: String
    if rng.nextInt(below: 2) == 0 {
      fields[1 + rng.nextInt(below: fields.count - 1)] = ["abc", "1.2.3", "--4", "e5", "inf", "1e99"][rng.nextInt(below: 6)]
      what = "a value replaced by a word on line \(k + 1)"
    } else {
      fields[0] = ""
      what = "an empty label on line \(k + 1)"
    }
    lines[k] = fields.joined(separator: "\t")
    return (Array(lines.joined(separator: "\n").utf8), what)
  }

  func testMutationsThatAlwaysCorruptAreAlwaysRejected() throws {
    var rng = SeededGenerator(seed: 20_261_202)
    let sources: [(name: String, bytes: [UInt8])] = [
      ("GunPoint_TRAIN.ts", try sample("GunPoint/GunPoint_TRAIN.ts", cases: 3)),
      ("ItalyPowerDemand_TRAIN.ts", try sample("ItalyPowerDemand/ItalyPowerDemand_TRAIN.ts", cases: 4)),
      ("BasicMotions_TRAIN.ts", try sample("BasicMotions/BasicMotions_TRAIN.ts", cases: 1)),
      ("JapaneseVowels_TRAIN.ts", try sample("JapaneseVowels/JapaneseVowels_TRAIN.ts", cases: 3)),
    ]
    var count = 0
    for source in sources {
      for _ in 0..<25 {
        let (mutant, what) = corruptTS(source.bytes, &rng)
        XCTAssertFalse(check(mutant, file: source.name) { bytes, file in (try TSReader.parse(bytes, file: file).sequences, true) },
                       "\(source.name): \(what) was accepted")
        count += 1
      }
    }
    let tsv = try tsvSample()
    for _ in 0..<50 {
      let (mutant, what) = corruptTSV(tsv, &rng)
      XCTAssertFalse(check(mutant, file: "GunPoint.tsv") { (try UCRTSVReader.parse($0, file: $1), true) }, "GunPoint.tsv: \(what) was accepted")
      count += 1
    }
    XCTAssertEqual(count, 150)
  }
}
