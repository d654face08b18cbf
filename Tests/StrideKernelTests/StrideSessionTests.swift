import Foundation
import JupyterProtocol
import StrideLanguage
import XCTest
@testable import StrideKernel

/// Records what a cell does, in order.
final class RecordingHost: CellHost {
    enum Event: Equatable {
        case text(String, StreamName)
        case display(DisplayBundle, String?)
        case update(DisplayBundle, String)
        case clear(Bool)
        case page(DisplayBundle)
    }

    var events: [Event] = []
    var answer: Result<String, InputError> = .success("")
    var prompts: [String] = []

    func write(_ text: String, to stream: StreamName) {
        // Consecutive writes to one stream form one text, as the coalescer sends them.
        if case .text(let previous, let s)? = events.last, s == stream {
            events[events.count - 1] = .text(previous + text, stream)
        } else {
            events.append(.text(text, stream))
        }
    }
    func display(_ bundle: DisplayBundle, id: String?) { events.append(.display(bundle, id)) }
    func updateDisplay(_ bundle: DisplayBundle, id: String) { events.append(.update(bundle, id)) }
    func clearOutput(wait: Bool) { events.append(.clear(wait)) }
    func readLine(prompt: String, password: Bool) throws -> String {
        prompts.append(prompt)
        return try answer.get()
    }
    func page(_ bundle: DisplayBundle) { events.append(.page(bundle)) }
}

/// A picture-like host object.
final class Swatch: NativeObject, RichRepresentable {
    var typeName: String { "Swatch" }
    var description: String { "Swatch(red)" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "Swatch has no member '\(name)'")
    }
    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]]) {
        (["image/png": "iVBORw0KGgo=", "text/html": "<b>red</b>"], ["image/png": ["width": "10"]])
    }
}

final class StrideSessionTests: XCTestCase {
    func testPrintAndEprintReachTheHost() {
        let session = StrideSession()
        let host = RecordingHost()
        XCTAssertEqual(session.run("print(\"hello\", 1)\neprint(\"oops\")", host: host), .success(result: nil))
        XCTAssertEqual(host.events, [.text("hello 1\n", .stdout), .text("oops\n", .stderr)])
    }

    func testResultsShowAsSwiftsREPLShowsThem() {
        let session = StrideSession()
        let cases: [(String, String)] = [("6 * 7", "42"), ("\"a\" + \"b\"", "\"ab\""), ("[1, 2, 3].map { $0 * 2 }", "[2, 4, 6]"),
                                         ("7 / 2", "3"), ("1.5 + 1", "2.5")]
        for (code, expected) in cases {
            XCTAssertEqual(session.run(code, host: RecordingHost()), .success(result: DisplayBundle(plainText: expected)), code)
        }
        XCTAssertEqual(session.run("let x = 1", host: RecordingHost()), .success(result: nil))
    }

    func testNamesPersistAcrossCells() {
        let session = StrideSession()
        _ = session.run("var total = 40", host: RecordingHost())
        _ = session.run("total += 2", host: RecordingHost())
        XCTAssertEqual(session.run("total", host: RecordingHost()), .success(result: DisplayBundle(plainText: "42")))
    }

    func testErrorsBecomeFailuresWithKindAndCaret() {
        let session = StrideSession()
        guard case .failure(let failure) = session.run("let a = 1\nlet b = a + missing", host: RecordingHost()) else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(failure.name, "NameError")
        XCTAssertTrue(failure.value.contains("missing"), failure.value)
        XCTAssertEqual(failure.traceback.first, "NameError: \(failure.value)")
        XCTAssertTrue(failure.traceback.contains { $0.contains("^") }, "\(failure.traceback)")
        XCTAssertTrue(failure.traceback.contains { $0.contains("line 2") }, "\(failure.traceback)")

        guard case .failure(let fatal) = session.run("fatalError(\"boom\")", host: RecordingHost()) else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(fatal.value, "boom")
    }

