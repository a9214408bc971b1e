import Foundation
import LabMath
import Recurrent
import Training
import XCTest

/// The model file's PyTorch mapping: names, shapes and transposition checked by hand, and a forward pass written from
/// PyTorch's documented nn.LSTM equations on the exported tensors agreeing with one written in LSTMLab's notation.
final class SafeTensorsModelFileTests: XCTestCase {
  // MARK: - Two independent forward passes (test-only code)

  /// LSTMLab's notation: z = x W + h U + b, gate columns [i | f | g | o]; logits = h_T Wc + bc. x: T rows of F.
  static func forwardOurs(_ model: ModelFile<Double>, _ x: [[Double]]) -> [Double] {
    var input = x
    for layer in model.layers {
      let h4 = layer.U.columns, hs = h4 / 4
      var h = [Double](repeating: 0, count: hs), c = h
      var outputs: [[Double]] = []
      for xt in input {
        var z = layer.b.scalars
        for j in 0..<h4 {
          for r in 0..<xt.count { z[j] += xt[r] * layer.W[r, j] }
          for r in 0..<hs { z[j] += h[r] * layer.U[r, j] }
        }
        for u in 0..<hs {
          let i = sigmoid(z[u]), f = sigmoid(z[hs + u]), g = Foundation.tanh(z[2 * hs + u]), o = sigmoid(z[3 * hs + u])
          c[u] = f * c[u] + i * g
          h[u] = o * Foundation.tanh(c[u])
        }
        outputs.append(h)
      }
      input = outputs
    }
    let h = input.last!
    var logits = model.headBias.scalars
    for k in 0..<logits.count { for u in 0..<h.count { logits[k] += h[u] * model.headWeight[u, k] } }
    return logits
  }

  /// PyTorch's documentation of nn.LSTM, read off a state dict: W_ii, W_if, W_ig, W_io are the row blocks
  /// [0,H), [H,2H), [2H,3H), [3H,4H) of weight_ih_l{k} (4H x F_k); likewise weight_hh, bias_ih, bias_hh;
  /// i = sigmoid(W_ii x + b_ii + W_hi h + b_hi), f, g (tanh), o alike; c' = f c + i g; h' = o tanh(c').
  /// nn.Linear: y = x A^T + b with A = fc.weight (C x H).
  static func forwardPyTorch(_ stateDict: SafeTensorsFile, prefix: String = "lstm.", head: String = "fc.", _ x: [[Double]]) throws -> [Double] {
    var input = x
    var k = 0
    while stateDict.tensors[prefix + "weight_ih_l\(k)"] != nil {
      let wih = try stateDict.tensor(prefix + "weight_ih_l\(k)"), whh = try stateDict.tensor(prefix + "weight_hh_l\(k)")
      let hs = whh.shape[1], fs = wih.shape[1]
      let Wih: [Double] = wih.values()!, Whh: [Double] = whh.values()!
      let bih: [Double] = try stateDict.tensor(prefix + "bias_ih_l\(k)").values()!
      let bhh: [Double] = try stateDict.tensor(prefix + "bias_hh_l\(k)").values()!
      func gate(_ g: Int, _ u: Int, _ xt: [Double], _ h: [Double]) -> Double {
        let row = g * hs + u
        var sum = bih[row] + bhh[row]
        for j in 0..<fs { sum += Wih[row * fs + j] * xt[j] }
        for j in 0..<hs { sum += Whh[row * hs + j] * h[j] }
        return sum
      }
      var h = [Double](repeating: 0, count: hs), c = h
      var outputs: [[Double]] = []
      for xt in input {
        var hNext = h
        for u in 0..<hs {
          let i = sigmoid(gate(0, u, xt, h)), f = sigmoid(gate(1, u, xt, h))
          let g = Foundation.tanh(gate(2, u, xt, h)), o = sigmoid(gate(3, u, xt, h))
          c[u] = f * c[u] + i * g
          hNext[u] = o * Foundation.tanh(c[u])
        }
        h = hNext
        outputs.append(h)
      }
      input = outputs
      k += 1
    }
    let A: [Double] = try stateDict.tensor(head + "weight").values()!, bias: [Double] = try stateDict.tensor(head + "bias").values()!
    let h = input.last!
    var logits = bias
    for r in 0..<bias.count { for u in 0..<h.count { logits[r] += A[r * h.count + u] * h[u] } }
    return logits
  }

