import LabMath
import Optimizers
import Recurrent
import Training
import XCTest

/// The memory calculator's figures against what running layers actually hold, for every configuration the library
/// can run: checkpointed BPTT, stacked layers in all three BPTT modes, Float and Double, and the parameter, gradient
/// and Adam-state bytes of a built model. "Measured" means added up from the matrices the layers and the optimiser
/// really store (`byteCount`, `peakTapeBytes`, `count`), never from a formula. (Full and truncated BPTT of one layer
/// are checked in MemoryCalculatorTests.swift.)
final class MemoryCalculatorMeasuredTapeTests: XCTestCase {
  /// (T, B, F, H): a single step, odd sizes, and T not a multiple of the segment.
  let shapes = [(1, 1, 1, 1), (7, 3, 2, 5), (30, 4, 3, 8), (25, 2, 1, 4)]

  func testCheckpointedActivationsEqualThePeakTapeOfCheckpointedBPTT() throws {
    var rng = SeededGenerator(seed: 11)
    for (steps, batch, features, hidden) in shapes {
      let lstm = LSTM<Float>(inputSize: features, hiddenSize: hidden, using: &rng)
      let lstm64 = LSTM<Double>(inputSize: features, hiddenSize: hidden, using: &rng)
      let x: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
      let dH: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
      let calculator = try MemoryCalculator(steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden)
      let calculator64 = try MemoryCalculator(
        steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, bytesPerScalar: 8)
      let segments = [1, 3, MemoryCalculator.defaultSegment(steps: steps), steps, steps + 4]
      for segment in segments {
        let measured = try lstm.checkpointedGradients(x, steps: steps, interval: segment, hiddenGradient: dH).peakTapeBytes
        XCTAssertEqual(
          measured, calculator.breakdown(.checkpointed(segment: segment)).activations,
          "T \(steps) B \(batch) F \(features) H \(hidden) k \(segment)")
        let measured64 = try lstm64.checkpointedGradients(
          x.converted(to: Double.self), steps: steps, interval: segment, hiddenGradient: dH.converted(to: Double.self)
        ).peakTapeBytes
        XCTAssertEqual(measured64, calculator64.breakdown(.checkpointed(segment: segment)).activations, "Double, k \(segment)")
      }
    }
  }

  func testTheDefaultSegmentIsTheOneCheckpointedBPTTUses() throws {
    var rng = SeededGenerator(seed: 12)
    for steps in [1, 2, 8, 50, 200] {
      let lstm = LSTM<Float>(inputSize: 2, hiddenSize: 3, using: &rng)
      let tape = try lstm.checkpointedForward(rng.uniformMatrix(rows: steps * 2, columns: 2, -1, 1), steps: steps)
      XCTAssertEqual(tape.interval, MemoryCalculator.defaultSegment(steps: steps), "T \(steps)")
    }
  }

  /// Stacked layers, run as a stacked model runs them: layer l + 1 reads layer l's outputs h (T*B x H).
  func testStackedLayersNeedTheMeasuredTapesOfEveryLayer() throws {
    var rng = SeededGenerator(seed: 13)
    let (steps, batch, features, hidden, window) = (12, 3, 2, 4, 5)
    for layers in [2, 3] {
      let calculator = try MemoryCalculator(
        steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, layers: layers)
      var input: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
      var full = 0, truncated = 0, stored = 0, largestSegment = 0
      for layer in 0..<layers {
        let lstm = LSTM<Float>(inputSize: layer == 0 ? features : hidden, hiddenSize: hidden, using: &rng)
        let dH: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
        let tape = try lstm.forward(input, steps: steps)
        full += tape.byteCount
        // A stacked truncated model holds one window's tape in every layer at once.
        truncated += try lstm.truncatedGradients(input, steps: steps, window: window, hiddenGradient: dH).peakTapeBytes
        // Checkpointed: every layer keeps its checkpoint tape; the backward pass replays one layer's segment at a time.
        let checkpoints = try lstm.checkpointedForward(input, steps: steps, interval: window)
        let peak = try lstm.checkpointedGradients(input, steps: steps, interval: window, hiddenGradient: dH).peakTapeBytes
        stored += checkpoints.byteCount
        largestSegment = max(largestSegment, peak - checkpoints.byteCount)
        input = tape.hidden
      }
      XCTAssertEqual(full, calculator.breakdown(.full).activations, "\(layers) layers, full")
      XCTAssertEqual(truncated, calculator.breakdown(.truncated(window: window)).activations, "\(layers) layers, truncated")
      XCTAssertEqual(
        stored + largestSegment, calculator.breakdown(.checkpointed(segment: window)).activations,
        "\(layers) layers, checkpointed")
    }
  }

