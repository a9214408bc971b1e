import ArgumentParser
import Foundation
import LSTMLab

// The curves of batch-tradeoffs: the same runs against three clocks (epochs, updates, seconds), means over seeds.

extension BatchTradeoffs {
  /// Validation loss and accuracy against epochs, updates and training time, one row of panels per learning-rate
  /// rule, one line per B: the mean over the seeds of `group(rule, B)` at each evaluation.
  func curveFigures(
    rules: [LearningRateRule], batchSizes: [Int], group: (LearningRateRule, Int) -> [Run], chance: Double, seedCount: Int
  ) -> (loss: Figure, accuracy: Figure) {
    /// The mean over runs of a curve at each evaluation (the runs of one rule and B share their evaluation points).
    func meanCurve(_ rs: [Run], _ path: KeyPath<Run, [Double]>) -> [Double] {
      guard let count = rs.map({ $0[keyPath: path].count }).min() else { return [] }
      return (0..<count).map { k in
        let values = rs.map { $0[keyPath: path][k] }.filter(\.isFinite)
        return values.count == rs.count ? mean(values) : .nan
      }
    }
    var lossPanels: [Figure.Panel] = [], accuracyPanels: [Figure.Panel] = []
    for rule in rules {
      let clocks: [(String, Axis, KeyPath<Run, [Double]>)] = [
        ("epochs", Axis("epochs (examples seen / N)"), \.epochs),
        ("updates", Axis("updates (log scale)", scale: .log()), \.updates),
        ("time", Axis("training time (s, \(clock.rawValue), log scale)", scale: .log()), \.seconds),
      ]
      for (index, (name, axis, x)) in clocks.enumerated() {
        var loss = Chart(
          title: "\(rule.rawValue) lr: loss vs \(name)", x: axis, y: Axis("validation loss (nats)"),
          key: index == 0 ? .topRight : .hidden)
        var accuracy = Chart(
          title: "\(rule.rawValue) lr: accuracy vs \(name)", x: axis, y: Axis("validation accuracy", range: 0...1),
          key: index == 0 ? .bottomRight : .hidden)
        for b in batchSizes {
          let rs = group(rule, b)
          guard !rs.isEmpty else { continue }
          let xs = meanCurve(rs, x), losses = meanCurve(rs, \.validationLoss), accuracies = meanCurve(rs, \.validationAccuracy)
          let keep = xs.indices.filter { index == 0 || xs[$0] > 0 }
          loss.add(Series("B = \(b)", x: keep.map { xs[$0] }, y: keep.map { losses[$0] }, style: .lines))
          accuracy.add(Series("B = \(b)", x: keep.map { xs[$0] }, y: keep.map { accuracies[$0] }, style: .lines))
        }
        accuracy.addReference(y: chance, title: "chance")
        lossPanels.append(.chart(loss))
        accuracyPanels.append(.chart(accuracy))
      }
    }
    let loss = Figure(
      name: "curves", title: "The same runs against three clocks: epochs, updates, seconds (mean of \(seedCount) seeds)",
      panels: lossPanels, columns: 3, width: 1500, height: 420 * rules.count)
    let accuracy = Figure(
      name: "accuracy-curves", title: "Validation accuracy against three clocks (mean of \(seedCount) seeds)",
      panels: accuracyPanels, columns: 3, width: 1500, height: 420 * rules.count)
    return (loss, accuracy)
  }
}
