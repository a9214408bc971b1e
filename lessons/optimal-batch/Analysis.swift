import Foundation
import LSTMLab

// MARK: - The learning-rate grid and the budgets

/// The Adam learning rates: a log grid with two points per decade, lr = 10^(k/2) (..., 0.001, 0.0032, 0.01, 0.032,
/// 0.1, ...). Each (T, B) starts from three rates around 0.01 sqrt(B / 32) (square-root scaling, the rule with
/// support for Adam) and is extended one grid step at a time while its best rate sits at an edge of those tried.
enum RateGrid {
  static let lowest = -10, highest = 0  // 1e-5 ... 1
  static func rate(_ k: Int) -> Double { Foundation.pow(10, Double(k) / 2) }
  static func label(_ k: Int) -> String { NumberText.significant(rate(k), digits: 2) }
  static func centre(batch: Int) -> Int {
    min(highest - 1, max(lowest + 1, Int((2 * Foundation.log10(0.01 * (Double(batch) / 32).squareRoot())).rounded())))
  }
  static func initial(batch: Int) -> [Int] { let c = centre(batch: batch); return [c - 1, c, c + 1] }
}

/// The three budgets.
enum Budget: String, CaseIterable, Sendable {
  case epochs, time, memory

  var title: String {
    switch self {
    case .epochs: "Fixed epochs"
    case .time: "Fixed time"
    case .memory: "Fixed memory"
    }
  }
  /// The metric a budget reads (memory: the epoch-budget result of the batches that fit).
  var accuracyKey: String { self == .time ? "accTime" : "accEpochs" }
  var lossKey: String { self == .time ? "lossTime" : "lossEpochs" }
}

/// (T, B, learning-rate exponent k): one setting, trained once per replicate.
struct Setting: Hashable, Comparable, Sendable {
  var t: Int, b: Int, k: Int
  static func < (l: Setting, r: Setting) -> Bool { (l.t, l.b, l.k) < (r.t, r.b, r.k) }
  /// The sweep's job value, "T/B/k".
  var job: String { "\(t)/\(b)/\(k)" }
  init(t: Int, b: Int, k: Int) { (self.t, self.b, self.k) = (t, b, k) }
  init?(job: String) {
    let parts = job.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    (t, b, k) = (parts[0], parts[1], parts[2])
  }
}

/// Every run of a study: metrics[setting][r] for replicate r + 1 (nil: not run).
struct Runs {
  var replicateCount: Int
  var metrics: [Setting: [[String: Double]?]] = [:]

  mutating func add(_ rows: [SweepRow]) {
    for row in rows {
      guard let job = row.value("job"), let setting = Setting(job: job), let r = row.number("rep").map(Int.init) else { continue }
      var values: [String: Double] = [:]
      for name in row.metricNames { values[name] = row.metric(name) }
      metrics[setting, default: Array(repeating: nil, count: replicateCount)][r - 1] = values
    }
  }

  /// `name` of each replicate at a setting (NaN where missing or diverged).
  func values(_ name: String, _ setting: Setting) -> [Double] {
    (metrics[setting] ?? []).map { $0?[name] ?? .nan }
  }
}

/// The sample standard deviation, 0 for fewer than two values.
func sampleSD(_ values: [Double]) -> Double { standardDeviation(values, whenFewerThanTwo: 0) }

/// A (T, B) cell at its best learning rate under one budget.
struct TunedCell {
  var k: Int
  /// Mean validation accuracy over the replicates, its sd, and the mean loss.
  var accuracy: Double
  var standardDeviation: Double
  var loss: Double
  /// Each replicate's accuracy at that rate.
  var perReplicate: [Double]
  /// The choice among the rates tried: whether a lower and a higher rate were tried (a diverged rate counts: it was
  /// tried and lost), or the best is at the lowest or the highest.
  var choice: RateChoice<Int>
  var interior: Bool { choice.interior }
  var tried: [Int]

