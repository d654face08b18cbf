import Foundation
import XCTest
import StrideLanguage

/// A fenced code block of docs/LANGUAGE.md with the expectations that follow it.
///
/// The conventions (documented at the top of docs/LANGUAGE.md):
/// - ```` ```swift ```` runs in a fresh interpreter and must not fail;
/// - ```` ```swift continued ```` runs in the interpreter of the previous block, as the next cell
///   of a notebook does;
/// - ```` ```swift error=NameError ```` must fail with that kind;
/// - ```` ```swift engine ```` needs the engine and the displays: the kernel-level tests run it;
/// - an HTML comment `<!-- setup ... -->` right before a block is hidden setup, run first as a
///   cell of its own (so the block's line numbers stay those of the page);
/// - an ```` ```output ```` block right after a block is its exact standard output;
/// - a ```` ```result ```` block after that is the cell's result as the notebook shows it.
struct DocBlock {
    var line: Int
    var flags: Set<String>
    var expectedKind: String?
    var code: String
    var setup: String?
    var expectedOutput: String?
    var expectedResult: String?

    var needsEngine: Bool { flags.contains("engine") }
    var continuesPrevious: Bool { flags.contains("continued") }
}

/// Extracts the code blocks of a Markdown document.
enum DocExamples {
    static func blocks(in markdown: String) -> [DocBlock] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [DocBlock] = []
        var pendingSetup: String?
        var i = 0
        /// Reads a fence opened at `start`; returns its info string, body and the line after it.
        func fence(at start: Int) -> (info: String, body: String, next: Int)? {
            let opener = lines[start].trimmingCharacters(in: .whitespaces)
            guard opener.hasPrefix("```") else { return nil }
            var body: [String] = []
            var j = start + 1
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) != "```" {
                body.append(lines[j]); j += 1
            }
            let text = body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
            return (String(opener.dropFirst(3)).trimmingCharacters(in: .whitespaces), text, j + 1)
        }
        /// The index of the next non-blank line from `start`.
        func skipBlank(_ start: Int) -> Int {
            var j = start
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces).isEmpty { j += 1 }
            return j
        }
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- setup") {
                var body: [String] = []
                let first = String(trimmed.dropFirst("<!-- setup".count))
                var j = i
                if first.contains("-->") {
                    body.append(first.replacingOccurrences(of: "-->", with: ""))
                } else {
                    if !first.trimmingCharacters(in: .whitespaces).isEmpty { body.append(first) }
                    j += 1
                    while j < lines.count, !lines[j].contains("-->") { body.append(lines[j]); j += 1 }
                    if j < lines.count {
                        body.append(lines[j].replacingOccurrences(of: "-->", with: ""))
                    }
                }
                pendingSetup = body.joined(separator: "\n")
                i = j + 1
                continue
            }
            guard let opened = fence(at: i) else {
                if !trimmed.isEmpty { pendingSetup = nil }
                i += 1
                continue
            }
            let words = opened.info.split(separator: " ").map(String.init)
            guard words.first == "swift" else { i = opened.next; pendingSetup = nil; continue }
            var block = DocBlock(line: i + 1, flags: [], expectedKind: nil, code: opened.body,
                                 setup: pendingSetup, expectedOutput: nil, expectedResult: nil)
            pendingSetup = nil
            for word in words.dropFirst() {
                if word.hasPrefix("error=") { block.expectedKind = String(word.dropFirst("error=".count)) }
                else { block.flags.insert(word) }
            }
            var next = opened.next
            if let output = fence(at: skipBlank(next).clamped(to: lines.count)), output.info == "output" {
                block.expectedOutput = output.body
                next = output.next
            }
            if let result = fence(at: skipBlank(next).clamped(to: lines.count)), result.info == "result" {
                block.expectedResult = result.body.hasSuffix("\n") ? String(result.body.dropLast()) : result.body
                next = result.next
            }
            blocks.append(block)
            i = next
        }
        return blocks
    }

    /// docs/LANGUAGE.md, found by walking up from this file to the package root.
    static func languageReference(file: String = #filePath) throws -> String {
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return try String(contentsOf: dir.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
            }
            dir = dir.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }
}

