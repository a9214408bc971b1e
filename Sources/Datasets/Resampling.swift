import LabMath

/// Resampling a sequence to a fixed length T by linear interpolation: how LSTMLab turns a variable-length set
/// (JapaneseVowels) into equal-length batches, and how lessons vary the sequence length T on real data.
///
/// The T new steps sit at evenly spaced positions over the original L steps, first on first and last on last:
///
///     s_j = j (L - 1) / (T - 1),   j = 0 ..< T
///     y[j] = x[i] + (s_j - i) (x[i+1] - x[i]),   i = floor(s_j)
///
/// So y[0] = x[0] and y[T-1] = x[L-1] exactly, a linear signal x[i] = a + b i stays linear (y[j] = a + b s_j), T > L
/// interpolates and T < L decimates (without a low-pass filter: fine for the smooth shipped sets, aliasing for noisy
/// series). A series of length 1 becomes a constant. Resampling keeps the shape of the whole series but changes how
/// many steps the LSTM must carry information across: that is the knob the T-lessons turn.
///
/// Which to use in training: resampling, the simple choice (every batch has one T and the last step is real data).
/// Padding with a mask (`paddedTimeMajorBatch`) keeps the original values but wastes steps and needs the training
/// code to handle the mask; it is there for comparison.
public enum Resampling {
  /// `sequence` (L x F) resampled to `steps` x F. `steps` must be at least 2 (one step has no "last" distinct from
  /// the first).
  public static func linear(_ sequence: Matrix<Float>, to steps: Int) throws -> Matrix<Float> {
    guard steps >= 2 else {
      throw DatasetError.invalidArgument(
        argument: "resampled(to:)", found: "\(steps) steps", expected: "at least 2 steps (first and last are kept)")
    }
    guard sequence.rows >= 1 else {
      throw DatasetError.invalidArgument(argument: "resampled(to:)", found: "an empty sequence", expected: "at least one step")
    }
    let length = sequence.rows, f = sequence.columns
    if length == 1 {
      return Matrix(rows: steps, columns: f) { _, c in sequence[0, c] }
    }
    var result = Matrix<Float>(rows: steps, columns: f)
    for j in 0..<steps {
      let position = Double(j * (length - 1)) / Double(steps - 1)  // exact for j = 0 and j = steps - 1
      let i = Int(position.rounded(.down))
      let w = position - Double(i)
      for c in 0..<f {
        if i >= length - 1 || w == 0 {
          result[j, c] = sequence[Swift.min(i, length - 1), c]
        } else {
          let a = Double(sequence[i, c]), b = Double(sequence[i + 1, c])
          result[j, c] = Float(a + w * (b - a))
        }
      }
    }
    return result
  }
}

extension LabeledSequences {
  /// Every sequence resampled to `steps` time steps by linear interpolation (see `Resampling`); the name records it.
  public func resampled(to steps: Int) throws -> LabeledSequences {
    var result = self
    result.sequences = try sequences.map { try Resampling.linear($0, to: steps) }
    result.name = "\(name)@T=\(steps)"
    return result
  }
}

extension Dataset {
  /// Both parts resampled to `steps` time steps.
  public func resampled(to steps: Int) throws -> Dataset {
    Dataset(name: name, train: try train.resampled(to: steps), test: try test.resampled(to: steps))
  }
}

extension Resampling {
  /// `sequence` (L x F) with every step held for `factor` steps (sample-and-hold): y[j] = x[floor(j / factor)],
  /// j = 0 ..< L factor. The map is invertible (every factor-th step gives x back), so a stretched data set holds
  /// exactly the information of the original at every length: whatever the best achievable (Bayes) accuracy of the
  /// original is, it is the same after stretching. Only the number of steps the LSTM must carry it across changes.
  public static func held(_ sequence: Matrix<Float>, factor: Int) throws -> Matrix<Float> {
    guard factor >= 1 else {
      throw DatasetError.invalidArgument(argument: "held(factor:)", found: "factor \(factor)", expected: "a factor of at least 1")
    }
    return Matrix(rows: sequence.rows * factor, columns: sequence.columns) { j, c in sequence[j / factor, c] }
  }
}

extension LabeledSequences {
  /// Every sequence with each step held for `factor` steps (see `Resampling.held`): T grows `factor`-fold and the
  /// information content stays the same. The name records it.
  public func stretched(by factor: Int) throws -> LabeledSequences {
    var result = self
    result.sequences = try sequences.map { try Resampling.held($0, factor: factor) }
    result.name = "\(name)x\(factor)"
    return result
  }
}
