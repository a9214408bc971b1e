import Foundation
import LabMath

/// A trained LSTM classifier as it is saved: stacked LSTM layers, a dense head on the last step's hidden state, and
/// metadata, in a safetensors file whose tensors have PyTorch's `nn.LSTM` / `nn.Linear` state-dict names and shapes.
///
/// The PyTorch model the file loads into with `model.load_state_dict(safetensors.torch.load_file(path))`:
/// ```python
/// class LSTMClassifier(nn.Module):
///     def __init__(self, input_size, hidden_size, num_classes, num_layers=1):
///         super().__init__()
///         self.lstm = nn.LSTM(input_size, hidden_size, num_layers=num_layers, batch_first=True)
///         self.fc = nn.Linear(hidden_size, num_classes)
///     def forward(self, x):                      # x: B x T x F
///         out, _ = self.lstm(x)
///         return self.fc(out[:, -1])             # logits from h_T
/// ```
/// The mapping, for layer k (F_0 = F, F_k = H above the first layer):
///
/// | here (z = x W + h U + b)   | PyTorch name          | PyTorch shape | value                |
/// |----------------------------|-----------------------|---------------|----------------------|
/// | W: F_k x 4H                | `lstm.weight_ih_l{k}` | 4H x F_k      | W transposed         |
/// | U: H x 4H                  | `lstm.weight_hh_l{k}` | 4H x H        | U transposed         |
/// | b: 1 x 4H                  | `lstm.bias_ih_l{k}`   | 4H            | b                    |
/// |                            | `lstm.bias_hh_l{k}`   | 4H            | zeros                |
/// | head W: H x C              | `fc.weight`           | C x H         | head W transposed    |
/// | head b: 1 x C              | `fc.bias`             | C             | head b               |
///
/// The gates are in the same order in both (i, f, g, o: PyTorch stacks W_ii|W_if|W_ig|W_io along rows, we along
/// columns), so no reordering is needed, only transposition. PyTorch adds two biases, b_ih + b_hh, where we have
/// one: on export b goes to `bias_ih` and `bias_hh` is zero (the exported values are exactly ours, and the sum PyTorch
/// computes is b exactly); on import the two are summed, b = b_ih + b_hh.
///
/// Import is lenient about the names of the two submodules: the LSTM tensors may carry any prefix (`lstm.`, `rnn.`,
/// none), and the head is the one remaining `<prefix>weight` / `<prefix>bias` pair (`fc.` preferred). A tensor that
/// fits neither (a bidirectional LSTM's `_reverse` weights, a projection's `weight_hr`) is rejected, never ignored.
public struct ModelFile<Scalar: LabScalar>: Sendable, Equatable {
  /// One LSTM layer's parameters in LSTMLab's notation.
  public struct LSTMWeights: Sendable, Equatable {
    /// Input weights, F x 4H (columns: gates i, f, g, o).
    public var W: Matrix<Scalar>
    /// Recurrent weights, H x 4H.
    public var U: Matrix<Scalar>
    /// Bias, 1 x 4H.
    public var b: Matrix<Scalar>
    public init(W: Matrix<Scalar>, U: Matrix<Scalar>, b: Matrix<Scalar>) {
      self.W = W
      self.U = U
      self.b = b
    }
  }

  /// The LSTM layers, bottom first.
  public var layers: [LSTMWeights]
  /// The dense head's weights, H x C.
  public var headWeight: Matrix<Scalar>
  /// The dense head's bias, 1 x C.
  public var headBias: Matrix<Scalar>
  /// Sizes, class names, sequence preparation.
  public var metadata: ModelFileMetadata

  /// The prefix of the LSTM tensors' names on export.
  public static var lstmPrefix: String { "lstm." }
  /// The prefix of the head tensors' names on export.
  public static var headPrefix: String { "fc." }

