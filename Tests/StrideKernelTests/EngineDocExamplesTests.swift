import Foundation
import XCTest
import JupyterProtocol
import StrideLanguage
@testable import StrideKernel

/// Runs the ```` ```swift engine ```` examples of docs/LANGUAGE.md (its section 8, the library
/// examples of LANGUAGE.md §2–4) as notebook cells of a session with the library bindings
/// (the training example trains LeNet for real: this test takes a while in debug builds).
///
/// The page's conventions: `continued` runs in the previous example's interpreter, an HTML
/// comment `<!-- setup ... -->` right before a block is run first as a cell of its own,
/// `error=Kind` must fail with that kind, and an ```` ```output ```` block right after is the
/// exact standard output.
final class EngineDocExamplesTests: XCTestCase {
    /// One engine example of the page.
    struct Example {
        var line: Int
        var code: String
        var setup: String?
        var expectedError: String?
        var expectedOutput: String?
        var continued: Bool
    }

    /// The bindings the examples run with.
    static var bindings: [LibraryBinding] { StandardBindings.all }

    /// The engine examples of the Markdown page, in order.
    static func examples(in markdown: String) -> [Example] {
        let lines = markdown.components(separatedBy: "\n")
        var result: [Example] = []
        var setup: String?
        var i = 0
        func body(from start: Int) -> (String, Int) {
            var j = start
            var text: [String] = []
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) != "```" { text.append(lines[j]); j += 1 }
            return (text.map { $0 + "\n" }.joined(), j + 1)
        }
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- setup") {
                var text: [String] = []
                var j = i
                var first = String(trimmed.dropFirst("<!-- setup".count))
                while true {
                    let closes = first.contains("-->")
                    let piece = first.replacingOccurrences(of: "-->", with: "")
                    if !piece.trimmingCharacters(in: .whitespaces).isEmpty { text.append(piece) }
                    if closes || j + 1 >= lines.count { break }
                    j += 1
                    first = lines[j]
                }
                setup = text.joined(separator: "\n")
                i = j + 1
                continue
            }
            guard trimmed.hasPrefix("```swift") else {
                if !trimmed.isEmpty { setup = nil }
                i += 1
                continue
            }
            let words = trimmed.dropFirst(3).split(separator: " ").map(String.init)
            let (code, next) = body(from: i + 1)
            i = next
            guard words.contains("engine") else { setup = nil; continue }
            var example = Example(line: i, code: code, setup: setup, expectedError: nil, expectedOutput: nil,
                                  continued: words.contains("continued"))
            example.expectedError = words.first { $0.hasPrefix("error=") }.map { String($0.dropFirst("error=".count)) }
            setup = nil
            var k = i
            while k < lines.count, lines[k].trimmingCharacters(in: .whitespaces).isEmpty { k += 1 }
            if k < lines.count, lines[k].trimmingCharacters(in: .whitespaces) == "```output" {
                let (text, after) = body(from: k + 1)
                example.expectedOutput = text
                i = after
            }
            result.append(example)
        }
        return result
    }

    static var documentURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    }

    func testExtractionFindsTheEngineExamples() throws {
        let examples = Self.examples(in: try String(contentsOf: Self.documentURL, encoding: .utf8))
        XCTAssertGreaterThanOrEqual(examples.count, 8)
        XCTAssertTrue(examples.first?.code.hasPrefix("let a = Tensor([[1, 2], [3, 4]])") ?? false)
        XCTAssertTrue(examples.contains { $0.expectedError == "ShapeError" })
        XCTAssertTrue(examples.contains { $0.setup?.contains("var model = Sequential") ?? false })
    }

    func testEngineExamplesRunAsDocumented() throws {
        let examples = Self.examples(in: try String(contentsOf: Self.documentURL, encoding: .utf8))
        // The examples write files (t.safetensors): run them in a scratch folder.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stride-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: scratch)
        }
        var session = StrideSession(bindings: Self.bindings)
        var ran = 0
        for example in examples {
            if !example.continued { session = StrideSession(bindings: Self.bindings) }
            let where_ = "docs/LANGUAGE.md example before line \(example.line)"
            if let setup = example.setup, case .failure(let f) = session.run(setup, cellName: "setup", host: RecordingHost()) {
                XCTFail("\(where_): setup failed:\n\(f.traceback.joined(separator: "\n"))")
                continue
            }
            let host = RecordingHost()
            let outcome = session.run(example.code, host: host)
            ran += 1
            switch (outcome, example.expectedError) {
            case (.success, nil): break
            case (.failure(let f), nil):
                XCTFail("\(where_) failed:\n\(f.traceback.joined(separator: "\n"))")
            case (.success, let kind?):
                XCTFail("\(where_) should fail with \(kind)")
            case (.failure(let f), let kind?):
                XCTAssertEqual(f.name, kind, "\(where_): \(f.traceback.joined(separator: "\n"))")
            }
            if let expected = example.expectedOutput {
                let printed = host.events.compactMap { event -> String? in
                    if case .text(let text, .stdout) = event { return text }
                    return nil
                }.joined()
                XCTAssertEqual(printed, expected, where_)
            }
        }
        XCTAssertEqual(ran, examples.count)
        XCTAssertGreaterThanOrEqual(ran, 12, "too few engine examples ran")
    }
}
