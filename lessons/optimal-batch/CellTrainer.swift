import Foundation
import LSTMLab

// MARK: - One cell: train, watch the validation curve, stop at the epoch and time budgets

/// What a cell trains and where it stops.
struct CellTrainer: Sendable {
  var hidden: Int
  /// E, the epoch budget.
  var epochs: Int
  /// The most epochs the time budget may buy, as a multiple of E.
  var timeCap: Double
  /// Validation checkpoints spread evenly over the epoch budget (the curve that steps-to-target is read from).
  var checkpoints: Int

  /// Validation accuracy and loss after E epochs and at the time budget, the epochs the time budget bought, whether
  /// training diverged, and the validation accuracy `acc<j>` after `ex<j>` training examples at each checkpoint.
  var metricNames: [String] {
    ["accEpochs", "lossEpochs", "accTime", "lossTime", "epochsTime", "diverged"]
      + (1...checkpoints).flatMap { ["acc\($0)", "ex\($0)"] }
  }

  static func model(hidden: Int, classes: Int, learningRate: Double) -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: classes, activation: .softmax)
    }
    model.compile(optimizer: Adam<Float>(learningRate: learningRate))
    return model
  }

  /// Trains on `train` in shuffled batches of `batchSize` until both E epochs and `timeEpochs` epochs of examples are
  /// done, evaluating `validation` at every checkpoint (j/C of the epoch budget, j = 1 ... C; the last one is the
  /// epoch budget) and at the time budget. Every cell of one replicate starts from the same weights (`weightSeed`),
  /// so B and lr are compared on common random numbers.
  func run(
    train: LabeledSequences, validation: LabeledSequences, classes: Int, batchSize: Int, learningRate: Double,
    weightSeed: UInt64, timeEpochs: Double
  ) throws -> [String: Double] {
    var model = Self.model(hidden: hidden, classes: classes, learningRate: learningRate)
    var initRNG = SeededGenerator.derived(seed: weightSeed, stream: 101)
    var batchRNG = SeededGenerator.derived(seed: weightSeed, stream: 102)
    try model.build(inputFeatures: train.featureCount, using: &initRNG)

    let n = Double(train.count)
    let epochPoint = Double(epochs) * n, timePoint = (timeEpochs * n).rounded(.up)
    var metrics: [String: Double] = ["epochsTime": timeEpochs, "diverged": 0]
    var examples = 0.0, nextCheckpoint = 1, timeDone = false
    var lastEvaluation: (examples: Double, result: Evaluation)? = nil
    func evaluate() throws -> Evaluation {
      if let last = lastEvaluation, last.examples == examples { return last.result }
      let result = try model.evaluate(validation, batchSize: 256)
      lastEvaluation = (examples, result)
      return result
    }
    training: while nextCheckpoint <= checkpoints || !timeDone {
      for batch in try minibatches(count: train.count, batchSize: batchSize, using: &batchRNG) {
        let (x, steps, labels) = try train.timeMajorBatch(indices: batch)
        do {
          try model.trainStep(x: x, steps: steps, labels: labels)
        } catch is Divergence {
          metrics["diverged"] = 1
          break training
        }
        examples += Double(batch.count)
        while nextCheckpoint <= checkpoints, examples >= epochPoint * Double(nextCheckpoint) / Double(checkpoints) {
          let result = try evaluate()
          metrics["acc\(nextCheckpoint)"] = result.accuracy
          metrics["ex\(nextCheckpoint)"] = examples
          if nextCheckpoint == checkpoints { (metrics["accEpochs"], metrics["lossEpochs"]) = (result.accuracy, result.loss) }
          nextCheckpoint += 1
        }
        if !timeDone && examples >= timePoint {
          let result = try evaluate()
          (metrics["accTime"], metrics["lossTime"]) = (result.accuracy, result.loss)
          timeDone = true
        }
        if nextCheckpoint > checkpoints && timeDone { break training }
      }
    }
    // A diverged run has no accuracy from the divergence on: its missing values are NaN.
    for key in metricNames where metrics[key] == nil { metrics[key] = .nan }
    return metrics
  }
}