  /// A model file; throws `unexpectedShape` (file "<memory>") when the matrices do not fit the metadata's sizes.
  public init(layers: [LSTMWeights], headWeight: Matrix<Scalar>, headBias: Matrix<Scalar>, metadata: ModelFileMetadata)
    throws(SafeTensorsError)
  {
    let f = metadata.inputSize, h = metadata.hiddenSize, c = metadata.classCount
    func check(_ name: String, _ matrix: Matrix<Scalar>, _ rows: Int, _ columns: Int) throws(SafeTensorsError) {
      guard matrix.rows == rows, matrix.columns == columns else {
        throw .unexpectedShape(file: "<memory>", tensor: name, shape: [matrix.rows, matrix.columns], expected: [rows, columns])
      }
    }
    guard layers.count == metadata.layerCount, !layers.isEmpty else {
      throw .badMetadata(file: "<memory>", key: ModelFileMetadata.Key.layerCount, reason: "says \(metadata.layerCount), \(layers.count) layers given")
    }
    for (k, layer) in layers.enumerated() {
      try check("W (layer \(k))", layer.W, k == 0 ? f : h, 4 * h)
      try check("U (layer \(k))", layer.U, h, 4 * h)
      try check("b (layer \(k))", layer.b, 1, 4 * h)
    }
    try check("head W", headWeight, h, c)
    try check("head b", headBias, 1, c)
    self.layers = layers
    self.headWeight = headWeight
    self.headBias = headBias
    self.metadata = metadata
  }

  // MARK: - Export

  /// The safetensors file: PyTorch state-dict names and shapes, metadata in `__metadata__`.
  public func safeTensors() -> SafeTensorsFile {
    var tensors: [String: SafeTensorsTensor] = [:]
    let p = Self.lstmPrefix
    for (k, layer) in layers.enumerated() {
      tensors[p + "weight_ih_l\(k)"] = SafeTensorsTensor(layer.W.transposed)
      tensors[p + "weight_hh_l\(k)"] = SafeTensorsTensor(layer.U.transposed)
      tensors[p + "bias_ih_l\(k)"] = SafeTensorsTensor(vector: layer.b.scalars)
      tensors[p + "bias_hh_l\(k)"] = SafeTensorsTensor(vector: [Scalar](repeating: 0, count: layer.b.count))
    }
    tensors[Self.headPrefix + "weight"] = SafeTensorsTensor(headWeight.transposed)
    tensors[Self.headPrefix + "bias"] = SafeTensorsTensor(vector: headBias.scalars)
    return SafeTensorsFile(tensors: tensors, metadata: metadata.strings)
  }

  /// Saves the model atomically (temporary file, then rename).
  public func write(to url: URL) throws(SafeTensorsError) { try safeTensors().write(to: url) }

  // MARK: - Import

  /// Reads a model saved here or a PyTorch state dict of the shape above; the sizes come from the tensor shapes and
  /// are checked against the metadata where it states them.
  public init(contentsOf url: URL) throws(SafeTensorsError) { try self.init(try SafeTensorsFile(contentsOf: url)) }

