import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab predict`: a saved model's class probabilities for every sequence, as CSV.
struct PredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Predict classes with a saved model; write one CSV row per sequence.",
    discussion: """
      Columns: index (from 0, in file order), label (the file's class, for reference), predicted, then p_<class> \
      for each class (softmax probabilities, summing to 1). Written to standard output, or to --output.

      Examples:
        lstmlab predict --model italy.safetensors --data ItalyPowerDemand \\
          > predictions.csv
        lstmlab predict --model mine.safetensors --data path/to/new.ts \\
          --output predictions.csv
      """)

  @Option(help: ArgumentHelp("The model file (saved by lstmlab train, or a PyTorch state dict).", valueName: "file.safetensors"))
  var model: String

  @OptionGroup var source: DataOptions

  @Option(help: "Which part of a named data set: train or test.")
  var part: DataPart = .test

  @Option(help: ArgumentHelp("Write the CSV here instead of standard output.", valueName: "file.csv"))
  var output: String?

  @Option(name: [.long, .customShort("B")], help: "Sequences per forward batch (memory only, not the result).")
  var batch = 256

  @OptionGroup var memoryGuard: MemoryGuardOptions

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, not \(batch).") }
  }

  func run() throws {
    let file = try ModelFile<Float>(contentsOf: URL(fileURLWithPath: model))
    let classes = file.metadata.classNames
    let data = try source.loadPart(part)
    try MemoryGuard.checkInference(model: model, file, data: data, batch: batch, allowLarge: memoryGuard.allowLarge)
    let prepared = try file.metadata.prepare(data)
    let probabilities = try file.makeModel().predict(prepared, batchSize: batch)
    let predicted = predictedClasses(probabilities)
    var lines = [(["index", "label", "predicted"] + classes.map { "p_\($0)" }).map(Quoting.csvField).joined(separator: ",")]
    for i in 0..<data.count {
      let label = data.classNames.indices.contains(data.labels[i]) ? data.classNames[data.labels[i]] : ""
      let cells = ["\(i)", Quoting.csvField(label), Quoting.csvField(classes[predicted[i]])] + (0..<classes.count).map { "\(probabilities[i, $0])" }
      lines.append(cells.joined(separator: ","))
    }
    let text = lines.joined(separator: "\n") + "\n"
    if let output {
      do { try AtomicFile.write(text, to: URL(fileURLWithPath: output)) } catch {
        throw CommandError("--output: \(error).")
      }
      let correct = zip(data.labels, predicted).filter { data.classNames[$0] == classes[$1] }.count
      print("Predicted \(data.count) sequences of \(data.name) into \(output) (\(correct) match the file's labels).")
    } else {
      print(text, terminator: "")
    }
  }
}
