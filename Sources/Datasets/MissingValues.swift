import LabMath

/// What to do with missing values (NaN; written `?` or `nan` in `.ts` files, `NaN` in `.tsv` files).
///
/// The LSTM cannot take NaN (one NaN input turns every later hidden state into NaN), so the default fills the gaps
/// by linear interpolation within each series and channel (`interpolatingMissingValues()`). None of the shipped sets
/// has a missing value; the policy matters for your own files.
public enum MissingValuePolicy: Sendable, Equatable {
  /// Fill gaps by linear interpolation between the nearest observed values of the same channel; copy the nearest
  /// observed value into a gap at the start or end. A channel with no observed value is an error.
  case interpolateLinearly
  /// Throw if any value is missing.
  case reject
  /// Keep NaN (for code that handles missing values itself).
  case keep

  func apply(to part: LabeledSequences, file: String) throws -> LabeledSequences {
    switch self {
    case .keep: return part
    case .interpolateLinearly: return try part.interpolatingMissingValues()
    case .reject:
      if let i = part.sequences.firstIndex(where: { $0.scalars.contains { $0.isNaN } }) {
        throw DatasetError.invalidArgument(
          argument: "\(file): case \(i + 1)", found: "a missing value",
          expected: "no missing values (MissingValuePolicy.reject); use .interpolateLinearly to fill them")
      }
      return part
    }
  }
}

extension LabeledSequences {
  /// The part with every missing value filled by linear interpolation within its series and channel:
  ///
  ///     x[t] = x[a] + (t - a) / (b - a) * (x[b] - x[a])   for a < t < b, where a and b are the nearest observed steps
  ///     x[t] = x[first observed]   before the first observed step;   x[t] = x[last observed]   after the last
  ///
  /// Throws when a channel of a sequence has no observed value at all (drop that case, or fill it yourself).
  public func interpolatingMissingValues() throws -> LabeledSequences {
    var result = self
    for (i, sequence) in sequences.enumerated() where sequence.scalars.contains(where: { $0.isNaN }) {
      var filled = sequence
      for c in 0..<sequence.columns {
        let observed = (0..<sequence.rows).filter { !sequence[$0, c].isNaN }
        guard let firstObserved = observed.first, let lastObserved = observed.last else {
          throw DatasetError.invalidArgument(
            argument: "\(name): case \(i + 1), channel \(c + 1)", found: "only missing values",
            expected: "at least one observed value to interpolate from (remove the case)")
        }
        for t in 0..<firstObserved { filled[t, c] = sequence[firstObserved, c] }
        for t in (lastObserved + 1)..<sequence.rows { filled[t, c] = sequence[lastObserved, c] }
        for (a, b) in zip(observed, observed.dropFirst()) where b > a + 1 {
          let xa = Double(sequence[a, c]), xb = Double(sequence[b, c])
          for t in (a + 1)..<b { filled[t, c] = Float(xa + Double(t - a) / Double(b - a) * (xb - xa)) }
        }
      }
      result.sequences[i] = filled
    }
    return result
  }
}
