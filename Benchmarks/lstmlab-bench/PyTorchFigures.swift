import Foundation

/// Figures measured by Benchmarks/pytorch/bench.py on this machine (its --json output), shown beside ours.
struct PyTorchFigures: Decodable {
  /// PyTorch's version and thread count, as the script recorded them.
  var torch: String
  var threads: Int
  var train: [TrainCell]
  var lstm: [LSTMCell]
  var grid: [LSTMCell]

  struct TrainCell: Decodable { var steps: Int, batch: Int, secondsPerEpoch: Double }
  struct LSTMCell: Decodable { var steps: Int, batch: Int, sequencesPerSecond: Double }

  /// Reads the JSON file; the error names the file and what is wrong.
  static func load(_ path: String) throws -> PyTorchFigures {
    let url = URL(fileURLWithPath: path)
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw BenchError.pytorchFile(path: path, problem: "cannot be read (\(error.localizedDescription)); make it with python3 Benchmarks/pytorch/bench.py --json \(path)")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do { return try decoder.decode(PyTorchFigures.self, from: data) } catch {
      throw BenchError.pytorchFile(path: path, problem: "is not bench.py's JSON output (\(error))")
    }
  }
}

/// What can go wrong in the benchmark's own input.
enum BenchError: Error, CustomStringConvertible {
  case pytorchFile(path: String, problem: String)
  case pytorchRun(command: String, problem: String)

  var description: String {
    switch self {
    case .pytorchFile(let path, let problem): "--pytorch \(path): the file \(problem)"
    case .pytorchRun(let command, let problem):
      "--fit-grid: `\(command)` \(problem) (PyTorch's CPU build is needed: pip install torch; --python names the interpreter)"
    }
  }
}