  static func randomModel(f: Int, h: Int, c: Int, layers: Int = 1, seed: UInt64) throws -> ModelFile<Double> {
    var rng = SeededGenerator(seed: seed)
    let weights = (0..<layers).map { k in
      ModelFile<Double>.LSTMWeights(
        W: rng.uniformMatrix(rows: k == 0 ? f : h, columns: 4 * h, -1, 1), U: rng.uniformMatrix(rows: h, columns: 4 * h, -1, 1),
        b: rng.uniformMatrix(rows: 1, columns: 4 * h, -1, 1))
    }
    return try ModelFile(
      layers: weights, headWeight: rng.uniformMatrix(rows: h, columns: c, -1, 1), headBias: rng.uniformMatrix(rows: 1, columns: c, -1, 1),
      metadata: ModelFileMetadata(
        inputSize: f, hiddenSize: h, layerCount: layers, classNames: (0..<c).map { "class \"\($0)\"" }, sequenceLength: 24,
        lengthPolicy: .resample, normalization: .init(mean: (0..<f).map { Double($0) / 3 }, standardDeviation: (0..<f).map { 1 + Double($0) }),
        extra: ["dataset": "ItalyPowerDemand"]))
  }

  static func randomSeries(steps: Int, features: Int, seed: UInt64) -> [[Double]] {
    var rng = SeededGenerator(seed: seed)
    return (0..<steps).map { _ in (0..<features).map { _ in rng.uniform(-2.0, 2.0) } }
  }

  // MARK: - Tests

