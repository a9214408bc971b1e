/// Which replicate of a lesson this process runs, so that a whole lesson re-runs with other seeds without editing
/// any seed line: replication means other seeds, not a bit-identical re-run.
///
/// Replicate 0 (the default) leaves every seed as written. Under replicate N > 0 every ``SeededGenerator`` built from
/// a seed s starts instead from
///
///     shift(s, N) = mix(s XOR mix(N XOR 0x5EED_0000_0000_0000)),
///
/// where mix is SplitMix64's finaliser, a bijection of 64-bit words. For a fixed N the map s -> shift(s, N) is
/// therefore one-to-one: seeds that differ (two folds, two cells, two trainings) still differ, and seeds that are
/// equal (the same initial weights given to every batch size, so that a comparison is paired) stay equal. Data,
/// initial weights, shuffles and folds all change together, as a new seed would change them.
///
/// A lesson sets ``current`` once from its `--replicate N` flag (the Notebook does it) before any work starts; it is
/// process-wide, like ``KernelThreads/current``, and read by every thread.
public enum SeedReplicate {
  /// The replicate every ``SeededGenerator/init(seed:)`` in this process applies (0: seeds as written).
  public static var current: UInt64 {
    get { stored }
    set { stored = newValue }
  }

  /// The seed that replicate `n` uses in place of `seed`: `seed` itself for n = 0.
  public static func shift(_ seed: UInt64, replicate n: UInt64) -> UInt64 {
    n == 0 ? seed : mix(seed ^ mix(n ^ 0x5EED_0000_0000_0000))
  }

  /// SplitMix64's output function (Steele, Lea and Flood 2014): an invertible mix of a 64-bit word, each step
  /// (xor-shift, multiplication by an odd constant) a bijection.
  static func mix(_ word: UInt64) -> UInt64 {
    var z = word &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
