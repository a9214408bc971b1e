import Foundation

/// A fingerprint of the code that is running: the 64-bit FNV-1a hash of the executable file (`/proc/self/exe` on
/// Linux, else the path the program was started with). A lesson's results cache is keyed on it beside its settings,
/// so a student who edits a lesson and rebuilds never gets the old code's numbers back.
///
/// FNV-1a: h = 0xcbf29ce484222325; for each byte b: h = (h XOR b) * 0x100000001b3 (mod 2^64).
public enum CodeIdentity {
  /// The fingerprint of this process's executable, as 16 hex digits; "unknown" when the file cannot be read (the
  /// cache then keys on the settings alone).
  public static let current: String = {
    for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
      if let hash = try? fileHash(URL(fileURLWithPath: path)) { return hex(hash) }
    }
    return "unknown"
  }()

  /// The FNV-1a hash of the bytes.
  public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return h
  }

  /// The FNV-1a hash of a file's bytes, read in 1 MiB chunks.
  public static func fileHash(_ url: URL) throws -> UInt64 {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { buffer in
        for byte in buffer { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
      }
    }
    return h
  }

  /// 16 lowercase hex digits.
  public static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
