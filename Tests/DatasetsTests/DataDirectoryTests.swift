import Foundation
import LabMath
import XCTest

@testable import Datasets

final class DataDirectoryTests: XCTestCase {
  func testAnExplicitDirectoryWinsAndAMissingOneIsAnError() throws {
    XCTAssertEqual(try DataDirectory.locate(explicit: dataDirectory, environment: [:]), dataDirectory)
    XCTAssertThrowsError(try DataDirectory.locate(explicit: "/no/such/dir", environment: [:])) { error in
      XCTAssertTrue("\(error)".contains("/no/such/dir"), "\(error)")
    }
  }

  func testTheEnvironmentVariableIsUsedWhenNoDirectoryIsGiven() throws {
    XCTAssertEqual(try DataDirectory.locate(environment: ["LSTMLAB_DATA": dataDirectory]), dataDirectory)
    XCTAssertThrowsError(try DataDirectory.locate(environment: ["LSTMLAB_DATA": "/no/such/dir"])) { error in
      XCTAssertTrue("\(error)".contains("LSTMLAB_DATA"), "\(error)")
    }
  }

  func testThePackageDataFolderIsFoundFromTheSourceFile() throws {
    // Without an argument or the variable, ./data or the package's data/ is found; both are this data/ here.
    let found = try DataDirectory.locate(environment: [:])
    XCTAssertTrue(FileManager.default.fileExists(atPath: found + "/GunPoint/GunPoint_TRAIN.ts"), found)
    XCTAssertEqual(
      URL(fileURLWithPath: DataDirectory.packageDataDirectory).standardizedFileURL.path,
      URL(fileURLWithPath: dataDirectory).standardizedFileURL.path)
  }
}
