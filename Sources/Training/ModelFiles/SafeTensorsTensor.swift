import LabMath

/// One tensor of a safetensors file: its element type, its shape, and its bytes (little-endian, row-major).
///
/// A `rows x columns` `Matrix` is stored with shape [rows, columns] and element (r, c) at byte
/// `(r * columns + c) * dtype.byteCount`, which is exactly `Matrix.scalars` in order; a vector has shape [n].
public struct SafeTensorsTensor: Sendable, Equatable {
  /// The element type.
  public let dtype: SafeTensorsDType
  /// The dimensions, outermost first ([] for a scalar).
  public let shape: [Int]
  /// `elementCount * dtype.byteCount` bytes, little-endian, row-major.
  public let bytes: [UInt8]

  /// The number of elements, the product of `shape` (1 for a scalar).
  public var elementCount: Int { shape.reduce(1, *) }

  /// A tensor over raw bytes; throws `byteCountMismatch` when `bytes` does not hold exactly `shape`'s elements.
  public init(dtype: SafeTensorsDType, shape: [Int], bytes: [UInt8], name: String = "tensor") throws(SafeTensorsError) {
    guard let expected = SafeTensorsTensor.byteCount(shape: shape, dtype: dtype), expected == bytes.count else {
      throw .byteCountMismatch(
        file: "<memory>", tensor: name, shape: shape, dtype: dtype, expected: SafeTensorsTensor.byteCount(shape: shape, dtype: dtype) ?? -1,
        actual: bytes.count)
    }
    self.dtype = dtype
    self.shape = shape
    self.bytes = bytes
  }

  /// The values of `matrix` with shape [rows, columns], stored as F32 for `Float` and F64 for `Double`.
  public init<Scalar: LabScalar>(_ matrix: Matrix<Scalar>) {
    self.init(unchecked: [matrix.rows, matrix.columns], values: matrix.scalars)
  }

  /// A vector of shape [values.count], stored as F32 for `Float` and F64 for `Double`.
  public init<Scalar: LabScalar>(vector values: [Scalar]) {
    self.init(unchecked: [values.count], values: values)
  }

  private init<Scalar: LabScalar>(unchecked shape: [Int], values: [Scalar]) {
    let dtype = SafeTensorsDType.storing(Scalar.self)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * dtype.byteCount)
    for value in values {
      if dtype == .f64 {
        let bits = Double(value).bitPattern
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k)))) }
      } else {
        let bits = Float(value).bitPattern
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(k)))) }
      }
    }
    self.dtype = dtype
    self.shape = shape
    self.bytes = bytes
  }

  /// The bytes `shape` needs in `dtype`, or nil on a negative dimension or overflow.
  static func byteCount(shape: [Int], dtype: SafeTensorsDType) -> Int? {
    var count = dtype.byteCount
    for dimension in shape {
      guard dimension >= 0 else { return nil }
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else { return nil }
      count = product
    }
    return count
  }

  /// The elements in row-major order converted to `Scalar`, or nil when `dtype` is not a real type
  /// (F64, F32, F16 and BF16 are; integers and 8-bit floats are not).
  public func values<Scalar: LabScalar>(as _: Scalar.Type = Scalar.self) -> [Scalar]? {
    let size = dtype.byteCount
    func word(_ i: Int) -> UInt64 {
      var bits: UInt64 = 0
      for k in 0..<size { bits |= UInt64(bytes[i * size + k]) << (8 * UInt64(k)) }
      return bits
    }
    let count = bytes.count / size
    switch dtype {
    case .f64: return (0..<count).map { Scalar(Double(bitPattern: word($0))) }
    case .f32: return (0..<count).map { Scalar(Float(bitPattern: UInt32(word($0)))) }
    case .bf16: return (0..<count).map { Scalar(Float(bitPattern: UInt32(word($0)) << 16)) }
    case .f16: return (0..<count).map { Scalar(SafeTensorsTensor.halfToDouble(UInt16(word($0)))) }
    default: return nil
    }
  }

  /// IEEE 754 binary16 to Double (exact): sign, 5 exponent bits (bias 15), 10 fraction bits; subnormals, infinities
  /// and NaN included.
  static func halfToDouble(_ bits: UInt16) -> Double {
    let sign: FloatingPointSign = bits >> 15 == 1 ? .minus : .plus
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0: return Double(sign: sign, exponent: -24, significand: fraction)
    case 31: return fraction == 0 ? (sign == .minus ? -.infinity : .infinity) : .nan
    default: return Double(sign: sign, exponent: exponent - 15, significand: 1 + fraction / 1024)
    }
  }
}
