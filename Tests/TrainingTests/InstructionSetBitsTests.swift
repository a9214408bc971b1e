import LabKernels
import LabMath
import Optimizers
import Recurrent
import Training
import XCTest

/// A training on the AVX2 products gives the same bits as on the AVX-512 products, so a machine with AVX2 but not
/// AVX-512 reproduces results computed with AVX-512 (the committed gallery) bit for bit: the products sum k in the
/// same blocks (128) with the same fused multiply-adds, and the dot kernel keeps 64 bytes of lanes on both. The model
/// takes every path that depended on the vector width: an LSTM of 16 units (the narrow AVX-512 tile), one of 64
/// (dz_t U^T and dx = dZ W^T over k = 256, past one block of k), and a Dense layer of 2 units over 64 inputs (the dot
/// kernel). (The pointwise loops are picked by the loader, not by the limit; their AVX2 and AVX-512 versions were
/// compared by compiling them for both, LabKernels' pointwise.c.)
final class InstructionSetBitsTests: XCTestCase {
  override func tearDown() {
    lab_limit_instruction_set(2)
    super.tearDown()
  }

  private func train(instructionSet level: Int32) throws -> (parameters: [Matrix<Float>], losses: [Double]) {
    lab_limit_instruction_set(level)
    defer { lab_limit_instruction_set(2) }
    var model = Sequential {
      Layers.LSTM(units: 16, returnSequences: true)
      Layers.LSTM(units: 64)
      Layers.Dense(units: 2, activation: .softmax)
    }
    model.compile(loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
    let data = TestData.firstStepSign(count: 60, steps: 7, features: 3, seed: 21)
    let history = try model.fit(data.x, data.y, batchSize: 12, epochs: 2, seed: 4, progress: .silent)
    return (model.parameters, history.updates.map { Double($0.loss) })
  }

  func testAVX2AndAVX512TrainToTheSameBits() throws {
    lab_limit_instruction_set(2)
    guard lab_instruction_set() == 2 else { throw XCTSkip("this CPU has no AVX-512: nothing to compare AVX2 with") }
    let avx512 = try train(instructionSet: 2), avx2 = try train(instructionSet: 1)
    XCTAssertEqual(avx512.losses.count, 10)
    XCTAssertEqual(avx512.losses, avx2.losses)
    XCTAssertEqual(avx512.parameters, avx2.parameters)
    // The portable kernel (no FMA on x86-64) rounds differently: the comparison above can tell kernels apart.
    let portable = try train(instructionSet: 0)
    XCTAssertNotEqual(portable.parameters, avx512.parameters)
    for (p, q) in zip(portable.parameters, avx512.parameters) {
      XCTAssertLessThan(zip(p.scalars, q.scalars).map { abs($0 - $1) }.max()!, 1e-3 * max(p.maxAbs(), 1))
    }
  }
}
