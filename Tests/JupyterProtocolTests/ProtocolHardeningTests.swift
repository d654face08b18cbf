import XCTest
@testable import JupyterProtocol

/// Replayed messages, input from the wrong client, and control kept prompt during a long
/// history search.
final class ProtocolHardeningTests: XCTestCase {
    func testAReplayedExecuteRequestRunsOnce() {
        let h = Harness()
        let header = h.clientHeaders.header("execute_request")
        let frames = h.client.encode(Message(identities: [Array("client-1".utf8)], header: header,
                                             content: ["code": "print once", "silent": false]))
        h.core.receive(frames, on: .shell)
        h.core.receive(frames, on: .shell)
        // The same frames on another channel are a replay too.
        h.core.receive(frames, on: .control)
        let id = header["msg_id"]!.stringValue!
        XCTAssertEqual(h.sink.reply(to: id)?.content["execution_count"], 1)
        // A fresh request (new msg_id and date, so a new signature) still runs, after the first.
        XCTAssertEqual(h.sink.reply(to: h.execute("result 2"))?.content["execution_count"], 2)
        XCTAssertEqual(h.interpreter.executed, ["print once", "result 2"])
        XCTAssertEqual(h.sink.all.filter { $0.1.messageType == "execute_reply" }.count, 2)
    }

    func testTheSignatureHistoryForgetsItsOldestBeyondItsCapacity() {
        let history = SignatureHistory(capacity: 3)
        let a: Frame = [1], b: Frame = [2], c: Frame = [3], d: Frame = [4]
        XCTAssertEqual([a, b, c].map(history.insert), [true, true, true])
        XCTAssertFalse(history.insert(b), "a repeat within the capacity is refused")
        XCTAssertTrue(history.insert(d))
        XCTAssertEqual(history.count, 3)
        XCTAssertFalse(history.insert(c))
        XCTAssertFalse(history.insert(d))
        XCTAssertTrue(history.insert(a), "the oldest was forgotten to make room for d")
        XCTAssertTrue(history.insert(b), "then the next oldest, for a")
        XCTAssertEqual(history.count, 3)
    }

    func testAnInputReplyFromAnotherClientIsIgnored() {
        let h = Harness()
        let id = h.execute("input Name?")
        h.sink.wait { $0.contains { $0.0 == .stdin && $0.1.messageType == "input_request" } }
        let request = h.sink.messages(on: .stdin)[0]
        let intruder = HeaderFactory(session: "intruder-session", username: "mallory")
        // Another session, through the asking client's socket identity and through its own.
        for identity in ["client-1", "intruder-1"] {
            let forged = Message(identities: [Array(identity.utf8)], header: intruder.header("input_reply"),
                                 parentHeader: request.header, content: ["value": .string("from \(identity)")])
            h.core.receive(h.client.encode(forged), on: .stdin)
        }
        // The asking session, but from another socket.
        let elsewhere = Message(identities: [Array("intruder-1".utf8)], header: h.clientHeaders.header("input_reply"),
                                parentHeader: request.header, content: ["value": "elsewhere"])
        h.core.receive(h.client.encode(elsewhere), on: .stdin)
        let answer = Message(identities: [Array("client-1".utf8)], header: h.clientHeaders.header("input_reply"),
                             parentHeader: request.header, content: ["value": "Ada"])
        h.core.receive(h.client.encode(answer), on: .stdin)
        XCTAssertEqual(h.sink.reply(to: id)?.content["status"], "ok")
        XCTAssertEqual(h.sink.iopub(of: id).first { $0.messageType == "execute_result" }?.content["data"],
                       ["text/plain": "got Ada"])
    }

    func testAnInterruptOnControlIsAnsweredDuringALongHistorySearch() {
        let h = Harness()
        // 100 entries of 64 KB on which this glob costs SQLite a few milliseconds each: the
        // search takes far longer than the microseconds between the two requests.
        let long = String(repeating: "ab", count: 32_000) + "c"
        for line in 1...100 { h.history.append(line: line, input: long, output: nil) }
        h.history.flush()
        let search = h.send("history_request", ["hist_access_type": "search", "pattern": "*a?a?a?a?a?bb",
                                                "output": false, "raw": true], on: .control)
        let interrupt = h.send("interrupt_request", on: .control)
        // Control requests are served on the receiving thread, so the interrupt's reply is
        // already sent; the search's reply comes later from its own queue.
        let replies = { h.sink.all.filter { $0.0 == .control && $0.1.messageType.hasSuffix("_reply") } }
        XCTAssertEqual(replies().first?.1.parentHeader["msg_id"]?.stringValue, interrupt)
        XCTAssertEqual(h.sink.reply(to: search, timeout: 120)?.content["history"], [])
        XCTAssertEqual(replies().map { $0.1.parentHeader["msg_id"]!.stringValue! }, [interrupt, search])
        let iopub = h.sink.iopub(of: search)
        XCTAssertEqual(iopub.map { $0.content["execution_state"] }, ["busy", "idle"])
    }
}
