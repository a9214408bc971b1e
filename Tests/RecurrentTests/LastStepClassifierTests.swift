import Foundation
import LabMath
import XCTest

@testable import Recurrent

/// `LastStepClassifier` against finite differences of its own loss (Double, LSTM and RNN) and against a tiny RNN
/// worked through by hand.
final class LastStepClassifierTests: XCTestCase {
  /// Every parameter's gradient, [dW, dU, db, dV, dc], against five-point differences of the mean loss.
  func checkAgainstFiniteDifferences<Layer: ClassifierRecurrence>(
    _ net: LastStepClassifier<Layer>, x: Matrix<Double>, steps: Int, labels: [Int], name: String
  ) throws where Layer.Scalar == Double {
    let pass = try net.lossAndGradients(x, steps: steps, labels: labels)
    XCTAssertEqual(pass.parameterGradients.count, 5)
    let names = ["W", "U", "b", "V", "c"]
    for k in 0..<5 {
      GradientCheck.check("\(name) d\(names[k])", analytic: pass.parameterGradients[k], limit: 40) { index, delta in
        var moved = net
        var parameters = moved.parameters
        parameters[k].scalars[index] += delta
        moved.parameters = parameters
        return Double(try! moved.lossAndGradients(x, steps: steps, labels: labels).loss)
      }
    }
  }

  func testLSTMClassifierGradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 11)
    let (steps, batch, features) = (6, 3, 2)
    let net = LastStepClassifier(recurrent: LSTM<Double>(inputSize: features, hiddenSize: 4, using: &rng), classes: 3, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
    try checkAgainstFiniteDifferences(net, x: x, steps: steps, labels: [2, 0, 1], name: "LSTM")
  }

  func testRNNClassifierGradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 12)
    let (steps, batch, features) = (5, 2, 3)
    let net = LastStepClassifier(recurrent: RNN<Double>(inputSize: features, hiddenSize: 3, using: &rng), classes: 2, using: &rng)
    let x: Matrix<Double> = rng.uniformMatrix(rows: steps * batch, columns: features, -1, 1)
    try checkAgainstFiniteDifferences(net, x: x, steps: steps, labels: [1, 0], name: "RNN")
  }

  /// RNN with F = H = 1, two classes, T = 2, B = 1: W = 0.5, U = -1, b = 0.1, V = (1, -1), c = (0, 0.2), x = (1, 2),
  /// label 0. By hand: h1 = tanh(0.6), h2 = tanh(1.1 - h1), z = (h2, 0.2 - h2), p = softmax(z), L = -log p0;
  /// dz = p - (1, 0), dV = h2 dz, dc = dz, dh2 = dz0 - dz1, da2 = dh2 (1 - h2^2), da1 = -da2 (1 - h1^2),
  /// dW = 1 da1 + 2 da2, dU = 0 da1 + h1 da2, db = da1 + da2.
  func testTinyRNNClassifierWorkedByHand() throws {
    let rnn = try RNN<Double>(W: Matrix([[0.5]]), U: Matrix([[-1]]), b: Matrix([[0.1]]))
    let net = try LastStepClassifier(recurrent: rnn, head: try Dense(W: Matrix([[1, -1]]), b: Matrix([[0, 0.2]])))
    let pass = try net.lossAndGradients(Matrix([[1], [2]]), steps: 2, labels: [0])

    let h1 = Foundation.tanh(0.6), h2 = Foundation.tanh(1.1 - h1)
    let z = [h2, 0.2 - h2]
    let denominator = Foundation.exp(z[0]) + Foundation.exp(z[1])
    let p = z.map { Foundation.exp($0) / denominator }
    let dz = [p[0] - 1, p[1]]
    let da2 = (dz[0] - dz[1]) * (1 - h2 * h2)
    let da1 = -da2 * (1 - h1 * h1)
    XCTAssertEqual(Double(pass.loss), -Foundation.log(p[0]), accuracy: 1e-14)
    XCTAssertEqual(pass.head.correct, h2 > 0.1 ? 1 : 0)
    let expected: [[Double]] = [[da1 + 2 * da2], [h1 * da2], [da1 + da2], [h2 * dz[0], h2 * dz[1]], dz]
    for (k, values) in expected.enumerated() {
      for (got, want) in zip(pass.parameterGradients[k].scalars, values) { XCTAssertEqual(got, want, accuracy: 1e-14, "parameter \(k)") }
    }
    XCTAssertEqual(pass.head.lastHiddenGradient.scalars[0], dz[0] - dz[1], accuracy: 1e-14)
  }

  /// dH is zero but for its last block, which is dL/dh_T; a window that does not end the sequence gets all zeros.
  func testHiddenGradientIsNonZeroOnlyOnTheLastStep() throws {
    var rng = SeededGenerator(seed: 3)
    let dLast: Matrix<Float> = rng.uniformMatrix(rows: 2, columns: 3, 0.5, 1)
    let dH = LastStepClassifier<LSTM<Float>>.lastStepHiddenGradient(dLast, steps: 4)
    XCTAssertEqual(dH.rows, 8)
    XCTAssertEqual(dH.rows(0..<6).maxAbs(), 0)
    XCTAssertEqual(dH.rows(6..<8), dLast)

    let net = LastStepClassifier(recurrent: LSTM<Float>(inputSize: 2, hiddenSize: 3, using: &rng), classes: 2, using: &rng)
    let hidden: Matrix<Float> = rng.uniformMatrix(rows: 3 * 2, columns: 3, -1, 1)
    let early = try net.windowHiddenGradient(hidden, steps: 3, isLast: false, labels: [0, 1])
    XCTAssertNil(early.head)
    XCTAssertEqual(early.dH.maxAbs(), 0)
    let last = try net.windowHiddenGradient(hidden, steps: 3, isLast: true, labels: [0, 1])
    let head = try XCTUnwrap(last.head)
    XCTAssertEqual(last.dH.rows(4..<6), head.lastHiddenGradient)
    XCTAssertEqual(last.dH.rows(0..<4).maxAbs(), 0)
    XCTAssertEqual(head.lastHiddenGradient, try net.headPass(lastHidden: hidden.rows(4..<6), labels: [0, 1]).lastHiddenGradient)
  }

  func testHeadOfTheWrongSizeIsRefused() throws {
    var rng = SeededGenerator(seed: 1)
    let lstm = LSTM<Float>(inputSize: 2, hiddenSize: 3, using: &rng)
    XCTAssertThrowsError(try LastStepClassifier(recurrent: lstm, head: Dense(inputSize: 4, outputSize: 2, using: &rng)))
  }
}
