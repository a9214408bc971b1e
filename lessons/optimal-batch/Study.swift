import ArgumentParser
import Foundation
import LSTMLab

// MARK: - Studies: the data at each T and its replicates

enum StudyKind: String, CaseIterable, ExpressibleByArgument, Sendable {
  /// GARCH volatility regimes, a window of T days: a longer window holds more evidence.
  case regimes
  /// The same regimes in windows of T0 days, each day held for T / T0 steps: the information is fixed, only T grows.
  case stretched
  /// A shipped data set resampled to each T.
  case real
}

/// One replicate (an independent unit of the design): its training and validation parts and its weight seed.
struct Replicate: Sendable {
  var train: LabeledSequences
  var validation: LabeledSequences
  var weightSeed: UInt64
}

/// One task at several lengths T, with its replicates.
struct Study: Sendable {
  var kind: StudyKind
  var name: String
  var title: String
  var description: String
  /// How the information in a sequence changes with T, for the report.
  var information: String
  var lengths: [Int]
  /// replicates[T][r]: replicate r + 1 at length T. Replicate r is the same unit (data draw or fold, and weight seed)
  /// at every T, so a slope across T can be fitted per unit.
  var replicates: [Int: [Replicate]]
  /// What one replicate is (for the report): "independent data set" or "fold x seed".
  var unitName: String
  /// Nadeau & Bengio's n_test / n_train when the replicates are folds of one data set, 0 when they are independent.
  var testToTrainRatio: Double
  var chance: Double
  var classCount: Int
  var featureCount: Int

  var replicateCount: Int { replicates[lengths[0]]!.count }
  var trainCount: Int { replicates[lengths[0]]![0].train.count }
  var validationCount: Int { replicates[lengths[0]]![0].validation.count }

  /// The regimes of both synthetic studies: volatilities 0.7, 1.0 and 1.4% a day (closer than the task's defaults, so
  /// that even 128 days of returns do not make the regime obvious and the accuracy stays off its ceiling at every T).
  static let regimeTask = VolatilityRegimeTask(volatilities: [0.7, 1.0, 1.4])

  /// The two synthetic studies: `count` windows per replicate, each replicate its own draw of the data (so the
  /// replicates are independent), split 80/20 into training and validation parts (stratified).
  ///
  /// `regimes`: windows of T days at each T (a longer window holds more days of evidence; each T draws its own
  /// windows from the replicate's stream). `stretched`: windows of T0 = the shortest length, each day held for
  /// T / T0 steps (`stretched(by:)`), the same windows at every T: an invertible map, so the best achievable
  /// accuracy is the same at every T.
  static func synthetic(kind: StudyKind, lengths: [Int], sequences: Int, replicates: Int, seed: UInt64) throws -> Study {
    let task = Self.regimeTask
    let base = lengths[0]
    var byT: [Int: [Replicate]] = [:]
    for r in 1...replicates {
      var baseData: LabeledSequences? = nil
      if kind == .stretched {
        var rng = SeededGenerator.derived(seed: seed, stream: 300 + UInt64(r))
        baseData = try task.generate(count: sequences, steps: base, using: &rng)
      }
      for t in lengths {
        let data: LabeledSequences
        if let baseData {
          data = try baseData.stretched(by: t / base)
        } else {
          var rng = SeededGenerator.derived(seed: seed, stream: 300 + UInt64(r))
          data = try task.generate(count: sequences, steps: t, using: &rng)
        }
        var splitRNG = SeededGenerator.derived(seed: seed, stream: 400 + UInt64(r))
        let split = try stratifiedKFold(labels: data.labels, folds: 5, using: &splitRNG)[0]
        byT[t, default: []].append(Replicate(
          train: try data.subset(split.train), validation: try data.subset(split.validation), weightSeed: seed &+ UInt64(r)))
      }
    }
    let stretched = kind == .stretched
    return Study(
      kind: kind, name: kind.rawValue,
      title: stretched ? "Stretched regimes (information fixed)" : "Volatility regimes (information grows with T)",
      description: stretched
        ? "\(task.name), σ = \(task.volatilities.map { "\($0)" }.joined(separator: ", "))% a day: \(sequences) windows of T0 = \(base) days per replicate, each day held for T / \(base) steps"
        : "\(task.name), σ = \(task.volatilities.map { "\($0)" }.joined(separator: ", "))% a day: \(sequences) windows of T days per replicate",
      information: stretched
        ? "each window of T0 = \(base) days is held for T / \(base) steps; every (T / \(base))th step gives the window back (the map is invertible), so the information, and with it the best achievable accuracy, is the same at every T"
        : "a window of T days holds T days of returns: the evidence about the regime grows with T",
      lengths: lengths, replicates: byT, unitName: "independent data set (its own draw, split and weights)",
      testToTrainRatio: 0, chance: task.chanceAccuracy, classCount: task.classNames.count, featureCount: task.featureCount)
  }

