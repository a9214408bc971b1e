import Foundation
import LabText

/// A gnuplot executable and the one way LSTMLab talks to it: a script in, an image (or text) out, errors back.
///
/// The Swift counterpart of gnuplot-iostream's pipe, with the two things that library leaves out: gnuplot's
/// stderr is collected, and a failing script becomes a thrown ``GnuplotError`` that carries gnuplot's own message.
/// (A piped gnuplot does not stop at an error: it reports it, runs the remaining commands, and exits 1.)
///
/// ```swift
/// let gnuplot = try Gnuplot()                       // first `gnuplot` on PATH
/// let text = try gnuplot.run("set terminal dumb size 60,15\nplot sin(x)\n").standardOutput
/// ```
///
/// The script reaches gnuplot on its standard input. It is handed over as a temporary file rather than through a
/// pipe: neither side can block on a full pipe, and a gnuplot that dies early cannot kill us with SIGPIPE.
/// gnuplot runs with `LC_NUMERIC=C`, so it reads '.' decimals whatever the caller's locale.
public struct Gnuplot: Sendable {
  /// The executable that runs.
  public let executable: URL
  /// The longest one script may run, in seconds, before it is stopped and `timedOut` is thrown: a gnuplot that
  /// hangs (a broken font setup, a terminal waiting for input) must not hang a lesson. Default 60 s, or
  /// `LSTMLAB_GNUPLOT_TIMEOUT` (seconds) from the environment.
  public var timeout: Double = 60

  /// What gnuplot printed while running a script that succeeded.
  public struct Output: Sendable {
    /// Standard output (the picture itself for the `dumb` terminal, or `print` output after `set print "-"`).
    public var standardOutput: String
    /// Warnings gnuplot printed on stderr although it succeeded (for example "Skipping data file with no valid
    /// points"); empty when all went well.
    public var warnings: String
  }

  /// The gnuplot at `path` (explicit path), or the first `gnuplot` on `PATH` when `path` is nil.
  /// - Throws: ``GnuplotError/notFound(searched:)`` naming every place that was tried.
  public init(path: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    if let text = environment["LSTMLAB_GNUPLOT_TIMEOUT"], let seconds = Double(text), seconds > 0, seconds.isFinite {
      timeout = seconds
    }
    if let path {
      let url = URL(fileURLWithPath: path)
      guard Self.isExecutableFile(url) else { throw GnuplotError.notFound(searched: [url.path]) }
      executable = url
      return
    }
    let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    let candidates = folders.map { URL(fileURLWithPath: $0).appendingPathComponent("gnuplot") }
    guard let found = candidates.first(where: Self.isExecutableFile) else {
      throw GnuplotError.notFound(searched: folders)
    }
    executable = found
  }

  /// The first gnuplot on PATH, or nil when there is none (charts are then written but not rendered).
  public static func onPath() -> Gnuplot? { try? Gnuplot() }

  /// Runs `script` in `directory` (relative file names in the script resolve there; the current directory when nil).
  /// - Parameters:
  ///   - script: gnuplot commands, one per line.
  ///   - name: how errors refer to the script, for example `"loss.gp in plots/lesson"`.
  /// - Returns: what gnuplot printed on stdout, and its warnings.
  /// - Throws: ``GnuplotError/scriptFailed(status:message:script:)`` when gnuplot exits with a non-zero status,
  ///   with its stderr as the message; ``GnuplotError/launchFailed(executable:reason:)`` when it cannot start.
  public func run(_ script: String, in directory: URL? = nil, name: String = "script") throws -> Output {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("lstmlab-gnuplot-\(UUID().uuidString)", isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      throw GnuplotError.fileFailed(path: scratch.path, reason: "\(error)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    let input = scratch.appendingPathComponent("script.gp")
    let output = scratch.appendingPathComponent("stdout.txt")
    let errors = scratch.appendingPathComponent("stderr.txt")
    do {
      try Data(script.utf8).write(to: input)
      try Data().write(to: output)
      try Data().write(to: errors)
    } catch {
      throw GnuplotError.fileFailed(path: scratch.path, reason: "\(error)")
    }

    let process = Process()
    process.executableURL = executable
    process.arguments = []
    if let directory { process.currentDirectoryURL = directory }
    process.environment = Self.numericCEnvironment(ProcessInfo.processInfo.environment)
    let status: Int32
    do {
      let stdin = try FileHandle(forReadingFrom: input)
      let stdout = try FileHandle(forWritingTo: output)
      let stderr = try FileHandle(forWritingTo: errors)
      defer {
        try? stdin.close()
        try? stdout.close()
        try? stderr.close()
      }
      process.standardInput = stdin
      process.standardOutput = stdout
      process.standardError = stderr
      let finished = DispatchSemaphore(value: 0)
      process.terminationHandler = { _ in finished.signal() }
      try process.run()
      if finished.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()  // SIGTERM, then SIGKILL if it does not go
        if finished.wait(timeout: .now() + 2) == .timedOut {
          kill(process.processIdentifier, SIGKILL)
          finished.wait()
        }
        throw GnuplotError.timedOut(seconds: timeout, script: name)
      }
      status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    } catch let error as GnuplotError {
      throw error
    } catch {
      throw GnuplotError.launchFailed(executable: executable.path, reason: "\(error)")
    }
    let standardOutput = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    let standardError = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    guard status == 0 else {
      throw GnuplotError.scriptFailed(status: status, message: standardError, script: name)
    }
    return Output(standardOutput: standardOutput, warnings: standardError)
  }

  /// The caller's environment with numbers forced to the C locale ('.' decimals) for gnuplot.
  /// `LC_ALL` would override `LC_NUMERIC`, so its value moves to `LANG` (texts keep their language and encoding).
  static func numericCEnvironment(_ environment: [String: String]) -> [String: String] {
    var result = environment
    if let all = result.removeValue(forKey: "LC_ALL") { result["LANG"] = all }
    result["LC_NUMERIC"] = "C"
    return result
  }

  private static func isExecutableFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
      && FileManager.default.isExecutableFile(atPath: url.path)
  }
}

extension Gnuplot {
  /// A named datablock for a script piped to ``run(_:in:name:)``: `$name << EOD`, one line per row, `EOD`.
  /// gnuplot keeps it in memory, so several `plot`/`stats` commands can read it by name (`plot $d using 1:2`).
  /// Numbers are written by ``NumberText/data(_:)`` ('.' decimals; NaN and infinities as missing points).
  ///
  /// ```swift
  /// let script = Gnuplot.datablock("d", rows: [[1, 0.5], [2, 0.25]]) + "stats $d using 2 nooutput\n"
  /// ```
  public static func datablock(_ name: String, rows: [[Double]]) -> String {
    let safeName = String(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
    var text = "$\(safeName.isEmpty ? "data" : safeName) << EOD\n"
    for row in rows { text += row.map(NumberText.data).joined(separator: " ") + "\n" }
    return text + "EOD\n"
  }
}
