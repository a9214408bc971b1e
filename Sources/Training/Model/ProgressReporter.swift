import Foundation
import LabText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `fit`'s progress in the chosen `ProgressStyle`.
struct ProgressReporter {
  let style: ProgressStyle
  let epochs: Int
  let batchesPerEpoch: Int
  /// Where the text goes (standard output, flushed at once; tests pass a collector).
  let output: @Sendable (String) -> Void
  private var epochStart = ContinuousClock.now
  private var lastDraw: ContinuousClock.Instant?
  private var lossSum = 0.0
  private var correct = 0
  private var seen = 0

  init(
    style: ProgressStyle, epochs: Int, batchesPerEpoch: Int,
    output: @escaping @Sendable (String) -> Void = ProgressReporter.standardOutput
  ) {
    self.output = output
    switch style {
    case .automatic: self.style = isatty(STDOUT_FILENO) == 1 ? .bar : .lines
    default: self.style = style
    }
    self.epochs = epochs
    self.batchesPerEpoch = batchesPerEpoch
  }

  mutating func beginEpoch() {
    epochStart = .now
    lastDraw = nil
    lossSum = 0
    correct = 0
    seen = 0
  }

  /// After batch `batch` (1-based) of epoch `epoch`: redraws the bar at most ten times a second (and at the last
  /// batch).
  mutating func batchFinished(epoch: Int, batch: Int, step: StepResult) {
    lossSum += step.loss * Double(step.batchSize)
    correct += step.correct
    seen += step.batchSize
    guard style == .bar else { return }
    let now = ContinuousClock.now
    if let lastDraw, now - lastDraw < .milliseconds(100), batch < batchesPerEpoch { return }
    lastDraw = now
    let elapsed = seconds(now - epochStart)
    let eta = elapsed / Double(batch) * Double(batchesPerEpoch - batch)
    let width = 20
    let filled = batchesPerEpoch > 0 ? width * batch / batchesPerEpoch : width
    let bar = String(repeating: "=", count: filled) + String(repeating: ".", count: width - filled)
    let line = "Epoch \(epoch)/\(epochs) [\(bar)] \(batch)/\(batchesPerEpoch) - ETA \(NumberText.fixed(eta, decimals: 1))s"
      + " - loss \(NumberText.fixed(lossSum / Double(seen), decimals: 4)) - accuracy \(NumberText.fixed(Double(correct) / Double(seen), decimals: 4))"
    write("\r" + line + "\u{1B}[K")
  }

  /// The epoch's summary line (replacing the bar on a terminal).
  func epochFinished(_ record: History.Epoch) {
    guard style != .silent else { return }
    var line = "Epoch \(record.epoch)/\(epochs) - \(record.updates) batches - \(NumberText.fixed(record.seconds, decimals: 2))s"
      + " - loss \(NumberText.fixed(record.loss, decimals: 4)) - accuracy \(NumberText.fixed(record.accuracy, decimals: 4))"
    if let loss = record.validationLoss, let accuracy = record.validationAccuracy {
      line += " - val_loss \(NumberText.fixed(loss, decimals: 4)) - val_accuracy \(NumberText.fixed(accuracy, decimals: 4))"
    }
    write((style == .bar ? "\r" : "") + line + (style == .bar ? "\u{1B}[K" : "") + "\n")
  }

  /// The divergence message, on its own line.
  func stopped(_ divergence: Divergence) {
    guard style != .silent else { return }
    write((style == .bar ? "\n" : "") + divergence.description + "\n")
  }

  private func write(_ text: String) { output(text) }

  /// Prints `text` and flushes at once, so that a bar redrawn with `\r` shows between batches.
  static let standardOutput: @Sendable (String) -> Void = { text in
    print(text, terminator: "")
    fflush(nil)
  }
}

/// Seconds in a duration, as a Double.
func seconds(_ duration: Duration) -> Double {
  let (s, attoseconds) = duration.components
  return Double(s) + Double(attoseconds) * 1e-18
}
