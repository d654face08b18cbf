import Foundation
import XCTest
import StrideLanguage

/// Collects what a program writes, stream by stream; safe to write from the evaluator's thread.
final class ConformanceOutput: OutputSink {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func write(_ text: String, to stream: OutputStreamKind) {
        lock.lock(); defer { lock.unlock() }
        switch stream {
        case .stdout: out += text
        case .stderr: err += text
        }
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return err }
}

/// What one run of a source text produced.
struct ConformanceRun {
    var stdout: String
    var stderr: String
    var result: ExecutionResult
    /// The run was still going long after its interrupt: the evaluator stopped polling.
    var hung: Bool

    /// The error of the run, if it failed.
    var error: StrideError? {
        if case .error(let e) = result { return e }
        return nil
    }
}

/// Runs sources through the interpreter the way the conformance tests need it.
enum Conformance {
    /// Seconds after which a run is interrupted, so that a hang fails a test instead of the suite.
    static let timeLimit: Double = 60

    /// Seconds a run may go on after its interrupt before it counts as hung.
    static let hangGrace: Double = 10

    /// Runs `source` in `interpreter` (a fresh one by default) and captures its output. The
    /// interrupt flag is set after `timeLimit` seconds; a run that still has not returned
    /// `hangGrace` seconds later is abandoned and reported as hung, so that a hang fails one
    /// test instead of stopping the suite.
    static func run(_ source: String, in interpreter: Interpreter = Interpreter(),
                    cellName: String = "<cell>", timeLimit: Double = timeLimit) -> ConformanceRun {
        let sink = ConformanceOutput()
        interpreter.output = sink
        let flag = interpreter.interruptFlag
        let watchdog = DispatchWorkItem { flag.set() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
        let box = ResultBox()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.set(interpreter.execute(source, cellName: cellName))
            finished.signal()
        }
        let returned = finished.wait(timeout: .now() + timeLimit + hangGrace) == .success
        watchdog.cancel()
        return ConformanceRun(stdout: sink.stdout, stderr: sink.stderr,
                              result: returned ? box.get() ?? .value(nil) : .value(nil), hung: !returned)
    }

    /// Hands the result over from the thread that ran the interpreter.
    private final class ResultBox {
        private let lock = NSLock()
        private var result: ExecutionResult?
        func set(_ r: ExecutionResult) { lock.lock(); result = r; lock.unlock() }
        func get() -> ExecutionResult? { lock.lock(); defer { lock.unlock() }; return result }
    }

    /// Blanks out `import` lines: the corpus imports Foundation for swiftc, Stride has the
    /// math functions built in. Blank lines keep the line numbers of error reports.
    static func strippingImports(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("import ") ? "" : String($0) }
            .joined(separator: "\n")
    }

    /// A line diff of `expected` against `actual` (`-` expected only, `+` actual only), with
    /// two lines of context around each change; empty when they are equal.
    static func diff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if a == b { return "" }
        // Longest common subsequence table, filled from the end so the walk goes forward.
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append(("-", a[i])); i += 1
            } else {
                lines.append(("+", b[j])); j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        var shown = ""
        var lastPrinted = -1
        for k in lines.indices where changed.contains(where: { abs($0 - k) <= 2 }) {
            if lastPrinted >= 0 && k > lastPrinted + 1 { shown += "  ...\n" }
            // Visible markers for trailing spaces and tabs, which otherwise hide in a diff.
            let text = lines[k].text.replacingOccurrences(of: "\t", with: "→")
            shown += "\(lines[k].mark) \(text)\(text.hasSuffix(" ") ? "⏎" : "")\n"
            lastPrinted = k
        }
        return shown
    }
}

/// Every corpus program (an ordinary Swift program inside the subset of the language) must
/// print exactly what the build of the real Swift compiler printed.
///
/// The `.expected` files were recorded with `swiftc -o NAME NAME.swift && ./NAME > NAME.expected`
/// (Swift 6.3.1, Linux), so the module is NAME, as `stride run NAME.swift` names it; none of the
/// programs writes to stderr. Set `STRIDE_CORPUS=name` to run
/// one program alone.
final class CorpusTests: XCTestCase {
    private func corpusDirectory() throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: "Corpus", withExtension: nil),
                      "the Corpus resource folder is missing from the test bundle")
    }

    private func programs() throws -> [URL] {
        let dir = try corpusDirectory()
        let all = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        if let only = ProcessInfo.processInfo.environment["STRIDE_CORPUS"], !only.isEmpty {
            return all.filter { $0.deletingPathExtension().lastPathComponent == only }
        }
        return all
    }

    func testCorpusIsCompleteAndLargeEnough() throws {
        let dir = try corpusDirectory()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let sources = names.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThanOrEqual(sources.count, 40, "the corpus should hold at least 40 programs")
        for source in sources {
            let expected = String(source.dropLast(".swift".count)) + ".expected"
            XCTAssertTrue(names.contains(expected), "\(source) has no recorded \(expected)")
        }
    }

    func testEveryProgramPrintsWhatSwiftcPrinted() throws {
        let programs = try programs()
        XCTAssertFalse(programs.isEmpty, "no corpus programs found")
        var failed: [String] = []
        for url in programs {
            let name = url.deletingPathExtension().lastPathComponent
            let source = Conformance.strippingImports(try String(contentsOf: url, encoding: .utf8))
            let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("expected"),
                                      encoding: .utf8)
            // Recorded as `swiftc -o NAME NAME.swift`: Swift qualifies types with the module NAME.
            let interpreter = Interpreter()
            interpreter.moduleName = name
            let run = Conformance.run(source, in: interpreter, cellName: name + ".swift")
            if run.hung {
                failed.append(name)
                XCTFail("\(name).swift did not stop within \(Conformance.hangGrace) s of its interrupt")
                continue
            }
            if let error = run.error {
                failed.append(name)
                XCTFail("""
                    \(name).swift stopped with an error:
                    \(error.rendered)
                    output so far:
                    \(Conformance.diff(expected: expected, actual: run.stdout))
                    """)
                continue
            }
            if run.stdout != expected {
                failed.append(name)
                XCTFail("\(name).swift printed something else (- swiftc, + Stride):\n"
                        + Conformance.diff(expected: expected, actual: run.stdout))
            }
            XCTAssertEqual(run.stderr, "", "\(name).swift wrote to stderr")
        }
        if !failed.isEmpty {
            print("corpus programs that differ from swiftc (\(failed.count) of \(programs.count)): "
                  + failed.joined(separator: " "))
        }
    }

    func testDiffShowsChangedLinesWithContext() {
        let shown = Conformance.diff(expected: "a\nb\nc\nd\n", actual: "a\nB\nc\nd\n")
        XCTAssertEqual(shown, "  a\n- b\n+ B\n  c\n  d\n")
        XCTAssertEqual(Conformance.diff(expected: "same\n", actual: "same\n"), "")
        XCTAssertEqual(Conformance.diff(expected: "x ", actual: "x"), "- x ⏎\n+ x\n")
    }

    func testImportLinesAreBlankedKeepingLineNumbers() {
        XCTAssertEqual(Conformance.strippingImports("import Foundation\nprint(1)\n  import Glibc"),
                       "\nprint(1)\n")
    }
}
