import Foundation
import LSTMLab

/// The training history as CSV, one row per epoch:
/// `epoch,loss,accuracy,val_loss,val_accuracy,seconds,updates` (validation columns empty without validation).
enum HistoryCSV {
  static let header = "epoch,loss,accuracy,val_loss,val_accuracy,seconds,updates"

  static func text(_ history: History) -> String {
    var lines = [header]
    for epoch in history.epochs {
      let cells: [String] = [
        "\(epoch.epoch)", "\(epoch.loss)", "\(epoch.accuracy)", epoch.validationLoss.map { "\($0)" } ?? "",
        epoch.validationAccuracy.map { "\($0)" } ?? "", "\(epoch.seconds)", "\(epoch.updates)",
      ]
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes atomically (temporary file, then rename).
  static func write(history: History, to url: URL) throws {
    do { try AtomicFile.write(text(history), to: url) } catch {
      throw CommandError("--history: \(error).")
    }
  }
}
