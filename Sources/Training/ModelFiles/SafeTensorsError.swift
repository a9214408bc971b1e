/// Why a safetensors file could not be read or written.
///
/// Every case names the file (`file`: its path, or a label such as "<memory>" for bytes never on disk), says what was
/// wrong and where (the tensor, the byte offset), and its `description` says how to fix it.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// The file could not be written (nothing was replaced: the previous file, if any, is intact).
  case unwritable(file: String, reason: String)
  /// The file is shorter than the 8-byte header length.
  case tooShort(file: String, byteCount: Int)
  /// The 8-byte header length N points past the end of the file (or past the 100 MB limit on headers).
  case headerLengthPastEnd(file: String, headerLength: UInt64, fileSize: Int)
  /// The header is not valid UTF-8 JSON, or not a JSON object; `offset` is the byte within the header.
  case badJSON(file: String, offset: Int, reason: String)
  /// A header entry lacks a field, has a field of the wrong JSON type, or `__metadata__` holds a non-string.
  case badEntry(file: String, name: String, reason: String)
  /// A `dtype` the safetensors format does not define.
  case unknownDType(file: String, tensor: String, dtype: String)
  /// `data_offsets` end past the end of the byte buffer.
  case offsetsPastEnd(file: String, tensor: String, offsets: [Int], bufferSize: Int)
  /// Two tensors' byte ranges overlap.
  case offsetsOverlap(file: String, tensor: String, other: String)
  /// Bytes of the buffer that no tensor covers (a hole between tensors, or bytes after the last one).
  case bufferNotCovered(file: String, start: Int, end: Int)
  /// The byte count `end - begin` is not the shape's element count times the dtype's size.
  case byteCountMismatch(file: String, tensor: String, shape: [Int], dtype: SafeTensorsDType, expected: Int, actual: Int)
  /// A tensor has a dtype that cannot be read as the type asked for.
  case unexpectedDType(file: String, tensor: String, dtype: SafeTensorsDType, expected: String)
  /// A tensor the reader needs is not in the file.
  case missingTensor(file: String, tensor: String, available: [String])
  /// A tensor has a shape other than the one the reader needs.
  case unexpectedShape(file: String, tensor: String, shape: [Int], expected: [Int])
  /// A `__metadata__` key the reader needs is absent, or its value cannot be parsed.
  case badMetadata(file: String, key: String, reason: String)
  /// Well-formed tensors of a model this reader does not hold (a bidirectional or projected LSTM, a GRU, a head
  /// without a bias, ...); `tensor` is the one that shows it.
  case unsupportedModel(file: String, tensor: String, reason: String)
  /// A weight is NaN or infinite (a model saved after training diverged, or a damaged file): using it would turn
  /// every prediction into NaN.
  case nonFiniteValue(file: String, tensor: String, index: Int, value: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file (\(reason)). Check the path and its permissions."
    case .unwritable(let file, let reason):
      return "\(file): cannot write the file (\(reason)); any previous file at that path is unchanged. "
        + "Check that the folder exists and is writable."
    case .tooShort(let file, let byteCount):
      return "\(file): \(byteCount) bytes is too short for a safetensors file, which starts with an 8-byte header "
        + "length. Is this a safetensors file? Save it again."
    case .headerLengthPastEnd(let file, let headerLength, let fileSize):
      return "\(file): the header length in the first 8 bytes is \(headerLength) bytes, but the file has only "
        + "\(fileSize) bytes (headers are limited to 100 MB). The file is truncated or not a safetensors file."
    case .badJSON(let file, let offset, let reason):
      return "\(file): the header is not a valid JSON object at byte \(offset) of the header (\(reason)). "
        + "The file is corrupt or not a safetensors file."
    case .badEntry(let file, let name, let reason):
      return "\(file): header entry \"\(name)\": \(reason). Each tensor needs \"dtype\" (a string), \"shape\" "
        + "(an array of non-negative integers) and \"data_offsets\" ([begin, end]); \"__metadata__\" maps strings to strings."
    case .unknownDType(let file, let tensor, let dtype):
      return "\(file): tensor \"\(tensor)\" has dtype \"\(dtype)\", which the safetensors format does not define "
        + "(known: \(SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")))."
    case .offsetsPastEnd(let file, let tensor, let offsets, let bufferSize):
      return "\(file): tensor \"\(tensor)\" has data_offsets \(offsets), past the end of the \(bufferSize)-byte "
        + "data buffer (or begin > end). The file is truncated or corrupt."
    case .offsetsOverlap(let file, let tensor, let other):
      return "\(file): the bytes of tensors \"\(other)\" and \"\(tensor)\" overlap; each byte of the buffer must belong "
        + "to exactly one tensor. The file is corrupt."
    case .bufferNotCovered(let file, let start, let end):
      return "\(file): bytes \(start)..<\(end) of the data buffer belong to no tensor; the format requires the tensors "
        + "to cover the buffer without holes. The file is corrupt or was written by a faulty writer."
    case .byteCountMismatch(let file, let tensor, let shape, let dtype, let expected, let actual):
      return "\(file): tensor \"\(tensor)\" of shape \(shape) and dtype \(dtype) needs \(expected) bytes, but its "
        + "data_offsets span \(actual). The file is corrupt."
    case .unexpectedDType(let file, let tensor, let dtype, let expected):
      return "\(file): tensor \"\(tensor)\" has dtype \(dtype), expected \(expected). Convert it before saving "
        + "(in PyTorch: tensor.float())."
    case .missingTensor(let file, let tensor, let available):
      return "\(file): no tensor named \"\(tensor)\" (the file has: \(available.isEmpty ? "none" : available.joined(separator: ", "))). "
        + "Was it saved from a different kind of model?"
    case .unexpectedShape(let file, let tensor, let shape, let expected):
      return "\(file): tensor \"\(tensor)\" has shape \(shape), expected \(expected). The model's sizes (input, hidden, "
        + "classes) do not match the file."
    case .badMetadata(let file, let key, let reason):
      return "\(file): metadata \"\(key)\": \(reason)."
    case .unsupportedModel(let file, let tensor, let reason):
      return "\(file): \(reason) (tensor \"\(tensor)\"). LSTMLab reads a unidirectional nn.LSTM followed by an "
        + "nn.Linear head with a bias."
    case .nonFiniteValue(let file, let tensor, let index, let value):
      return "\(file): tensor \"\(tensor)\" holds \(value) at element \(index); a model with non-finite weights "
        + "predicts NaN. Retrain it (with --clip-norm if training diverged) or use an earlier save."
    }
  }
}
