import ArgumentParser
import LSTMLab

/// The optimisers the command line offers (`--optimizer`), with Keras's defaults.
enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument {
  case adam, sgd, rmsprop, adagrad

  /// State values kept per parameter: Adam's two moments, SGD's velocity when momentum > 0, RMSProp's mean square
  /// (and velocity when momentum > 0), Adagrad's accumulator.
  func stateSlots(momentum: Double) -> Int {
    switch self {
    case .adam: 2
    case .sgd: momentum > 0 ? 1 : 0
    case .rmsprop: momentum > 0 ? 2 : 1
    case .adagrad: 1
    }
  }

  /// Keras's default learning rate for this optimiser.
  var defaultLearningRate: Double {
    switch self {
    case .adam, .rmsprop, .adagrad: 1e-3
    case .sgd: 1e-2
    }
  }
}

/// The floating-point formats the memory calculator knows (`--precision`).
enum PrecisionChoice: String, CaseIterable, ExpressibleByArgument {
  case float32, float64, float16, bfloat16

  var bytes: Int {
    switch self {
    case .float32: 4
    case .float64: 8
    case .float16, .bfloat16: 2
    }
  }
}
