import LabMath
import Optimizers
import XCTest

final class OptimizerErrorTests: XCTestCase {
  func testMismatchedGradientCountThrowsAndSaysHowToFix() {
    var adam = Adam<Float>()
    var p = [Matrix<Float>(rows: 2, columns: 2), Matrix(rows: 1, columns: 2)]
    XCTAssertThrowsError(try adam.update(&p, gradients: [Matrix(rows: 2, columns: 2)])) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("2 parameter matrices but 1 gradients"), message)
    }
    XCTAssertEqual(adam.iterations, 0, "a failed update does not count")
  }

  func testMismatchedGradientShapeNamesTheIndex() {
    var sgd = SGD<Float>()
    var p = [Matrix<Float>(rows: 2, columns: 2)]
    XCTAssertThrowsError(try sgd.update(&p, gradients: [Matrix(rows: 2, columns: 3)])) { error in
      XCTAssertEqual(error as? OptimizerError, .gradientShapeMismatch(optimizer: "SGD", index: 0, parameter: "2x2", gradient: "2x3"))
    }
  }

  func testReusingStateForOtherParametersThrowsUntilReset() throws {
    var rms = RMSProp<Double>()
    var small = [Matrix<Double>(rows: 1, columns: 2, repeating: 1)]
    try rms.update(&small, gradients: small)
    var big = [Matrix<Double>(rows: 3, columns: 2, repeating: 1)]
    XCTAssertThrowsError(try rms.update(&big, gradients: big))
    rms.reset()
    XCTAssertNoThrow(try rms.update(&big, gradients: big))
    XCTAssertEqual(rms.iterations, 1)
  }

  func testOutOfRangeHyperparametersThrow() {
    var p = [Matrix<Double>(rows: 1, columns: 1)]
    var adam = Adam<Double>(beta1: 1)
    XCTAssertThrowsError(try adam.update(&p, gradients: p)) { error in
      XCTAssertTrue("\(error)".contains("beta1"), "\(error)")
    }
    var sgd = SGD<Double>(learningRate: -1)
    XCTAssertThrowsError(try sgd.update(&p, gradients: p))
    var adagrad = Adagrad<Double>(learningRate: .nan)
    XCTAssertThrowsError(try adagrad.update(&p, gradients: p))
  }
}
