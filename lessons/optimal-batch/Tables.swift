import Foundation
import LSTMLab

// The tables of one study: built from its outcome, printed by main.swift with `book.table` (Figures.swift holds its
// charts).

extension StudyOutcome {
  /// The best learning rate of every (T, B) under the epoch budget, starred where it sits at an edge of the rates its
  /// search tried.
  func rateTable() -> Table {
    var table = Table(
      "\(study.name): the best learning rate of each (T, B) under the epoch budget (* at an edge of the rates tried: not tuned)",
      columns: [.init("T")] + batchSizes.map { .init("B = \($0)", alignment: .right) })
    for t in study.lengths {
      table.append([.number(t)] + batchSizes.map { b -> TableValue in
        guard let cell = tuned[t]![b]![.epochs] else { return "diverged" }
        return .text(RateGrid.label(cell.k) + (cell.interior ? "" : "*"))
      })
    }
    return table
  }

  /// Whether every best rate of the epoch and time budgets is interior, and which are not after `rounds` extension rounds.
  func interiorNote(rounds: Int) -> String {
    let settingsTuned = study.lengths.count * batchSizes.count * 2
    return edgeCells.isEmpty
      ? "Every best learning rate is interior: in all \(settingsTuned) (T, B, budget) cells of the epoch and time budgets a lower and a higher rate were tried and lost."
      : "**Not every best rate is interior:** \(edgeCells.count) of \(settingsTuned) (T, B, budget) cells still have their best rate at an edge after \(rounds) extension rounds: "
        + edgeCells.map { "T = \($0.t), B = \($0.b), \($0.budget.rawValue), lr \(RateGrid.label($0.k))" }.joined(separator: "; ")
        + ". Their accuracy may be understated."
  }

  /// The best B per T and budget: its accuracy and interval, its rate, whether it is bracketed, the batches within one
  /// paired standard error, and each replicate's own best B (the points the slopes are fitted to).
  func bestBatchTable() -> Table {
    var table = Table("\(study.name): the best batch size per T and budget", columns: [
      .init("T"), .init("budget", alignment: .left), .init("best B"), .init("accuracy", format: .fixed(decimals: 3)),
      .init("95% CI", alignment: .left), .init("its lr", alignment: .right), .init("bracketed", alignment: .left),
      .init("B within 1 SE", alignment: .left), .init("per-replicate best B (parabola)", alignment: .left),
    ])
    for t in study.lengths {
      for budget in Budget.allCases {
        guard let best = best[t]![budget], let cell = tuned[t]![best.batchSize]![budget] else {
          table.append([.number(t), .text(budget.rawValue), "-", "-", "-", "-", "-", "-", "no batch fits"])
          continue
        }
        let ci = ConfidenceInterval.mean(of: cell.perReplicate)
        table.append([
          .number(t), .text(budget.rawValue), .number(best.batchSize), .number(cell.accuracy),
          .text("\(NumberText.fixed(ci.lower, decimals: 3))–\(NumberText.fixed(ci.upper, decimals: 3))"),
          .text(RateGrid.label(cell.k)), .text(best.end?.text ?? "yes"),
          .text(best.nearOptimal.map(String.init).joined(separator: " ")),
          .text(best.replicatePeaks.map { $0.map { NumberText.significant(Foundation.pow(2, $0), digits: 2) } ?? "-" }.joined(separator: " ")),
        ])
      }
    }
    return table
  }

  /// The slope of log2(best B) on log2 T per budget, fitted per replicate, with what the design could detect.
  func slopeTable() -> Table {
    var table = Table(
      "\(study.name): how the best B moves with T: slope of log2(best B) on log2 T, fitted per replicate (\(study.unitName))",
      columns: [
        .init("budget", alignment: .left), .init("slope", format: .fixed(decimals: 2)), .init("95% CI", alignment: .left),
        .init("units"), .init("verdict", alignment: .left), .init("detectable |slope| (80%)", format: .fixed(decimals: 2)),
        .init("power at |slope| 0.5", format: .fixed(decimals: 2)),
      ])
    for budget in Budget.allCases {
      guard let s = slopes[budget] else { continue }
      let i = s.interval()
      table.append([
        .text(budget.rawValue), .number(s.slope), .text("\(NumberText.fixed(i.lower, decimals: 2)) to \(NumberText.fixed(i.upper, decimals: 2))"),
        .number(s.unitSlopes.count), .text(s.trend() == 0 ? "no detectable move" : (s.trend() < 0 ? "smaller B at longer T" : "larger B at longer T")),
        .number(s.minimumDetectableSlope()), .number(s.power(against: 0.5)),
      ])
    }
    return table
  }

  /// Shallue et al.'s steps to target per (T, B), each B at its fastest rate, with McCandlish's fit: B_crit, its
  /// bootstrap interval and S_min.
  func stepsTable() -> Table {
    var table = Table(
      "\(study.name): steps (updates) to reach the target validation accuracy, at the rate that reaches it soonest (- : not reached within the epoch budget)",
      columns: [.init("T"), .init("target", format: .fixed(decimals: 3))] + batchSizes.map { .init("B = \($0)", format: .significant(3)) }
        + [.init("B_crit", format: .significant(2)), .init("95% CI (bootstrap)", alignment: .left), .init("S_min", format: .significant(3))])
    for t in study.lengths {
      let s = stepsToTarget[t]!
      table.append(
        [.number(t), .number(s.target)] + batchSizes.map { b in s.steps[b].map { .number($0.steps) } ?? "-" }
          + [s.fit.map { .number($0.criticalBatch) } ?? "-",
             .text(s.criticalInterval.map { "\(NumberText.significant($0.lower, digits: 2))–\(NumberText.significant($0.upper, digits: 2))" } ?? "-"),
             s.fit.map { .number($0.minimumSteps) } ?? "-"])
    }
    return table
  }
}
