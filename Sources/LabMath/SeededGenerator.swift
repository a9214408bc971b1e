import RealModule

/// The seeded random generator every random choice in LSTMLab comes from: xoshiro256** (Blackman and Vigna 2018)
/// with its 256-bit state filled by SplitMix64 from a 64-bit seed.
///
/// Integer outputs, uniform numbers and shuffles use only integer arithmetic and exact conversions, so the same seed
/// gives bit-identical results on every platform. Normal samples use the Marsaglia polar method, which needs `log`
/// and `sqrt` (sqrt is exact in IEEE 754; libm's log may differ in the last bit between platforms).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0, s1, s2, s3: UInt64
  private var spareNormal: Double?

  /// A generator whose whole sequence is fixed by `seed` (and by the process's ``SeedReplicate/current``, 0 unless a
  /// lesson runs with `--replicate N`: replicate N starts from `SeedReplicate.shift(seed, replicate: N)`).
  public init(seed: UInt64) {
    self.init(seed: seed, replicate: SeedReplicate.current)
  }

  /// The generator replicate `replicate` uses for `seed`: `init(seed:)` under that replicate, whatever the
  /// process-wide setting.
  public init(seed: UInt64, replicate: UInt64) {
    var sm = SeedReplicate.shift(seed, replicate: replicate)
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A generator for a sub-task (a fold, a worker, a sweep cell) derived from this seed and `stream`, so that
  /// each part's randomness does not depend on the order in which parts run.
  public static func derived(seed: UInt64, stream: UInt64) -> SeededGenerator {
    var mix = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    _ = mix.next()
    return SeededGenerator(seed: mix.next())
  }

  /// A uniform integer in 0 ..< bound, unbiased (rejection sampling on 64-bit words).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:) needs a positive bound")
    let b = UInt64(bound)
    let limit = UInt64.max - (UInt64.max % b)  // accept words below the largest multiple of b
    while true {
      let x = next()
      if x < limit { return Int(x % b) }
    }
  }

  /// A uniform Double in [0, 1) with 53 random bits.
  public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform value in [low, high).
  public mutating func uniform<Scalar: LabScalar>(_ low: Scalar, _ high: Scalar) -> Scalar {
    let u = nextUnitDouble()
    let value = Scalar(Double(low) + (Double(high) - Double(low)) * u)
    return value < high ? value : low  // rounding to Float can reach high; keep the interval half-open
  }

  /// A normal sample with the given mean and standard deviation (Marsaglia polar method; the second value of each
  /// pair is kept for the next call).
  public mutating func normal<Scalar: LabScalar>(mean: Scalar = 0, standardDeviation: Scalar = 1) -> Scalar {
    if let spare = spareNormal {
      spareNormal = nil
      return mean + standardDeviation * Scalar(spare)
    }
    while true {
      let u = 2 * nextUnitDouble() - 1, v = 2 * nextUnitDouble() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let factor = (-2 * Double.log(s) / s).squareRoot()
        spareNormal = v * factor
        return mean + standardDeviation * Scalar(u * factor)
      }
    }
  }

  /// A `rows x columns` matrix of independent uniform values in [low, high).
  public mutating func uniformMatrix<Scalar: LabScalar>(rows: Int, columns: Int, _ low: Scalar, _ high: Scalar) -> Matrix<Scalar> {
    Matrix(rows: rows, columns: columns) { _, _ in uniform(low, high) }
  }

  /// A `rows x columns` matrix of independent normal values.
  public mutating func normalMatrix<Scalar: LabScalar>(
    rows: Int, columns: Int, mean: Scalar = 0, standardDeviation: Scalar = 1
  ) -> Matrix<Scalar> {
    Matrix(rows: rows, columns: columns) { _, _ in normal(mean: mean, standardDeviation: standardDeviation) }
  }

  /// Shuffles `array` in place (Fisher-Yates with `nextInt(below:)`; the same seed gives the same order everywhere,
  /// which the standard library's `shuffle(using:)` does not promise).
  public mutating func shuffle<Element>(_ array: inout [Element]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, nextInt(below: i + 1))
    }
  }

  /// A random permutation of 0 ..< count.
  public mutating func permutation(_ count: Int) -> [Int] {
    var indices = Array(0..<count)
    shuffle(&indices)
    return indices
  }
}
