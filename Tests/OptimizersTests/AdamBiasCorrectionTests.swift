import LabMath
import Optimizers
import XCTest

/// Adam's bias correction, checked against closed forms rather than against the update code.
final class AdamBiasCorrectionTests: XCTestCase {
  /// With a constant gradient g from zero state, m_t = g (1 - beta1^t) and v_t = g^2 (1 - beta2^t), so with eps = 0
  /// the corrected step alpha_t m_t / sqrt(v_t) = lr * sign(g) exactly, at every t and for any |g|: without the
  /// correction the first step would be lr * (1 - beta1) / sqrt(1 - beta2) = 3.16 lr.
  func testConstantGradientMovesEachParameterByExactlyTheLearningRate() throws {
    var adam = Adam<Double>(learningRate: 0.01, epsilon: 0)
    let gradient = [Matrix<Double>([[1e-4, -250, 3]])]
    var parameters = [Matrix<Double>([[0, 0, 0]])]
    for t in 1...20 {
      let before = parameters[0]
      try adam.update(&parameters, gradients: gradient)
      let step = parameters[0] - before
      XCTAssertEqual(step[0, 0], -0.01, accuracy: 1e-15, "t=\(t)")
      XCTAssertEqual(step[0, 1], 0.01, accuracy: 1e-15, "t=\(t)")
      XCTAssertEqual(step[0, 2], -0.01, accuracy: 1e-15, "t=\(t)")
    }
  }

  /// The step size lr * sqrt(1 - beta2^t) / (1 - beta1^t) at t = 1 is lr * sqrt(0.001) / 0.1 = 0.31623 lr and tends
  /// to lr as t grows.
  func testStepSizeFoldsTheCorrectionIntoTheLearningRate() {
    let adam = Adam<Double>()
    XCTAssertEqual(adam.stepSize(learningRate: 1, update: 1), 0.001.squareRoot() / 0.1, accuracy: 1e-15)
    XCTAssertEqual(adam.stepSize(learningRate: 1, update: 2), (1 - 0.999 * 0.999).squareRoot() / (1 - 0.81), accuracy: 1e-15)
    XCTAssertEqual(adam.stepSize(learningRate: 1, update: 100_000), 1, accuracy: 1e-12)
  }

  /// Keras's eps ("epsilon hat") is added to sqrt(v), PyTorch's to sqrt(v_hat): the same update when
  /// eps_torch = eps_keras / sqrt(1 - beta2^t). At t = 1 with a gradient as small as eps the two differ visibly.
  func testEpsilonHatEqualsPyTorchEpsilonScaledBySqrtOfOneMinusBeta2ToT() throws {
    let g = 1e-7, lr = 1e-3, b1 = 0.9, b2 = 0.999
    var adam = Adam<Double>(learningRate: lr, epsilon: 1e-7)
    var parameters = [Matrix<Double>([[0]])]
    try adam.update(&parameters, gradients: [Matrix([[g]])])
    // PyTorch's form at t = 1: m_hat = g, v_hat = g^2, p = -lr * g / (|g| + eps_torch).
    let mHat = (1 - b1) * g / (1 - b1), vHat = (1 - b2) * g * g / (1 - b2)
    let equivalentTorchEps = 1e-7 / (1 - b2).squareRoot()
    XCTAssertEqual(parameters[0][0, 0], -lr * mHat / (vHat.squareRoot() + equivalentTorchEps), accuracy: 1e-18)
    let torchDefault = -lr * mHat / (vHat.squareRoot() + 1e-8)
    XCTAssertGreaterThan(abs(parameters[0][0, 0] - torchDefault), 1e-4, "the two forms should differ for tiny gradients")
  }
}
