import LSTMLab
import XCTest

/// What the batch-size lessons (`batch-tradeoffs`, `noise-scale`, `optimal-batch`) rest on, checked on a small LSTM
/// classifier against computations done here independently: per-sequence gradients (batches of one) and an exact
/// enumeration of every batch that sampling with replacement can draw.
final class BatchNoiseScaleTests: XCTestCase {
  /// N sequences of T steps and F features with random labels, and an LSTM(H) -> Dense(C, softmax) model in Double.
  func smallProblem(
    count: Int = 5, steps: Int = 4, features: Int = 2, hidden: Int = 3, classes: Int = 3, seed: UInt64 = 7
  ) throws -> (model: SequentialModel<Double>, data: LabeledSequences) {
    var rng = SeededGenerator(seed: seed)
    let sequences: [Matrix<Float>] = (0..<count).map { _ in rng.uniformMatrix(rows: steps, columns: features, -1, 1) }
    let labels = (0..<count).map { _ in rng.nextInt(below: classes) }
    let data = LabeledSequences(
      name: "small", sequences: sequences, labels: labels, classNames: (0..<classes).map { "c\($0)" }, featureCount: features)
    var model = SequentialModel<Double> {
      Layers.LSTM(units: hidden)
      Layers.Dense(units: classes, activation: .softmax)
    }
    try model.build(inputFeatures: features, seed: seed)
    return (model, data)
  }

  /// The gradient of the mean loss over the sequences `indices` (repeats allowed), flattened in Double.
  func gradient(_ model: SequentialModel<Double>, _ data: LabeledSequences, _ indices: [Int]) throws -> [Double] {
    let (x, steps, labels) = try data.timeMajorBatch(indices: indices)
    return try model.lossAndGradients(x: x.converted(to: Double.self), steps: steps, labels: labels).gradients.flatMap(\.scalars)
  }

