// Example 3's pieces for seed-examples/main.swift: the two training budgets, the data sets with their folds for every
// repetition, one training, and one row of the results.
import ArgumentParser
import LSTMLab

/// The two training budgets of Example 3.
enum Budget: String, CaseIterable, Sendable {
  /// The article's: the same epochs for every batch size.
  case fixedEpochs = "epochs"
  /// epochs x B / B_min epochs: about the updates B_min makes in `epochs` epochs.
  case equalUpdates = "updates"

  func title(epochs: Int) -> String { self == .fixedEpochs ? "\(epochs) epochs" : "equal updates" }
  func name(epochs: Int) -> String { self == .fixedEpochs ? "\(epochs) epochs" : "equal updates" }
}

/// Epochs per batch size for equal updates: epochs x B / B_min, so ceil(n/B) updates per epoch add up to about the
/// n/B_min x epochs updates of the smallest batch.
struct Schedule: Sendable {
  var epochs: Int
  var smallestBatch: Int

  func epochs(_ batchSize: Int) -> Int {
    max(1, Int((Double(epochs * batchSize) / Double(smallestBatch)).rounded()))
  }
}

/// One of Example 3's data sets with its folds for every repetition. Repetition 1 uses the article's split (stream
/// 6) and training seeds seed + fold; repetition r uses its own split and seeds seed + (r - 1) k + fold.
struct Example3Data: Sendable {
  var key: String
  var title: String
  var data: LabeledSequences
  /// The accuracy of knowing nothing: 1/C when labels are drawn uniformly, else the majority-class fraction.
  var chance: Double
  /// splits[repetition][fold].
  var splits: [[IndexSplit]]

  init(key: String, title: String, data: LabeledSequences, chance: Double, repetitions: Int, folds: Int, seed: UInt64) throws {
    (self.key, self.title, self.data, self.chance) = (key, title, data, chance)
    splits = try (0..<repetitions).map { repetition in
      var rng = SeededGenerator.derived(seed: seed, stream: repetition == 0 ? 6 : 6 + UInt64(repetition) << 32)
      return try stratifiedKFold(labels: data.labels, folds: folds, using: &rng)
    }
  }

  /// Trains the article's model on every fold but `fold` of `repetition` and scores it on `fold`. Every batch size
  /// and budget of one (repetition, fold) starts from the same weights and shuffles with the same seed.
  func train(
    _ model: ArticleModel, repetition: Int, fold: Int, batchSize: Int, epochs: Int, seed: UInt64
  ) throws -> [String: Double] {
    let split = splits[repetition][fold]
    let train = try data.subset(split.train), heldOut = try data.subset(split.validation)
    var network = model.make(classes: data.classNames.count)
    let history = try network.fit(
      train, batchSize: batchSize, epochs: epochs, seed: seed &+ UInt64(repetition * splits[0].count + fold),
      progress: .silent)
    if let divergence = history.divergence {
      throw ValidationError("\(key), repetition \(repetition + 1), fold \(fold + 1), B = \(batchSize): \(divergence)")
    }
    let predicted = try network.predictClasses(heldOut.sequences)
    let right = zip(predicted, heldOut.labels).filter { $0 == $1 }.count
    return [
      "accuracy": Double(right) / Double(heldOut.count),
      "updates": Double(history.epochs.map(\.updates).reduce(0, +)),
      "seconds_per_epoch": medianEpochSeconds(history), "tape_bytes": Double(history.tapeBytes),
    ]
  }
}

/// One row of the Example 3 sweep.
struct Example3Run {
  static let metrics = ["accuracy", "updates", "seconds_per_epoch", "tape_bytes"]
  var repetition: Int
  var data: String
  var fold: Int
  var batchSize: Int
  var budget: Budget
  var accuracy: Double
  var updates: Double
  var secondsPerEpoch: Double

  init(row: SweepRow) throws {
    guard let rep = row.number("rep"), let data = row.value("data"), let fold = row.number("fold"),
      let b = row.number("B"), let budget = row.value("budget").flatMap(Budget.init(rawValue:)),
      let accuracy = row.metric("accuracy"), let updates = row.metric("updates"),
      let seconds = row.metric("seconds_per_epoch")
    else { throw ValidationError("results row \(row.cellID) lacks a column; run again with --fresh") }
    (repetition, self.data, self.fold, batchSize, self.budget) = (Int(rep), data, Int(fold), Int(b), budget)
    (self.accuracy, self.updates, secondsPerEpoch) = (accuracy, updates, seconds)
  }
}

