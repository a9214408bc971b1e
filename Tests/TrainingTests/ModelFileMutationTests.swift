import Foundation
import LabMath
import XCTest

@testable import Training

/// A bounded randomized test of the model-file reader: 400 seeded mutants of a real saved model (a 2-layer
/// LSTM(3) classifier, with metadata). Every mutant must be read (a consistent, finite model) or refused with a
/// `SafeTensorsError`; never a crash, never a hang (a watchdog fails the test). Mutations that always corrupt the
/// file (truncation anywhere, an invalid byte inside the JSON header, a NaN written into a weight, an absurd
/// sequence_length) must always be refused: the oracle against silent acceptance.
final class ModelFileMutationTests: XCTestCase {
  func testMutantsAreReadWholeOrRefusedAndCorruptOnesAlwaysRefused() throws {
    let mutants = Mutants()
    XCTAssertTrue(mutants.read(mutants.original))
    let progress = Progress()
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Thread.detachNewThread {
      var rng = SeededGenerator(seed: 20_261_203)
      for k in 0..<300 {
        progress.set(k)
        if mutants.read(mutants.anyMutation(&rng)) { outcome.accepted += 1 } else { outcome.refused += 1 }
      }
      for k in 0..<100 {
        progress.set(300 + k)
        let (mutant, what) = mutants.corrupting(&rng)
        if mutants.read(mutant) { outcome.silentlyAccepted.append(what) }
      }
      done.signal()
    }
    guard done.wait(timeout: .now() + 60) == .success else {
      return XCTFail("the reader hung (no result within 60 s) on mutant \(progress.value)")
    }
    XCTAssertEqual(outcome.silentlyAccepted, [], "corrupt model files were accepted")
    XCTAssertGreaterThan(outcome.refused, 50)
    XCTAssertGreaterThan(outcome.accepted, 10)  // bit flips in weights give other finite weights: legitimately read
    print("ModelFileMutationTests: \(outcome.accepted) mutants read, \(outcome.refused) refused")
  }
}

/// The original file and its mutations.
struct Mutants: Sendable {
  let original: [UInt8] = {
    var rng = SeededGenerator(seed: 11)
    let (f, h, c) = (2, 3, 3)
    let layers = (0..<2).map { k in
      ModelFile<Float>.LSTMWeights(
        W: rng.uniformMatrix(rows: k == 0 ? f : h, columns: 4 * h, -1, 1), U: rng.uniformMatrix(rows: h, columns: 4 * h, -1, 1),
        b: rng.uniformMatrix(rows: 1, columns: 4 * h, -1, 1))
    }
    let model = try! ModelFile<Float>(
      layers: layers, headWeight: rng.uniformMatrix(rows: h, columns: c, -1, 1), headBias: rng.uniformMatrix(rows: 1, columns: c, -1, 1),
      metadata: ModelFileMetadata(
        inputSize: f, hiddenSize: h, layerCount: 2, classNames: ["a", "b", "c"], sequenceLength: 24, lengthPolicy: .resample,
        normalization: .init(mean: [0.5, -1], standardDeviation: [2, 0.25])))
    return model.safeTensors().encoded()
  }()

  var headerEnd: Int {
    8 + Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(original[$1]) << (8 * UInt64($1)) })
  }

  /// Reads `bytes` as a model file: true when accepted (then the model must be consistent and finite), false when
  /// refused with a `SafeTensorsError` naming the file.
  func read(_ bytes: [UInt8]) -> Bool {
    do {
      let model = try ModelFile<Float>(SafeTensorsFile(decoding: bytes, source: "mutant.safetensors"))
      XCTAssertTrue(model.parameters.allSatisfy { $0.scalars.allSatisfy(\.isFinite) }, "an accepted model has non-finite weights")
      XCTAssertNoThrow(try model.makeModel())
      if let normalization = model.metadata.normalization {
        XCTAssertNil(ModelFileMetadata.Normalization.degeneracy(mean: normalization.mean, standardDeviation: normalization.standardDeviation))
      }
      XCTAssertLessThanOrEqual(model.metadata.sequenceLength ?? 0, ModelFileMetadata.maximumSequenceLength)
      return true
    } catch {
      XCTAssertTrue(error.description.contains("mutant.safetensors"), "\(error)")
      return false
    }
  }

  /// Any mutation: bytes flipped, overwritten, inserted, deleted, copied from elsewhere, in the header or the buffer.
  func anyMutation(_ rng: inout SeededGenerator) -> [UInt8] {
    var bytes = original
    for _ in 0..<(1 + rng.nextInt(below: 3)) {
      guard !bytes.isEmpty else { break }
      let at = rng.nextInt(below: bytes.count)
      switch rng.nextInt(below: 5) {
      case 0: bytes[at] ^= UInt8(1 << rng.nextInt(below: 8))
      case 1: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
      case 2: bytes.insert(Array("{}[],:\"0123456789eE.- \u{0}".utf8)[rng.nextInt(below: 22)], at: at)
      case 3: bytes.remove(at: at)
      default: bytes[at] = bytes[rng.nextInt(below: bytes.count)]
      }
    }
    return bytes
  }

  /// A mutation that always corrupts, and what it did.
  func corrupting(_ rng: inout SeededGenerator) -> (bytes: [UInt8], what: String) {
    var bytes = original
    let header = String(decoding: original[8..<headerEnd], as: UTF8.self)
    let jsonEnd = 8 + (header.utf8.count - header.reversed().prefix { $0 == " " }.count)  // past the closing '}'
    switch rng.nextInt(below: 4) {
    case 0:
      let cut = rng.nextInt(below: bytes.count)
      return (Array(bytes.prefix(cut)), "truncated to \(cut) of \(bytes.count) bytes")
    case 1:
      let at = 8 + rng.nextInt(below: jsonEnd - 8)
      bytes[at] = [0xFF, 0xC0, 0x80][rng.nextInt(below: 3)]  // never valid UTF-8 at any position
      return (bytes, "an invalid UTF-8 byte at \(at), inside the JSON header")
    case 2:
      let floats = (bytes.count - headerEnd) / 4
      let k = rng.nextInt(below: floats)
      let nan: [UInt8] = rng.nextInt(below: 2) == 0 ? [0x00, 0x00, 0xC0, 0x7F] : [0x00, 0x00, 0x80, 0xFF]  // NaN, -inf
      bytes.replaceSubrange(headerEnd + 4 * k..<headerEnd + 4 * k + 4, with: nan)
      return (bytes, "a non-finite value written into float \(k) of the buffer")
    default:
      // Metadata a reader must not believe: re-encoded, so the file is otherwise well-formed.
      var file = try! SafeTensorsFile(decoding: original, source: "original")
      let (key, value) = [("sequence_length", "1000000000"), ("sequence_length", "-3"), ("normalization_std", "[1e-300,1]"),
                          ("normalization_mean", "[1e308,0]"), ("num_classes", "4"), ("class_names", "[\"a\"]")][rng.nextInt(below: 6)]
      file.metadata[key] = value
      return (file.encoded(), "metadata \(key) = \(value)")
    }
  }

}

/// The index of the mutant being read, for the hang message.
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private var index = 0
  func set(_ value: Int) { lock.withLock { index = value } }
  var value: Int { lock.withLock { index } }
}

final class Outcome: @unchecked Sendable {
  var accepted = 0, refused = 0
  var silentlyAccepted: [String] = []
}