private extension Int {
    /// `self`, or `limit - 1` past the end, so a look-ahead at the end of the page reads nothing.
    func clamped(to limit: Int) -> Int { Swift.min(self, Swift.max(0, limit - 1)) }
}

/// Every language example of the project's language reference runs as written.
final class DocExamplesTests: XCTestCase {
    func testEveryLanguageBlockOfTheReferenceRuns() throws {
        let blocks = DocExamples.blocks(in: try DocExamples.languageReference())
        let language = blocks.filter { !$0.needsEngine }
        XCTAssertGreaterThanOrEqual(language.count, 40, "the reference should hold the language's examples")
        var interpreter = Interpreter()
        var failed: [Int] = []
        for block in language {
            let place = "docs/LANGUAGE.md block at line \(block.line)"
            if !block.continuesPrevious { interpreter = Interpreter() }
            if let setup = block.setup {
                let prepared = Conformance.run(setup, in: interpreter, cellName: "setup")
                if let error = prepared.error {
                    failed.append(block.line)
                    XCTFail("\(place): its setup failed:\n\(error.rendered)")
                    continue
                }
            }
            let run = Conformance.run(block.code, in: interpreter, cellName: "LANGUAGE.md:\(block.line)")
            var ok = true
            if run.hung {
                ok = false
                XCTFail("\(place) did not stop within \(Conformance.hangGrace) s of its interrupt")
            } else if let kind = block.expectedKind {
                if run.error?.kind.name != kind {
                    ok = false
                    XCTFail("\(place): expected \(kind), got \(run.error?.rendered ?? "no error")")
                }
            } else if let error = run.error {
                ok = false
                XCTFail("\(place) failed:\n\(error.rendered)\n--- block ---\n\(block.code)")
            }
            if let expected = block.expectedOutput, run.stdout != expected {
                ok = false
                XCTFail("\(place) printed something else (- documented, + actual):\n"
                        + Conformance.diff(expected: expected, actual: run.stdout))
            }
            if let expected = block.expectedResult {
                var shown: String?
                if case .value(let value) = run.result { shown = value?.debugDescription }
                if shown != expected {
                    ok = false
                    XCTFail("\(place): result \(shown ?? "nothing") instead of \(expected)")
                }
            }
            if !ok { failed.append(block.line) }
        }
        if !failed.isEmpty {
            print("docs/LANGUAGE.md blocks that fail (by line): " + failed.map(String.init).joined(separator: " "))
        }
    }

    func testReferenceKeepsTheEngineExamplesForTheKernelTests() throws {
        let blocks = DocExamples.blocks(in: try DocExamples.languageReference())
        XCTAssertGreaterThanOrEqual(blocks.filter(\.needsEngine).count, 8)
    }

    func testExtractorReadsFlagsSetupOutputAndResult() {
        let page = """
            Text.
            <!-- setup
            let base = 10
            -->
            ```swift
            print(base)
            ```

            ```output
            10
            ```
            ```result
            [1]
            ```
            ```swift continued error=NameError
            nope
            ```
            ```python
            ignored
            ```
            ```swift engine
            Tensor([1])
            ```
            """
        let blocks = DocExamples.blocks(in: page)
        XCTAssertEqual(blocks.count, 3)
        XCTAssertEqual(blocks[0].line, 5)
        XCTAssertEqual(blocks[0].setup, "let base = 10\n")
        XCTAssertEqual(blocks[0].code, "print(base)\n")
        XCTAssertEqual(blocks[0].expectedOutput, "10\n")
        XCTAssertEqual(blocks[0].expectedResult, "[1]")
        XCTAssertTrue(blocks[1].continuesPrevious)
        XCTAssertEqual(blocks[1].expectedKind, "NameError")
        XCTAssertNil(blocks[1].setup)
        XCTAssertTrue(blocks[2].needsEngine)
        XCTAssertNil(blocks[2].expectedOutput)
    }
}
