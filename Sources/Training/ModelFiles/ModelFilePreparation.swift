import Datasets
import LabMath

/// Bringing raw series to what a saved model expects, the same way for training, evaluation and prediction:
/// first the length (to T by `lengthPolicy`), then the scale (per-feature z-score with the training statistics).
///
/// - `resample`: linear interpolation onto T evenly spaced points (`Resampling.linear`).
/// - `crop`: the last T steps, x[L-T ..< L]; a series shorter than T is left-padded with its first step, so the end
///   of the series, which a last-step classifier reads, is always real data.
/// - `none`: unchanged (then every series of one call must have the same length).
///
/// Normalisation: x'[t, c] = (x[t, c] - mean_c) / std_c. Length changes and this affine map commute, so the order
/// only matters for rounding.
extension ModelFileMetadata {
  /// One series (L x F) prepared for the model; `source` names the data in errors.
  public func prepare(_ sequence: Matrix<Float>, source: String = "input", index: Int = 0) throws -> Matrix<Float> {
    guard sequence.columns == inputSize else {
      throw ModelFileError.featureCountMismatch(data: source, expected: inputSize, found: sequence.columns)
    }
    guard sequence.rows >= 1 else { throw ModelFileError.sequenceTooShort(data: source, index: index, length: 0, minimum: 1) }
    var result = sequence
    if let steps = sequenceLength {
      switch lengthPolicy {
      case .resample: result = try Resampling.linear(sequence, to: steps)
      case .crop: result = Self.lastSteps(sequence, steps)
      case .none: break
      }
    }
    if let normalization {
      let mean = normalization.mean.map { Float($0) }, deviation = normalization.standardDeviation.map { Float($0) }
      result = Matrix(rows: result.rows, columns: result.columns) { t, c in (result[t, c] - mean[c]) / deviation[c] }
    }
    return result
  }

  /// Every series of `part` prepared; with no length policy they must share one length.
  public func prepare(_ part: LabeledSequences) throws -> LabeledSequences {
    var result = part
    result.sequences = try part.sequences.enumerated().map { try prepare($1, source: part.name, index: $0) }
    let lengths = result.sequences.map(\.rows)
    if let shortest = lengths.min(), let longest = lengths.max(), shortest != longest {
      throw ModelFileError.unequalLengths(data: part.name, lengths: shortest...longest)
    }
    return result
  }

  /// The last `steps` rows of `sequence`, left-padded with copies of its first row when it is shorter.
  public static func lastSteps(_ sequence: Matrix<Float>, _ steps: Int) -> Matrix<Float> {
    let skip = sequence.rows - steps
    return Matrix(rows: steps, columns: sequence.columns) { t, c in sequence[Swift.max(0, t + skip), c] }
  }
}
