import LabMath

/// The element types of the safetensors format: the `dtype` field of a header entry.
///
/// A tensor of shape [d_1, ..., d_k] and type `t` occupies `d_1 * ... * d_k * t.byteCount` bytes of the buffer,
/// little-endian, row-major ("C" order). Every type the format defines is known here so that any valid file can be
/// read and checked; LSTMLab converts the floating-point ones (F64, F32, F16, BF16) to `Float` or `Double` and writes
/// F32 (training precision) or F64.
public enum SafeTensorsDType: String, Sendable, CaseIterable, CustomStringConvertible {
  case bool = "BOOL"
  case u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
  case u16 = "U16", i16 = "I16", f16 = "F16", bf16 = "BF16"
  case u32 = "U32", i32 = "I32", f32 = "F32"
  case u64 = "U64", i64 = "I64", f64 = "F64"

  /// Bytes one element occupies.
  public var byteCount: Int {
    switch self {
    case .bool, .u8, .i8, .f8e5m2, .f8e4m3: 1
    case .u16, .i16, .f16, .bf16: 2
    case .u32, .i32, .f32: 4
    case .u64, .i64, .f64: 8
    }
  }

  /// Whether LSTMLab can read this type as real numbers (F64, F32, F16 and BF16).
  public var isReadableAsReal: Bool { [.f64, .f32, .f16, .bf16].contains(self) }

  /// The type that stores `Scalar` exactly: F32 for `Float`, F64 for `Double`.
  public static func storing<Scalar: LabScalar>(_: Scalar.Type) -> SafeTensorsDType {
    Scalar.byteCount == 8 ? .f64 : .f32
  }

  /// The name the format uses ("F32").
  public var description: String { rawValue }
}