  func testExportUsesPyTorchNamesShapesAndTransposes() throws {
    // Entries that say where they come from: W[r, c] = 100 r + c, U[r, c] = 1000 + 100 r + c, b[c] = c / 10.
    let f = 3, h = 2, c = 2
    let model = try ModelFile<Float>(
      layers: [.init(
        W: Matrix(rows: f, columns: 4 * h) { r, c in Float(100 * r + c) },
        U: Matrix(rows: h, columns: 4 * h) { r, c in Float(1000 + 100 * r + c) },
        b: Matrix(rows: 1, columns: 4 * h) { _, c in Float(c) / 10 })],
      headWeight: Matrix(rows: h, columns: c) { r, c in Float(10 * r + c) }, headBias: Matrix([[7, 8]]),
      metadata: ModelFileMetadata(inputSize: f, hiddenSize: h, classNames: ["no", "yes"]))
    let file = model.safeTensors()
    XCTAssertEqual(
      Set(file.tensors.keys), ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias"])
    XCTAssertEqual(try file.tensor("lstm.weight_ih_l0").shape, [8, 3])
    XCTAssertEqual(try file.tensor("lstm.weight_hh_l0").shape, [8, 2])
    XCTAssertEqual(try file.tensor("lstm.bias_ih_l0").shape, [8])
    XCTAssertEqual(try file.tensor("fc.weight").shape, [2, 2])
    XCTAssertEqual(try file.tensor("lstm.weight_ih_l0").dtype, .f32)
    // weight_ih_l0 = W^T, rows in gate order i, f, g, o: row 2H + 1 is the g gate of unit 1, W's column 5.
    XCTAssertEqual(
      try file.values("lstm.weight_ih_l0", shape: [8, 3], as: Float.self),
      [0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203, 4, 104, 204, 5, 105, 205, 6, 106, 206, 7, 107, 207])
    XCTAssertEqual(
      try file.values("lstm.weight_hh_l0", shape: [8, 2], as: Float.self),
      [1000, 1100, 1001, 1101, 1002, 1102, 1003, 1103, 1004, 1104, 1005, 1105, 1006, 1106, 1007, 1107])
    XCTAssertEqual(try file.values("lstm.bias_ih_l0", shape: [8], as: Float.self), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    XCTAssertEqual(try file.values("lstm.bias_hh_l0", shape: [8], as: Float.self), [0, 0, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(try file.values("fc.weight", shape: [2, 2], as: Float.self), [0, 10, 1, 11])  // C x H
    XCTAssertEqual(try file.values("fc.bias", shape: [2], as: Float.self), [7, 8])
    XCTAssertEqual(file.metadata["hidden_size"], "2")
    XCTAssertEqual(file.metadata["input_size"], "3")
    XCTAssertEqual(file.metadata["num_classes"], "2")
    XCTAssertEqual(file.metadata["class_names"], #"["no","yes"]"#)
  }

  func testPyTorchsEquationsOnTheExportedTensorsGiveOurForwardPass() throws {
    for (layers, seed) in [(1, UInt64(1)), (2, 2)] {
      let model = try Self.randomModel(f: 3, h: 4, c: 3, layers: layers, seed: seed)
      let x = Self.randomSeries(steps: 6, features: 3, seed: seed + 10)
      let ours = Self.forwardOurs(model, x)
      let theirs = try Self.forwardPyTorch(model.safeTensors(), x)
      XCTAssertEqual(ours.count, 3)
      for (a, b) in zip(ours, theirs) { XCTAssertEqual(a, b, accuracy: 1e-12, "layers \(layers)") }
    }
  }

  func testRecurrentsLSTMAndDenseComputeWhatPyTorchComputesFromTheExportedTensors() throws {
    // The layers themselves (not the test's own forward pass): Keras-initialised LSTM and Dense, batch of 3 sequences.
    var rng = SeededGenerator(seed: 12)
    let f = 2, h = 5, c = 3, steps = 7, batch = 3
    var lstm = LSTM<Double>(inputSize: f, hiddenSize: h, using: &rng)
    lstm.b = rng.uniformMatrix(rows: 1, columns: 4 * h, -0.5, 0.5)  // a bias with every gate nonzero
    let dense = Dense<Double>(inputSize: h, outputSize: c, using: &rng)
    let file = try ModelFile<Double>(
      layers: [.init(W: lstm.W, U: lstm.U, b: lstm.b)], headWeight: dense.W, headBias: dense.b,
      metadata: ModelFileMetadata(inputSize: f, hiddenSize: h, classNames: ["a", "b", "c"])
    ).safeTensors()
    let series = (0..<batch).map { Self.randomSeries(steps: steps, features: f, seed: 30 + UInt64($0)) }
    // Time-major batch: rows t*B ..< (t+1)*B hold x_t.
    let x = Matrix<Double>(rows: steps * batch, columns: f) { r, k in series[r % batch][r / batch][k] }
    let logits = try dense.forward(try lstm.forward(x, steps: steps).lastHidden)
    for s in 0..<batch {
      let theirs = try Self.forwardPyTorch(file, series[s])
      for k in 0..<c { XCTAssertEqual(logits[s, k], theirs[k], accuracy: 1e-12, "sequence \(s) class \(k)") }
    }
  }

  func testAPyTorchStateDictWithBothBiasesImportsWithTheirSumAndTheSameOutputs() throws {
    // A state dict as PyTorch would save it (random, both biases nonzero, other module names, no metadata).
    var rng = SeededGenerator(seed: 5)
    let f = 2, h = 3, c = 4
    func random(_ shape: [Int]) -> SafeTensorsTensor {
      let values: [Double] = (0..<shape.reduce(1, *)).map { _ in rng.uniform(-1.0, 1.0) }
      return shape.count == 1 ? SafeTensorsTensor(vector: values) : SafeTensorsTensor(Matrix(rows: shape[0], columns: shape[1], scalars: values))
    }
    let stateDict = SafeTensorsFile(tensors: [
      "rnn.weight_ih_l0": random([4 * h, f]), "rnn.weight_hh_l0": random([4 * h, h]),
      "rnn.bias_ih_l0": random([4 * h]), "rnn.bias_hh_l0": random([4 * h]),
      "head.weight": random([c, h]), "head.bias": random([c]),
    ])
    let model = try ModelFile<Double>(try SafeTensorsFile(decoding: stateDict.encoded()))
    XCTAssertEqual(model.metadata.inputSize, f)
    XCTAssertEqual(model.metadata.hiddenSize, h)
    XCTAssertEqual(model.metadata.classNames, ["0", "1", "2", "3"])
    XCTAssertEqual(model.metadata.layerCount, 1)
    let bih: [Double] = stateDict.tensors["rnn.bias_ih_l0"]!.values()!, bhh: [Double] = stateDict.tensors["rnn.bias_hh_l0"]!.values()!
    XCTAssertEqual(model.layers[0].b.scalars, zip(bih, bhh).map(+))
    let x = Self.randomSeries(steps: 5, features: f, seed: 9)
    let theirs = try Self.forwardPyTorch(stateDict, prefix: "rnn.", head: "head.", x)
    for (a, b) in zip(Self.forwardOurs(model, x), theirs) { XCTAssertEqual(a, b, accuracy: 1e-12) }
  }

  func testSaveAndLoadRoundTripsWeightsAndMetadata() throws {
    let model = try Self.randomModel(f: 2, h: 3, c: 3, layers: 2, seed: 4)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modelfile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("m.safetensors")
    try model.write(to: url)
    let loaded = try ModelFile<Double>(contentsOf: url)
    XCTAssertEqual(loaded, model)
    XCTAssertEqual(loaded.metadata.extra, ["dataset": "ItalyPowerDemand"])
    XCTAssertEqual(loaded.metadata.normalization, model.metadata.normalization)
    // Float loads of a Double file round to single precision.
    let single = try ModelFile<Float>(contentsOf: url)
    XCTAssertEqual(single.layers[1].U, model.layers[1].U.converted(to: Float.self))
  }

  func testImportRejectsMissingTensorsWrongShapesUnknownTensorsAndInconsistentMetadata() throws {
    let good = try Self.randomModel(f: 2, h: 3, c: 2, seed: 6).safeTensors()
    func rejection(_ edit: (inout SafeTensorsFile) -> Void) -> SafeTensorsError? {
      var file = good
      file.source = "edited.safetensors"
      edit(&file)
      do { _ = try ModelFile<Float>(file); return nil } catch { return error }
    }
    XCTAssertNil(rejection { _ in })
    XCTAssertEqual(
      rejection { $0.tensors["lstm.bias_hh_l0"] = nil },
      .missingTensor(file: "edited.safetensors", tensor: "lstm.bias_hh_l0", available: good.tensors.keys.filter { $0 != "lstm.bias_hh_l0" }.sorted()))
    XCTAssertEqual(
      rejection { $0.tensors["lstm.weight_hh_l0"] = SafeTensorsTensor(Matrix<Float>(rows: 12, columns: 2)) },
      .unexpectedShape(file: "edited.safetensors", tensor: "lstm.weight_hh_l0", shape: [12, 2], expected: [12, 3]))
    XCTAssertEqual(
      rejection { $0.tensors["fc.bias"] = SafeTensorsTensor(vector: [Float(1), 2, 3]) },
      .unexpectedShape(file: "edited.safetensors", tensor: "fc.bias", shape: [3], expected: [2]))
    guard case .unsupportedModel(_, "lstm.weight_ih_l0_reverse", _) = rejection({
      $0.tensors["lstm.weight_ih_l0_reverse"] = SafeTensorsTensor(Matrix<Float>(rows: 12, columns: 2))
    }) else { return XCTFail("bidirectional weights ignored") }
    guard case .missingTensor(_, "lstm.weight_ih_l0", _) = rejection({ $0.tensors["lstm.weight_ih_l0"] = nil }) else {
      return XCTFail("missing input weights accepted")
    }
    guard case .badMetadata(_, "hidden_size", _) = rejection({ $0.metadata["hidden_size"] = "4" }) else {
      return XCTFail("hidden_size contradicting the shapes accepted")
    }
    guard case .badMetadata(_, "class_names", _) = rejection({ $0.metadata["class_names"] = #"["only one"]"# }) else {
      return XCTFail("class names of the wrong count accepted")
    }
    guard case .badMetadata(_, "normalization_std", _) = rejection({ $0.metadata["normalization_std"] = "[1, 0]" }) else {
      return XCTFail("zero standard deviation accepted")
    }
    guard case .badMetadata(_, "length_policy", _) = rejection({ $0.metadata["length_policy"] = "stretch" }) else {
      return XCTFail("unknown length policy accepted")
    }
    guard case .unexpectedDType(_, "fc.weight", .i32, _) = rejection({
      $0.tensors["fc.weight"] = try! SafeTensorsTensor(dtype: .i32, shape: [2, 3], bytes: Array(repeating: 0, count: 24))
    }) else { return XCTFail("integer weights accepted") }
  }

  func testConstructionChecksTheMatricesAgainstTheSizes() {
    XCTAssertThrowsError(
      try ModelFile<Float>(
        layers: [.init(W: Matrix(rows: 2, columns: 8), U: Matrix(rows: 2, columns: 8), b: Matrix(rows: 1, columns: 8))],
        headWeight: Matrix(rows: 2, columns: 3), headBias: Matrix(rows: 1, columns: 3),
        metadata: ModelFileMetadata(inputSize: 3, hiddenSize: 2, classNames: ["a", "b", "c"])))
  }
}
