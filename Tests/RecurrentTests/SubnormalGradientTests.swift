import LabMath
import XCTest

@testable import Recurrent

/// Over a long sequence the backpropagated gradient decays through Float's subnormal range (below 1.2e-38), where x86
/// cores take a slow assist per instruction. The Float kernels flush subnormals to zero (LabKernels' cpu.c); these
/// tests pin down what that may and may not change: the gradients still match the plain-Swift reference (which keeps
/// gradual underflow) to the Float tolerance, one and two threads give the same bits, the Double kernels keep
/// subnormals, and the caller's own arithmetic is left as it was.
final class SubnormalGradientTests: XCTestCase {
  override func tearDown() {
    KernelThreads.current = .automatic
    super.tearDown()
  }

  /// An LSTM whose forget gates sit near 0 (b_f = -6) and whose recurrent weights are small, so dL/dh_{T-k} falls by
  /// roughly a factor of ten per step: the early steps' gradients are subnormal or zero.
  func decayingLSTM<Scalar: LabScalar>(_: Scalar.Type, hidden H: Int, features F: Int) -> LSTM<Scalar> {
    var rng = SeededGenerator(seed: 41)
    var lstm = LSTM<Scalar>(inputSize: F, hiddenSize: H, initializer: .pytorch, using: &rng)
    lstm.U = Scalar(0.1) * lstm.U
    for j in H..<2 * H { lstm.b[0, j] = -6 }
    return lstm
  }

  static let (steps, batch, features, hidden) = (60, 10, 3, 6)

  func run<Scalar: LabScalar>(
    _ lstm: LSTM<Scalar>, using seed: UInt64
  ) throws -> (tape: LSTMTape<Scalar>, gradients: LSTMGradients<Scalar>, x: Matrix<Scalar>, dH: Matrix<Scalar>) {
    let (T, B, F, H) = (Self.steps, Self.batch, Self.features, Self.hidden)
    var rng = SeededGenerator(seed: seed)
    let x: Matrix<Scalar> = rng.uniformMatrix(rows: T * B, columns: F, -1, 1)
    var dH = Matrix<Scalar>(rows: T * B, columns: H)
    dH.setRows(startingAt: (T - 1) * B, to: rng.uniformMatrix(rows: B, columns: H, -1, 1))  // a last-step loss
    let tape = try lstm.forward(x, steps: T)
    return (tape, lstm.backward(tape, hiddenGradient: dH), x, dH)
  }

  func subnormalCount<Scalar: LabScalar>(_ m: Matrix<Scalar>) -> Int {
    m.scalars.filter { $0 != 0 && abs($0) < Scalar.leastNormalMagnitude }.count
  }

  func testFloatGradientsMatchTheReferenceWhenTheyDecayThroughTheSubnormalRange() throws {
    let lstm = decayingLSTM(Float.self, hidden: Self.hidden, features: Self.features)
    let fast = try run(lstm, using: 3)
    // The reference cell in Double (the same weights), where Float's subnormal range is ordinary numbers.
    let reference = try ReferenceLSTM(
      W: lstm.W.converted(to: Double.self), U: lstm.U.converted(to: Double.self), b: lstm.b.converted(to: Double.self))
    let x = fast.x.converted(to: Double.self)
    let expected = reference.backward(
      try reference.forward(x, steps: Self.steps, initialState: nil), hiddenGradient: fast.dH.converted(to: Double.self))

    // The case is the one meant: the exact gradient passes through Float's subnormal range on its way down.
    let inFloatSubnormalRange = expected.dHidden.scalars.filter { $0 != 0 && abs($0) < Double(Float.leastNormalMagnitude) }
    XCTAssertGreaterThan(inFloatSubnormalRange.count, 0)
    // The fast Float kernels hold no subnormal value: each became 0.
    XCTAssertEqual(subnormalCount(fast.gradients.dHidden), 0)
    XCTAssertEqual(subnormalCount(fast.gradients.dU), 0)
    for (name, a, b) in [
      ("dW", fast.gradients.dW, expected.parameters.W), ("dU", fast.gradients.dU, expected.parameters.U),
      ("db", fast.gradients.db, expected.parameters.b), ("dHidden", fast.gradients.dHidden, expected.dHidden),
      ("dX", fast.gradients.dX, expected.dX),
    ] {
      let scale = b.maxAbs()
      let error = zip(a.scalars, b.scalars).map { abs(Double($0) - $1) }.max() ?? .infinity
      XCTAssertLessThanOrEqual(error / scale, 1e-5, name)
    }
  }

  func testOneAndTwoThreadsGiveTheSameBitsWithSubnormalsFlushed() throws {
    let lstm = decayingLSTM(Float.self, hidden: Self.hidden, features: Self.features)
    KernelThreads.current = .one
    let one = try run(lstm, using: 4)
    KernelThreads.current = .two
    let two = try run(lstm, using: 4)
    XCTAssertEqual(one.gradients.dHidden, two.gradients.dHidden)
    XCTAssertEqual(one.gradients.dU, two.gradients.dU)
    XCTAssertEqual(one.gradients.dW, two.gradients.dW)
    XCTAssertEqual(subnormalCount(two.gradients.dHidden), 0, "the helper thread runs with the caller's flush mode")
  }

  func testDoubleKernelsKeepGradualUnderflow() throws {
    // In Double a factor of ten per step reaches the subnormal range (2.2e-308) only after ~300 steps; scale the
    // loss gradient down instead, so the early steps' gradients land there.
    let lstm = decayingLSTM(Double.self, hidden: Self.hidden, features: Self.features)
    var rng = SeededGenerator(seed: 5)
    let (T, B) = (Self.steps, Self.batch)
    let x: Matrix<Double> = rng.uniformMatrix(rows: T * B, columns: Self.features, -1, 1)
    var dH = Matrix<Double>(rows: T * B, columns: Self.hidden)
    dH.setRows(startingAt: (T - 1) * B, to: 1e-270 * rng.uniformMatrix(rows: B, columns: Self.hidden, -1, 1))
    let gradients = lstm.backward(try lstm.forward(x, steps: T), hiddenGradient: dH)
    XCTAssertGreaterThan(subnormalCount(gradients.dHidden), 0, "Double keeps IEEE gradual underflow")
  }

  func testTheCallersArithmeticKeepsSubnormalsAfterAFloatKernel() throws {
    let lstm = decayingLSTM(Float.self, hidden: Self.hidden, features: Self.features)
    _ = try run(lstm, using: 6)
    let half = Float.leastNormalMagnitude * opaqueHalf()
    XCTAssertNotEqual(half, 0, "the caller's thread is back to gradual underflow")
    XCTAssertLessThan(half, Float.leastNormalMagnitude)
  }
}

/// 0.5, computed at run time so the product above is not folded by the compiler.
@inline(never) func opaqueHalf() -> Float { Float(ProcessInfo.processInfo.processIdentifier > 0 ? 0.5 : 0.25) }
