import LabMath
import Recurrent
import Training
import XCTest

final class MemoryCalculatorTests: XCTestCase {
  func testAHandWorkedConfigurationGivesTheFormulasBytes() throws {
    // T = 200, B = 16, F = 5, H = 64, one layer, C = 2, Float (4 bytes), Adam (2 slots).
    let calculator = try MemoryCalculator(steps: 200, batchSize: 16, inputSize: 5, hiddenSize: 64, classes: 2)
    // P = 4*64*(5 + 64 + 1) + 2*(64 + 1) = 17920 + 130 = 18050.
    XCTAssertEqual(calculator.parameterCount, 18050)
    let full = calculator.breakdown(.full)
    XCTAssertEqual(full.parameters, 72_200)
    XCTAssertEqual(full.gradients, 72_200)
    XCTAssertEqual(full.optimizerState, 144_400)
    // Tape: 200*16*(5 + 7*64) + 2*16*64 = 3200*453 + 2048 = 1_451_648 scalars = 5_806_592 bytes.
    XCTAssertEqual(full.activations, 5_806_592)
    // Workspace: 200*16*(256 + 5 + 64) = 1_040_000 scalars.
    XCTAssertEqual(full.workspace, 4_160_000)
    // Truncated to 20 steps: 20*16*453 + 2048 = 147_008 scalars.
    XCTAssertEqual(calculator.breakdown(.truncated(window: 20)).activations, 588_032)
    // Checkpointed every 15 steps (ceil(sqrt 200) = 15, S = ceil(200/15) = 14 segments): inputs 200*16*5 = 16_000,
    // checkpoints 2*14*16*64 = 28_672, (h_T, c_T) 2*16*64 = 2_048, one segment's tape 15*16*453 + 2048 = 110_768:
    // 157_488 scalars.
    XCTAssertEqual(MemoryCalculator.defaultSegment(steps: 200), 15)
    XCTAssertEqual(calculator.breakdown(.checkpointed(segment: 15)).activations, 629_952)
  }

  func testStackedLayersUseHiddenSizedInputsAboveTheFirst() throws {
    let one = try MemoryCalculator(steps: 10, batchSize: 3, inputSize: 4, hiddenSize: 5, layers: 1, classes: 3)
    let two = try MemoryCalculator(steps: 10, batchSize: 3, inputSize: 4, hiddenSize: 5, layers: 2, classes: 3)
    XCTAssertEqual(two.parameterCount - one.parameterCount, 4 * 5 * (5 + 5 + 1))
    XCTAssertEqual(two.breakdown(.full).activations - one.breakdown(.full).activations, (10 * 3 * (5 + 35) + 2 * 3 * 5) * 4)
  }

  func testTheLargestBatchIsTheLastThatFits() throws {
    for steps in [1, 7, 100, 1000] {
      for mode in [BPTTMode.full, .truncated(window: 16), .checkpointed(segment: MemoryCalculator.defaultSegment(steps: steps))] {
        for budget in [1 << 20, 50 << 20, 8 << 30] {
          let calculator = try MemoryCalculator(steps: steps, batchSize: 1, inputSize: 3, hiddenSize: 32, layers: 2)
          let b = calculator.largestBatch(mode, fitting: budget)
          if b > 0 { XCTAssertLessThanOrEqual(calculator.breakdown(mode, batchSize: b).total, budget) }
          XCTAssertGreaterThan(calculator.breakdown(mode, batchSize: b + 1).total, budget, "T \(steps) \(mode) budget \(budget)")
        }
      }
    }
  }

  func testFullBPTTsLargestBatchFallsAsOneOverT() throws {
    let budget = 8 << 30
    let short = try MemoryCalculator(steps: 500, batchSize: 1, inputSize: 1, hiddenSize: 128).largestBatch(.full, fitting: budget)
    let long = try MemoryCalculator(steps: 2000, batchSize: 1, inputSize: 1, hiddenSize: 128).largestBatch(.full, fitting: budget)
    XCTAssertEqual(Double(short) / Double(long), 4, accuracy: 0.05)  // 4x the steps, a quarter of the batch
    // Checkpointing lets a far larger batch fit at the long T.
    let checkpointed = try MemoryCalculator(steps: 2000, batchSize: 1, inputSize: 1, hiddenSize: 128)
      .largestBatch(.checkpointed(segment: 45), fitting: budget)
    XCTAssertGreaterThan(checkpointed, 5 * long)
  }