  /// The best rate at (T, B) among `rates` (one search's own, `CellSearches`): the highest mean accuracy over the
  /// replicates (ties: lower mean loss); a rate with a diverged or missing replicate is not a candidate. nil when no
  /// rate qualifies.
  init?(runs: Runs, t: Int, b: Int, budget: Budget, rates: [Int]) {
    tried = rates
    func score(_ k: Int) -> (accuracy: Double, negativeLoss: Double)? {
      let setting = Setting(t: t, b: b, k: k)
      let acc = runs.values(budget.accuracyKey, setting)
      guard !acc.isEmpty, acc.allSatisfy(\.isFinite) else { return nil }
      return (mean(acc), -mean(runs.values(budget.lossKey, setting)))
    }
    guard let choice = RateChoice(tried: tried.map { (label: $0, rate: RateGrid.rate($0), score: score($0)) }, better: { !($0 <= $1) })
    else { return nil }
    self.choice = choice
    k = choice.label
    let setting = Setting(t: t, b: b, k: k)
    perReplicate = runs.values(budget.accuracyKey, setting)
    accuracy = mean(perReplicate)
    standardDeviation = sampleSD(perReplicate)
    loss = mean(runs.values(budget.lossKey, setting))
  }
}

/// The three learning-rate searches of one (T, B) (`RateSearch`): they share the training runs but never each
/// other's choices, so no budget's answer depends on the rates another budget asked for.
///
/// - `epochs` tunes the epoch budget (and the memory budget, which reads the same runs of the batches that fit);
/// - `time` tunes the time budget, whose length rests on this machine's timings (the calibration);
/// - `steps` tunes steps-to-target: it reads every rate the epoch search tried and goes one step further wherever
///   the rate that reaches the target in the fewest updates sits at an edge (McCandlish's S(B) wants each B at its
///   fastest rate, often above the rate with the best final accuracy).
///
/// Before the searches were apart, the rates one budget asked for entered every budget's choice: a time calibration
/// that pushed the time budget to a higher rate could change the epoch budget's best rate and so its findings.
struct CellSearches: Sendable, Equatable {
  var epochs: RateSearch, time: RateSearch, steps: RateSearch

  init(batch: Int) {
    let initial = RateGrid.initial(batch: batch), bounds = RateGrid.lowest...RateGrid.highest
    let start = RateSearch(initial: initial.first!...initial.last!, bounds: bounds)
    (epochs, time, steps) = (start, start, start)
  }

  /// The rates a budget's choice reads (memory reads the epoch budget's).
  func rates(_ budget: Budget) -> [Int] { budget == .time ? time.exponents : epochs.exponents }
  /// The rates steps-to-target reads: its own and every one the epoch search tried.
  var stepsRates: [Int] {
    var s = steps
    s.include(epochs.tried)
    return s.exponents
  }
  /// Every rate some search tried.
  var allRates: [Int] { Array(Set(epochs.exponents + time.exponents + stepsRates)).sorted() }
}

/// The searches of every (T, B) of a study, grown a round at a time after that round's runs.
struct StudySearches: Sendable, Equatable {
  /// cells[T][B].
  var cells: [Int: [Int: CellSearches]]

  init(lengths: [Int], batchSizes: [Int]) {
    cells = Dictionary(uniqueKeysWithValues: lengths.map { t in
      (t, Dictionary(uniqueKeysWithValues: batchSizes.map { b in (b, CellSearches(batch: b)) }))
    })
  }

  /// Every setting some search asks for, in order.
  var settings: [Setting] {
    cells.keys.sorted().flatMap { t in cells[t]!.keys.sorted().flatMap { b in cells[t]![b]!.allRates.map { Setting(t: t, b: b, k: $0) } } }
  }

