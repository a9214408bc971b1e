import LabMath
import Optimizers
import Training
import XCTest

final class ArchitectureTests: XCTestCase {
  func testTheSeedArticlesModelHasKerasParameterCounts() throws {
    var model = Sequential {
      Layers.LSTM(units: 64)
      Layers.Dense(units: 2, activation: .softmax)
    }
    try model.build(inputFeatures: 5, seed: 1)
    // LSTM: 4H(F + H) + 4H = 4*64*(5 + 64) + 4*64 = 17920; Dense: H*C + C = 64*2 + 2 = 130 (Keras prints the same).
    XCTAssertEqual(model.parameterCount, 17920 + 130)
    XCTAssertEqual(model.parameters.map(\.count), [5 * 256, 64 * 256, 256, 128, 2])
    XCTAssertTrue(model.summary.contains("17920"), model.summary)
    XCTAssertTrue(model.summary.contains("Total params: 18050"), model.summary)
  }

  func testTheBuilderTakesConditionsAndLoops() {
    let stacked = true
    let model = Sequential {
      for _ in 0..<2 { Layers.LSTM(units: 8, returnSequences: true) }
      if stacked { Layers.LSTM(units: 8) }
      Layers.Dense(units: 4, activation: .relu)
      Layers.Dense(units: 2, activation: .softmax)
    }
    XCTAssertEqual(model.specs.count, 5)
    XCTAssertEqual(model.specs.last, .dense(units: 2, activation: .softmax))
    XCTAssertEqual(model.classCount, 2)
  }

  func testInvalidStacksAreRejectedWithTheLayerAndTheFix() {
    func buildError(_ layers: [LayerSpec]) -> String {
      var model = Sequential(layers: layers)
      do {
        try model.build(inputFeatures: 3, seed: 0)
        return "no error"
      } catch { return "\(error)" }
    }
    XCTAssertTrue(buildError([]).contains("no layers"))
    XCTAssertTrue(
      buildError([Layers.LSTM(units: 4).layerSpec, Layers.LSTM(units: 4).layerSpec, Layers.Dense(units: 2, activation: .softmax).layerSpec])
        .contains("returnSequences: true"))
    XCTAssertTrue(buildError([Layers.Dense(units: 4).layerSpec, Layers.Dense(units: 2, activation: .softmax).layerSpec]).contains("layer 0"))
    XCTAssertTrue(buildError([Layers.LSTM(units: 4).layerSpec, Layers.Dense(units: 2).layerSpec]).contains("softmax"))
    XCTAssertTrue(buildError([Layers.LSTM(units: 4).layerSpec, Layers.Dense(units: 1, activation: .softmax).layerSpec]).contains("at least 2"))
    XCTAssertTrue(
      buildError([Layers.LSTM(units: 4, returnSequences: true).layerSpec, Layers.Dense(units: 2, activation: .softmax).layerSpec])
        .contains("returnSequences: false"))
  }
}
