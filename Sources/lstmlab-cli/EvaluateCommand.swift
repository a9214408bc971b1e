import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab evaluate`: a saved model's loss, accuracy and confusion matrix on labelled data.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score a saved model on labelled data: loss, accuracy, confusion matrix.",
    discussion: """
      The data is prepared as the model was trained: brought to its T (resampled or cropped) and normalised with \
      the statistics saved in the file. Labels are matched to the model's classes by name.

      Examples:
        lstmlab evaluate --model italy.safetensors --data ItalyPowerDemand
        lstmlab evaluate --model italy.safetensors --data ItalyPowerDemand \\
          --part train
        lstmlab evaluate --model mine.safetensors --data path/to/X_TEST.ts
      """)

  @Option(help: ArgumentHelp("The model file (saved by lstmlab train, or a PyTorch state dict).", valueName: "file.safetensors"))
  var model: String

  @OptionGroup var source: DataOptions

  @Option(help: "Which part of a named data set: train or test.")
  var part: DataPart = .test

  @Option(name: [.long, .customShort("B")], help: "Sequences per forward batch (memory only, not the result).")
  var batch = 256

  @OptionGroup var memoryGuard: MemoryGuardOptions

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, not \(batch).") }
  }

  func run() throws {
    let file = try ModelFile<Float>(contentsOf: URL(fileURLWithPath: model))
    let classes = file.metadata.classNames
    let data = try relabel(try source.loadPart(part), to: classes, flag: "--data")
    try MemoryGuard.checkInference(model: model, file, data: data, batch: batch, allowLarge: memoryGuard.allowLarge)
    let prepared = try file.metadata.prepare(data)
    let network = try file.makeModel()
    let evaluation = try network.evaluate(prepared, batchSize: batch)
    let predicted = predictedClasses(try network.predict(prepared, batchSize: batch))

    print("Model: \(model): LSTM(\(file.metadata.hiddenSize))\(file.metadata.layerCount > 1 ? " x\(file.metadata.layerCount)" : "") "
      + "on \(file.metadata.inputSize) feature\(file.metadata.inputSize == 1 ? "" : "s"), T = \(file.metadata.sequenceLength.map(String.init) ?? "any") "
      + "(\(file.metadata.lengthPolicy.explanation)), \(classes.count) classes")
    print("Data: \(data.name), \(data.count) sequences")
    print("loss \(NumberText.fixed(evaluation.loss, decimals: 4)), accuracy \(NumberText.fixed(evaluation.accuracy, decimals: 4)) "
      + "(majority class: \(NumberText.fixed(data.majorityClassFraction, decimals: 4)))")
    print("")
    var counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
    for (label, guess) in zip(data.labels, predicted) { counts[label][guess] += 1 }
    var table = TextTable(["true \\ predicted"] + classes)
    for (k, row) in counts.enumerated() { table.append([classes[k]] + row.map(NumberText.grouped)) }
    print(table.plainText)
  }
}