  /// One round of decisions, once every setting of `settings` has run (in `runs`): each search grows past the edge
  /// where its own best sits. The steps target at each T comes from the epoch searches' best accuracies (the same
  /// rule as the analysis, `StudyOutcome.target`).
  mutating func extend(runs: Runs, study: Study, checkpoints: Int) {
    for t in study.lengths {
      let batchSizes = cells[t]!.keys.sorted()
      let top = batchSizes.compactMap { b in TunedCell(runs: runs, t: t, b: b, budget: .epochs, rates: cells[t]![b]!.epochs.exponents)?.accuracy }.max()
      let target = StudyOutcome.target(chance: study.chance, top: top)
      for b in batchSizes {
        var cell = cells[t]![b]!
        let stepsRates = cell.stepsRates
        let fastest = RateChoice(
          tried: stepsRates.map { k in
            (label: k, rate: RateGrid.rate(k),
             score: StudyOutcome.stepsToTarget(runs: runs, setting: Setting(t: t, b: b, k: k), replicates: Array(0..<study.replicateCount),
                                               checkpoints: checkpoints, chance: study.chance, target: target).map { -$0 })
          },
          better: >)
        cell.steps.include(cell.epochs.tried)
        cell.steps.extend(after: fastest, whenNoCandidate: .stay)
        cell.epochs.extend(after: TunedCell(runs: runs, t: t, b: b, budget: .epochs, rates: cell.epochs.exponents)?.choice)
        cell.time.extend(after: TunedCell(runs: runs, t: t, b: b, budget: .time, rates: cell.time.exponents)?.choice)
        cells[t]![b] = cell
      }
    }
  }
}

/// The best batch size at one T under one budget.
struct BestBatch {
  /// The B with the best mean accuracy (each B at its own best rate).
  var batchSize: Int
  /// The batch sizes within one paired standard error of the best: mean(d) <= sd(d) / sqrt(n), d_r = acc(best, r) -
  /// acc(B, r) over the replicates.
  var nearOptimal: [Int]
  /// Each replicate's best log2 B between grid points: the peak of a least-squares parabola in log2 B through all of
  /// its accuracies (`CurvePoints.quadraticPeak`, clamped to the grid). nil for a replicate without results.
  var replicatePeaks: [Double?]
  /// Where the best B sits when no smaller or no larger B was tried beside it; nil when both were (the optimum is
  /// bracketed by its neighbours).
  var end: End?

  enum End: Sendable {
    /// B = 1: no smaller batch exists, so the optimum is found (bracketed by the larger B and by B's own floor).
    case smallestPossible
    /// The smallest B of the grid, above 1: a smaller one might do better (add it with --batch-sizes).
    case smallestTried
    /// The largest B of the grid, or the largest that fits the memory budget (where memory, not learning, decides).
    case largestTried

    var text: String {
      switch self {
      case .smallestPossible: "yes (B = 1, no smaller batch)"
      case .smallestTried: "no (the smallest B tried)"
      case .largestTried: "no (the largest B tried or fitting)"
      }
    }
  }

  /// Whether the optimum is found: a smaller and a larger B tried beside it, or B = 1.
  var bracketed: Bool { end == nil || end == .smallestPossible }

  /// `batchSize`'s place among the batch sizes tried (ascending).
  static func end(of batchSize: Int, among tried: [Int]) -> End? {
    if batchSize == tried.first { return batchSize == 1 ? .smallestPossible : .smallestTried }
    return batchSize == tried.last ? .largestTried : nil
  }
}

/// Shallue et al.'s measure at one T: the training steps (updates) needed to reach a target validation accuracy,
/// per batch size, each at the rate that reaches it soonest, and McCandlish's fit S(B) = S_min (1 + B_crit / B).
struct StepsToTarget {
  var target: Double
  /// steps[B] and the rate exponent that gave it; B missing: no rate reached the target within the epoch budget.
  var steps: [Int: (steps: Double, k: Int)]
  var fit: CriticalBatchFit?
  /// The bootstrap interval of B_crit (resampling replicates; nil when too few resamples gave a fit).
  var criticalInterval: ConfidenceInterval?
}