  func testAWindowAsLongAsTheSequenceIsFullBPTT() throws {
    let calculator = try MemoryCalculator(steps: 50, batchSize: 8, inputSize: 2, hiddenSize: 16)
    XCTAssertEqual(calculator.breakdown(.truncated(window: 50)), calculator.breakdown(.full))
    XCTAssertEqual(calculator.breakdown(.truncated(window: 500)), calculator.breakdown(.full))
  }

  func testInvalidConfigurationsAreRejected() {
    XCTAssertThrowsError(try MemoryCalculator(steps: 0, batchSize: 1, inputSize: 1, hiddenSize: 1)) { error in
      XCTAssertEqual("\(error)", "steps = 0 is not allowed: it must be at least 1.")
    }
    XCTAssertThrowsError(try MemoryCalculator(steps: 1, batchSize: 1, inputSize: 1, hiddenSize: 1, bytesPerScalar: 3))
  }

  func testByteSizesParseInSIAndBinaryUnits() throws {
    XCTAssertEqual(try ByteSize(parsing: "16GiB", flag: "--budget").bytes, 16 * 1024 * 1024 * 1024)
    XCTAssertEqual(try ByteSize(parsing: "512MB", flag: "--budget").bytes, 512_000_000)
    XCTAssertEqual(try ByteSize(parsing: " 1.5 gib ", flag: "--budget").bytes, 1_610_612_736)
    XCTAssertEqual(try ByteSize(parsing: "800000", flag: "--budget").bytes, 800_000)
    XCTAssertEqual(try ByteSize(parsing: "2kB", flag: "--budget").bytes, 2000)
    XCTAssertEqual(ByteSize(bytes: 1_610_612_736).description, "1.5 GiB")
    XCTAssertEqual(ByteSize(bytes: 640).description, "640 B")
    XCTAssertEqual(ByteSize(bytes: 5_806_592).description, "5.54 MiB")
  }

  func testBadByteSizesAreRejectedNamingTheFlag() {
    for text in ["16XB", "GiB", "", "0", "0.1B", "-5GB", "16G", "1e99TB"] {
      XCTAssertThrowsError(try ByteSize(parsing: text, flag: "--budget"), text) { error in
        XCTAssertTrue("\(error)".hasPrefix("--budget: cannot read \"\(text)\""), "\(error)")
      }
    }
    XCTAssertThrowsError(try ByteSize(parsing: "16G", flag: "--budget")) { error in
      XCTAssertTrue("\(error)".contains("ambiguous"), "\(error)")
    }
  }
}

/// The calculator's activation bytes against the tapes the Recurrent layers actually hold.
final class MemoryCalculatorMeasuredTests: XCTestCase {
  func testActivationsEqualTheMeasuredTapeOfFullTruncatedAndCheckpointedBPTT() throws {
    var rng = SeededGenerator(seed: 2)
    for (steps, batch, features, hidden) in [(1, 1, 1, 1), (7, 3, 2, 5), (30, 4, 3, 8)] {
      let lstm = LSTM<Float>(inputSize: features, hiddenSize: hidden, using: &rng)
      let x: Matrix<Float> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
      let calculator = try MemoryCalculator(steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden)
      XCTAssertEqual(try lstm.forward(x, steps: steps).byteCount, calculator.breakdown(.full).activations)
      let dH = Matrix<Float>(rows: steps * batch, columns: hidden, repeating: 1)
      for window in [1, 4, 100] {
        let truncated = try lstm.truncatedGradients(x, steps: steps, window: window, hiddenGradient: dH)
        XCTAssertEqual(truncated.peakTapeBytes, calculator.breakdown(.truncated(window: window)).activations, "T \(steps) k \(window)")
        let checkpointed = try lstm.checkpointedGradients(x, steps: steps, interval: window, hiddenGradient: dH)
        XCTAssertEqual(
          checkpointed.peakTapeBytes, calculator.breakdown(.checkpointed(segment: window)).activations, "T \(steps) k \(window)")
      }
      // Double precision: 8 bytes per scalar.
      let lstm64 = LSTM<Double>(inputSize: features, hiddenSize: hidden, using: &rng)
      let calculator64 = try MemoryCalculator(steps: steps, batchSize: batch, inputSize: features, hiddenSize: hidden, bytesPerScalar: 8)
      XCTAssertEqual(try lstm64.forward(x.converted(to: Double.self), steps: steps).byteCount, calculator64.breakdown(.full).activations)
    }
  }