    func testDisplayUpdateAndClearNatives() {
        let session = StrideSession()
        let host = RecordingHost()
        let outcome = session.run("display(\"a\", id: \"k\")\nupdateDisplay(2, id: \"k\")\nclearOutput(wait: true)\nclearOutput()\ndisplay([1])",
                                  host: host)
        XCTAssertEqual(outcome, .success(result: nil))
        XCTAssertEqual(host.events, [.display(DisplayBundle(plainText: "\"a\""), "k"), .update(DisplayBundle(plainText: "2"), "k"),
                                     .clear(true), .clear(false), .display(DisplayBundle(plainText: "[1]"), nil)])
        guard case .failure(let failure) = session.run("updateDisplay(1)", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(failure.name, "TypeError")
    }

    func testInputAsksTheHostAndMapsRefusals() {
        let session = StrideSession()
        let host = RecordingHost()
        host.answer = .success("Ada")
        XCTAssertEqual(session.run("let name = input(\"Name? \")\n\"hi \\(name)\"", host: host),
                       .success(result: DisplayBundle(plainText: "\"hi Ada\"")))
        XCTAssertEqual(host.prompts, ["Name? "])

        host.answer = .failure(.notAllowed)
        guard case .failure(let refused) = session.run("input()", host: host) else { return XCTFail() }
        XCTAssertEqual(refused.name, "IOError")
        XCTAssertTrue(refused.value.contains("allow_stdin"))

        host.answer = .failure(.interrupted)
        guard case .failure(let stopped) = session.run("input()", host: host) else { return XCTFail() }
        XCTAssertEqual(stopped.name, "Interrupted")
    }

    func testHelpPagesTheInspectorsText() {
        let session = StrideSession()
        let host = RecordingHost()
        _ = session.run("/// Doubles a number.\nfunc twice(_ x: Int) -> Int { x * 2 }", host: host)
        XCTAssertEqual(session.run("help(twice)", host: host), .success(result: nil))
        guard case .page(let bundle)? = host.events.last else { return XCTFail("no page: \(host.events)") }
        let text = bundle.data["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(text.contains("twice(_ x: Int) -> Int"), text)
        XCTAssertTrue(text.contains("Doubles a number."), text)
        XCTAssertEqual(text, session.inspect("twice", cursor: 5, detailLevel: 1)?.data["text/plain"]?.stringValue)
    }

    /// `help` pages the value it is called with: in a loop and inside a function, each call
    /// shows its own argument (the inspector's text for that name), not the source's.
    func testHelpPagesTheValueItIsGivenInLoopsAndFunctions() {
        let session = StrideSession()
        let host = RecordingHost()
        _ = session.run("/// Doubles a number.\nfunc twice(_ x: Int) -> Int { x * 2 }\n/// Negates a number.\nfunc negated(_ x: Int) -> Int { -x }",
                        host: host)
        let cell = "func explain(_ f: (Int) -> Int) { help(f) }\nfor f in [twice, negated] { help(f) }\nexplain(negated)\nhelp(print)"
        XCTAssertEqual(session.run(cell, host: host), .success(result: nil))
        let pages = host.events.compactMap { event -> String? in
            guard case .page(let bundle) = event else { return nil }
            return bundle.data["text/plain"]?.stringValue
        }
        let expected = ["twice", "negated", "negated", "print"].map { session.inspect($0, cursor: 1, detailLevel: 1)?.data["text/plain"]?.stringValue }
        XCTAssertEqual(pages, expected.compactMap { $0 })
        XCTAssertEqual(pages.count, 4)
        XCTAssertTrue(pages[1].contains("Negates a number."), pages[1])
    }

    func testRichNativesAndRenderers() {
        let session = StrideSession()
        session.interpreter.defineGlobal("swatch", .native(Swatch()))
        guard case .success(let result?) = session.run("swatch", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(result.data["image/png"], "iVBORw0KGgo=")
        XCTAssertEqual(result.data["text/html"], "<b>red</b>")
        XCTAssertEqual(result.data["text/plain"]?.stringValue, Value.native(Swatch()).debugDescription)
        XCTAssertEqual(result.metadata["image/png"], ["width": "10"])

        session.addRenderer { value in
            if case .int(let i) = value, i == 7 { return DisplayBundle(strings: ["text/plain": "7", "text/html": "<i>7</i>"]) }
            return nil
        }
        XCTAssertEqual(session.run("3 + 4", host: RecordingHost()),
                       .success(result: DisplayBundle(strings: ["text/plain": "7", "text/html": "<i>7</i>"])))
        XCTAssertEqual(session.run("3 + 5", host: RecordingHost()), .success(result: DisplayBundle(plainText: "8")))
    }

    func testInterruptStopsTheCellAndKeepsState() {
        let session = StrideSession()
        _ = session.run("var kept = 41", host: RecordingHost())
        var outcome: ExecutionOutcome?
        let done = expectation(description: "interrupted")
        let thread = Thread {
            outcome = session.run("while true {}", host: RecordingHost())
            done.fulfill()
        }
        thread.stackSize = 64 << 20
        thread.start()
        Thread.sleep(forTimeInterval: 0.2)
        session.interrupt()
        wait(for: [done], timeout: 5)
        guard case .failure(let failure)? = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertEqual(failure.name, "Interrupted")
        XCTAssertEqual(session.run("kept + 1", host: RecordingHost()), .success(result: DisplayBundle(plainText: "42")))
    }

    func testEditorRequestsAreForwarded() {
        let session = StrideSession()
        XCTAssertEqual(session.isComplete("func f() {"), .incomplete(indent: "    "))
        XCTAssertEqual(session.isComplete("1 + 1"), .complete)
        XCTAssertEqual(session.isComplete("let mask = 0b102"), .invalid)
        let found = session.complete("debugPri", cursor: 8)
        XCTAssertEqual(found.matches, ["debugPrint"])
        XCTAssertEqual(found.cursorStart, 0)
        XCTAssertEqual(found.cursorEnd, 8)
        XCTAssertNil(session.inspect("noSuchName", cursor: 10, detailLevel: 0))
    }

    func testKernelInfoDescribesTheLanguage() {
        let info = StrideSession().kernelInfo
        XCTAssertEqual(info.languageInfo["name"], "stride")
        XCTAssertEqual(info.languageInfo["file_extension"], ".stride")
        XCTAssertEqual(info.languageInfo["mimetype"], "text/x-stride")
        XCTAssertEqual(info.languageInfo["codemirror_mode"], "swift")
        XCTAssertEqual(info.languageInfo["pygments_lexer"], "swift")
        XCTAssertFalse(info.helpLinks.isEmpty)
    }
}

final class StandardBindingsTests: XCTestCase {
    func testTheKernelSessionHasTheEngine() {
        let session = StrideSession(bindings: StandardBindings.all)
        let outcome = session.run("let a = Tensor([[1, 2], [3, 4]])\n(a * a).sum().scalars", host: RecordingHost())
        // 1 + 4 + 9 + 16
        XCTAssertEqual(outcome, .success(result: DisplayBundle(plainText: "[30.0]")))
        XCTAssertTrue(session.complete("Tens", cursor: 4).matches.contains("Tensor"))
    }
}

extension StandardBindingsTests {
    func testPicturesShowAsImages() {
        let session = StrideSession(bindings: StandardBindings.all)
        let host = RecordingHost()
        guard case .success(let result?) = session.run("display(imshow(Tensor(randomUniform: [4, 4], seed: 1)))\nplot([1.0, 2.0])",
                                                       host: host) else { return XCTFail() }
        guard case .display(let shown, nil)? = host.events.first else { return XCTFail("\(host.events)") }
        // A PNG's base64 always starts with the encoded signature bytes 89 50 4E 47.
        XCTAssertTrue(shown.data["image/png"]?.stringValue?.hasPrefix("iVBORw0KGgo") == true)
        XCTAssertNotNil(shown.data["text/plain"])
        XCTAssertTrue(result.data["image/svg+xml"]?.stringValue?.contains("<svg") == true)
    }
}
