import Foundation
import LabMath
import XCTest

@testable import Training

/// Model files that are well-formed safetensors but cannot be used: other architectures named as such, non-finite
/// weights, degenerate normalisation, absurd sequence lengths. Each is refused with the tensor or key that shows it.
final class ModelFileRefusalTests: XCTestCase {
  let good = try! SafeTensorsModelFileTests.randomModel(f: 2, h: 3, c: 2, seed: 6).safeTensors()

  func rejection(_ edit: (inout SafeTensorsFile) -> Void) -> SafeTensorsError? {
    var file = good
    file.source = "edited.safetensors"
    edit(&file)
    do { _ = try ModelFile<Float>(file); return nil } catch { return error }
  }

  func assertRefused(
    _ expected: [String], file: StaticString = #filePath, line: UInt = #line, _ edit: (inout SafeTensorsFile) -> Void
  ) {
    guard let error = rejection(edit) else { return XCTFail("accepted", file: file, line: line) }
    for text in expected + ["edited.safetensors"] {
      XCTAssertTrue(error.description.contains(text), "no \"\(text)\" in: \(error)", file: file, line: line)
    }
    XCTAssertFalse(error.description.contains("Each tensor needs \"dtype\""), "header-format advice for a model problem: \(error)", file: file, line: line)
  }

  func matrix(_ rows: Int, _ columns: Int) -> SafeTensorsTensor { SafeTensorsTensor(Matrix<Float>(rows: rows, columns: columns)) }

  func testOtherArchitecturesAreNamed() {
    XCTAssertNil(rejection { _ in })
    assertRefused(["bidirectional"]) {
      $0.tensors["lstm.weight_ih_l0_reverse"] = self.matrix(12, 2)
      $0.tensors["lstm.weight_hh_l0_reverse"] = self.matrix(12, 3)
    }
    assertRefused(["proj_size", "weight_hr_l0"]) {
      $0.tensors["lstm.weight_hr_l0"] = self.matrix(2, 3)
      $0.tensors["lstm.weight_hh_l0"] = self.matrix(12, 2)
    }
    // A GRU with H = 4: weight_ih is 12 x 2, which would pass as an LSTM of H = 3 by its row count alone.
    assertRefused(["GRU"]) {
      $0.tensors["lstm.weight_ih_l0"] = self.matrix(12, 2)
      $0.tensors["lstm.weight_hh_l0"] = self.matrix(12, 4)
    }
    assertRefused(["plain RNN"]) {
      $0.tensors["lstm.weight_ih_l0"] = self.matrix(4, 2)
      $0.tensors["lstm.weight_hh_l0"] = self.matrix(4, 4)
    }
    assertRefused(["no bias", "fc.bias", "bias=False"]) { $0.tensors["fc.bias"] = nil }
    assertRefused(["not part of a unidirectional LSTM"]) { $0.tensors["extra.thing"] = self.matrix(1, 1) }
  }

  func testNonFiniteWeightsAreRefusedNamingTheTensorAndElement() {
    for (name, value) in [("lstm.weight_hh_l0", Float.nan), ("fc.bias", Float.infinity), ("lstm.bias_hh_l0", -Float.infinity)] {
      guard case .nonFiniteValue(_, let tensor, let index, _)? = rejection({
        let t = $0.tensors[name]!
        var values = t.values(as: Float.self)!
        values[1] = value
        $0.tensors[name] = try! SafeTensorsTensor(dtype: .f32, shape: t.shape, bytes: values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
      }) else { XCTFail("\(name) = \(value) accepted"); continue }
      XCTAssertTrue(tensor.contains(name.dropFirst("lstm.".count)), "\(tensor) for \(name)")
      XCTAssertEqual(index, 1, name)
    }
  }

  func testDegenerateNormalisationAndAbsurdSequenceLengthsAreRefused() {
    for (key, text) in [("normalization_std", "[1e-300, 1]"), ("normalization_mean", "[1e308, 0]"), ("normalization_std", "[1e39, 1]"),
                        ("sequence_length", "1000000000")] {
      guard case .badMetadata(_, let found, let reason)? = rejection({ $0.metadata[key] = text }) else {
        XCTFail("\(key) = \(text) accepted"); continue
      }
      XCTAssertEqual(found, key, reason)
    }
    XCTAssertNil(ModelFileMetadata.Normalization.degeneracy(mean: [1e30, -5], standardDeviation: [1e-3, 1e20]))
    XCTAssertNotNil(ModelFileMetadata.Normalization.degeneracy(mean: [3e38], standardDeviation: [1e-3]))  // mean/std overflows
  }
}
