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

  @Option(
    name: .customLong("validation-split"),
    help: "Fraction of the training part held out for validation: a stratified random sample (each class in proportion, drawn from --seed), not the file's end.")
  var validationSplit = 0.0

  @Option(help: "Seed of the initial weights and the shuffles (same seed, same run).")
  var seed: UInt64 = 1

  func validate() throws {
    if clipNorm != nil && clipValue != nil { throw ValidationError("--clip-norm and --clip-value exclude each other; give one.") }
    if let problem = recipe.problem(naming: Self.flag) { throw ValidationError(problem) }
  }

  /// The flag that sets each recipe setting.
  static func flag(_ setting: TrainingRecipe.Setting) -> String {
    switch setting {
    case .hidden: "--hidden"
    case .layers: "--layers"
    case .batch: "--batch"
    case .epochs: "--epochs"
    case .steps: "--seq-len"
    case .learningRate: "--lr"
    case .momentum: "--momentum"
    case .clipNorm: "--clip-norm"
    case .clipValue: "--clip-value"
    case .validationSplit: "--validation-split"
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
