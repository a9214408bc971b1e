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

    // The LSTM prefix: the unique P with "P weight_ih_l0" present.
    let lstmPrefixes = names.filter { $0.hasSuffix("weight_ih_l0") }.map { String($0.dropLast("weight_ih_l0".count)) }
    guard lstmPrefixes.count == 1, let p = lstmPrefixes.first else {
      if lstmPrefixes.isEmpty { throw .missingTensor(file: source, tensor: Self.lstmPrefix + "weight_ih_l0", available: names.sorted()) }
      throw .badEntry(file: source, name: "weight_ih_l0", reason: "found under several prefixes (\(lstmPrefixes.sorted())); keep one LSTM")
    }
    let weightIH0 = try file.tensor(p + "weight_ih_l0")
    guard weightIH0.shape.count == 2, weightIH0.shape[0] % 4 == 0, weightIH0.shape[0] > 0 else {
      throw .badEntry(file: source, name: p + "weight_ih_l0", reason: "has shape \(weightIH0.shape), not [4H, F] with H > 0")
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
      if headPrefixes.isEmpty { throw .missingTensor(file: source, tensor: Self.headPrefix + "weight", available: names.sorted()) }
      throw .badEntry(file: source, name: "fc.weight", reason: "several candidate heads (\(headPrefixes.sorted().map { $0 + "weight" })); name the head fc")
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
      throw .badEntry(
        file: source, name: unexpected,
        reason: "is not part of a unidirectional LSTM + linear head (bidirectional LSTMs, projections and other layers are not supported)")
    }

    let metadata = try ModelFileMetadata(file: file, inputSize: f, hiddenSize: h, layerCount: layerCount, classCount: c)
    try self.init(
      layers: layers, headWeight: headWeight.transposed, headBias: Matrix(rows: 1, columns: c, scalars: headBias),
      metadata: metadata)
  }
}
