import Foundation
import LabMath
import Training
import XCTest

/// A trained `Sequential` model saved and loaded through `ModelFile` predicts exactly what it did before saving.
final class ModelFileSequentialTests: XCTestCase {
  func series(_ count: Int, steps: Int, features: Int, seed: UInt64) -> [Matrix<Float>] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in rng.uniformMatrix(rows: steps, columns: features, -1, 1) }
  }

  func testASavedAndReloadedStackedModelPredictsTheSameProbabilities() throws {
    var model = Sequential {
      Layers.LSTM(units: 5, returnSequences: true)
      Layers.LSTM(units: 5)
      Layers.Dense(units: 3, activation: .softmax)
    }
    try model.build(inputFeatures: 2, seed: 4)
    let metadata = ModelFileMetadata(inputSize: 0, hiddenSize: 0, classNames: ["a", "b", "c"], sequenceLength: 9)
    let file = try ModelFile<Float>(model, metadata: metadata)
    XCTAssertEqual(file.metadata.inputSize, 2)
    XCTAssertEqual(file.metadata.hiddenSize, 5)
    XCTAssertEqual(file.metadata.layerCount, 2)
    let names = Set(file.safeTensors().tensors.keys)
    XCTAssertTrue(names.isSuperset(of: ["lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1"]))
    XCTAssertEqual(try file.safeTensors().tensor("lstm.weight_ih_l1").shape, [20, 5])  // layer 1 reads H, not F

    let reloaded = try ModelFile<Float>(try SafeTensorsFile(decoding: file.safeTensors().encoded())).makeModel()
    let x = series(6, steps: 9, features: 2, seed: 8)
    XCTAssertEqual(try reloaded.predict(x), try model.predict(x))
  }

  func testModelsWithoutPyTorchsLayoutAreRefused() throws {
    var withHiddenDense = Sequential {
      Layers.LSTM(units: 4)
      Layers.Dense(units: 4, activation: .relu)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try withHiddenDense.build(inputFeatures: 1, seed: 1)
    var rnn = Sequential {
      Layers.SimpleRNN(units: 4)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try rnn.build(inputFeatures: 1, seed: 1)
    let unbuilt = Sequential {
      Layers.LSTM(units: 4)
      Layers.Dense(units: 2, activation: .softmax)
    }
    let metadata = ModelFileMetadata(inputSize: 1, hiddenSize: 4, classNames: ["a", "b"])
    for model in [withHiddenDense, rnn, unbuilt] {
      XCTAssertThrowsError(try ModelFile<Float>(model, metadata: metadata)) { error in
        guard case .unsupportedArchitecture = error as? ModelFileError else { return XCTFail("\(error)") }
      }
    }
  }

  func testInitialWeightsOfAnotherShapeAreRefused() throws {
    var small = Sequential {
      Layers.LSTM(units: 3)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try small.build(inputFeatures: 1, seed: 1)
    let file = try ModelFile<Float>(small, metadata: ModelFileMetadata(inputSize: 1, hiddenSize: 3, classNames: ["a", "b"]))
    var large = Sequential {
      Layers.LSTM(units: 4)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try large.build(inputFeatures: 1, seed: 1)
    XCTAssertThrowsError(try file.load(into: &large))
    var same = small
    try same.build(inputFeatures: 1, seed: 99)
    try file.load(into: &same)
    XCTAssertEqual(same.parameters, small.parameters)
  }
}
