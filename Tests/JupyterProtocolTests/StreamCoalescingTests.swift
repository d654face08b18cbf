import XCTest
@testable import JupyterProtocol

final class StreamCoalescingTests: XCTestCase {
    func testTwentyThousandLinesArriveWholeInFewMessages() {
        let h = Harness()
        let id = h.execute("flood 20000")
        XCTAssertEqual(h.sink.reply(to: id, timeout: 20)?.content["status"], "ok")
        let streams = h.sink.iopub(of: id).filter { $0.messageType == "stream" }
        let expected = (0..<20000).map { "line \($0)\n" }.joined()
        XCTAssertEqual(streams.compactMap { $0.content["text"]?.stringValue }.joined(), expected)
        XCTAssertLessThan(streams.count, 50, "lines were not coalesced")
    }

    func testTextIsSentWithinTheIntervalWithoutAnExplicitFlush() {
        let h = Harness(streamInterval: 0.05)
        let id = h.execute("print early\nsleep 2")
        let written = Date()
        h.sink.wait(timeout: 1.5) { $0.contains { $0.1.messageType == "stream" } }
        XCTAssertLessThan(Date().timeIntervalSince(written), 1.0)
        XCTAssertNil(h.sink.all.first { $0.1.messageType == "execute_reply" }, "sent before the cell ended")
        _ = h.sink.reply(to: id)
    }

    func testInterleavedStreamsKeepTheirOrder() {
        let h = Harness()
        let id = h.execute("print 1\nprint 2\neprint 3\nprint 4\ndisplay d x\nprint 5")
        _ = h.sink.reply(to: id)
        let outputs = h.sink.iopub(of: id).filter { ["stream", "display_data"].contains($0.messageType) }
        XCTAssertEqual(outputs.map { $0.content["name"]?.stringValue ?? "display" }, ["stdout", "stderr", "stdout", "display", "stdout"])
        XCTAssertEqual(outputs.map { $0.content["text"]?.stringValue ?? "" }, ["1\n2\n", "3\n", "4\n", "", "5\n"])
    }

    func testCoalescerEmitsEverythingOnStop() {
        var emitted: [String] = []
        let coalescer = StreamCoalescer(interval: 3600) { _, text, _ in emitted.append(text) }
        let parent = Message(header: HeaderFactory().header("execute_request"))
        coalescer.write("a", to: .stdout, parent: parent)
        coalescer.write("b", to: .stdout, parent: parent)
        XCTAssertEqual(emitted, [])
        coalescer.stop()
        XCTAssertEqual(emitted, ["ab"])
    }
}
