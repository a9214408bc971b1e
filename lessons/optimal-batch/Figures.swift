import ArgumentParser
import Foundation
import LSTMLab

// The charts of one study: built from its outcome, drawn by main.swift with `book.chart`.

extension StudyOutcome {
  /// The validation accuracy of every (T, B) under each budget as heatmaps, coloured by the distance from the best B at that T.
  func heatmapFigure(batchSizes: [Int], memoryBytes: [Int: [Int: Int]], memoryBudget: ByteSize) -> (figure: Figure, caption: String) {
    let heatmaps: [Figure.Panel] = Budget.allCases.map { budget in
      .heatmap(Heatmap(
        title: budget.title, x: Axis("sequence length T"), y: Axis("batch size B"),
        columns: study.lengths.map(String.init), rows: batchSizes.map(String.init),
        // Colour: the accuracy minus the best of its column (its T), so the best B of each T stands out even where
        // T moves the accuracy more than B does; the labels are the accuracies themselves.
        values: batchSizes.map { b in
          study.lengths.map { t in
            let column = batchSizes.compactMap { self.tuned[t]![$0]![budget]?.accuracy }
            return (self.tuned[t]![b]![budget]?.accuracy ?? .nan) - (column.max() ?? .nan)
          }
        },
        colorLabel: "accuracy minus the best at this T", digits: 3,
        cellLabels: batchSizes.map { b in
          study.lengths.map { t in
            if let cell = self.tuned[t]![b]![budget] { return NumberText.fixed(cell.accuracy, decimals: 3) + (cell.interior || budget == .memory ? "" : "*") }
            return budget == .memory && memoryBytes[t]![b]! > memoryBudget.bytes ? "> budget" : "diverged"
          }
        }))
    }
    return (
      Figure(name: "\(study.name)-heatmaps", title: "\(study.title): validation accuracy, learning rate tuned per cell",
             panels: heatmaps, columns: 3, width: 1650, height: 520),
      caption: "\(study.title): mean validation accuracy over \(study.replicateCount) replicates at the best learning rate of each cell, under the "
        + "epoch, time and memory budgets (colour: the accuracy minus the best at that T, one scale for the three panels; "
        + "\"> budget\": the step does not fit in \(memoryBudget); * best rate at an edge)")
  }

  /// Validation accuracy against B, one line per T, one panel per budget, on one shared accuracy range.
  func accuracyFigure(batchSizes: [Int]) -> (figure: Figure, caption: String) {
    var accuracyPanels: [Figure.Panel] = []
    // One accuracy range for the three panels (they are compared), fitted to the bars.
    let allBars = study.lengths.flatMap { t in batchSizes.flatMap { b in Budget.allCases.compactMap { self.tuned[t]![b]![$0] } } }
      .map { ConfidenceInterval.mean(of: $0.perReplicate) }
    let barLow = allBars.map(\.lower).filter(\.isFinite).min() ?? 0, barHigh = allBars.map(\.upper).filter(\.isFinite).max() ?? 1
    let accuracyRange = max(0, barLow - 0.02)...min(1, barHigh + 0.02)
    for budget in Budget.allCases {
      var chart = Chart(
        title: budget.title, x: Axis("batch size B (log scale)", scale: .log(base: 2)),
        y: Axis("validation accuracy (mean, 95% CI)", range: accuracyRange), key: .below)
      for t in study.lengths {
        let points = batchSizes.compactMap { b in self.tuned[t]![b]![budget].map { (b, $0) } }
        guard !points.isEmpty else { continue }
        let intervals = points.map { ConfidenceInterval.mean(of: $0.1.perReplicate) }
        chart.add(Series("T = \(t)", x: points.map(\.0), y: points.map(\.1.accuracy), lower: intervals.map(\.lower), upper: intervals.map(\.upper)))
      }
      accuracyPanels.append(.chart(chart))
    }
    return (
      Figure(name: "\(study.name)-accuracy", title: "\(study.title): accuracy against B at each T", panels: accuracyPanels,
             columns: 3, width: 1650, height: 520),
      caption: "\(study.title): validation accuracy against B, one line per T (bars: 95% t interval over the replicates; "
        + "chance is \(NumberText.fixed(study.chance, decimals: 2)))")
  }

