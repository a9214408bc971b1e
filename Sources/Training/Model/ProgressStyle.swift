/// How `fit` reports progress on standard output.
///
/// - `automatic`: `bar` when standard output is a terminal, `lines` otherwise (a log file or a pipe).
/// - `bar`: a live line redrawn in place with `\r`: epoch, batch, ETA, running loss and accuracy; at the end of each
///   epoch it is replaced by the epoch's summary line.
/// - `lines`: one plain line per epoch (Keras's `verbose=2`).
/// - `silent`: nothing (Keras's `verbose=0`).
public enum ProgressStyle: Sendable, Equatable {
  case automatic, bar, lines, silent
}
