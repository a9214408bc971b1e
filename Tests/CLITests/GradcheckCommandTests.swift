import Foundation
import LSTMLab
import XCTest

/// `lstmlab gradcheck` run as a student would: a table per cell whose figures are the library's `gradientCheck`.
final class GradcheckCommandTests: XCTestCase {
  func testEveryBuiltInCellPassesAndTheTableShowsTheLibrarysFigures() throws {
    let result = try CommandRunner.run(["gradcheck"])
    XCTAssertEqual(result.status, 0, result.all)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    for (name, header) in [("lstm", "ReferenceLSTM<Double>"), ("rnn", "ReferenceRNN<Double>"), ("peephole", "PeepholeLSTM<Double>")] {
      XCTAssertTrue(lines.contains { $0.hasPrefix("\(name) (\(header)), T=4 B=3 F=3 H=4") && $0.hasSuffix(": pass") }, result.all)
    }
    // The lstm table's rows against the library, run with the command's seeds (weights from --seed, data from +1).
    var rng = SeededGenerator(seed: 1)
    let report = try gradientCheck(cell: ReferenceLSTM<Double>(inputSize: 3, hiddenSize: 4, using: &rng), seed: 2)
    let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("lstm (") })
    for (offset, tensor) in report.tensors.enumerated() {
      let cells = lines[start + 3 + offset].split(separator: " ").map(String.init)
      XCTAssertEqual(
        cells, [tensor.name, "\(tensor.rows)x\(tensor.columns)", NumberText.significant(tensor.maxRelativeError, digits: 2),
                "\(tensor.worstIndex)", NumberText.significant(tensor.backward, digits: 6),
                NumberText.significant(tensor.numeric, digits: 6), "pass"])
    }
  }

  func testATensorOverTheToleranceFailsTheCommandAndIsNamed() throws {
    let result = try CommandRunner.run(["gradcheck", "--cell", "rnn", "--tolerance", "1e-14"])
    XCTAssertEqual(result.status, 1, result.all)
    XCTAssertTrue(result.standardOutput.contains("FAIL"), result.all)
    XCTAssertTrue(result.standardError.contains("rnn: "), result.all)
  }

  func testBadFlagsAreRejectedWithUsage() throws {
    for arguments in [["gradcheck", "--steps", "0"], ["gradcheck", "--cell", "lstm2"], ["gradcheck", "--tolerance", "-1"],
                      ["gradcheck", "--steps", "1000", "--batch", "1000"]] {
      let result = try CommandRunner.run(arguments)
      XCTAssertEqual(result.status, 64, result.all)
      XCTAssertTrue(result.standardError.contains("Usage: lstmlab gradcheck"), result.all)
    }
  }
}
