/// The 64-bit FNV-1a hash of a string's UTF-8 bytes (Fowler, Noll, Vo):
/// `h = 0xcbf29ce484222325; for each byte b: h = (h xor b) * 0x100000001b3 (mod 2^64)`.
///
/// Unlike Swift's `Hasher`, which is seeded at random in every process, this value is the same on every run and
/// every machine, so it can pick a sweep cell's random stream: `SeededGenerator.derived(seed:stream:)` with
/// `stream = sweepStableHash(cell.id)`.
public func sweepStableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in text.utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }
  return hash
}