  /// Reads a model from a decoded safetensors file (see the type's documentation for the names).
  public init(_ file: SafeTensorsFile) throws(SafeTensorsError) {
    let names = Set(file.tensors.keys)
    let source = file.source
    try Self.refuseOtherArchitectures(file)

    // The LSTM prefix: the unique P with "P weight_ih_l0" present.
    let lstmPrefixes = names.filter { $0.hasSuffix("weight_ih_l0") }.map { String($0.dropLast("weight_ih_l0".count)) }
    guard lstmPrefixes.count == 1, let p = lstmPrefixes.first else {
      if lstmPrefixes.isEmpty { throw .missingTensor(file: source, tensor: Self.lstmPrefix + "weight_ih_l0", available: names.sorted()) }
      throw .unsupportedModel(file: source, tensor: lstmPrefixes.sorted()[0] + "weight_ih_l0", reason: "LSTM weights are found under several prefixes (\(lstmPrefixes.sorted())); keep one LSTM")
    }
    let weightIH0 = try file.tensor(p + "weight_ih_l0")
    guard weightIH0.shape.count == 2, weightIH0.shape[0] % 4 == 0, weightIH0.shape[0] > 0 else {
      throw .unexpectedShape(file: source, tensor: p + "weight_ih_l0", shape: weightIH0.shape, expected: [4 * max(1, (weightIH0.shape.first ?? 4) / 4), weightIH0.shape.last ?? 1])
    }
    let h = weightIH0.shape[0] / 4, f = weightIH0.shape[1]
    var layerCount = 0
    while names.contains(p + "weight_ih_l\(layerCount)") { layerCount += 1 }

    // The head: "fc." if present, else the unique other Q with Q"weight" and Q"bias".
    let headPrefixes = names.filter { $0.hasSuffix("weight") && !$0.hasPrefix(p + "weight_") }
      .map { String($0.dropLast("weight".count)) }.filter { names.contains($0 + "bias") }
    let q: String
    if headPrefixes.contains(Self.headPrefix) {
      q = Self.headPrefix
    } else if headPrefixes.count == 1, let only = headPrefixes.first {
      q = only
    } else {
      if headPrefixes.isEmpty {
        // A head weight without its bias (nn.Linear(bias=False)) is named as such, not as a missing weight.
        let weights = names.filter { $0.hasSuffix("weight") && !$0.hasPrefix(p + "weight_") }.sorted()
        if let lone = weights.contains(Self.headPrefix + "weight") ? Self.headPrefix + "weight" : weights.count == 1 ? weights[0] : nil {
          throw .unsupportedModel(
            file: source, tensor: lone,
            reason: "the head has a weight but no bias (\(String(lone.dropLast("weight".count)))bias is missing: nn.Linear(..., "
              + "bias=False)); save the head with a bias, or add a zero \(String(lone.dropLast("weight".count)))bias")
        }
        throw .missingTensor(file: source, tensor: Self.headPrefix + "weight", available: names.sorted())
      }
      throw .unsupportedModel(file: source, tensor: headPrefixes.sorted()[0] + "weight", reason: "several candidate heads (\(headPrefixes.sorted().map { $0 + "weight" })); name the head fc")
    }
    let headTensor = try file.tensor(q + "weight")
    guard headTensor.shape.count == 2, headTensor.shape[1] == h, headTensor.shape[0] > 0 else {
      throw .unexpectedShape(file: source, tensor: q + "weight", shape: headTensor.shape, expected: [headTensor.shape.first ?? 1, h])
    }
    let c = headTensor.shape[0]

    var used: Set<String> = [q + "weight", q + "bias"]
    var layers: [LSTMWeights] = []
    for k in 0..<layerCount {
      let inputs = k == 0 ? f : h
      func named(_ base: String) -> String { used.insert(p + base + "_l\(k)"); return p + base + "_l\(k)" }
      let weightIH: Matrix<Scalar> = try file.matrix(named("weight_ih"), rows: 4 * h, columns: inputs)
      let weightHH: Matrix<Scalar> = try file.matrix(named("weight_hh"), rows: 4 * h, columns: h)
      let biasIH: [Scalar] = try file.values(named("bias_ih"), shape: [4 * h])
      let biasHH: [Scalar] = try file.values(named("bias_hh"), shape: [4 * h])
      let bias = Matrix(rows: 1, columns: 4 * h, scalars: zip(biasIH, biasHH).map { $0 + $1 })
      layers.append(LSTMWeights(W: weightIH.transposed, U: weightHH.transposed, b: bias))
    }
    let headWeight: Matrix<Scalar> = try file.matrix(q + "weight", rows: c, columns: h)
    let headBias: [Scalar] = try file.values(q + "bias", shape: [c])
    if let unexpected = names.subtracting(used).sorted().first {
      throw .unsupportedModel(
        file: source, tensor: unexpected, reason: "a tensor that is not part of a unidirectional LSTM + linear head")
    }
    for (k, layer) in layers.enumerated() {
      try Self.requireFinite(layer.W, file: source, tensor: p + "weight_ih_l\(k)", transposed: true)
      try Self.requireFinite(layer.U, file: source, tensor: p + "weight_hh_l\(k)", transposed: true)
      try Self.requireFinite(layer.b, file: source, tensor: p + "bias_ih_l\(k) + bias_hh_l\(k)", transposed: false)
    }
    try Self.requireFinite(headWeight, file: source, tensor: q + "weight", transposed: false)
    try Self.requireFinite(Matrix(rows: 1, columns: c, scalars: headBias), file: source, tensor: q + "bias", transposed: false)

    let metadata = try ModelFileMetadata(file: file, inputSize: f, hiddenSize: h, layerCount: layerCount, classCount: c)
    try self.init(
      layers: layers, headWeight: headWeight.transposed, headBias: Matrix(rows: 1, columns: c, scalars: headBias),
      metadata: metadata)
  }

