import XCTest

@testable import LabMath

final class SeedReplicateTests: XCTestCase {
  /// SplitMix64's finaliser, written out from its published definition (Steele, Lea & Flood 2014; Vigna's
  /// splitmix64.c): the first output for state 0 is 0xE220A8397B1DCDAF.
  func testMixIsSplitMix64() {
    XCTAssertEqual(SeedReplicate.mix(0), 0xE220_A839_7B1D_CDAF)
  }

  func testReplicateZeroLeavesSeedsAsWritten() {
    for seed: UInt64 in [0, 1, 2, 42, .max] {
      XCTAssertEqual(SeedReplicate.shift(seed, replicate: 0), seed)
      var a = SeededGenerator(seed: seed, replicate: 0), b = SeededGenerator(seed: seed)
      XCTAssertEqual((0..<4).map { _ in a.next() }, (0..<4).map { _ in b.next() })
    }
  }

  /// One-to-one for a fixed replicate: distinct seeds (folds, cells) stay distinct, equal ones (paired runs) equal.
  /// Checked on 100,000 consecutive seeds and by inverting the map: mix is undone step by step.
  func testShiftIsOneToOneAndMovesEverySeed() {
    for n: UInt64 in [1, 2, 3] {
      let shifted = (0..<100_000).map { SeedReplicate.shift(UInt64($0), replicate: n) }
      XCTAssertEqual(Set(shifted).count, shifted.count, "replicate \(n) maps two seeds to one")
      XCTAssertTrue(zip(0..., shifted).allSatisfy { UInt64($0) != $1 }, "replicate \(n) left a seed in place")
      XCTAssertEqual(unmix(shifted[7]) ^ SeedReplicate.mix(n ^ 0x5EED_0000_0000_0000), 7)
    }
    XCTAssertNotEqual(SeedReplicate.shift(1, replicate: 1), SeedReplicate.shift(1, replicate: 2))
  }

  /// The process-wide setting reaches every generator built from a seed, derived ones included, and only while set.
  func testProcessWideReplicateShiftsEveryGenerator() {
    XCTAssertEqual(SeedReplicate.current, 0)
    let base = SeededGenerator.derived(seed: 5, stream: 9)
    SeedReplicate.current = 2
    defer { SeedReplicate.current = 0 }
    XCTAssertEqual(SeedReplicate.current, 2)
    var shifted = SeededGenerator(seed: 5), expected = SeededGenerator(seed: SeedReplicate.shift(5, replicate: 2), replicate: 0)
    XCTAssertEqual(shifted.next(), expected.next())
    var again = SeededGenerator.derived(seed: 5, stream: 9), original = base
    XCTAssertNotEqual(again.next(), original.next())
    SeedReplicate.current = 0
    var restored = SeededGenerator.derived(seed: 5, stream: 9)
    original = base
    XCTAssertEqual(restored.next(), original.next())
  }

  /// The inverse of SplitMix64's finaliser: undo each xor-shift and multiply by each constant's inverse mod 2^64.
  private func unmix(_ word: UInt64) -> UInt64 {
    func unshift(_ y: UInt64, _ k: UInt64) -> UInt64 {  // x with y = x ^ (x >> k), k more bits right each pass
      var x = y
      for _ in 0...(64 / Int(k)) { x = y ^ (x >> k) }
      return x
    }
    func inverse(_ a: UInt64) -> UInt64 {  // Newton's iteration for the inverse of an odd number mod 2^64
      var x = a
      for _ in 0..<6 { x = x &* (2 &- a &* x) }
      return x
    }
    var z = unshift(word, 31)
    z = unshift(z &* inverse(0x94D0_49BB_1331_11EB), 27)
    z = unshift(z &* inverse(0xBF58_476D_1CE4_E5B9), 30)
    return z &- 0x9E37_79B9_7F4A_7C15
  }
}
