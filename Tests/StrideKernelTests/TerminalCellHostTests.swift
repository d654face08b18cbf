import Foundation
import JupyterProtocol
import XCTest
@testable import StrideKernel

final class TerminalCellHostTests: XCTestCase {
    private var directory: URL!
    private var written: [(String, StreamName)] = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stride-terminal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        written = []
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func makeHost(interactive: Bool = false) -> TerminalCellHost {
        TerminalCellHost(pictureDirectory: directory, baseName: "script", interactive: interactive,
                         write: { [unowned self] in written.append(($0, $1)) }, read: { _ in "typed" })
    }

    func testPicturesAreSavedNextToTheScriptAndUpdatedInPlace() throws {
        let host = makeHost(interactive: true)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
        host.display(DisplayBundle(strings: ["image/png": Data(png).base64EncodedString(), "text/plain": "Chart"]), id: "live")
        let file = directory.appendingPathComponent("script-1.png")
        XCTAssertEqual(try Data(contentsOf: file), Data(png))
        XCTAssertEqual(written.map(\.0), ["[Chart saved to \(file.path)]\n"])

        host.updateDisplay(DisplayBundle(strings: ["image/png": Data([9, 9]).base64EncodedString(), "text/plain": "Chart"]), id: "live")
        XCTAssertEqual(try Data(contentsOf: file), Data([9, 9]))
        XCTAssertEqual(written.count, 1, "an update rewrites the file quietly")
    }

    func testWhenNotATerminalALivePictureIsNamedOnceWithItsFinalText() throws {
        let host = makeHost(interactive: false)
        host.display(DisplayBundle(strings: ["image/svg+xml": "<svg>0</svg>", "text/plain": "Chart: 0 epochs"]), id: "live")
        host.updateDisplay(DisplayBundle(strings: ["image/svg+xml": "<svg>4</svg>", "text/plain": "Chart: 4 epochs"]), id: "live")
        XCTAssertTrue(written.isEmpty)
        host.write("done\n", to: .stdout)
        host.finishCell()
        let file = directory.appendingPathComponent("script-1.svg")
        XCTAssertEqual(written.map(\.0), ["[Chart: 4 epochs saved to \(file.path)]\n", "done\n"])
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "<svg>4</svg>")

        host.display(DisplayBundle(strings: ["image/svg+xml": "<svg/>", "text/plain": "Plot"]), id: nil)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("script-2.svg"), encoding: .utf8), "<svg/>")
    }

    func testTextDisplaysPrintAndProgressLinesRewriteInATerminal() throws {
        let host = makeHost(interactive: true)
        host.display(DisplayBundle(plainText: "epoch 1"), id: "p")
        host.updateDisplay(DisplayBundle(plainText: "epoch 2"), id: "p")
        host.page(DisplayBundle(plainText: "docs"))
        XCTAssertEqual(written.map(\.0), ["epoch 1\n", "\r\u{1B}[Kepoch 2", "docs\n"])
        XCTAssertEqual(try host.readLine(prompt: "? ", password: false), "typed")
    }

    private func status(_ text: String) -> DisplayBundle {
        DisplayBundle(strings: ["text/plain": text, "text/html": "<div>\(text)</div>"],
                      metadata: ["text/plain": ["stride.role": "status-line"]])
    }

    func testAStatusLineIsRewrittenInPlaceInATerminal() throws {
        let host = makeHost(interactive: true)
        host.display(status("step 1/3"), id: "s")
        host.updateDisplay(status("step 3/3 · done"), id: "s")
        host.write("after\n", to: .stdout)
        host.display(status("again"), id: "t")
        host.finishCell()
        XCTAssertEqual(written.map(\.0), ["\r\u{1B}[Kstep 1/3", "\r\u{1B}[Kstep 3/3 · done", "\n", "after\n",
                                          "\r\u{1B}[Kagain", "\n"])
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no HTML file is saved")
    }

    func testAStatusLineIsPrintedOnceWithItsFinalTextWhenNotATerminal() throws {
        let host = makeHost(interactive: false)
        host.display(status("step 1/3"), id: "s")
        host.updateDisplay(status("step 2/3"), id: "s")
        host.updateDisplay(status("step 3/3 · done"), id: "s")
        XCTAssertTrue(written.isEmpty)
        host.write("result\n", to: .stdout)
        host.finishCell()
        XCTAssertEqual(written.map(\.0), ["step 3/3 · done\n", "result\n"])
    }
}