  /// Throws `nonFiniteValue` at the first NaN or infinity of `matrix` (`index` counts in the file's layout: row-major
  /// of the transposed matrix when `transposed`).
  static func requireFinite(_ matrix: Matrix<Scalar>, file: String, tensor: String, transposed: Bool) throws(SafeTensorsError) {
    guard let k = matrix.scalars.firstIndex(where: { !$0.isFinite }) else { return }
    let (r, c) = (k / matrix.columns, k % matrix.columns)
    throw .nonFiniteValue(file: file, tensor: tensor, index: transposed ? c * matrix.rows + r : k, value: "\(matrix.scalars[k])")
  }

  /// Names the architectures PyTorch saves under LSTM-like names that this reader does not hold, before any shape
  /// check would report them as a bare mismatch: a bidirectional LSTM (`*_reverse`), a projected LSTM
  /// (`weight_hr_l*`, proj_size > 0), a GRU (3 gates: weight_ih is 3H x F with weight_hh 3H x H) and a plain RNN (1 gate).
  static func refuseOtherArchitectures(_ file: SafeTensorsFile) throws(SafeTensorsError) {
    let names = file.tensors.keys.sorted()
    if let reverse = names.first(where: { $0.contains("_reverse") }) {
      throw .unsupportedModel(
        file: file.source, tensor: reverse,
        reason: "this is a bidirectional LSTM (nn.LSTM(bidirectional=True)), whose reverse direction LSTMLab does not "
          + "have; train a unidirectional LSTM")
    }
    if let projection = names.first(where: { $0.range(of: "weight_hr_l") != nil }) {
      throw .unsupportedModel(
        file: file.source, tensor: projection,
        reason: "this is an LSTM with a projection (nn.LSTM(proj_size > 0)), which LSTMLab does not have; train it with "
          + "proj_size=0")
    }
    for name in names where name.hasSuffix("weight_ih_l0") {
      let hh = String(name.dropLast("weight_ih_l0".count)) + "weight_hh_l0"
      guard let ih = file.tensors[name], let recurrent = file.tensors[hh], ih.shape.count == 2, recurrent.shape.count == 2,
        recurrent.shape[1] > 0, ih.shape[0] == recurrent.shape[0]
      else { continue }
      let gates = ih.shape[0] / recurrent.shape[1]
      guard ih.shape[0] % recurrent.shape[1] == 0, gates == 3 || gates == 1 else { continue }  // others: shape checks
      let kind = gates == 3 ? "a GRU (nn.GRU: 3 gates, weight_ih is 3H x F)" : "a plain RNN (nn.RNN: weight_ih is H x F)"
      throw .unsupportedModel(
        file: file.source, tensor: name, reason: "this is \(kind), not an LSTM (4 gates, weight_ih is 4H x F); LSTMLab reads LSTMs only")
    }
  }
}