  /// Parameters, gradients and Adam's moments of a built stack of LSTM layers with a Dense head, counted from the
  /// matrices themselves after one real update.
  func testParameterGradientAndAdamBytesEqualTheMatricesOfABuiltModel() throws {
    var rng = SeededGenerator(seed: 14)
    let (steps, batch, features, hidden, classes) = (6, 3, 5, 7, 4)
    for layers in [1, 2] {
      var lstms = (0..<layers).map { LSTM<Float>(inputSize: $0 == 0 ? features : hidden, hiddenSize: hidden, using: &rng) }
      var head = Dense<Float>(inputSize: hidden, outputSize: classes, using: &rng)
      // One forward and backward pass through the stack, loss on h_T.
      var input: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
      var tapes: [LSTMTape<Float>] = []
      for lstm in lstms {
        let tape = try lstm.forward(input, steps: steps)
        tapes.append(tape)
        input = tape.hidden
      }
      let last = tapes.last!.lastHidden
      let (_, dLogits) = try softmaxCrossEntropy(logits: try head.forward(last), labels: (0..<batch).map { $0 % classes })
      let headGradients = head.backward(x: last, outputGradient: dLogits)
      var dH = Matrix<Float>(rows: steps * batch, columns: hidden)
      dH.setRows(startingAt: (steps - 1) * batch, to: headGradients.dX)
      var gradients: [[Matrix<Float>]] = []
      for (lstm, tape) in zip(lstms, tapes).reversed() {
        let g = lstm.backward(tape, hiddenGradient: dH)
        gradients.insert(g.parameterGradients, at: 0)
        dH = g.dX
      }
      var parameters = lstms.flatMap(\.parameters) + head.parameters
      let allGradients = gradients.flatMap { $0 } + [headGradients.dW, headGradients.db]
      var adam = Adam<Float>()
      try adam.update(&parameters, gradients: allGradients)
      for index in lstms.indices { lstms[index].parameters = Array(parameters[3 * index..<3 * index + 3]) }
      head.parameters = Array(parameters[(3 * layers)...])

      let calculator = try MemoryCalculator(
        steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, layers: layers, classes: classes)
      let breakdown = calculator.breakdown(.full)
      let bytes = { (matrices: [Matrix<Float>]) in matrices.reduce(0) { $0 + $1.count } * Float.byteCount }
      XCTAssertEqual(calculator.parameterCount, lstms.reduce(0) { $0 + $1.parameterCount } + head.parameterCount)
      XCTAssertEqual(breakdown.parameters, bytes(lstms.flatMap(\.parameters) + head.parameters), "\(layers) layers")
      XCTAssertEqual(breakdown.gradients, bytes(allGradients), "\(layers) layers")
      XCTAssertEqual(breakdown.optimizerState, bytes(adam.firstMoments + adam.secondMoments), "\(layers) layers")
      XCTAssertEqual(breakdown.activations, tapes.reduce(0) { $0 + $1.byteCount }, "\(layers) layers")
    }
  }

  /// A built Sequential model reports the bytes of the tapes its forward pass kept; for stacked LSTM layers and a
  /// Dense head they are the calculator's full-BPTT activations, and its parameters and gradients the calculator's.
  func testASequentialModelsTapeBytesAndParametersEqualTheCalculator() throws {
    var rng = SeededGenerator(seed: 16)
    let (steps, batch, features, hidden, classes) = (9, 4, 3, 5, 3)
    for layers in [1, 2, 3] {
      var specs: [LayerSpec] = (0..<layers).map { layer in
        Layers.LSTM(units: hidden, returnSequences: layer < layers - 1).layerSpec
      }
      specs.append(Layers.Dense(units: classes, activation: .softmax).layerSpec)
      var model = SequentialModel<Float>(layers: specs)
      try model.build(inputFeatures: features, seed: 3)
      let x: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
      let result = try model.lossAndGradients(x: x, steps: steps, labels: (0..<batch).map { $0 % classes })
      let calculator = try MemoryCalculator(
        steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, layers: layers, classes: classes)
      let breakdown = calculator.breakdown(.full)
      XCTAssertEqual(result.tapeBytes, breakdown.activations, "\(layers) layers")
      XCTAssertEqual(model.parameterCount, calculator.parameterCount, "\(layers) layers")
      XCTAssertEqual(result.gradients.reduce(0) { $0 + $1.count } * Float.byteCount, breakdown.gradients, "\(layers) layers")
    }
  }

  /// Whatever the mode, the measured tape at the calculator's largest batch fits the budget's share left for it, and
  /// the tape one sequence larger would not (the calculator's other terms, added the same way at both sizes).
  func testTheLargestBatchIsWhereTheMeasuredTapeStopsFitting() throws {
    var rng = SeededGenerator(seed: 15)
    let (steps, features, hidden, window) = (20, 2, 6, 4)
    let lstm = LSTM<Float>(inputSize: features, hiddenSize: hidden, using: &rng)
    let budget = 200_000
    let modes: [BPTTMode] = [.full, .truncated(window: window), .checkpointed(segment: window)]
    for mode in modes {
      let calculator = try MemoryCalculator(steps: steps, batchSize: 1, inputSize: features, hiddenSize: hidden)
      let largest = calculator.largestBatch(mode, fitting: budget)
      XCTAssertGreaterThan(largest, 0, "\(mode)")
      for (batch, fits) in [(largest, true), (largest + 1, false)] {
        let x: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
        let dH: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: hidden, -1, 1)
        let tape: Int
        switch mode {
        case .full: tape = try lstm.forward(x, steps: steps).byteCount
        case .truncated(let k): tape = try lstm.truncatedGradients(x, steps: steps, window: k, hiddenGradient: dH).peakTapeBytes
        case .checkpointed(let k): tape = try lstm.checkpointedGradients(x, steps: steps, interval: k, hiddenGradient: dH).peakTapeBytes
        }
        let other = calculator.breakdown(mode, batchSize: batch)
        let total = tape + other.parameters + other.gradients + other.optimizerState + other.workspace
        XCTAssertEqual(total <= budget, fits, "\(mode) at B = \(batch): \(total) bytes against a budget of \(budget)")
      }
    }
  }
}