  func squaredNorm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }

  /// Every ordered batch of `size` indices from 0 ..< n (n^size of them): sampling with replacement, enumerated.
  func allBatches(n: Int, size: Int) -> [[Int]] {
    (0..<size).reduce([[]]) { partial, _ in partial.flatMap { prefix in (0..<n).map { prefix + [$0] } } }
  }

  /// Population statistics from per-sequence gradients: G = mean g_i, tr(Sigma) = mean |g_i - G|^2 (dividing by N).
  func populationStatistics(_ perSequence: [[Double]]) -> (signal: Double, trace: Double) {
    let n = Double(perSequence.count)
    let mean = perSequence.dropFirst().reduce(perSequence[0]) { zip($0, $1).map(+) }.map { $0 / n }
    let trace = perSequence.map { g in squaredNorm(zip(g, mean).map(-)) }.reduce(0, +) / n
    return (squaredNorm(mean), trace)
  }

  /// The lessons measure a batch gradient and treat it as the mean of the per-sequence gradients (the loss is a mean
  /// over the batch). Checked against B calls with one sequence each, for a batch with a repeated sequence.
  func testBatchGradientIsTheMeanOfPerSequenceGradients() throws {
    let (model, data) = try smallProblem()
    let batch = [3, 0, 3, 1]
    let together = try gradient(model, data, batch)
    let alone = try batch.map { try gradient(model, data, [$0]) }
    let mean = alone.dropFirst().reduce(alone[0]) { zip($0, $1).map(+) }.map { $0 / Double(batch.count) }
    XCTAssertEqual(together.count, mean.count)
    for (a, b) in zip(together, mean) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, abs(b))) }
  }

  /// E|g_B|^2 = |G|^2 + tr(Sigma)/B for batches drawn with replacement: the identity part 1 of `noise-scale` plots.
  /// The expectation is an exact average over all N^B ordered batches; |G|^2 and tr(Sigma) come from the N
  /// per-sequence gradients alone.
  func testExpectedSquaredBatchNormIsSignalPlusNoiseOverB() throws {
    let (model, data) = try smallProblem()
    let perSequence = try (0..<data.count).map { try gradient(model, data, [$0]) }
    let (signal, trace) = populationStatistics(perSequence)
    XCTAssertGreaterThan(trace, 0)
    for b in [1, 2, 3] {
      let batches = allBatches(n: data.count, size: b)
      let expected = try batches.map { squaredNorm(try gradient(model, data, $0)) }.reduce(0, +) / Double(batches.count)
      XCTAssertEqual(expected, signal + trace / Double(b), accuracy: 1e-10 * (signal + trace), "B = \(b)")
    }
  }

  /// The library's `PerExampleGradientStatistics(model:data:)`, used by `noise-scale` and `optimal-batch`, against the
  /// population statistics computed here from per-sequence gradients (two passes), and against the exact average of
  /// |g_B|^2 over all N^2 ordered batches of two.
  func testPerExampleStatisticsOfAModelMatchPerSequenceGradients() throws {
    let (model, data) = try smallProblem(seed: 13)
    let perSequence = try (0..<data.count).map { try gradient(model, data, [$0]) }
    let (signal, trace) = populationStatistics(perSequence)
    let stats = try PerExampleGradientStatistics(model: model, data: data)
    XCTAssertEqual(stats.count, data.count)
    XCTAssertEqual(stats.gradientSquaredNorm, signal, accuracy: 1e-12 * (signal + trace))
    XCTAssertEqual(stats.traceCovariance, trace, accuracy: 1e-12 * (signal + trace))
    XCTAssertEqual(stats.simpleNoiseScale, trace / signal, accuracy: 1e-10 * trace / signal)
    let batches = allBatches(n: data.count, size: 2)
    let expected = try batches.map { squaredNorm(try gradient(model, data, $0)) }.reduce(0, +) / Double(batches.count)
    XCTAssertEqual(stats.expectedBatchSquaredNorm(batch: 2), expected, accuracy: 1e-10 * (signal + trace))
  }

  /// The two-batch formulas of McCandlish et al. (Appendix A), fed the exact expectations of |g_small|^2 and
  /// |g_big|^2, return exactly |G|^2 and tr(Sigma) of the population, so B_simple = tr(Sigma)/|G|^2.
  func testTwoBatchEstimatesFromExactExpectationsAreThePopulationValues() throws {
    let (model, data) = try smallProblem(count: 4, seed: 21)
    let perSequence = try (0..<data.count).map { try gradient(model, data, [$0]) }
    let (signal, trace) = populationStatistics(perSequence)
    func expectation(_ b: Int) throws -> Double {
      let batches = allBatches(n: data.count, size: b)
      return try batches.map { squaredNorm(try gradient(model, data, $0)) }.reduce(0, +) / Double(batches.count)
    }
    let sample = try NoiseScaleSample<Double>(
      smallBatch: 1, smallSquaredNorm: try expectation(1), bigBatch: 3, bigSquaredNorm: try expectation(3))
    XCTAssertEqual(sample.gradientSquaredNorm, signal, accuracy: 1e-10 * (signal + trace))
    XCTAssertEqual(sample.traceCovariance, trace, accuracy: 1e-10 * (signal + trace))
    XCTAssertEqual(try XCTUnwrap(sample.simpleNoiseScale), trace / signal, accuracy: 1e-8 * trace / signal)
  }

  /// The estimator averages numerators and denominators over samples before dividing. Fed one sample per pair of
  /// (small batch, big batch) over every small batch of 1 and every big batch of 2 (all N x N^2 pairs, each once),
  /// its running means are the exact expectations, so it returns the population B_simple; the mean of the per-pair
  /// ratios does not (it is biased), which is why the lessons never average ratios.
  func testRunningMeanOverAllBatchPairsRecoversTheNoiseScale() throws {
    let (model, data) = try smallProblem(count: 4, seed: 5)
    let perSequence = try (0..<data.count).map { try gradient(model, data, [$0]) }
    let (signal, trace) = populationStatistics(perSequence)
    let small = perSequence.map(squaredNorm)
    let big = try allBatches(n: data.count, size: 2).map { squaredNorm(try gradient(model, data, $0)) }
    var estimator = try GradientNoiseScaleEstimator<Double>(smallBatch: 1, bigBatch: 2, averaging: .runningMean)
    var ratios: [Double] = []
    for s in small {
      for g in big {
        let sample = try NoiseScaleSample<Double>(smallBatch: 1, smallSquaredNorm: s, bigBatch: 2, bigSquaredNorm: g)
        estimator.add(sample)
        if let ratio = sample.simpleNoiseScale { ratios.append(ratio) }
      }
    }
    let estimate = try XCTUnwrap(estimator.simpleNoiseScale)
    XCTAssertEqual(estimate, trace / signal, accuracy: 1e-8 * trace / signal)
    let meanOfRatios = ratios.reduce(0, +) / Double(ratios.count)
    XCTAssertGreaterThan(abs(meanOfRatios / (trace / signal) - 1), 0.5, "the mean of per-pair ratios should be far off")
  }

  /// The mean of k small-batch gradients is a gradient over k B_small sequences: the `noise-scale` lesson's
  /// measurement builds |g_big|^2 this way, without a second forward pass. Checked against one call on the
  /// concatenated batch.
  func testMeanOfSmallBatchGradientsIsTheBigBatchGradient() throws {
    let (model, data) = try smallProblem(count: 6, seed: 9)
    let smallBatches = [[0, 4], [5, 5], [2, 1]]
    let parts = try smallBatches.map { try gradient(model, data, $0) }
    let mean = parts.dropFirst().reduce(parts[0]) { zip($0, $1).map(+) }.map { $0 / Double(parts.count) }
    let whole = try gradient(model, data, smallBatches.flatMap { $0 })
    for (a, b) in zip(mean, whole) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, abs(b))) }
  }

  /// The learning-rate rules of `batch-tradeoffs`: lr(B) = lr0 (B/B0) and lr0 sqrt(B/B0), worked by hand.
  func testLinearAndSquareRootRulesScaleTheRateFromTheBaseBatch() throws {
    XCTAssertEqual(try BatchSizeScaling.linear.learningRate(5e-3, tunedAt: 32, for: 256), 4e-2, accuracy: 1e-15)
    XCTAssertEqual(try BatchSizeScaling.linear.learningRate(5e-3, tunedAt: 32, for: 4), 6.25e-4, accuracy: 1e-15)
    XCTAssertEqual(try BatchSizeScaling.squareRoot.learningRate(5e-3, tunedAt: 32, for: 128), 1e-2, accuracy: 1e-15)
    XCTAssertEqual(try BatchSizeScaling.squareRoot.learningRate(5e-3, tunedAt: 32, for: 8), 2.5e-3, accuracy: 1e-15)
  }

  /// The memory budget of `optimal-batch` keeps B only if its step fits: the step's bytes grow by the same amount for
  /// every added sequence, and that amount is proportional to T (full BPTT), so doubling T halves the room for B.
  func testMemoryPerSequenceGrowsInProportionToTheSequenceLength() throws {
    func perSequence(_ t: Int) throws -> Int {
      let calculator = try MemoryCalculator(steps: t, batchSize: 1, inputSize: 3, hiddenSize: 16, classes: 3)
      return calculator.breakdown(.full, batchSize: 2).total - calculator.breakdown(.full, batchSize: 1).total
    }
    let (a, b) = (try perSequence(50), try perSequence(100))
    // tape T (F + 7H) + 2H, workspace T (4H + F + H) scalars per sequence, 4 bytes each (MemoryCalculator's terms).
    XCTAssertEqual(a, 4 * (50 * (3 + 7 * 16) + 2 * 16 + 50 * (4 * 16 + 3 + 16)))
    XCTAssertEqual(b - 4 * 2 * 16, 2 * (a - 4 * 2 * 16))
  }
}
