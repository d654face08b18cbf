import Foundation
import XCTest
@testable import StrideEngine

/// Paths of the committed fixtures, temporary directories and external tools for the data tests.
enum DataFixtures {
    /// The folder of committed data fixtures (written by Fixtures/data/generate_fixtures.py).
    static var directory: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("data").path
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    /// A new empty directory under the system's temporary folder, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stride-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// The JSON object in a fixture file.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Runs a program with arguments; returns (status, stdout, stderr).
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (Int32, Data, String) {
        signal(SIGPIPE, SIG_IGN)   // a child that exits early must not kill the test process
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        // Feed stdin from another thread so that a full stdout pipe cannot block both sides.
        let writer = Thread {
            if let input { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outData, String(decoding: errData, as: UTF8.self))
    }

    /// `bytes` compressed by the system's gzip program (an encoder independent of the code under test).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let (status, output, error) = try run("/bin/gzip", ["-c", "-n"], input: Data(bytes))
        guard status == 0 else { throw DataError(.writeFailed, "gzip failed: \(error)") }
        return [UInt8](output)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Asserts that `body` throws a DataError of `kind` whose description is exactly `message`.
    static func assertError<T>(_ body: @autoclosure () throws -> T, _ kind: DataError.Kind, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try body()
            XCTFail("expected the error \(message)", file: file, line: line)
        } catch let error as DataError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            XCTAssertEqual(error.description, message, file: file, line: line)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }
}

final class DataFixtureTests: XCTestCase {
    func testFixtureFolderIsBundled() throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: DataFixtures.path("reference.safetensors")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: DataFixtures.path("png_expected.json")))
    }

    func testDataErrorDescriptionNamesTheFile() {
        XCTAssertEqual(DataError(.truncated, path: "/a/b.idx", "too short").description, "/a/b.idx: too short")
        XCTAssertEqual(DataError(.invalidArgument, "count must be positive").description, "count must be positive")
    }
}
