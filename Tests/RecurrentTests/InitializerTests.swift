import Foundation
import LabMath
import XCTest

@testable import Recurrent

final class InitializerTests: XCTestCase {
  func identityDistance(_ m: Matrix<Double>) -> Double {
    (m - Matrix(rows: m.rows, columns: m.columns) { $0 == $1 ? 1 : 0 }).maxAbs()
  }

  /// Keras: U has orthonormal rows (U U^T = I_H; for the square RNN kernel also U^T U = I), W within the glorot
  /// limit, bias zero except the LSTM's forget block, which is 1.
  func testKerasDefaultsGiveOrthogonalRecurrentKernelAndUnitForgetBias() {
    var rng = SeededGenerator(seed: 12)
    let (F, H) = (5, 16)
    let lstm = LSTM<Double>(inputSize: F, hiddenSize: H, using: &rng)
    XCTAssertLessThan(identityDistance(matmul(lstm.U, lstm.U, transposeB: true)), 1e-12)
    let limit: Double = (6.0 / Double(F + 4 * H)).squareRoot()
    XCTAssertLessThanOrEqual(lstm.W.maxAbs(), limit)
    XCTAssertGreaterThan(lstm.W.maxAbs(), 0.8 * limit)
    XCTAssertEqual(Array(lstm.b.scalars[H..<2 * H]), Array(repeating: 1, count: H))
    let others: [Double] = Array(lstm.b.scalars[0..<H]) + Array(lstm.b.scalars[(2 * H)...])
    XCTAssertEqual(others, [Double](repeating: 0, count: 3 * H))
    let rnn = RNN<Double>(inputSize: F, hiddenSize: H, using: &rng)
    XCTAssertLessThan(identityDistance(matmul(rnn.U, rnn.U, transposeA: true)), 1e-12)
    XCTAssertLessThan(identityDistance(matmul(rnn.U, rnn.U, transposeB: true)), 1e-12)
    XCTAssertEqual(rnn.b.maxAbs(), 0)
    let tall: Matrix<Double> = orthogonal(rows: 9, columns: 4, using: &rng)
    XCTAssertLessThan(identityDistance(matmul(tall, tall, transposeA: true)), 1e-12)
  }

  /// PyTorch: W and U uniform in +-1/sqrt(H); b = b_ih + b_hh in +-2/sqrt(H).
  func testPyTorchDefaultsStayWithinTheirBounds() {
    var rng = SeededGenerator(seed: 13)
    let H = 25
    let lstm = LSTM<Float>(inputSize: 3, hiddenSize: H, initializer: .pytorch, using: &rng)
    let k: Float = 1 / 5
    XCTAssertLessThanOrEqual(lstm.W.maxAbs(), k)
    XCTAssertLessThanOrEqual(lstm.U.maxAbs(), k)
    XCTAssertGreaterThan(lstm.U.maxAbs(), 0.9 * k)
    XCTAssertLessThanOrEqual(lstm.b.maxAbs(), 2 * k)
    XCTAssertGreaterThan(lstm.b.maxAbs(), k)  // a sum of two uniforms reaches beyond one's range among 100 values
  }

  func testForgetBiasOptionSetsOnlyTheForgetBlock() {
    var rng = SeededGenerator(seed: 14)
    let H = 6
    let zero = LSTM<Double>(inputSize: 2, hiddenSize: H, initializer: .keras.withForgetBias(0), using: &rng)
    XCTAssertEqual(zero.b.maxAbs(), 0)
    let torch = LSTM<Double>(inputSize: 2, hiddenSize: H, initializer: .pytorch.withForgetBias(1), using: &rng)
    XCTAssertEqual(Array(torch.b.scalars[H..<2 * H]), Array(repeating: 1, count: H))
    XCTAssertNotEqual(torch.b.scalars[0], 0)
  }

  /// The spectral radius of matrices whose eigenvalues are known in closed form.
  func testSpectralRadiusOfKnownMatrices() {
    let angle = 0.3
    let rotation = Matrix<Double>([[cos(angle), -sin(angle)], [sin(angle), cos(angle)]])  // eigenvalues e^(+-0.3i)
    XCTAssertEqual(spectralRadius(of: 0.7 * rotation), 0.7, accuracy: 1e-9)
    let triangular = Matrix<Double>([[0.3, 5, -2], [0, -0.9, 4], [0, 0, 0.5]])  // eigenvalues on the diagonal
    XCTAssertEqual(spectralRadius(of: triangular), 0.9, accuracy: 1e-9)
    let jordan = Matrix<Double>([[0.5, 1], [0, 0.5]])
    XCTAssertEqual(spectralRadius(of: jordan), 0.5, accuracy: 1e-9)
    XCTAssertEqual(spectralRadius(of: Matrix<Double>([[0, 1], [0, 0]])), 0)
  }

  /// Scaling a Keras (orthogonal) U to radius r gives U^T U = r^2 I, and the radius reported is r; the option on
  /// the initialiser and the helper agree; for the LSTM every gate block gets the radius.
  func testSpectralRadiusScaling() {
    for radius in [0.5, 0.95, 1.5] {
      var rng = SeededGenerator(seed: 15)
      let rnn = RNN<Double>(inputSize: 2, hiddenSize: 8, initializer: .keras.withSpectralRadius(radius), using: &rng)
      let gram = matmul(rnn.U, rnn.U, transposeA: true)
      XCTAssertLessThan(identityDistance((1 / (radius * radius)) * gram), 1e-9)
      XCTAssertEqual(spectralRadius(of: rnn.U), radius, accuracy: 1e-9)
      var rng2 = SeededGenerator(seed: 16)
      let torch = RNN<Double>(inputSize: 2, hiddenSize: 8, initializer: .pytorch, using: &rng2).scaledToSpectralRadius(radius)
      XCTAssertEqual(spectralRadius(of: torch.U), radius, accuracy: 1e-9)
      let lstm = LSTM<Double>(inputSize: 2, hiddenSize: 8, using: &rng2).scaledToSpectralRadius(radius)
      for gate in 0..<4 {
        let block = Matrix<Double>(rows: 8, columns: 8) { r, c in lstm.U[r, gate * 8 + c] }
        XCTAssertEqual(spectralRadius(of: block), radius, accuracy: 1e-9)
      }
    }
  }

  /// The same seed gives the same weights; Dense is glorot-uniform with zero bias.
  func testInitialisationIsReproducibleAndDenseIsGlorot() {
    var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99)
    XCTAssertEqual(LSTM<Float>(inputSize: 3, hiddenSize: 4, using: &a).parameters, LSTM<Float>(inputSize: 3, hiddenSize: 4, using: &b).parameters)
    let dense = Dense<Double>(inputSize: 10, outputSize: 2, using: &a)
    XCTAssertLessThanOrEqual(dense.W.maxAbs(), 0.5.squareRoot())  // sqrt(6 / (10 + 2))
    XCTAssertGreaterThan(dense.W.maxAbs(), 0.5)
    XCTAssertEqual(dense.b.maxAbs(), 0)
  }
}
