import Datasets
import LabMath
import Optimizers

extension SequentialModel {
  /// Trains the model on labelled sequences (Keras's `model.fit`): `epochs` passes over the data in batches of
  /// `batchSize` (the last batch of an epoch may be smaller), one optimiser update per batch.
  ///
  /// - Parameters:
  ///   - x: the sequences, each a T x F matrix (rows are time steps), all of one length T.
  ///   - y: the class index of each sequence.
  ///   - validationSplit: the fraction of the data held out for validation, taken from the *end* of `x` before any
  ///     shuffling (as Keras does). Ignored when `validationData` is given.
  ///   - validationData: sequences and labels to validate on after every epoch.
  ///   - shuffle: whether to visit the training sequences in a new random order every epoch.
  ///   - seed: fixes everything random: the initial weights (when the model is not built yet) and the shuffles. The
  ///     same seed gives a bit-identical history (wall-clock times aside).
  ///   - progress: how progress is shown (`.automatic`: a live bar on a terminal, a line per epoch otherwise).
  /// - Returns: the history. When the loss or the gradient stops being finite, training stops, prints where, and
  ///   returns the history so far with `stopReason == .diverged(...)` (the model keeps its last good weights).
  /// - Throws: `TrainingError` for bad arguments or data, before any update.
  @discardableResult
  public mutating func fit(
    _ x: [Matrix<Scalar>], _ y: [Int], batchSize: Int = 32, epochs: Int = 1, validationSplit: Double = 0,
    validationData: (x: [Matrix<Scalar>], y: [Int])? = nil, shuffle: Bool = true, seed: UInt64 = 0,
    progress: ProgressStyle = .automatic
  ) throws -> History {
    let all = try SequenceSet(sequences: x, labels: y, classCount: classCount, call: "fit")
    let validation = try validationData.map {
      try SequenceSet(sequences: $0.x, labels: $0.y, classCount: classCount, call: "fit(validationData:)")
    }
    return try fit(
      all, batchSize: batchSize, epochs: epochs, validationSplit: validationSplit, validation: validation,
      shuffle: shuffle, seed: seed, progress: progress)
  }

  /// Trains the model on a data set part; see `fit(_:_:batchSize:...)`. The sequences must share one length T, or
  /// pass `resampledTo: T` to resample every sequence (training and validation) to T steps by linear interpolation:
  /// how a variable-length set trains, and how lessons vary T on real data.
  @discardableResult
  public mutating func fit(
    _ data: LabeledSequences, resampledTo steps: Int? = nil, batchSize: Int = 32, epochs: Int = 1,
    validationSplit: Double = 0, validationData: LabeledSequences? = nil, shuffle: Bool = true, seed: UInt64 = 0,
    progress: ProgressStyle = .automatic
  ) throws -> History {
    let all = try SequenceSet<Scalar>(data, resampledTo: steps, classCount: classCount, call: "fit")
    let validation = try validationData.map {
      try SequenceSet<Scalar>($0, resampledTo: steps, classCount: classCount, call: "fit(validationData:)")
    }
    return try fit(
      all, batchSize: batchSize, epochs: epochs, validationSplit: validationSplit, validation: validation,
      shuffle: shuffle, seed: seed, progress: progress)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  mutating func fit(
    _ all: SequenceSet<Scalar>, batchSize: Int, epochs: Int, validationSplit: Double,
    validation given: SequenceSet<Scalar>?, shuffle: Bool, seed: UInt64, progress: ProgressStyle
  ) throws -> History {
    guard optimizer != nil else { throw TrainingError.notCompiled(call: "fit") }
    try checkBatchSize(batchSize, call: "fit")
    guard epochs >= 0 else {
      throw TrainingError.invalidArgument(call: "fit", argument: "epochs", value: "\(epochs)", expected: "0 or more")
    }
    guard validationSplit >= 0, validationSplit < 1 else {
      throw TrainingError.invalidArgument(
        call: "fit", argument: "validationSplit", value: "\(validationSplit)", expected: "a fraction in [0, 1)")
    }
    // Keras's split: the last fraction of the samples, before shuffling.
    var training = all, validation = given
    if given == nil && validationSplit > 0 {
      let held = Int((Double(all.count) * validationSplit).rounded(.down))
      guard held >= 1, held < all.count else {
        throw TrainingError.invalidArgument(
          call: "fit", argument: "validationSplit", value: "\(validationSplit) of \(all.count) sequences",
          expected: "a fraction that leaves at least one sequence on each side")
      }
      training = all.subset(0..<all.count - held)
      validation = all.subset(all.count - held..<all.count)
    }
    if let validation, validation.steps != training.steps || validation.features != training.features {
      throw TrainingError.invalidData(
        call: "fit", problem: "validation sequences are \(validation.steps) x \(validation.features), training "
          + "sequences \(training.steps) x \(training.features)", fix: "Give both the same length and features.")
    }
    if !isBuilt { try build(inputFeatures: training.features, seed: seed) }
    try checkBatch(training.timeMajorBatch([0]), steps: training.steps, labels: [training.labels[0]], call: "fit")

    var history = History()
    history.parameterCount = parameterCount
    history.batchSize = batchSize
    history.steps = training.steps
    history.trainingSamples = training.count
    history.validationSamples = validation?.count ?? 0

    var shuffler = SeededGenerator.derived(seed: seed, stream: 0x5_4FF1E)
    let batchCount = (training.count + batchSize - 1) / batchSize
    var reporter = ProgressReporter(style: progress, epochs: epochs, batchesPerEpoch: batchCount)
    let clock = ContinuousClock()

    guard epochs > 0 else { return history }
    for epoch in 1...epochs {
      reporter.beginEpoch()
      let start = clock.now
      let order = shuffle ? shuffler.permutation(training.count) : Array(0..<training.count)
      var lossSum = 0.0, correct = 0
      for (index, chunk) in consecutiveBatches(of: order, batchSize: batchSize).enumerated() {
        let x = training.timeMajorBatch(chunk), labels = training.labels(chunk)
        let step: StepResult
        do {
          step = try trainStep(x: x, steps: training.steps, labels: labels)
        } catch var divergence as Divergence {
          divergence.epoch = epoch
          divergence.batch = index + 1
          if let remedy = divergenceRemedy { divergence.remedy = remedy }
          history.stopReason = .diverged(divergence)
          reporter.stopped(divergence)
          return history
        }
        history.tapeBytes = max(history.tapeBytes, step.tapeBytes)
        history.updates.append(
          History.Update(
            epoch: epoch, batch: index + 1, loss: step.loss, accuracy: step.accuracy, gradientNorm: step.gradientNorm,
            learningRate: step.learningRate))
        lossSum += step.loss * Double(chunk.count)
        correct += step.correct
        reporter.batchFinished(epoch: epoch, batch: index + 1, step: step)
      }
      let elapsed = clock.now - start
      var record = History.Epoch(
        epoch: epoch, loss: lossSum / Double(training.count), accuracy: Double(correct) / Double(training.count),
        validationLoss: nil, validationAccuracy: nil, seconds: seconds(elapsed), updates: batchCount)
      if let validation {
        let result = try evaluate(validation, batchSize: batchSize)
        record.validationLoss = result.loss
        record.validationAccuracy = result.accuracy
      }
      history.epochs.append(record)
      reporter.epochFinished(record)
    }
    return history
  }
}
