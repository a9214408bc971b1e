// swift-tools-version:6.0
// LSTMLab: learn, by running code, how LSTMs learn from time series and what sequence length and batch size
// do to that learning.
//
// Lessons and test targets are discovered from the folders: every `lessons/<name>/main.swift` becomes an
// executable `<name>` (`swift run -c release <name>`), and every `Tests/<Module>Tests/` a test target that
// depends on `<Module>`. Adding a lesson or a test module never needs an edit here.
import Foundation
import PackageDescription

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// The sub-folders of `folder` (relative to the package root) that contain a file named `marker`, sorted.
func folders(in folder: String, containing marker: String? = nil) -> [String] {
  let url = root.appendingPathComponent(folder)
  let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  return names.filter { name in
    var isDirectory: ObjCBool = false
    let path = url.appendingPathComponent(name).path
    guard !name.hasPrefix("."), FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { return false }
    guard let marker else { return true }
    return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).appendingPathComponent(marker).path)
  }.sorted()
}

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let realModule: Target.Dependency = .product(name: "RealModule", package: "swift-numerics")

// MARK: - Library modules (arrows point one way: LabMath <- Recurrent <- Training; Gnuplot <- Notebook; LabText,
// numbers, tables and quoted strings as text, below everything that writes text; FileSafety, the one atomic file
// writer, below everything that saves files)
//
// Every module names every module it imports. LabKernels, the C kernels, is an implementation detail of LabMath,
// Recurrent and Optimizers (each reaches its own kernels from one Swift file); the umbrella LSTMLab does not
// re-export it.

/// Each module folder has a README.md (what it holds, what it may import): documentation, not a source file.
let readme = ["README.md"]

var targets: [Target] = [
  // No `unsafeFlags` here: SwiftPM refuses them in a package resolved by version, so they would make LSTMLab unusable
  // as a dependency (.ci/versioned-dependency checks). Release builds compile C with -O2, which vectorises the
  // kernels' loops; the float kernels use their own exp/tanh (pointwise.c), so -fno-math-errno had nothing to act on
  // (Benchmarks/README.md has the figures).
  .target(name: "LabKernels", path: "Sources/LabKernels", exclude: readme),
  .target(name: "LabText", exclude: readme),
  .target(name: "FileSafety", exclude: readme),
  .target(name: "LabMath", dependencies: ["LabKernels", realModule], exclude: readme),
  .target(name: "Recurrent", dependencies: ["LabKernels", "LabMath"], exclude: readme + ["Reference/README.md"]),
  .target(name: "Optimizers", dependencies: ["LabKernels", "LabMath", realModule], exclude: readme),
  .target(name: "Datasets", dependencies: ["LabMath", "LabText", "FileSafety"], exclude: readme),
  .target(
    name: "Training", dependencies: ["LabMath", "LabText", "Recurrent", "Optimizers", "Datasets", "FileSafety"], exclude: readme),
  .target(name: "Gnuplot", dependencies: ["LabText", "FileSafety"], exclude: readme),
  .target(name: "Notebook", dependencies: ["Gnuplot", "LabText", "FileSafety", "LabMath", argumentParser], exclude: readme),
  .target(
    name: "LSTMLab",
    dependencies: ["LabMath", "LabText", "Recurrent", "Optimizers", "Datasets", "Training", "Gnuplot", "Notebook", "FileSafety"],
    exclude: readme),
  // The folder is `lstmlab-cli`, not `lstmlab`: `Sources/lstmlab` and `Sources/LSTMLab` would be one folder on a
  // case-insensitive file system (macOS's default). The target, product and `swift run lstmlab` keep the short name.
  .executableTarget(
    name: "lstmlab", dependencies: ["LSTMLab", "LabKernels", argumentParser], path: "Sources/lstmlab-cli", exclude: readme),
  .executableTarget(
    name: "lstmlab-bench", dependencies: ["LabKernels", "LSTMLab", argumentParser], path: "Benchmarks/lstmlab-bench"),
]

// MARK: - Lessons: one executable per folder under lessons/

let lessons = folders(in: "lessons", containing: "main.swift")
targets += lessons.map { name in
  .executableTarget(name: name, dependencies: ["LSTMLab", argumentParser], path: "lessons/\(name)", exclude: ["README.md"])
}

// MARK: - Tests: Tests/<Module>Tests depends on <Module>, and on what its files import beside it; Tests/CLITests
// runs the built `lstmlab` executable

let modules = Set(["FileSafety", "LabMath", "LabText", "Recurrent", "Optimizers", "Datasets", "Training", "Gnuplot", "Notebook", "LSTMLab"])
let testImports: [String: [Target.Dependency]] = [
  "DatasetsTests": ["LabMath"],
  "GnuplotTests": ["LabText"],
  "LabMathTests": ["LabKernels"],
  "NotebookTests": ["Gnuplot", "LabText"],
  "OptimizersTests": ["LabMath"],
  "RecurrentTests": ["LabMath"],
  "TrainingTests": ["Datasets", "LabKernels", "LabMath", "Optimizers", "Recurrent", realModule],
  "CLITests": ["LabMath", "Training"],
]
targets += folders(in: "Tests").filter { $0.hasSuffix("Tests") }.map { folder in
  let module = String(folder.dropLast("Tests".count))
  var dependencies: [Target.Dependency] = modules.contains(module) ? [.byName(name: module)] : ["LSTMLab"]
  if folder == "CLITests" { dependencies = ["LSTMLab", .target(name: "lstmlab")] }
  return .testTarget(name: folder, dependencies: dependencies + (testImports[folder] ?? []), path: "Tests/\(folder)")
}

let package = Package(
  name: "LSTMLab",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "LSTMLab", targets: ["LSTMLab"]),
    .executable(name: "lstmlab", targets: ["lstmlab"]),
  ] + lessons.map { .executable(name: $0, targets: [$0]) },
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: targets
)
