import LabMath

/// Where padding goes when sequences of different lengths share a batch.
public enum PaddingSide: Sendable, Equatable {
  /// Zeros before the sequence, so its last real step is the batch's last step (Keras `pad_sequences` default,
  /// padding="pre"). A last-step classifier then reads a hidden state that has just seen real data, even without
  /// using the mask.
  case pre
  /// Zeros after the sequence. Needs the mask: without it the LSTM reads its state after a run of zero inputs.
  case post
}

/// A time-major batch of sequences of different lengths, padded to one length with zeros, with a mask saying which
/// steps are real.
///
/// `x` is `steps*B x F` time-major like `timeMajorBatch`; `mask` is `steps*B x 1` with `mask[t*B + b] = 1` when step t
/// of row b is real data and 0 when it is padding. Training code that honours the mask keeps h_t = h_{t-1} and
/// c_t = c_{t-1} on padded steps (what Keras' Masking layer does); code that ignores it should use `.pre` padding.
/// Resampling to one T (`resampled(to:)`) is the simpler choice and the one LSTMLab's lessons use.
public struct PaddedBatch: Sendable, Equatable {
  /// `steps*B x F`, zeros on padded steps.
  public var x: Matrix<Float>
  /// `steps*B x 1`, 1 on real steps, 0 on padding.
  public var mask: Matrix<Float>
  /// The common (padded) length.
  public var steps: Int
  /// The class of each row b.
  public var labels: [Int]
  /// The real length of each row b after any truncation (at most `steps`).
  public var lengths: [Int]
}

extension LabeledSequences {
  /// The sequences at `indices` padded with zeros to `steps` (default: the longest of them) on `side`. A sequence
  /// longer than `steps` is truncated at its start (its last `steps` steps are kept, like Keras' default
  /// truncating="pre"), because a last-step classifier reads the end.
  public func paddedTimeMajorBatch(indices: [Int], steps: Int? = nil, padding side: PaddingSide = .pre) throws -> PaddedBatch {
    guard !indices.isEmpty else {
      throw DatasetError.invalidArgument(argument: "paddedTimeMajorBatch(indices:)", found: "no index", expected: "at least one index")
    }
    for index in indices where !sequences.indices.contains(index) || sequences[index].columns != featureCount {
      throw DatasetError.invalidArgument(
        argument: "paddedTimeMajorBatch(indices:)", found: "index \(index)",
        expected: "indices in 0..<\(count) of sequences with \(featureCount) features")
    }
    let longest = indices.map { sequences[$0].rows }.max() ?? 0
    let t = steps ?? longest
    guard t >= 1 else {
      throw DatasetError.invalidArgument(argument: "paddedTimeMajorBatch(steps:)", found: "\(t)", expected: "at least 1 step")
    }
    let b = indices.count, f = featureCount
    var x = Matrix<Float>(rows: t * b, columns: f)
    var mask = Matrix<Float>(rows: t * b, columns: 1)
    var lengths: [Int] = []
    for (row, index) in indices.enumerated() {
      let sequence = sequences[index]
      let length = Swift.min(sequence.rows, t)
      let skip = sequence.rows - length  // truncated steps at the start
      let offset = side == .pre ? t - length : 0  // first padded-batch step holding real data
      for s in 0..<length {
        let step = offset + s
        for c in 0..<f { x[step * b + row, c] = sequence[skip + s, c] }
        mask[step * b + row, 0] = 1
      }
      lengths.append(length)
    }
    return PaddedBatch(x: x, mask: mask, steps: t, labels: indices.map { labels[$0] }, lengths: lengths)
  }
}