  /// Steps, examples and CPU seconds to the target against B, one line per T (Shallue et al.), B_crit per T in the first title.
  func stepsFigure(batchSizes: [Int], calibration: [Int: [Int: Double]]) -> (figure: Figure, caption: String) {
    var stepPanels: [Figure.Panel] = []
    // The fitted B_crit per T goes into the first panel's title: a series keeps its colour across panels only when
    // its legend entry is the same ("T = 16" everywhere).
    let fitted = study.lengths.map { t in
      "\(t): \(self.stepsToTarget[t]!.fit.map { String(Int($0.criticalBatch.rounded())) } ?? "no fit")"
    }.joined(separator: ", ")
    // The third panel's title says where its costs come from; its axis keeps the short name (a long one runs off the figure).
    for (label, axisLabel, scale) in [
      ("steps (updates)", "steps (updates)", 0), ("examples", "examples", 1),
      ("CPU seconds (one thread, budget's costs)", "CPU seconds", 2),
    ] {
      var chart = Chart(
        title: "\(label) to the target" + (scale == 0 ? "\nB_crit at T = \(fitted)" : ""),
        x: Axis("batch size B (log scale)", scale: .log(base: 2)),
        y: Axis("\(axisLabel) to reach the target (log scale)", scale: .log(base: 10)),
        // The colours of T are the same in all three panels: the legend of the first two serves the third, whose
        // corners are all taken by its lines.
        key: scale == 2 ? .hidden : .automatic)
      for t in study.lengths {
        let s = self.stepsToTarget[t]!
        let bs = batchSizes.filter { s.steps[$0] != nil }
        guard !bs.isEmpty else { continue }
        func value(_ b: Int, _ steps: Double) -> Double {
          scale == 0 ? steps : scale == 1 ? steps * Double(b) : steps * Double(b) * calibration[t]![b]!
        }
        chart.add(Series("T = \(t)", x: bs, y: bs.map { value($0, s.steps[$0]!.steps) }))
      }
      stepPanels.append(.chart(chart))
    }
    return (
      Figure(name: "\(study.name)-steps", title: "\(study.title): cost of reaching the target accuracy against B", panels: stepPanels,
             columns: 3, width: 1650, height: 540),
      caption: "\(study.title): steps, examples and CPU seconds to reach \(Int((StudyOutcome.targetFraction * 100).rounded()))% of the way from chance "
        + "to the best accuracy at each T (replicate-mean validation curves, each B at its fastest rate); the first panel's title gives B_crit "
        + "of McCandlish's S(B) = S_min (1 + B_crit / B) fitted to the steps by least squares on relative errors; the CPU seconds are the "
        + "examples times the cost per example the time budget reads (the fitted cost model, or the measured costs where no model fits)")
  }

  /// The best B against T per budget, with each replicate's best; under the epoch budget B_crit and the noise scale beside it.
  func bestBatchFigure(batchSizes: [Int], memoryBytes: [Int: [Int: Int]], memoryBudget: ByteSize, noise: [Int: ConfidenceInterval], noiseRuns: Int) -> (figure: Figure, caption: String) {
    var bestPanels: [Figure.Panel] = []
    let ts = study.lengths
    // One B range for the three panels, wide enough for B_crit and the noise scale (their bars are clipped to it).
    let marks = ts.compactMap { self.stepsToTarget[$0]?.fit?.criticalBatch } + ts.compactMap { noise[$0]?.estimate }
    let bRange = Double(batchSizes.first!) / 1.5...max(Double(batchSizes.last!), marks.max() ?? 0) * 2
    for budget in Budget.allCases {
      let withBest = ts.filter { self.best[$0]?[budget] != nil }
      guard !withBest.isEmpty else { continue }
      var chart = Chart(
        title: budget.title,
        x: Axis("sequence length T (log scale)", scale: .log(base: 2), range: Double(ts.first!) / 1.3...Double(ts.last!) * 1.3),
        y: Axis("batch size B (log scale)", scale: .log(base: 2), range: bRange), key: .below)
      let bests = withBest.map { self.best[$0]![budget]! }
      chart.add(Series(
        "best B (bar: all B within 1 SE)", x: withBest, y: bests.map(\.batchSize),
        lower: bests.map { Double($0.nearOptimal.min()!) }, upper: bests.map { Double($0.nearOptimal.max()!) }))
      let peaks = zip(withBest, bests).flatMap { t, best in best.replicatePeaks.compactMap { $0 }.map { (t, Foundation.pow(2, $0)) } }
      chart.add(Series("best B of each replicate (parabola fit)", x: peaks.map(\.0), y: peaks.map(\.1), style: .points))
      if budget == .epochs {
        let crit = ts.filter { self.stepsToTarget[$0]?.fit != nil }
        if !crit.isEmpty {
          let s = crit.map { self.stepsToTarget[$0]! }
          // B_crit and B_simple are drawn a little right and left of their T, so their bars do not hide each other.
          chart.add(Series(
            "B_crit from steps to target (95% CI)", x: crit.map { Double($0) * 1.05 }, y: s.map { $0.fit!.criticalBatch },
            lower: s.map { $0.criticalInterval?.lower ?? $0.fit!.criticalBatch }, upper: s.map { $0.criticalInterval?.upper ?? $0.fit!.criticalBatch }))
        }
        let measured = ts.filter { noise[$0] != nil }
        if !measured.isEmpty {
          chart.add(Series(
            "noise scale B_simple (\(noiseRuns) runs, 95% CI)", x: measured.map { Double($0) / 1.05 }, y: measured.map { noise[$0]!.estimate },
            lower: measured.map { noise[$0]!.lower }, upper: measured.map { noise[$0]!.upper }))
        }
      }
      if budget == .memory {
        let limit = ts.compactMap { t in batchSizes.filter { memoryBytes[t]![$0]! <= memoryBudget.bytes }.max().map { (t, $0) } }
        if !limit.isEmpty {
          chart.add(Series("largest B of the grid that fits \(memoryBudget)", x: limit.map(\.0), y: limit.map(\.1), style: .reference(.bound)))
        }
      }
      bestPanels.append(.chart(chart))
    }
    return (
      Figure(name: "\(study.name)-best-batch", title: "\(study.title): the best batch size against T", panels: bestPanels,
             columns: 3, width: 1650, height: 600),
      caption: "\(study.title): the batch size with the best mean validation accuracy at each T under each budget, the range "
        + "within one paired standard error of it, each replicate's best (peak of a parabola fitted in log2 B to its accuracies; the slopes are fitted "
        + "to these); under the epoch budget also B_crit from steps to target and the gradient noise scale")
  }
}
