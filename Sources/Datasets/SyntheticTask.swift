import LabMath

/// A generated classification task whose sequence length T is a parameter, so one task can be run at many T.
///
/// `generate(count:steps:using:)` draws `count` independent labelled sequences of `steps` x `featureCount` from the
/// generator passed in: same generator state, same data. `dataset(trainCount:testCount:steps:seed:)` makes a train
/// and a test part from two generators derived from one seed (streams 0 and 1), so the test part does not change
/// when the training count does.
public protocol SyntheticTask: Sendable {
  /// The task's name, with its parameters (`TemporalOrder(scaled)`).
  var name: String { get }
  /// Number of features F per time step.
  var featureCount: Int { get }
  /// The class names; labels index them.
  var classNames: [String] { get }
  /// The accuracy of the best guess that ignores the input (the expected accuracy of always answering the most
  /// likely class). A model at this level has learnt nothing.
  var chanceAccuracy: Double { get }
  /// The smallest sequence length the task can be generated at.
  var minimumSteps: Int { get }
  /// `count` labelled sequences of `steps` time steps.
  func generate(count: Int, steps: Int, using rng: inout SeededGenerator) throws -> LabeledSequences
}

extension SyntheticTask {
  /// A train part (generator stream 0 of `seed`) and a test part (stream 1), each of `steps` time steps.
  public func dataset(trainCount: Int, testCount: Int, steps: Int, seed: UInt64) throws -> Dataset {
    var trainRNG = SeededGenerator.derived(seed: seed, stream: 0)
    var testRNG = SeededGenerator.derived(seed: seed, stream: 1)
    var train = try generate(count: trainCount, steps: steps, using: &trainRNG)
    var test = try generate(count: testCount, steps: steps, using: &testRNG)
    train.name = "\(name)_TRAIN@T=\(steps)"
    test.name = "\(name)_TEST@T=\(steps)"
    return Dataset(name: name, train: train, test: test)
  }

  /// Throws unless count >= 1 and steps >= minimumSteps.
  func checkArguments(count: Int, steps: Int) throws {
    guard count >= 1 else {
      throw DatasetError.invalidArgument(argument: "\(name).generate(count:)", found: "\(count)", expected: "at least 1 sequence")
    }
    guard steps >= minimumSteps else {
      throw DatasetError.invalidArgument(
        argument: "\(name).generate(steps:)", found: "\(steps)", expected: "at least \(minimumSteps) steps for this task")
    }
  }
}

/// Positions of the marked steps of a long-time-lag task (temporal order, adding problem).
public enum MarkPlacement: Sendable, Equatable {
  /// The positions scale with T: the marks fall in fixed fractions of the sequence (the task's published ranges),
  /// so the time lag grows in proportion to T.
  case scaledWithLength
  /// The last mark sits exactly `lag` steps before the final step (t2 = T - 1 - lag) and the first mark uniformly
  /// before it, so the minimal time lag is fixed while T varies (or varies while T is fixed).
  case lag(Int)
}

/// A uniform integer in lower ..< upper (upper > lower).
func uniformInteger(_ lower: Int, _ upper: Int, _ rng: inout SeededGenerator) -> Int {
  lower + rng.nextInt(below: upper - lower)
}
