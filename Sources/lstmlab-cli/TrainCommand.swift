import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab train`: fit an LSTM classifier on a data set and save it in safetensors with PyTorch's names.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an LSTM classifier on a data set; save it as safetensors with PyTorch's nn.LSTM/nn.Linear names.",
    discussion: """
      The model is --layers LSTM layers of --hidden units reading each sequence step by step, then a softmax layer on \
      the last hidden state h_T. Sequences are brought to --seq-len steps (resampled, or cropped to their last T \
      steps) and z-normalised per feature with the training part's statistics; both are saved with the model, so \
      evaluate and predict prepare new data the same way.

      Examples:
        # a shipped set: 16 hidden units, 60 epochs; save the model and history
        lstmlab train --data ItalyPowerDemand --hidden 16 --epochs 60 \\
          --batch 16 --lr 0.01 --save italy.safetensors --history italy.csv
        # variable-length series cropped to their last 20 steps, clipping
        lstmlab train --data JapaneseVowels --seq-len 20 --length-policy crop \\
          --hidden 64 --clip-norm 1
        # your own files (X_TEST.ts next to X_TRAIN.ts is found by itself)
        lstmlab train --data path/to/X_TRAIN.ts --seq-len 200 \\
          --validation-split 0.2 --save mine.safetensors
        # continue from saved weights (or a PyTorch state dict)
        lstmlab train --data ItalyPowerDemand --init italy.safetensors --epochs 5
      """)

  @OptionGroup var source: DataOptions

  @Option(name: .customLong("test-data"), help: ArgumentHelp("A test file for a --data file (default: its _TEST sibling, if any).", valueName: "path"))
  var testData: String?

  @OptionGroup var hyperparameters: RecipeOptions

  @Option(help: ArgumentHelp("Write the per-epoch history to this CSV file.", valueName: "file.csv"))
  var history: String?

  @Option(help: ArgumentHelp("Save the trained model to this safetensors file.", valueName: "file.safetensors"))
  var save: String?

  @Option(name: .customLong("init"), help: ArgumentHelp("Start from these weights (a model saved here, or a PyTorch state dict).", valueName: "file.safetensors"))
  var initFile: String?

  @Option(help: "Progress display (auto: a bar on a terminal, a line per epoch otherwise).")
  var progress: ProgressChoice = .auto

  @OptionGroup var memoryGuard: MemoryGuardOptions

  func validate() throws {
    if let testData, !FileManager.default.fileExists(atPath: testData) {
      throw ValidationError("--test-data: no file at \(testData).")
    }
    if initFile != nil && (hyperparameters.hidden != nil || hyperparameters.layers != nil) {
      throw ValidationError("--init sets the model's size; leave out --hidden and --layers.")
    }
  }

  func run() throws {
    var recipe = hyperparameters.recipe
    recipe.progress = progress.style
    let (name, train, test) = try source.loadForTraining(testPath: testData)
    let initial = try initFile.map { try ModelFile<Float>(contentsOf: URL(fileURLWithPath: $0)) }
    try recipe.checkMemory(train: train, test: test, initial: initial, dataset: name, allowLarge: memoryGuard.allowLarge)
    var metadata = try recipe.metadata(for: train, dataset: name, initial: initial)
    metadata.extra["lstmlab.command"] = (["lstmlab"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    var model = try recipe.makeModel(metadata, initial: initial)

    let lengthNote = hyperparameters.steps == nil
      ? "as given" : "\(hyperparameters.lengthPolicy == .resample ? "resampled" : "cropped") from \(lengthRange(train))"
    print("Data: \(name), \(train.count) training\(test.map { " and \($0.count) test" } ?? "") sequences, "
      + "T = \(metadata.sequenceLength ?? 0) (\(lengthNote)), F = \(metadata.inputSize), \(metadata.classCount) classes"
      + (metadata.normalization == nil ? "" : ", z-normalised"))
    print("Model: \(recipe.summary(metadata, parameters: model.parameterCount))\(initFile.map { ", from \($0)" } ?? "")")

    let result = try recipe.fit(&model, train: train, validation: nil, metadata: metadata) { print($0) }
    if let last = result.epochs.last {
      var line = "Trained: loss \(NumberText.fixed(last.loss, decimals: 4)), accuracy \(NumberText.fixed(last.accuracy, decimals: 4))"
      if let loss = last.validationLoss, let accuracy = last.validationAccuracy {
        line += "; validation loss \(NumberText.fixed(loss, decimals: 4)), accuracy \(NumberText.fixed(accuracy, decimals: 4))"
      }
      print(line + " after \(result.epochs.count) epoch\(result.epochs.count == 1 ? "" : "s") (\(NumberText.fixed(result.epochs.reduce(0) { $0 + $1.seconds }, decimals: 1)) s)")
    }
    if let test {
      let evaluation = try model.evaluate(try metadata.prepare(relabel(test, to: metadata.classNames, flag: "--test-data")), batchSize: 256)
      print("Test: loss \(NumberText.fixed(evaluation.loss, decimals: 4)), accuracy \(NumberText.fixed(evaluation.accuracy, decimals: 4)) on \(evaluation.count) sequences")
    }
    if let history {
      try HistoryCSV.write(history: result, to: URL(fileURLWithPath: history))
      print("History: \(history)")
    }
    if let save {
      try ModelFile<Float>(model, metadata: metadata).write(to: URL(fileURLWithPath: save))
      print("Saved: \(save) (load in PyTorch: see `lstmlab train --help` and the README's name table)")
    }
    if let divergence = result.divergence {
      FileHandle.standardError.write(Data("lstmlab train: training diverged (\(divergence)); the model kept its last finite weights.\n".utf8))
      throw ExitCode(1)
    }
  }

  private func lengthRange(_ part: LabeledSequences) -> String {
    let lengths = part.lengths
    guard let low = lengths.min(), let high = lengths.max() else { return "no" }
    return low == high ? "\(low)" : "\(low)-\(high)"
  }
}

/// A number for a summary line: 4 significant decimals.

/// `--progress`.
enum ProgressChoice: String, CaseIterable, ExpressibleByArgument {
  case auto, bar, lines, silent
  var style: ProgressStyle {
    switch self {
    case .auto: .automatic
    case .bar: .bar
    case .lines: .lines
    case .silent: .silent
    }
  }
}
