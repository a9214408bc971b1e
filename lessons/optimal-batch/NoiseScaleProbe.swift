import ArgumentParser
import Foundation
import LSTMLab

// The gradient noise scale at each T, drawn beside the best batch under the epoch budget.

extension OptimalBatch {
  /// B_simple at each T, from `runs` independent replicates: each trains at B_ref with its T's tuned rate for E epochs,
  /// then per-sequence gradients of (up to 400 of) its training sequences give tr(Σ) / |G|^2. Geometric mean over the
  /// runs with a 95% t interval on the log scale.
  func measureNoiseScale(
    book: inout Notebook, study: Study, outcome: StudyOutcome, trainer: CellTrainer, referenceBatch: Int, runs: Int
  ) throws -> [Int: ConfidenceInterval] {
    let runs = min(runs, study.replicateCount)
    let rates = Dictionary(uniqueKeysWithValues: study.lengths.map { t in (t, outcome.tuned[t]![referenceBatch]![.epochs]?.k ?? RateGrid.centre(batch: referenceBatch)) })
    let grid = try SweepGrid([SweepAxis("T", study.lengths), SweepAxis("rep", Array(1...runs))])
    let replicateData = study.replicates, classes = study.classCount
    let result = try book.sweep(
      "\(study.name)-noise", grid: grid, metrics: ["bSimple", "trainLoss"],
      settings: "\(study.description) units=\(study.unitName) E=\(trainer.epochs) H=\(trainer.hidden) B=\(referenceBatch) "
        + "rates=\(study.lengths.map { "\($0):\(rates[$0]!)" }.joined(separator: ","))", fresh: fresh, workers: workers
    ) { cell in
      let t = try cell.int("T")
      let replicate = replicateData[t]![try cell.int("rep") - 1]
      var model = CellTrainer.model(hidden: trainer.hidden, classes: classes, learningRate: RateGrid.rate(rates[t]!))
      var initRNG = SeededGenerator.derived(seed: replicate.weightSeed, stream: 101)
      var batchRNG = SeededGenerator.derived(seed: replicate.weightSeed, stream: 102)
      try model.build(inputFeatures: replicate.train.featureCount, using: &initRNG)
      for _ in 0..<trainer.epochs {
        for batch in try minibatches(count: replicate.train.count, batchSize: referenceBatch, using: &batchRNG) {
          let (x, steps, labels) = try replicate.train.timeMajorBatch(indices: batch)
          try model.trainStep(x: x, steps: steps, labels: labels)
        }
      }
      let sample = try replicate.train.subset(Array(0..<min(400, replicate.train.count)))
      let statistics = try PerExampleGradientStatistics(model: model, data: sample)
      return ["bSimple": statistics.simpleNoiseScale, "trainLoss": statistics.meanLoss]
    }
    var table = Table(
      "\(study.name): the gradient noise scale B_simple = tr(Σ) / |G|² after E epochs at B = \(referenceBatch) (\(runs) independent runs per T)",
      columns: [.init("T"), .init("B_simple", format: .significant(3)), .init("95% CI", alignment: .left), .init("runs", alignment: .left),
                .init("training loss", format: .fixed(decimals: 3)), .init("B_crit (steps)", format: .significant(3))])
    var intervals: [Int: ConfidenceInterval] = [:]
    for t in study.lengths {
      let rows = result.results.rows.filter { $0.number("T") == Double(t) }
      let values = rows.compactMap { $0.metric("bSimple") }.filter { $0.isFinite && $0 > 0 }
      guard values.count >= 2 else { continue }
      let logInterval = ConfidenceInterval.mean(of: values.map { Foundation.log($0) })
      let interval = ConfidenceInterval(
        estimate: Foundation.exp(logInterval.estimate), lower: Foundation.exp(logInterval.lower), upper: Foundation.exp(logInterval.upper), level: 0.95)
      intervals[t] = interval
      table.append([
        .number(t), .number(interval.estimate), .text("\(NumberText.significant(interval.lower, digits: 3))–\(NumberText.significant(interval.upper, digits: 3))"),
        .text(values.map { NumberText.significant($0, digits: 3) }.joined(separator: " ")),
        .number(mean(rows.compactMap { $0.metric("trainLoss") })),
        outcome.stepsToTarget[t]?.fit.map { .number($0.criticalBatch) } ?? "-",
      ])
    }
    try book.table(table)
    return intervals
  }
}
