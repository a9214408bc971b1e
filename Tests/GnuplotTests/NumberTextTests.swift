import Foundation
import XCTest

@testable import Gnuplot
import LabText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class NumberTextTests: XCTestCase {
  func testDataTextRoundTripsAndMarksNonFiniteValuesAsMissing() {
    XCTAssertEqual(NumberText.data(0.1), "0.1")
    XCTAssertEqual(NumberText.data(1e-5), "1e-05")
    XCTAssertEqual(NumberText.data(-2.5), "-2.5")
    XCTAssertEqual(NumberText.data(123_456_789), "123456789.0")
    for value in [0.1, 1.0 / 3.0, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -0.0000123456789] {
      XCTAssertEqual(Double(NumberText.data(value)), value, "round trip of \(value)")
    }
    XCTAssertEqual(NumberText.data(.nan), "NaN")
    XCTAssertEqual(NumberText.data(.infinity), "NaN")
    XCTAssertEqual(NumberText.data(-.infinity), "NaN")
    XCTAssertEqual(NumberText.nonFiniteName(.infinity), "+inf")
    XCTAssertEqual(NumberText.nonFiniteName(-.infinity), "-inf")
    XCTAssertNil(NumberText.nonFiniteName(1))
  }

  func testFixedDecimalsRoundHalfAwayFromZero() {
    XCTAssertEqual(NumberText.fixed(3.14159, decimals: 2), "3.14")
    XCTAssertEqual(NumberText.fixed(2.5, decimals: 0), "3")
    XCTAssertEqual(NumberText.fixed(-2.5, decimals: 0), "-3")
    XCTAssertEqual(NumberText.fixed(0.05, decimals: 3), "0.050")
    XCTAssertEqual(NumberText.fixed(1234.5678, decimals: 1), "1234.6")
    XCTAssertEqual(NumberText.fixed(-0.004, decimals: 2), "0.00", "no minus sign on a value that rounds to zero")
    XCTAssertEqual(NumberText.fixed(0.000123, decimals: 6), "0.000123")
    XCTAssertEqual(NumberText.fixed(7, decimals: 0), "7")
    XCTAssertEqual(NumberText.fixed(.nan, decimals: 2), "NaN")
  }

  func testSignificantDigitsSwitchToScientificOutsideTheReadableRange() {
    XCTAssertEqual(NumberText.significant(0.000123456, digits: 3), "0.000123")
    XCTAssertEqual(NumberText.significant(0.0000123456, digits: 3), "1.23e-05")
    XCTAssertEqual(NumberText.significant(123_456_789, digits: 3), "1.23e+08")
    XCTAssertEqual(NumberText.significant(12.345, digits: 3), "12.3")
    XCTAssertEqual(NumberText.significant(-42, digits: 3), "-42.0")
    XCTAssertEqual(NumberText.significant(1, digits: 3), "1.00")
    XCTAssertEqual(NumberText.significant(9.996, digits: 3), "10.0", "rounding carries into the next decade")
    XCTAssertEqual(NumberText.significant(99_960, digits: 3), "1.00e+05")
    XCTAssertEqual(NumberText.significant(1000, digits: 3), "1.00e+03")
    XCTAssertEqual(NumberText.significant(0.25, digits: 2), "0.25")
    XCTAssertEqual(NumberText.significant(0, digits: 3), "0")
    XCTAssertEqual(NumberText.significant(-.infinity, digits: 3), "-inf")
  }

  /// Under a locale whose decimal sign is ',' (de_DE), C's printf writes "1,5"; every text LSTMLab writes for
  /// gnuplot or a report must still say "1.5".
  func testNumbersUseAPointUnderACommaLocale() throws {
    let locale = try CommaLocale.activate(self)
    defer { locale.restore() }

    // The locale really is active: C formatting now writes a comma (this is what the module must not do).
    var buffer = [CChar](repeating: 0, count: 32)
    _ = withVaList([1.5]) { vsnprintf(&buffer, buffer.count, "%g", $0) }
    XCTAssertEqual(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), "1,5", "the comma locale must be active for this test to mean anything")

    XCTAssertEqual(NumberText.data(1.5), "1.5")
    XCTAssertEqual(NumberText.fixed(1.25, decimals: 2), "1.25")
    XCTAssertEqual(NumberText.significant(0.000123456, digits: 3), "0.000123")
    XCTAssertEqual(NumberText.significant(123_456_789, digits: 3), "1.23e+08")

    let chart = Chart(title: "t", x: Axis("x"), y: Axis("y"), series: [Series("s", x: [0.5, 1.5], y: [2.25, 3.75])])
    let script = try FigureScript(Figure(name: "locale", chart: chart))
    XCTAssertTrue(script.data.contains("0.5 2.25\n1.5 3.75\n"), script.data)
    XCTAssertFalse(script.data.contains("0,5"))
  }

  func testGnuplotRunsWithNumbersInTheCLocale() {
    let environment = Gnuplot.numericCEnvironment(["LC_ALL": "de_DE.UTF-8", "PATH": "/bin"])
    XCTAssertNil(environment["LC_ALL"], "LC_ALL would override LC_NUMERIC")
    XCTAssertEqual(environment["LC_NUMERIC"], "C")
    XCTAssertEqual(environment["LANG"], "de_DE.UTF-8")
    XCTAssertEqual(environment["PATH"], "/bin")
  }
}

/// Switches LC_NUMERIC to German (decimal sign ',') for one test, generating the locale with `localedef` into a
/// temporary LOCPATH when the system has not generated it; skips the test when neither works.
struct CommaLocale {
  private let previous: String
  private let previousLocPath: String?

  static func activate(_ test: XCTestCase) throws -> CommaLocale {
    let previous = String(cString: setlocale(LC_NUMERIC, nil))
    let previousLocPath = ProcessInfo.processInfo.environment["LOCPATH"]
    let state = CommaLocale(previous: previous, previousLocPath: previousLocPath)
    for name in ["de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8"] where setlocale(LC_NUMERIC, name) != nil {
      return state
    }
    // Generate de_DE.UTF-8 into a private folder (needs the `locales` sources and localedef, as on Debian).
    let folder = try makeTemporaryDirectory(test)
    let localedef = ["/usr/bin/localedef", "/usr/sbin/localedef", "/bin/localedef"]
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    if let localedef {
      let status = try? runProcess(
        URL(fileURLWithPath: localedef), ["-i", "de_DE", "-f", "UTF-8", folder.appendingPathComponent("de_DE.UTF-8").path],
        in: folder
      ).status
      if status == 0 {
        setenv("LOCPATH", folder.path, 1)
        if setlocale(LC_NUMERIC, "de_DE.UTF-8") != nil { return state }
      }
    }
    state.restore()
    throw XCTSkip("no locale with a decimal comma is available (install `locales` and run locale-gen de_DE.UTF-8)")
  }

  func restore() {
    setlocale(LC_NUMERIC, previous)
    if let previousLocPath { setenv("LOCPATH", previousLocPath, 1) } else { unsetenv("LOCPATH") }
  }
}
