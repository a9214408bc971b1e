import LabMath
import Optimizers
import XCTest

/// Each optimiser's first three updates on the quadratic f(p) = 1/2 * sum_i a_i * p_i^2 (gradient g_i = a_i * p_i),
/// with the parameters split into two matrices so that per-index state is exercised:
/// P1 = [[1, -2]] with a = [1, 4], P2 = [[0.5], [3]] with a = [2, 0.5].
///
/// The expected values were computed independently in Python (float64) from the update formulas written next to
/// each test; see the helper script text in each comment. They are parameters after updates 1, 2, 3, flattened
/// [P1[0,0], P1[0,1], P2[0,0], P2[1,0]].
final class OptimizerUpdateTests: XCTestCase {
  let curvature: [[Double]] = [[1, 4], [2, 0.5]]

  func initialParameters() -> [Matrix<Double>] {
    [Matrix([[1, -2]]), Matrix([[0.5], [3]])]
  }

  func gradients(at parameters: [Matrix<Double>]) -> [Matrix<Double>] {
    zip(parameters, curvature).map { p, a in
      Matrix(rows: p.rows, columns: p.columns, scalars: zip(p.scalars, a).map { $0 * $1 })
    }
  }

  /// Runs three updates and compares the flattened parameters after each with `expected` to 1e-12.
  func assertThreeUpdates<O: Optimizer>(
    _ optimizer: O, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line
  ) throws where O.Scalar == Double {
    var optimizer = optimizer
    var parameters = initialParameters()
    for (t, want) in expected.enumerated() {
      try optimizer.update(&parameters, gradients: gradients(at: parameters))
      let got = parameters.flatMap(\.scalars)
      for (g, w) in zip(got, want) {
        XCTAssertEqual(g, w, accuracy: 1e-12, "\(optimizer) update \(t + 1): got \(got), expected \(want)", file: file, line: line)
      }
      XCTAssertEqual(optimizer.iterations, t + 1, file: file, line: line)
    }
  }

  // p <- p - lr * g with lr = 0.1: p_i *= (1 - 0.1 a_i) each update, e.g. -2 * 0.6^3 = -0.432.
  func testPlainSGDMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(SGD<Double>(learningRate: 0.1), [
      [0.9, -1.2, 0.4, 2.85],
      [0.81, -0.72, 0.32, 2.7075],
      [0.7290000000000001, -0.432, 0.256, 2.572125],
    ])
  }

  // v <- 0.9 v - 0.1 g; p <- p + v (Python: v = mu*v - lr*g; p = p + v).
  func testMomentumSGDMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(SGD<Double>(learningRate: 0.1, momentum: 0.9), [
      [0.9, -1.2, 0.4, 2.85],
      [0.72, 2.220446049250313e-16, 0.22999999999999998, 2.5725],
      [0.48599999999999993, 1.0800000000000005, 0.030999999999999917, 2.1941249999999997],
    ])
  }

  // v <- 0.9 v - 0.1 g; p <- p + 0.9 v - 0.1 g (Python: p = p + (mu*v - lr*g)).
  func testNesterovSGDMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true), [
      [0.81, -0.48, 0.31, 2.715],
      [0.5751, 0.5328000000000002, 0.11119999999999997, 2.335575],
      [0.32732099999999986, 0.8665920000000001, -0.05417600000000006, 1.8943878749999998],
    ])
  }

  // m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2; alpha = 0.1 * sqrt(1 - 0.999^t) / (1 - 0.9^t);
  // p = p - alpha * m / (sqrt(v) + 1e-7).
  func testAdamMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(Adam<Double>(learningRate: 0.1), [
      [0.900000316226766, -1.900000039528455, 0.400000316226766, 2.9000002108180665],
      [0.8004127762155153, -1.8001665536759153, 0.3011879736307703, 2.8001030691054725],
      [0.7015870148647835, -1.7006234830529858, 0.204871999501114, 2.7003820099507254],
    ])
  }

  // s = 0.9 s + 0.1 g^2; p = p - 0.1 * g / sqrt(s + 1e-7).
  func testRMSPropMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(RMSProp<Double>(learningRate: 0.1), [
      [0.6837723920969265, -1.6837722364536916, 0.18377239209692647, 2.6837723042559753],
      [0.4988708044756769, -1.473875316816123, 0.06953160877079081, 2.466820874007098],
      [0.36918076036188563, -1.308717870722826, 0.024435369974574496, 2.291765898764675],
    ])
  }

  // s as above; u = 0.5 u + 0.1 * g / sqrt(s + 1e-7); p = p - u.
  func testRMSPropWithMomentumMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(RMSProp<Double>(learningRate: 0.1, momentum: 0.5), [
      [0.6837723920969265, -1.6837722364536916, 0.18377239209692647, 2.6837723042559753],
      [0.34075700052414015, -1.3157614350429687, -0.08858219518074595, 2.308707026135086],
      [0.07640055620642094, -0.9800554839264213, -0.1676681273599677, 1.9541331523043315],
    ])
  }

  // a starts at 0.1; a = a + g^2; p = p - 0.1 * g / sqrt(a + 1e-7).
  func testAdagradMatchesHandComputedUpdates() throws {
    try assertThreeUpdates(Adagrad<Double>(learningRate: 0.1), [
      [0.9046537454093613, -1.9000780336442544, 0.40465374540936133, 2.9021507911238817],
      [0.8393387391820096, -1.8312298658579904, 0.34356268924615585, 2.833406615132522],
      [0.7875127746375502, -1.7759406346324182, 0.29751962911532254, 2.7776786764409973],
    ])
  }

  func testFloatAdamAgreesWithDoubleToSinglePrecision() throws {
    var single = Adam<Float>(learningRate: 0.1)
    var double = Adam<Double>(learningRate: 0.1)
    var p = initialParameters()
    var pf = p.map { $0.converted(to: Float.self) }
    for _ in 0..<3 {
      try double.update(&p, gradients: gradients(at: p))
      try single.update(&pf, gradients: gradients(at: pf.map { $0.converted(to: Double.self) }).map { $0.converted(to: Float.self) })
    }
    for (a, b) in zip(p.flatMap(\.scalars), pf.flatMap(\.scalars)) { XCTAssertEqual(a, Double(b), accuracy: 1e-6) }
  }

  func testKerasDefaultsAreTheDefaults() {
    let adam = Adam<Float>()
    XCTAssertEqual(adam.learningRate, 1e-3)
    XCTAssertEqual(adam.beta1, 0.9)
    XCTAssertEqual(adam.beta2, 0.999)
    XCTAssertEqual(adam.epsilon, 1e-7)
    XCTAssertEqual(SGD<Float>().learningRate, 0.01)
    XCTAssertEqual(SGD<Float>().momentum, 0)
    let rms = RMSProp<Float>()
    XCTAssertEqual(rms.learningRate, 1e-3)
    XCTAssertEqual(rms.rho, 0.9)
    XCTAssertEqual(rms.epsilon, 1e-7)
    let adagrad = Adagrad<Float>()
    XCTAssertEqual(adagrad.learningRate, 1e-3)
    XCTAssertEqual(adagrad.initialAccumulatorValue, 0.1)
  }
}
