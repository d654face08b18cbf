import JupyterProtocol
import XCTest
@testable import StrideKernel

/// Widgets without a front end (`stride run`, the REPL): they work, show as text, and
/// interact's output reaches the cell; bad arguments are errors of the right kind.
final class WidgetLibraryTests: XCTestCase {
    private func run(_ session: StrideSession, _ code: String) -> (ExecutionOutcome, RecordingHost) {
        let host = RecordingHost()
        return (session.run(code, host: host), host)
    }

    func testInteractWithoutAFrontEndWritesToTheCell() {
        let session = StrideSession(bindings: StandardBindings.all)
        let (outcome, host) = run(session, """
            let k = IntSlider("k", 1...9, value: 2)
            interact(k) { v in print("k is", v) }
            k.value = 5
            print(k)
            """)
        guard case .success = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(host.events, [.text("k is 2\nk is 5\nIntSlider(\"k\", 1...9, value: 5)\n", .stdout)])
    }

    func testAWidgetShowsAsItsViewAndText() {
        let session = StrideSession(bindings: StandardBindings.all)
        let (outcome, _) = run(session, "Checkbox(\"augment\", value: true)")
        guard case .success(let bundle?) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(bundle.data["text/plain"], "Checkbox(\"augment\", value: true)")
        XCTAssertEqual(bundle.data["application/vnd.jupyter.widget-view+json"]?["version_major"], 2)
    }

    func testBadArgumentsAreErrorsOfTheirKind() {
        let cases: [(String, String)] = [
            ("Slider(\"x\", 1.0...1.0)", "TypeError"),
            ("Slider(\"x\", 0.0...1.0, value: 2)", "ValueError"),
            ("Slider(\"x\", 0.0...1.0, scale: .log)", "ValueError"),
            ("Slider(\"x\", 0.0...1.0, scale: .cubic)", "ValueError"),
            ("IntSlider(\"k\", 5...1)", "ValueError"),
            ("IntSlider(\"k\", 1...9, step: 0)", "ValueError"),
            ("Dropdown(\"d\", options: [1, 2], value: 3)", "ValueError"),
            ("Dropdown(\"d\", options: 3)", "TypeError"),
            ("HBox(1)", "TypeError"),
            ("interact(1) { v in v }", "TypeError"),
            ("Checkbox(\"c\").value = 1", "TypeError"),
            ("Button(\"b\").value", "TypeError"),
            ("Image(3)", "TypeError"),
        ]
        for (code, kind) in cases {
            let session = StrideSession(bindings: StandardBindings.all)
            let (outcome, _) = run(session, code)
            guard case .failure(let failure) = outcome else {
                XCTFail("\(code) should fail with \(kind)")
                continue
            }
            XCTAssertEqual(failure.name, kind, code)
        }
    }
}