/// Everything measured in one study, tuned and summarised.
struct StudyOutcome {
  var study: Study
  var batchSizes: [Int]
  var runs: Runs
  /// tuned[T][B][budget]; nil when every rate diverged or the step does not fit the memory budget.
  var tuned: [Int: [Int: [Budget: TunedCell]]] = [:]
  var best: [Int: [Budget: BestBatch]] = [:]
  /// The slope of log2(best B) on log2 T, one slope per replicate (unit), per budget.
  var slopes: [Budget: ReplicatedSlope] = [:]
  var stepsToTarget: [Int: StepsToTarget] = [:]
  /// The slope of log2 B_crit on log2 T and its bootstrap interval (replicates resampled, the same units at every T).
  var criticalSlope: ConfidenceInterval?
  /// Cells whose best rate is still at an edge of the rates tried (after every extension round).
  var edgeCells: [(t: Int, b: Int, budget: Budget, k: Int)] = []
  /// The fraction of the way from chance to the best accuracy at each T that defines the steps target.
  static let targetFraction = 0.8

  /// The steps target at one T: `targetFraction` of the way from chance to `top`, the best epoch-budget accuracy over
  /// the batch sizes at that T (chance itself when no batch has one).
  static func target(chance: Double, top: Double?) -> Double { chance + targetFraction * ((top ?? chance) - chance) }

  /// The updates one setting needs to reach `target`: the mean over `replicates` (indices) of its validation curve
  /// (accuracy at `checkpoints` points, starting from chance at 0 examples), read where it first reaches the target,
  /// in examples, divided by B. nil when the curve never reaches it or a replicate has no curve (diverged).
  static func stepsToTarget(
    runs: Runs, setting: Setting, replicates: [Int], checkpoints: Int, chance: Double, target: Double
  ) -> Double? {
    let curves = (1...checkpoints).map { j in
      (ex: mean(replicates.map { runs.values("ex\(j)", setting)[$0] }),
       acc: mean(replicates.map { runs.values("acc\(j)", setting)[$0] }))
    }
    guard curves.allSatisfy({ $0.ex.isFinite && $0.acc.isFinite }) else { return nil }
    guard let examples = CurvePoints.firstCrossing(x: [0] + curves.map(\.ex), y: [chance] + curves.map(\.acc), target: target)
    else { return nil }
    return examples / Double(setting.b)
  }

