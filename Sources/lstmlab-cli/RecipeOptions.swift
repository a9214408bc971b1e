import ArgumentParser
import LSTMLab

/// The hyperparameter flags `train` and `sweep` share; a sweep's grid axes override them cell by cell.
struct RecipeOptions: ParsableArguments {
  @Option(name: [.customLong("seq-len"), .customShort("T")], help: "Steps per sequence T (default: the data's common length).")
  var steps: Int?

  @Option(name: .customLong("length-policy"), help: "How sequences reach T steps: resample (linear interpolation) or crop (the last T steps).")
  var lengthPolicy: LengthChoice = .resample

  @Flag(inversion: .prefixedNo, help: "Z-normalise each feature with the training part's mean and standard deviation.")
  var normalize = true

  @Option(name: [.long, .customShort("H")], help: "Hidden units per LSTM layer (default 32, or --init's).")
  var hidden: Int?

  @Option(help: "Stacked LSTM layers (default 1, or --init's).")
  var layers: Int?

  @Option(name: [.long, .customShort("B")], help: "Sequences per batch B.")
  var batch = 32

  @Option(help: "Passes over the training data.")
  var epochs = 10

  @Option(help: "Optimiser (Keras's defaults).")
  var optimizer: OptimizerChoice = .adam

  @Option(name: [.customLong("lr"), .customLong("learning-rate")], help: "Learning rate (default: Keras's, 1e-3; 1e-2 for sgd).")
  var learningRate: Double?

  @Option(help: "Momentum for sgd and rmsprop.")
  var momentum = 0.0

  @Option(name: .customLong("clip-norm"), help: "Rescale the gradient to this global norm when larger.")
  var clipNorm: Double?

  @Option(name: .customLong("clip-value"), help: "Clamp every gradient component to [-v, v].")
  var clipValue: Double?

  @Option(name: .customLong("validation-split"), help: "Fraction of the training part (its end) held out for validation.")
  var validationSplit = 0.0

  @Option(help: "Seed of the initial weights and the shuffles (same seed, same run).")
  var seed: UInt64 = 1

  func validate() throws {
    for (flag, value, minimum) in [("--hidden", hidden ?? 1, 1), ("--layers", layers ?? 1, 1), ("--batch", batch, 1),
                                   ("--epochs", epochs, 0), ("--seq-len", steps ?? 2, 2)] where value < minimum {
      throw ValidationError("\(flag) must be at least \(minimum), not \(value).")
    }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      throw ValidationError("--lr must be a positive number, not \(learningRate).")
    }
    guard momentum >= 0, momentum < 1 else { throw ValidationError("--momentum must be in [0, 1), not \(momentum).") }
    guard validationSplit >= 0, validationSplit < 1 else {
      throw ValidationError("--validation-split must be in [0, 1), not \(validationSplit).")
    }
    if clipNorm != nil && clipValue != nil { throw ValidationError("--clip-norm and --clip-value exclude each other; give one.") }
    for (flag, value) in [("--clip-norm", clipNorm), ("--clip-value", clipValue)] {
      if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(flag) must be a positive number, not \(value).") }
    }
  }

  /// The recipe these flags describe.
  var recipe: TrainingRecipe {
    var recipe = TrainingRecipe()
    recipe.hidden = hidden ?? 32
    recipe.layers = layers ?? 1
    recipe.batch = batch
    recipe.epochs = epochs
    recipe.optimizer = optimizer
    recipe.learningRate = learningRate
    recipe.momentum = momentum
    recipe.clipping = clipNorm.map { .globalNorm($0) } ?? clipValue.map { .elementwise($0) } ?? .none
    recipe.validationSplit = validationSplit
    recipe.seed = seed
    recipe.steps = steps
    recipe.lengthPolicy = lengthPolicy.policy
    recipe.normalize = normalize
    return recipe
  }
}

/// `--length-policy`.
enum LengthChoice: String, CaseIterable, ExpressibleByArgument {
  case resample, crop
  var policy: ModelFileMetadata.LengthPolicy { self == .resample ? .resample : .crop }
}
