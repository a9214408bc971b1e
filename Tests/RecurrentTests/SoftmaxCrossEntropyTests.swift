import LabMath
import XCTest

@testable import Recurrent

final class SoftmaxCrossEntropyTests: XCTestCase {
  /// Row 0: logits (1, 2, 3), label 2: p = e^z / (e + e^2 + e^3) = (0.0900305731703805, 0.244728471054798,
  /// 0.665240955774822), loss -log p_2 = log(1 + e^-1 + e^-2) = 0.40760596444438. Row 1: logits (0, 0, 0), label 0:
  /// p = 1/3 each, loss log 3. Mean loss (0.40760596444438 + 1.09861228866811) / 2 = 0.753109126556245;
  /// gradient (p - onehot) / 2. (Arithmetic by python3's math module.)
  func testMatchesTheHandExampleWithIntegerAndOneHotLabels() throws {
    let logits = Matrix<Double>([[1, 2, 3], [0, 0, 0]])
    let expectedGradient = Matrix<Double>([
      [0.04501528658519023, 0.12236423552739883, -0.16737952211258905],
      [-0.33333333333333337, 0.16666666666666666, 0.16666666666666666],
    ])
    let sparse = try softmaxCrossEntropy(logits: logits, labels: [2, 0])
    XCTAssertEqual(sparse.loss, 0.7531091265562451, accuracy: 1e-15)
    XCTAssertLessThan((sparse.gradient - expectedGradient).maxAbs(), 1e-15)
    let dense = try softmaxCrossEntropy(logits: logits, oneHot: try oneHot([2, 0], classCount: 3))
    XCTAssertEqual(dense.loss, 0.7531091265562451, accuracy: 1e-15)
    XCTAssertLessThan((dense.gradient - expectedGradient).maxAbs(), 1e-15)
    let p = softmax(logits)
    XCTAssertEqual(p[0, 2], 0.6652409557748219, accuracy: 1e-15)
    XCTAssertEqual(predictedClasses(logits), [2, 0])
  }

  /// Log-sum-exp keeps huge logits finite in Float: logits (1000, 0) give loss 0 for label 0 and 1000 for label 1.
  func testHugeLogitsStayFinite() throws {
    let logits = Matrix<Float>([[1000, 0], [1000, 0]])
    let result = try softmaxCrossEntropy(logits: logits, labels: [0, 1])
    XCTAssertEqual(result.loss, 500, accuracy: 1e-3)
    XCTAssertTrue(result.gradient.isFinite)
    XCTAssertEqual(result.gradient[1, 1], -0.5, accuracy: 1e-6)
  }

  func testGradientMatchesFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 9)
    let logits: Matrix<Double> = rng.uniformMatrix(rows: 5, columns: 4, -3, 3)
    let labels = [0, 3, 1, 1, 2]
    let targets: Matrix<Double> = rng.uniformMatrix(rows: 5, columns: 4, 0, 1)  // soft targets
    let sparse = try softmaxCrossEntropy(logits: logits, labels: labels)
    GradientCheck.check("dlogits", analytic: sparse.gradient) { i, d in
      try! softmaxCrossEntropy(logits: moved(logits, i, by: d), labels: labels).loss
    }
    let soft = try softmaxCrossEntropy(logits: logits, oneHot: targets)
    GradientCheck.check("dlogits soft", analytic: soft.gradient) { i, d in
      try! softmaxCrossEntropy(logits: moved(logits, i, by: d), oneHot: targets).loss
    }
  }

  func testBadLabelsThrowDescriptiveErrors() {
    let logits = Matrix<Float>(rows: 3, columns: 2)
    XCTAssertThrowsError(try softmaxCrossEntropy(logits: logits, labels: [0, 1])) { error in
      XCTAssertEqual(error as? RecurrentError, .labelCountMismatch(labels: 2, rows: 3))
      XCTAssertTrue("\(error)".contains("2 label(s) for 3 row(s)"), "\(error)")
    }
    XCTAssertThrowsError(try softmaxCrossEntropy(logits: logits, labels: [0, 2, 1])) { error in
      XCTAssertEqual(error as? RecurrentError, .labelOutOfRange(label: 2, index: 1, classCount: 2))
      XCTAssertTrue("\(error)".contains("label 2 at position 1"), "\(error)")
    }
    XCTAssertThrowsError(try softmaxCrossEntropy(logits: logits, labels: [0, -1, 1]))
    XCTAssertThrowsError(try softmaxCrossEntropy(logits: Matrix<Float>(rows: 0, columns: 2), labels: []))
    XCTAssertThrowsError(try softmaxCrossEntropy(logits: logits, oneHot: Matrix<Float>(rows: 3, columns: 3)))
  }
}
