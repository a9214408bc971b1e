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
}
