import Foundation
import Gnuplot

/// The course: every lesson executable run one after another, then `<output>/README.md`, an index with each
/// lesson's key chart and its measured finding (read from the `summary.json` each lesson leaves).
///
/// The lessons are the folders `lessons/<name>/` that hold a `main.swift` (the same rule Package.swift uses to
/// declare one executable per lesson). Their executables are looked for next to the running `lstmlab`, in the same
/// build-products folder. Because `swift run lstmlab` builds only `lstmlab`, ``build(log:)`` first runs
/// `swift build -c <configuration>` for the whole package (quick when all is up to date), so a fresh clone needs one
/// command.
public struct Course: Sendable {
  /// The package's root folder (holding Package.swift and lessons/).
  public var packageRoot: URL
  /// The folder holding the built executables (`.build/<triple>/release`).
  public var products: URL
  /// The lesson names, sorted.
  public var lessons: [String]

  /// The course of the package whose build products hold `executable` (by default the running program).
  /// - Throws: ``NotebookError/noLessons(searched:)`` when no package with lessons is found.
  public init(executable: URL? = nil, currentDirectory: URL? = nil) throws {
    // Resolve the folder (not only the file): `.build/release` is a link to `.build/<triple>/release`.
    let products = (executable ?? Self.runningExecutable()).resolvingSymlinksInPath().deletingLastPathComponent()
      .resolvingSymlinksInPath()
    let current = currentDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    guard let root = Self.packageRoot(above: products) ?? Self.packageRoot(above: current) else {
      throw NotebookError.noLessons(searched: "the folders above \(products.path) and \(current.path)")
    }
    try self.init(packageRoot: root, products: products)
  }

  /// The course of the package at `packageRoot` with executables in `products`.
  public init(packageRoot: URL, products: URL) throws {
    self.packageRoot = packageRoot
    self.products = products
    lessons = try Self.lessonNames(in: packageRoot)
  }

  /// The names of the folders `lessons/<name>/` that hold a `main.swift`, in course order: first those listed in
  /// `lessons/course-order.txt` (one name a line, `#` starts a comment), in that order, then the rest alphabetically.
  public static func lessonNames(in packageRoot: URL) throws -> [String] {
    let folder = packageRoot.appendingPathComponent("lessons", isDirectory: true)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let lessons = names.filter { name in
      !name.hasPrefix(".")
        && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).appendingPathComponent("main.swift").path)
    }.sorted()
    guard !lessons.isEmpty else { throw NotebookError.noLessons(searched: folder.path) }
    let orderFile = folder.appendingPathComponent("course-order.txt")
    let listed = ((try? String(contentsOf: orderFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
      line -> String? in
      let name = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      return lessons.contains(name) ? name : nil
    }
    return listed + lessons.filter { !listed.contains($0) }
  }

  /// The nearest folder at or above `start` that holds Package.swift and a lessons/ folder.
  static func packageRoot(above start: URL) -> URL? {
    var folder = start.standardizedFileURL
    while true {
      let manifest = folder.appendingPathComponent("Package.swift").path
      let lessons = folder.appendingPathComponent("lessons").path
      if FileManager.default.fileExists(atPath: manifest) && FileManager.default.fileExists(atPath: lessons) {
        return folder
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// The running program's file.
  static func runningExecutable() -> URL {
    #if os(Linux)
      let selfLink = URL(fileURLWithPath: "/proc/self/exe")
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: selfLink.path) {
        return URL(fileURLWithPath: path)
      }
    #endif
    if let url = Bundle.main.executableURL { return url }
    return URL(fileURLWithPath: CommandLine.arguments[0])
  }

  /// The build configuration of the products folder (`release` or `debug`).
  public var configuration: String { products.lastPathComponent }

  /// The scratch folder of the build (`.build`), when the products folder sits at `<scratch>/<triple>/<configuration>`.
  var scratch: URL? {
    let candidate = products.deletingLastPathComponent().deletingLastPathComponent()
    let link = candidate.appendingPathComponent(configuration).resolvingSymlinksInPath()
    return link.standardizedFileURL.path == products.standardizedFileURL.path ? candidate : nil
  }

  /// The executable of `lesson`.
  public func executable(of lesson: String) -> URL { products.appendingPathComponent(lesson) }

  /// The command that builds every lesson into the products folder, or nil when the layout is not SwiftPM's.
  /// `--manifest-cache none` makes SwiftPM read lessons/ afresh: its manifest cache would otherwise hide a lesson
  /// folder added after the last manifest change.
  public var buildArguments: [String]? {
    guard let scratch, ["debug", "release"].contains(configuration) else { return nil }
    return [
      "build", "-c", configuration, "--package-path", packageRoot.path, "--scratch-path", scratch.path,
      "--manifest-cache", "none",
    ]
  }

  /// Builds every lesson (`swift build -c <configuration>`), its output going to this process's terminal.
  /// Returns the command line it ran, or nil when it could not (no `swift` on PATH, products not in SwiftPM's layout).
  /// - Throws: ``NotebookError/buildFailed(command:status:)`` when the build fails.
  @discardableResult
  public func build(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
    guard let arguments = buildArguments, let swift = Self.findOnPath("swift", environment: environment) else {
      return nil
    }
    let command = (["swift"] + arguments).joined(separator: " ")
    let status = try Self.runInheritingOutput(swift, arguments, in: packageRoot)
    guard status == 0 else { throw NotebookError.buildFailed(command: command, status: status) }
    return command
  }

  /// Runs one lesson with `arguments`, its output going to this process's terminal. Returns its exit status and
  /// wall-clock seconds.
  public func run(_ lesson: String, arguments: [String]) throws -> (status: Int32, seconds: Double) {
    let executable = executable(of: lesson)
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
      throw NotebookError.missingExecutable(lesson: lesson, path: executable.path)
    }
    let start = ContinuousClock.now
    let status = try Self.runInheritingOutput(executable, arguments, in: nil)
    let elapsed = (ContinuousClock.now - start).components
    return (status, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
  }

  /// What to say when a lesson crashed (exit status 128 + a crash signal: SIGILL 4, SIGTRAP 5, SIGBUS 7, SIGSEGV 11),
  /// nil otherwise. After a `git pull` or an edit of Sources/, SwiftPM's incremental release build can relink a lesson
  /// without recompiling it against a library struct that changed shape, and the stale executable crashes (seen here:
  /// signal 11 inside a chart's `Series`); a clean build is the first thing to try.
  public static func crashHint(statuses: [Int32]) -> String? {
    let crashes = statuses.filter { [4, 5, 7, 11].contains($0 - 128) }
    guard !crashes.isEmpty else { return nil }
    return "A lesson crashed (exit status \(crashes.map(String.init).joined(separator: ", ")) = 128 + the signal). "
      + "If Sources/ changed since the last build (a `git pull`, an edit), the executable may be stale: run "
      + "`rm -rf .build/release` (or `.build/debug`) and the same command again. If it still crashes, that is a bug "
      + "worth reporting with the lesson's output."
  }

  static func findOnPath(_ name: String, environment: [String: String]) -> URL? {
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  static func runInheritingOutput(_ executable: URL, _ arguments: [String], in directory: URL?) throws -> Int32 {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    fflush(nil)
    do {
      try process.run()
    } catch {
      throw NotebookError.fileFailed(path: executable.path, reason: "could not start it: \(error)")
    }
    process.waitUntilExit()
    return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
  }
}
