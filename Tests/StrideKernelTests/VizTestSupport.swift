import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JupyterProtocol
import StrideLanguage
import XCTest
@testable import StrideKernel

/// Installs the core library (tensors, layers, optimizers) that the viz library extends.
struct VizTestCoreBinding: LibraryBinding {
    func install(into session: StrideSession) { installCoreLibrary(into: session.interpreter) }
}

/// A cell host that records displays and updates with the time they arrived, and can run
/// an action on the n-th update (to press stop while `fit` runs).
final class VizRecordingHost: CellHost {
    struct Shown { var bundle: DisplayBundle; var id: String?; var time: Double; var isUpdate: Bool }
    var shown: [Shown] = []
    var text = ""
    var onUpdate: ((Int) -> Void)?
    private var updates = 0

    func write(_ text: String, to stream: StreamName) { self.text += text }
    func display(_ bundle: DisplayBundle, id: String?) {
        shown.append(Shown(bundle: bundle, id: id, time: ProcessInfo.processInfo.systemUptime, isUpdate: false))
    }
    func updateDisplay(_ bundle: DisplayBundle, id: String) {
        shown.append(Shown(bundle: bundle, id: id, time: ProcessInfo.processInfo.systemUptime, isUpdate: true))
        updates += 1
        onUpdate?(updates)
    }
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String { "" }
    func page(_ bundle: DisplayBundle) {}

    var displays: [Shown] { shown.filter { !$0.isUpdate } }
    var updatesOnly: [Shown] { shown.filter(\.isUpdate) }
}

/// A session with the core and viz libraries, running cells on a recording host.
final class VizHarness {
    let session = StrideSession(bindings: [VizTestCoreBinding(), VizBinding()])
    var host = VizRecordingHost()

    /// Runs `source`; returns the outcome.
    @discardableResult
    func run(_ source: String) -> ExecutionOutcome {
        session.run(source, host: host)
    }

    /// Runs `source` and returns what it printed; fails the test on an error.
    @discardableResult
    func output(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        host.text = ""
        if case .failure(let f) = run(source) {
            XCTFail("unexpected \(f.name): \(f.value)\n\(f.traceback.joined(separator: "\n"))", file: file, line: line)
        }
        return host.text
    }

    /// The result bundle of `source`; fails the test on an error or no result.
    func result(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> DisplayBundle? {
        switch run(source) {
        case .success(let bundle?): return bundle
        case .success(nil): XCTFail("no result", file: file, line: line); return nil
        case .failure(let f): XCTFail("unexpected \(f.name): \(f.value)", file: file, line: line); return nil
        }
    }

    /// The failure of `source` (nil, and a test failure, when it succeeds).
    func failure(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> ExecutionFailure? {
        if case .failure(let f) = run(source) { return f }
        XCTFail("expected an error", file: file, line: line)
        return nil
    }

    /// The value of a top-level expression, through the interpreter.
    func value(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> Value? {
        switch session.interpreter.execute(source) {
        case .value(let v): return v
        case .error(let e): XCTFail("unexpected error: \(e.rendered)", file: file, line: line); return nil
        }
    }
}

extension DisplayBundle {
    /// The string content of `mime`, if present.
    func string(_ mime: String) -> String? {
        if case .string(let s)? = data[mime] { return s }
        return nil
    }
}

/// Checks that `svg` is well-formed XML.
func assertWellFormedXML(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
    let parser = XMLParser(data: Data(svg.utf8))
    XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
}

/// A small CNN on 16×16 Shapes, as Stride source.
let shapesSetup = """
let data = Shapes(count: 384, size: 16, seed: 1)
var net = Sequential {
    Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu, name: "conv1")
    MaxPool2D(size: 2)
    Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu, name: "conv2")
    GlobalAvgPool2D()
    Dense(units: 4)
}
"""
