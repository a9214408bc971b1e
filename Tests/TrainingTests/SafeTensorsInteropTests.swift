import Foundation
import LabMath
import Training
import XCTest

/// Files travel both ways between this codec and the reference implementation (Hugging Face's `safetensors` Python
/// package, numpy API). Skipped where python3 cannot import it (`pip install safetensors numpy` enables it).
final class SafeTensorsInteropTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// Runs a python3 script; skips the test when the reference package is missing.
  private func python(_ script: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { throw XCTSkip("python3 not available: \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if output.contains("ModuleNotFoundError") { throw XCTSkip("python3 cannot import safetensors/numpy: pip install safetensors numpy") }
    return (process.terminationStatus, output)
  }

  func testAFileWrittenHereLoadsInTheReferenceImplementation() throws {
    let url = folder.appendingPathComponent("swift.safetensors")
    // w[r][c] = r - 0.25 c (exact in binary), b[k] = 2^-k.
    let w = Matrix<Float>(rows: 3, columns: 4) { r, c in Float(r) - 0.25 * Float(c) }
    let b = (0..<5).map { Double.pow(2, -Double($0)) }
    try SafeTensorsFile(
      tensors: ["weight_hh_l0": SafeTensorsTensor(w), "bias": SafeTensorsTensor(vector: b)], metadata: ["hidden_size": "3"]
    ).write(to: url)
    let result = try python(
      """
      import numpy as np
      from safetensors import safe_open
      from safetensors.numpy import load_file
      t = load_file("\(url.path)")
      assert t["weight_hh_l0"].dtype == np.float32 and t["weight_hh_l0"].shape == (3, 4), t["weight_hh_l0"]
      r, c = np.meshgrid(np.arange(3), np.arange(4), indexing="ij")
      assert (t["weight_hh_l0"] == r - 0.25 * c).all(), t["weight_hh_l0"]
      assert t["bias"].dtype == np.float64 and (t["bias"] == 2.0 ** -np.arange(5)).all(), t["bias"]
      with safe_open("\(url.path)", framework="np") as f:
          assert f.metadata() == {"hidden_size": "3"}, f.metadata()
      print("ok")
      """)
    XCTAssertEqual(result.status, 0, result.output)
    XCTAssertTrue(result.output.contains("ok"), result.output)
  }

  func testAFileWrittenByTheReferenceImplementationLoadsHere() throws {
    let url = folder.appendingPathComponent("python.safetensors")
    let result = try python(
      """
      import numpy as np
      from safetensors.numpy import save_file
      save_file({
          "fc.weight": (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5),
          "fc.bias": np.array([0.5, -0.125], dtype=np.float64),
          "half": np.array([1.0, -2.0, 0.099975586], dtype=np.float16),
          "steps": np.array([7, 8], dtype=np.int64),
      }, "\(url.path)", metadata={"classes": "2"})
      """)
    XCTAssertEqual(result.status, 0, result.output)
    let file = try SafeTensorsFile(contentsOf: url)
    XCTAssertEqual(file.metadata, ["classes": "2"])
    XCTAssertEqual(try file.matrix("fc.weight", rows: 2, columns: 3, as: Float.self), Matrix(rows: 2, columns: 3) { r, c in Float(3 * r + c) - 2.5 })
    XCTAssertEqual(try file.values("fc.bias", shape: [2], as: Double.self), [0.5, -0.125])
    XCTAssertEqual(try file.values("half", shape: [3], as: Double.self), [1, -2, 0.0999755859375])  // 0x2E66 = 1638/16384
    XCTAssertEqual(try file.tensor("steps").dtype, .i64)
  }
}