  /// A shipped data set, train and test pooled, resampled to each T by linear interpolation; replicates are the k
  /// folds (stratified) x `seeds` weight seeds, the same folds at every T; each fold's training part sets the
  /// normaliser of both its parts.
  static func real(dataset: String, lengths: [Int], folds: Int, seeds: Int, seed: UInt64, limit: Int?) throws -> Study {
    let parts = try Dataset.named(dataset)
    var pooled = LabeledSequences(
      name: dataset, sequences: parts.train.sequences + parts.test.sequences, labels: parts.train.labels + parts.test.labels,
      classNames: parts.train.classNames, featureCount: parts.train.featureCount)
    if let limit, limit < pooled.count {
      var rng = SeededGenerator.derived(seed: seed, stream: 450)
      pooled = try pooled.subset(Array(Array(0..<pooled.count).shuffled(using: &rng).prefix(limit)))
    }
    var foldRNG = SeededGenerator.derived(seed: seed, stream: 400)
    let splits = try stratifiedKFold(labels: pooled.labels, folds: folds, using: &foldRNG)
    var byT: [Int: [Replicate]] = [:]
    for t in lengths {
      let data = try pooled.resampled(to: t)
      for s in 1...seeds {
        for split in splits {
          let train = try data.subset(split.train), validation = try data.subset(split.validation)
          let normalizer = try Normalizer(fittedOn: train)
          byT[t, default: []].append(Replicate(
            train: try normalizer.apply(train), validation: try normalizer.apply(validation), weightSeed: seed &+ UInt64(s)))
        }
      }
    }
    let lengthsText = pooled.commonLength.map { "native T = \($0)" } ?? "native T \(pooled.lengths.min()!)–\(pooled.lengths.max()!)"
    let nTest = Double(splits[0].validation.count), nTrain = Double(splits[0].train.count)
    return Study(
      kind: .real, name: "real", title: "Real: \(dataset) resampled",
      description: "\(dataset) (train + test pooled: \(pooled.count) sequences, \(lengthsText), \(pooled.featureCount) feature(s), "
        + "\(pooled.classNames.count) classes), resampled to each T by linear interpolation",
      information: "the same recordings spread over T steps by interpolation: the information is (nearly) the same at every T",
      lengths: lengths, replicates: byT, unitName: "fold x weight seed (\(folds) folds x \(seeds) seeds; folds share training data)",
      testToTrainRatio: nTest / nTrain, chance: pooled.majorityClassFraction, classCount: pooled.classNames.count,
      featureCount: pooled.featureCount)
  }