  init(
    study: Study, runs: Runs, searches: StudySearches, batchSizes: [Int], memoryBytes: [Int: [Int: Int]], memoryBudget: Int,
    checkpoints: Int, seed: UInt64
  ) {
    self.study = study
    self.batchSizes = batchSizes
    self.runs = runs
    let n = study.replicateCount
    for t in study.lengths {
      for b in batchSizes {
        var byBudget: [Budget: TunedCell] = [:]
        for budget in Budget.allCases {
          if budget == .memory, memoryBytes[t]![b]! > memoryBudget { continue }
          let rates = searches.cells[t]![b]!.rates(budget)
          guard let cell = TunedCell(runs: runs, t: t, b: b, budget: budget, rates: rates) else { continue }
          byBudget[budget] = cell
          if !cell.interior, budget != .memory { edgeCells.append((t, b, budget, cell.k)) }
        }
        tuned[t, default: [:]][b] = byBudget
      }
      for budget in Budget.allCases {
        let cells = batchSizes.compactMap { b in tuned[t]![b]![budget].map { (b, $0) } }
        guard let top = cells.max(by: { ($0.1.accuracy, -$0.1.loss) < ($1.1.accuracy, -$1.1.loss) }) else { continue }
        let near = cells.filter { _, cell in
          let d = zip(top.1.perReplicate, cell.perReplicate).map { $0 - $1 }
          return d.count < 2 || mean(d) <= standardError(d)
        }.map(\.0)
        let peaks = (0..<n).map { r in
          CurvePoints.quadraticPeak(x: cells.map { Foundation.log2(Double($0.0)) }, y: cells.map { $0.1.perReplicate[r] })
        }
        let allowed = cells.map(\.0)
        best[t, default: [:]][budget] = BestBatch(
          batchSize: top.0, nearOptimal: near, replicatePeaks: peaks,
          end: BestBatch.end(of: top.0, among: allowed))
      }
    }
    for budget in Budget.allCases {
      let units = (0..<n).map { r in
        study.lengths.compactMap { t -> (x: Double, y: Double)? in
          best[t]?[budget]?.replicatePeaks[r].map { (Foundation.log2(Double(t)), $0) }
        }
      }
      slopes[budget] = ReplicatedSlope(units: units, testToTrainRatio: study.testToTrainRatio)
    }

    // Steps to target: the replicate-mean validation curve of each (T, B, rate), read where it first reaches the
    // target; a bootstrap over replicates gives the intervals of B_crit and of its slope across T.
    let targets = Dictionary(uniqueKeysWithValues: study.lengths.map { t in
      (t, Self.target(chance: study.chance, top: batchSizes.compactMap { tuned[t]![$0]![.epochs]?.accuracy }.max()))
    })
    func measure(_ t: Int, replicates: [Int]) -> (steps: [Int: (steps: Double, k: Int)], fit: CriticalBatchFit?) {
      var steps: [Int: (steps: Double, k: Int)] = [:]
      for b in batchSizes {
        for k in searches.cells[t]![b]!.stepsRates {
          guard let s = Self.stepsToTarget(
            runs: runs, setting: Setting(t: t, b: b, k: k), replicates: replicates, checkpoints: checkpoints,
            chance: study.chance, target: targets[t]!)
          else { continue }
          if steps[b] == nil || s < steps[b]!.steps { steps[b] = (s, k) }
        }
      }
      let bs = steps.keys.sorted()
      return (steps, CriticalBatchFit(batchSizes: bs.map(Double.init), steps: bs.map { steps[$0]!.steps }, weighting: .relative))
    }
    let all = Array(0..<n)
    for t in study.lengths {
      let (steps, fit) = measure(t, replicates: all)
      stepsToTarget[t] = StepsToTarget(target: targets[t]!, steps: steps, fit: fit, criticalInterval: nil)
    }
    var rng = SeededGenerator.derived(seed: seed, stream: 900)
    var criticals: [Int: [Double]] = [:], slopeDraws: [Double] = []
    let resamples = n >= 3 ? 400 : 0
    for _ in 0..<resamples {
      let draw = (0..<n).map { _ in rng.nextInt(below: n) }
      var points: [(Double, Double)] = []
      for t in study.lengths {
        guard let c = measure(t, replicates: draw).fit?.criticalBatch else { continue }
        criticals[t, default: []].append(Foundation.log2(c))
        points.append((Foundation.log2(Double(t)), Foundation.log2(c)))
      }
      if points.count == study.lengths.count, let line = Optional(fitLine(x: points.map(\.0), y: points.map(\.1))), line.slope.isFinite {
        slopeDraws.append(line.slope)
      }
    }
    for t in study.lengths {
      // An interval only when at least 90% of the resamples gave a fit (otherwise B_crit is not determined).
      guard let draws = criticals[t], Double(draws.count) >= 0.9 * Double(resamples), let fit = stepsToTarget[t]?.fit else { continue }
      stepsToTarget[t]!.criticalInterval = ConfidenceInterval(
        estimate: fit.criticalBatch, lower: Foundation.pow(2, quantile(draws, 0.025)), upper: Foundation.pow(2, quantile(draws, 0.975)),
        level: 0.95)
    }
    let fitted = study.lengths.compactMap { t in stepsToTarget[t]?.fit.map { (Foundation.log2(Double(t)), Foundation.log2($0.criticalBatch)) } }
    if fitted.count == study.lengths.count, Double(slopeDraws.count) >= 0.9 * Double(resamples), resamples > 0 {
      let line = fitLine(x: fitted.map(\.0), y: fitted.map(\.1))
      criticalSlope = ConfidenceInterval(
        estimate: line.slope, lower: quantile(slopeDraws, 0.025), upper: quantile(slopeDraws, 0.975), level: 0.95)
    }
  }