  /// Sizes beyond 64 bits saturate at Int.max (they never trap), and the closed form over layers (layer 0 reads F,
  /// the others H) equals the sum written out layer by layer.
  func testAbsurdSizesSaturateInsteadOfTrappingAndLayersSumInClosedForm() throws {
    let huge = try MemoryCalculator(steps: 24, batchSize: 32, inputSize: 1, hiddenSize: 1_000_000_000)
    XCTAssertEqual(huge.parameterCount, 4 * 1_000_000_000 * (1 + 1_000_000_000 + 1) + 2 * (1_000_000_000 + 1))
    XCTAssertFalse(huge.breakdown(.full).fitsInInt)  // 4H*(H+2)*4 bytes * 4 (params, grads, Adam's two) > 2^63
    XCTAssertEqual(huge.breakdown(.full).total, Int.max)
    XCTAssertEqual(huge.largestBatch(.full, fitting: 1 << 40), 0)

    let deep = try MemoryCalculator(steps: 24, batchSize: 32, inputSize: 1, hiddenSize: 8, layers: Int.max)
    XCTAssertEqual(deep.parameterCount, Int.max)
    for mode in [BPTTMode.full, .truncated(window: 5), .checkpointed(segment: 5)] {
      XCTAssertEqual(deep.breakdown(mode).total, Int.max, "\(mode)")
    }

    // Three layers, term by term from the documented formulas.
    let (t, b, f, h, c) = (10, 4, 3, 5, 2)
    let three = try MemoryCalculator(steps: t, batchSize: b, inputSize: f, hiddenSize: h, layers: 3, classes: c)
    let inputs = [f, h, h]
    XCTAssertEqual(three.parameterCount, inputs.reduce(0) { $0 + 4 * h * ($1 + h + 1) } + c * (h + 1))
    let tape = { (n: Int, fl: Int) in n * b * (fl + 7 * h) + 2 * b * h }
    XCTAssertEqual(three.breakdown(.full).activations, inputs.reduce(0) { $0 + tape(t, $1) } * 4)
    let k = 3, segments = 4  // ceil(10 / 3)
    let stored = inputs.reduce(0) { $0 + t * b * $1 + 2 * segments * b * h + 2 * b * h }
    XCTAssertEqual(three.breakdown(.checkpointed(segment: k)).activations, (stored + inputs.map { tape(k, $0) }.max()!) * 4)
    XCTAssertEqual(three.breakdown(.truncated(window: k)).workspace, k * b * (4 * h + max(f, h) + h) * 4)
    XCTAssertTrue(three.breakdown(.full).fitsInInt)
  }

  func testCheckedSizeReportsOverflowAndNegativeFactors() {
    XCTAssertEqual(CheckedSize.product(3, 5, 7), 105)
    XCTAssertNil(CheckedSize.product(1 << 32, 1 << 31))
    XCTAssertEqual(CheckedSize.product(1 << 31, 1 << 31), 1 << 62)
    XCTAssertNil(CheckedSize.product(-1, 2))
    XCTAssertNil(CheckedSize.sum(Int.max, 1))
    XCTAssertEqual(CheckedSize.saturatingSum(Int.max, 1), Int.max)
    XCTAssertEqual(CheckedSize.saturatingProduct(Int.max, 2), Int.max)
  }
}