  /// CPU seconds per training example at each (T, B): a fresh model trains on random batches of replicate 1, the
  /// median of 7 timed blocks after 2 warm-up updates. Measured the way the sweep's cells run: with the kernels'
  /// thread setting of the moment (the lesson forces one thread) and `workers` cells side by side, so the cells
  /// compete for cores, caches and memory as in the sweep. Saved in `<study>-calibration-<hash>.csv` and reused by
  /// the same build only (the hash covers the executable: other kernels, other costs). Returns the costs, the file and
  /// how many of its cells were reused from it.
  func calibrate(
    batchSizes: [Int], hidden: Int, seed: UInt64, directory: URL, fresh: Bool, quick: Bool, workers: Int
  ) throws -> (costs: [Int: [Int: Double]], file: URL, cells: (total: Int, reused: Int)) {
    let grid = try SweepGrid([SweepAxis("T", lengths), SweepAxis("B", batchSizes)])
    let setting = "threads=\(KernelThreads.current) workers=\(workers)"
    let minimum = quick ? 0.002 : 0.03
    let file = directory.appendingPathComponent(
      "\(name)-calibration-\(String(sweepStableHash("\(description) H=\(hidden) blocks=7 minimum=\(minimum) \(setting) code=\(CodeIdentity.current)"), radix: 16)).csv")
    if fresh { try? FileManager.default.removeItem(at: file) }
    let runner = try SweepRunner(grid: grid, metrics: ["secondsPerExample"], resultsFile: file, workers: workers)
    let replicates = self.replicates, classCount = self.classCount
    let report = try runner.run { cell in
      let t = try cell.int("T"), b = try cell.int("B")
      let set = replicates[t]![0].train
      var model = CellTrainer.model(hidden: hidden, classes: classCount, learningRate: 1e-3)
      var rng = cell.generator(seed: seed)
      try model.build(inputFeatures: set.featureCount, using: &rng)
      // Two warm-up updates (first allocations), then 7 timed blocks of at least 2 updates and `minimum` seconds each;
      // the median block is kept (robust to a block slowed or sped up by other programs on the machine).
      func batch() throws -> (x: Matrix<Float>, steps: Int, labels: [Int]) {
        try set.timeMajorBatch(indices: (0..<b).map { _ in rng.nextInt(below: set.count) })
      }
      for _ in 0..<2 {
        let (x, steps, labels) = try batch()
        try model.trainStep(x: x, steps: steps, labels: labels)
      }
      var blocks: [Double] = []
      for _ in 0..<7 {
        var seconds = 0.0, updates = 0
        while updates < 2 || seconds < minimum {
          let (x, steps, labels) = try batch()
          let start = threadCPUSeconds()
          try model.trainStep(x: x, steps: steps, labels: labels)
          seconds += threadCPUSeconds() - start
          updates += 1
        }
        blocks.append(seconds / Double(updates * b))
      }
      return ["secondsPerExample": median(blocks)]
    }
    var table: [Int: [Int: Double]] = [:]
    for row in report.results.rows {
      guard let t = row.number("T"), let b = row.number("B"), let s = row.metric("secondsPerExample") else { continue }
      table[Int(t), default: [:]][Int(b)] = s
    }
    return (table, file, (report.shardCells, report.alreadyDone))
  }

  /// The bytes of one training step at each (T, B) (`MemoryCalculator`: full BPTT, Float32, Adam).
  func memoryBytes(batchSizes: [Int], hidden: Int) throws -> [Int: [Int: Int]] {
    var bytes: [Int: [Int: Int]] = [:]
    for t in lengths {
      for b in batchSizes {
        bytes[t, default: [:]][b] = try MemoryCalculator(
          steps: t, batchSize: b, inputSize: featureCount, hiddenSize: hidden, layers: 1, classes: classCount,
          bytesPerScalar: 4, optimizerSlots: 2
        ).breakdown(.full).total
      }
    }
    return bytes
  }

  /// The accuracy of a rule that needs no training and ignores T: class by the log of the window's mean squared
  /// value (a realised variance), with thresholds halfway between the class means of that statistic on the
  /// training part, one accuracy per replicate. On the stretched windows the statistic is the same at every T (holding
  /// a step repeats its square), so this rule measures the same information at every T; on the regimes windows it
  /// rises with T as evidence accumulates. Synthetic studies only (the classes are ordered by volatility).
  func realisedVolatilityRule(t: Int) -> [Double] {
    func statistic(_ x: Matrix<Float>) -> Double {
      Foundation.log(x.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, x.scalars.count)))
    }
    return replicates[t]!.map { replicate in
      let train = replicate.train
      let means = (0..<classCount).map { k in
        mean(zip(train.sequences, train.labels).filter { $0.1 == k }.map { statistic($0.0) })
      }
      let order = means.indices.sorted { means[$0] < means[$1] }
      let cuts = zip(order, order.dropFirst()).map { (means[$0] + means[$1]) / 2 }
      let correct = zip(replicate.validation.sequences, replicate.validation.labels).filter { x, label in
        let s = statistic(x)
        return order[cuts.filter { s > $0 }.count] == label
      }.count
      return Double(correct) / Double(replicate.validation.count)
    }
  }
}