  /// "-0.42 [-0.71, -0.13]" (95%).
  static func describe(_ i: ConfidenceInterval, decimals: Int = 2) -> String {
    "\(NumberText.fixed(i.estimate, decimals: decimals)) [\(NumberText.fixed(i.lower, decimals: decimals)), \(NumberText.fixed(i.upper, decimals: decimals))]"
  }

  /// One clause per budget: the best B from the shortest to the longest T and the slope across replicates, with the
  /// design's minimum detectable slope when the interval includes 0.
  func budgetClause(_ budget: Budget) -> String? {
    let t0 = study.lengths.first!, t1 = study.lengths.last!
    guard let a = best[t0]?[budget], let b = best[t1]?[budget], let slope = slopes[budget] else { return nil }
    let i = slope.interval()
    var text = "\(budget.rawValue): best B \(a.batchSize) at T = \(t0) -> \(b.batchSize) at T = \(t1), slope \(Self.describe(i)) doublings of B per doubling of T"
    switch slope.trend() {
    case -1: text += " (smaller batches for longer sequences)"
    case 1: text += " (larger batches for longer sequences)"
    default:
      text += " (no detectable move; the design detects |slope| >= \(NumberText.fixed(slope.minimumDetectableSlope(), decimals: 2)) with 80% power)"
    }
    return text
  }

  /// Where the memory budget, not learning, decides: the T at which the epoch budget's best B does not fit.
  var memoryDecides: [Int] {
    study.lengths.filter { t in
      guard let e = best[t]?[.epochs], let m = best[t]?[.memory] else { return best[t]?[.epochs] != nil }
      return e.batchSize != m.batchSize
    }
  }

  /// The (T, budget) pairs whose best B is not bracketed (at an end of the grid, B = 1 excepted), as "T = 128 (epochs)".
  var unbracketed: [String] {
    study.lengths.flatMap { t in
      Budget.allCases.compactMap { budget in
        guard let b = best[t]?[budget], !b.bracketed else { return nil }
        return "T = \(t) (\(budget.rawValue), B = \(b.batchSize))"
      }
    }
  }

  /// The study's part of the headline.
  func headline(memoryBudget: ByteSize) -> String {
    var text = "**\(study.title)** (\(study.replicateCount) \(study.kind == .real ? "folds x seeds" : "independent data sets")): "
      + Budget.allCases.compactMap(budgetClause).joined(separator: "; ")
    let open = unbracketed
    text += open.isEmpty
      ? "; every best B is bracketed (a smaller and a larger B lost, or B = 1)"
      : "; best B at an end of the grid, not bracketed: " + open.joined(separator: ", ")
    let decides = memoryDecides
    text += decides.isEmpty
      ? "; the \(memoryBudget) memory budget never excluded the best B"
      : "; the \(memoryBudget) memory ceiling, not learning, decided at T = \(decides.map(String.init).joined(separator: ", "))"
    let t0 = study.lengths.first!, t1 = study.lengths.last!
    if let c0 = stepsToTarget[t0]?.fit?.criticalBatch, let c1 = stepsToTarget[t1]?.fit?.criticalBatch {
      text += "; steps to \(Int((Self.targetFraction * 100).rounded()))% of the way to the best accuracy give B_crit "
        + "\(NumberText.significant(c0, digits: 2)) at T = \(t0) and \(NumberText.significant(c1, digits: 2)) at T = \(t1)"
      if let s = criticalSlope { text += " (slope \(Self.describe(s)), bootstrap)" }
    } else {
      text += "; B_crit could not be fitted at every T (too few batch sizes reached the target)"
    }
    return text + "."
  }
}
