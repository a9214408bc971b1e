import ArgumentParser
import Foundation
import LSTMLab

/// `lstmlab sweep`: train one model per cell of a grid of hyperparameters, on all cores, into a resumable CSV.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a grid of training runs (T, batch, learning rate, seed, fold, ...) into a resumable results CSV.",
    discussion: """
      `lstmlab sweep ...` is `lstmlab sweep run ...`; see `lstmlab sweep run --help` for the grid syntax and axes.

      Examples:
        lstmlab sweep --data ItalyPowerDemand --epochs 20 --results italy.csv \\
          --grid "T=12,24 B=8,32 lr=1e-3,1e-2 seed=1..3"
        # 8 machines, one shard each (a Slurm job array), then one merge:
        lstmlab sweep --data GunPoint --grid-file grid.txt \\
          --shard $SLURM_ARRAY_TASK_ID/8 --results gp-$SLURM_ARRAY_TASK_ID.csv
        lstmlab sweep merge gp-*.csv --output gp.csv
      """,
    subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
    defaultSubcommand: SweepRunCommand.self)
}

/// `lstmlab sweep run` (the default): one training run per grid cell.
struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Train one model per cell of a grid; each finished cell is appended to the results CSV at once.",
    discussion: """
      The grid is one axis per word: name=values, values as a list (1e-3,3e-3), a range lo..hi, a stepped range \
      lo..hi+step or a geometric one lo..hi*factor. Axes: \(SweepRunCommand.axisHelp). Flags not on the grid \
      (--hidden, --epochs, ...) apply to every cell. A cell trains exactly as `lstmlab train` with the same values \
      would (same seed, same run), then is scored on the test part, or with a fold axis on that fold of a \
      stratified --folds-fold split of the training part.

      Stopping (Ctrl-C, a crash) loses only the cells running: run the same command again and it resumes. \
      --shard i/n runs every n-th cell, so n machines (a Slurm job array, GNU parallel) share a sweep; \
      `lstmlab sweep merge` joins their files.

      Examples:
        lstmlab sweep --data ItalyPowerDemand --epochs 20 --results italy.csv \\
          --grid "T=12,24 B=8,32 lr=1e-3,3e-3 seed=1..3"
        # 5-fold cross-validation on the training part
        lstmlab sweep --data GunPoint --hidden 32 --results gp.csv \\
          --grid "T=25..150+25 B=4..64*2 fold=0..4" --folds 5
        # share 3 of 8, on 4 cores
        lstmlab sweep --data GunPoint --grid-file grid.txt --shard 3/8 \\
          --results gp-3.csv --workers 4
      """)

  /// The grid axes a cell understands, with the flag each one replaces.
  static let axes: [String: String] = [
    "T": "--seq-len", "B": "--batch", "lr": "--lr", "seed": "--seed", "fold": "a fold of the --folds split",
    "hidden": "--hidden", "layers": "--layers", "epochs": "--epochs", "clip": "--clip-norm", "momentum": "--momentum",
  ]
  static var axisHelp: String { axes.keys.sorted().map { "\($0) (\(axes[$0]!))" }.joined(separator: ", ") }

  @OptionGroup var source: DataOptions

  @Option(name: .customLong("test-data"), help: ArgumentHelp("A test file for a --data file (default: its _TEST sibling, if any).", valueName: "path"))
  var testData: String?

  @OptionGroup var hyperparameters: RecipeOptions

  @Option(help: ArgumentHelp("The grid, e.g. \"T=20,50 B=8..64*2 lr=1e-3 seed=1..3\".", valueName: "spec"))
  var grid: String?

  @Option(name: .customLong("grid-file"), help: ArgumentHelp("Read the grid from this file (axes separated by spaces or lines).", valueName: "file"))
  var gridFile: String?

  @Option(help: ArgumentHelp("The results CSV (created, or resumed if it exists).", valueName: "file.csv"))
  var results = "sweep.csv"

  @Option(help: ArgumentHelp("Run share i of n of the cells, e.g. 2/8.", valueName: "i/n"))
  var shard: String?

  @Option(help: "Cells trained at once (default: the number of cores).")
  var workers = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "k of the stratified k-fold split a fold axis indexes.")
  var folds = 5

  @Option(name: .customLong("split-seed"), help: "Seed of the fold split (the same folds for every cell).")
  var splitSeed: UInt64 = 0

  @Option(help: "Run at most this many cells, then stop (run again to continue).")
  var limit: Int?

  @OptionGroup var memoryGuard: MemoryGuardOptions

  func parsedGrid() throws -> SweepGrid {
    guard (grid == nil) != (gridFile == nil) else { throw ValidationError("Give the grid with --grid or --grid-file (one of them).") }
    let spec: String
    let source: String
    if let grid {
      (spec, source) = (grid, "--grid")
    } else {
      let path = gridFile!
      if let kind = FileKind.nonRegular(path) { throw ValidationError("--grid-file: \(path) is \(kind), not a regular file.") }
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("--grid-file: cannot read \(path).") }
      (spec, source) = (text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.joined(separator: " "), "--grid-file \(path)")
    }
    let grid: SweepGrid
    do { grid = try SweepGrid(spec: spec, source: source) } catch { throw ValidationError("\(error)") }
    for name in grid.axisNames where Self.axes[name] == nil {
      throw ValidationError("\(source): unknown axis '\(name)'. Axes: \(Self.axisHelp).")
    }
    if let folds = grid.axes.first(where: { $0.name == "fold" }) {
      for value in folds.values where Int(value).map({ !(0..<self.folds).contains($0) }) ?? true {
        throw ValidationError("\(source): fold=\(value) is not a fold of --folds \(self.folds) (0 to \(self.folds - 1)).")
      }
    }
    return grid
  }

  func parsedShard() throws -> SweepShard {
    guard let shard else { return .all }
    do { return try SweepShard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
  }

  /// The recipe of one cell: `base` (the flags) with the cell's axes applied.
  static func recipe(for cell: SweepCell, base: TrainingRecipe) throws -> TrainingRecipe {
    var recipe = base
    recipe.progress = .silent
    if cell["T"] != nil { recipe.steps = try cell.int("T") }
    if cell["B"] != nil { recipe.batch = try cell.int("B") }
    if cell["lr"] != nil { recipe.learningRate = try cell.double("lr") }
    if cell["seed"] != nil {
      let seed = try cell.int("seed")
      guard seed >= 0 else { throw ValidationError("cell \(cell.id): seed must be 0 or more, not \(seed).") }
      recipe.seed = UInt64(seed)
    }
    if cell["hidden"] != nil { recipe.hidden = try cell.int("hidden") }
    if cell["layers"] != nil { recipe.layers = try cell.int("layers") }
    if cell["epochs"] != nil { recipe.epochs = try cell.int("epochs") }
    if cell["clip"] != nil { recipe.clipping = .globalNorm(try cell.double("clip")) }
    if cell["momentum"] != nil { recipe.momentum = try cell.double("momentum") }
    return recipe
  }

  /// The grid axis (or, for settings no axis sets, the flag) that sets each recipe setting.
  static func axis(_ setting: TrainingRecipe.Setting) -> String {
    switch setting {
    case .hidden: "hidden"
    case .layers: "layers"
    case .batch: "B"
    case .epochs: "epochs"
    case .steps: "T"
    case .learningRate: "lr"
    case .momentum: "momentum"
    case .clipNorm: "clip"
    default: RecipeOptions.flag(setting)
    }
  }

  func validate() throws {
    let grid = try parsedGrid()
    // Every cell with the rules of `train`, before any cell runs (a bad value found only when its cell comes up
    // would cost the cells before it).
    let base = hyperparameters.recipe
    for cell in grid.cells {
      let recipe: TrainingRecipe
      do { recipe = try Self.recipe(for: cell, base: base) } catch { throw ValidationError("\(error)") }
      if let problem = recipe.problem(naming: { setting in
        cell[Self.axis(setting)] != nil ? "cell \(cell.id): \(Self.axis(setting))" : RecipeOptions.flag(setting)
      }) {
        throw ValidationError("--grid: \(problem)")
      }
    }
    _ = try parsedShard()
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1, not \(workers).") }
    guard folds >= 2 else { throw ValidationError("--folds must be at least 2, not \(folds).") }
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit).") }
  }

  func run() throws {
    let grid = try parsedGrid()
    let (name, train, test) = try source.loadForTraining(testPath: testData)
    let crossValidates = grid.axisNames.contains("fold")
    guard crossValidates || test != nil else {
      throw CommandError("--data: \(name) has no test part to score cells on; add a fold axis (fold=0..4) to cross-validate.")
    }
    // Every cell's sizes against this machine's memory, before anything is written or run.
    for cell in grid.cells {
      let recipe = try Self.recipe(for: cell, base: hyperparameters.recipe)
      try recipe.checkMemory(
        train: train, test: crossValidates ? nil : test, initial: nil, dataset: "\(name) (cell \(cell.id))", allowLarge: memoryGuard.allowLarge)
    }
    var splitter = SeededGenerator(seed: splitSeed)
    let splits = crossValidates ? try stratifiedKFold(labels: train.labels, folds: folds, using: &splitter) : []
    let scored = crossValidates ? "val" : "test"
    let metrics = ["train_loss", "train_accuracy", "\(scored)_loss", "\(scored)_accuracy", "seconds"]
    let runner = try SweepRunner(
      grid: grid, metrics: metrics, resultsFile: URL(fileURLWithPath: results), workers: workers, shard: try parsedShard())
    let (finished, pending) = try runner.status()
    print("Sweep: \(name), \(grid.count) cells (shard \(runner.shard): \(finished.count + pending.count)), "
      + "\(finished.count) already in \(results), \(min(pending.count, limit ?? pending.count)) to run on \(workers) worker\(workers == 1 ? "" : "s")")

    let base = hyperparameters.recipe
    let report = try runner.run(limit: limit, progress: { progress in
      let score = progress.metrics["\(scored)_accuracy"].map { "\(scored) accuracy \(NumberText.fixed($0, decimals: 4))" } ?? ""
      print("[\(progress.finished)/\(progress.total)] \(progress.cell.id): \(score) (\(NumberText.fixed(progress.seconds, decimals: 1)) s)")
    }) { cell in
      let recipe = try Self.recipe(for: cell, base: base)
      var fitPart = train
      var scorePart = test ?? train
      if crossValidates {
        let split = splits[try cell.int("fold")]
        fitPart = try train.subset(split.train, name: "\(name) fold \(try cell.int("fold")) train")
        scorePart = try train.subset(split.validation, name: "\(name) fold \(try cell.int("fold")) validation")
      }
      let start = Date()
      let metadata = try recipe.metadata(for: fitPart, dataset: name, initial: nil)
      var model = try recipe.makeModel(metadata, initial: nil)
      let history = try recipe.fit(&model, train: fitPart, validation: nil, metadata: metadata)
      let last = history.epochs.last
      // A diverged run scores NaN: its weights are the last finite ones, not a trained model.
      var score = (loss: Double.nan, accuracy: Double.nan)
      if history.divergence == nil {
        let evaluation = try model.evaluate(try metadata.prepare(relabel(scorePart, to: metadata.classNames, flag: "--data")), batchSize: 256)
        score = (evaluation.loss, evaluation.accuracy)
      }
      return [
        "train_loss": history.divergence == nil ? last?.loss ?? .nan : .nan, "train_accuracy": last?.accuracy ?? .nan,
        "\(scored)_loss": score.loss, "\(scored)_accuracy": score.accuracy, "seconds": Date().timeIntervalSince(start),
      ]
    }
    print("Done: \(report.ran) cells in \(NumberText.fixed(report.seconds, decimals: 1)) s; \(report.remaining) left; results in \(results)")
    if let best = report.results.rows.max(by: { ($0.metric("\(scored)_accuracy") ?? -1) < ($1.metric("\(scored)_accuracy") ?? -1) }),
      let accuracy = best.metric("\(scored)_accuracy")
    {
      print("Best \(scored) accuracy so far: \(NumberText.fixed(accuracy, decimals: 4)) at \(best.cellID)")
    }
  }
}

/// `lstmlab sweep merge`: join the results files of a sweep's shards.
struct SweepMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the results CSVs of a sweep's shards into one (each cell once, canonical order).",
    discussion: """
      Examples:
        lstmlab sweep merge gp-1.csv gp-2.csv gp-3.csv --output gp.csv
        lstmlab sweep merge gp-*.csv --output gp.csv
      """)

  @Argument(help: "The shard results files.")
  var files: [String]

  @Option(help: ArgumentHelp("The merged file (may be one of the inputs).", valueName: "file.csv"))
  var output: String

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one results file to merge.") }
  }

  func run() throws {
    let summary = try SweepResults.merge(files.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output))
    print("Merged \(files.count) file\(files.count == 1 ? "" : "s"): \(summary.results.rows.count) cells "
      + "(\(summary.rowsRead) rows read, \(summary.duplicatesDropped) repeats dropped) into \(output)")
    if !summary.timingOnlyCells.isEmpty {
      print("Note: \(summary.timingOnlyCells.count) cell\(summary.timingOnlyCells.count == 1 ? " was" : "s were") run more than once; "
        + "the runs differ only in their times (first kept).")
    }
    for file in summary.filesWithTornLastLine { print("Note: \(file) ended in a torn line (ignored).") }
  }
}
