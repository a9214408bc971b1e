import LabMath
import Optimizers
import RealModule
import Training
import XCTest

final class EvaluatePredictTests: XCTestCase {
  func builtModel(classes: Int = 3) throws -> Sequential {
    var model = Sequential {
      Layers.LSTM(units: 4)
      Layers.Dense(units: classes, activation: .softmax)
    }
    model.compile(optimizer: Adam())
    try model.build(inputFeatures: 2, seed: 5)
    return model
  }

  func testPredictGivesOneProbabilityRowPerSequence() throws {
    let model = try builtModel()
    let data = TestData.randomLabels(count: 37, steps: 6, features: 2, seed: 1)
    let p = try model.predict(data.x, batchSize: 8)
    XCTAssertEqual(p.rows, 37)
    XCTAssertEqual(p.columns, 3)
    for r in 0..<p.rows {
      let row = (0..<3).map { Double(p[r, $0]) }
      XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
      XCTAssertTrue(row.allSatisfy { $0 > 0 && $0 < 1 })
    }
    // Batching does not change the answer.
    let single = try model.predict(data.x, batchSize: 1)
    XCTAssertLessThan((p - single).maxAbs(), 1e-6)
    XCTAssertEqual(try model.predictClasses(data.x).count, 37)
  }

  func testEvaluateIsTheMeanCrossEntropyAndAccuracyOfThePredictions() throws {
    let model = try builtModel()
    var data = TestData.randomLabels(count: 20, steps: 5, features: 2, seed: 2)
    data.y = data.y.enumerated().map { ($0.offset % 3) }
    let p = try model.predict(data.x)
    let classes = try model.predictClasses(data.x)
    let expectedLoss = zip(0..<20, data.y).reduce(0.0) { $0 - Double.log(Double(p[$1.0, $1.1])) } / 20
    let expectedAccuracy = Double(zip(classes, data.y).filter { $0 == $1 }.count) / 20
    let result = try model.evaluate(data.x, data.y, batchSize: 7)
    XCTAssertEqual(result.count, 20)
    XCTAssertEqual(result.loss, expectedLoss, accuracy: 1e-5)
    XCTAssertEqual(result.accuracy, expectedAccuracy)
  }

  func testBadInputsThrowDescriptiveErrors() throws {
    let model = try builtModel()
    let good = TestData.randomLabels(count: 4, steps: 5, features: 2, seed: 3)
    var ragged = good.x
    ragged[2] = Matrix(rows: 4, columns: 2)
    XCTAssertThrowsError(try model.evaluate(ragged, good.y)) { error in
      XCTAssertTrue("\(error)".contains("sequence 2 is 4 x 2"), "\(error)")
    }
    XCTAssertThrowsError(try model.evaluate(good.x, [0, 1, 7, 0])) { error in
      XCTAssertTrue("\(error)".contains("label 7"), "\(error)")
    }
    XCTAssertThrowsError(try model.evaluate(good.x, [0, 1])) { error in
      XCTAssertTrue("\(error)".contains("4 sequences but 2 labels"), "\(error)")
    }
    let threeFeatures = TestData.randomLabels(count: 4, steps: 5, features: 3, seed: 3)
    XCTAssertThrowsError(try model.predict(threeFeatures.x)) { error in
      XCTAssertTrue("\(error)".contains("built for 2"), "\(error)")
    }
    XCTAssertThrowsError(try model.predict([]))
    XCTAssertThrowsError(try model.predict(good.x, batchSize: 0))
  }

  func testFitBeforeCompileAndBadArgumentsThrowBeforeAnyUpdate() throws {
    let data = TestData.randomLabels(count: 8, steps: 3, features: 2, seed: 4)
    var model = Sequential {
      Layers.LSTM(units: 2)
      Layers.Dense(units: 2, activation: .softmax)
    }
    XCTAssertThrowsError(try model.fit(data.x, data.y, progress: .silent)) { error in
      XCTAssertEqual(error as? TrainingError, .notCompiled(call: "fit"))
    }
    model.compile(optimizer: Adam())
    XCTAssertThrowsError(try model.fit(data.x, data.y, validationSplit: 1, progress: .silent))
    XCTAssertThrowsError(try model.fit(data.x, data.y, validationSplit: 0.05, progress: .silent)) { error in
      XCTAssertTrue("\(error)".contains("at least one sequence"), "\(error)")
    }
    XCTAssertThrowsError(try model.fit(data.x, data.y, batchSize: 0, progress: .silent))
    XCTAssertEqual(model.optimizer?.iterations, 0)
  }
}
