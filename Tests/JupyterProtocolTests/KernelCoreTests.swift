import XCTest
@testable import JupyterProtocol

final class KernelCoreTests: XCTestCase {
    func testExecutePublishesInOrderAndReplies() {
        let h = Harness()
        let id = h.execute("print hello\nresult 42")
        let reply = h.sink.reply(to: id)
        XCTAssertEqual(reply?.content["status"], "ok")
        XCTAssertEqual(reply?.content["execution_count"], 1)
        let iopub = h.sink.iopub(of: id)
        XCTAssertEqual(iopub.map(\.messageType), ["status", "execute_input", "stream", "execute_result", "status"])
        XCTAssertEqual(iopub[0].content["execution_state"], "busy")
        XCTAssertEqual(iopub[1].content["code"], "print hello\nresult 42")
        XCTAssertEqual(iopub[2].content, ["name": "stdout", "text": "hello\n"])
        XCTAssertEqual(iopub[3].content["data"], ["text/plain": "42"])
        XCTAssertEqual(iopub[3].content["execution_count"], 1)
        XCTAssertEqual(iopub[4].content["execution_state"], "idle")
        // Replies are routed back to the sender and carry the request as parent.
        XCTAssertEqual(reply?.identities, [Array("client-1".utf8)])
        XCTAssertEqual(reply?.header["version"]?.stringValue, jupyterProtocolVersion)
    }

    func testExecutionCountCountsOnlyStoredCells() {
        let h = Harness()
        XCTAssertEqual(h.sink.reply(to: h.execute("result 1"))?.content["execution_count"], 1)
        let silent = h.execute("result 2", silent: true)
        XCTAssertEqual(h.sink.reply(to: silent)?.content["execution_count"], 1)
        XCTAssertEqual(h.sink.iopub(of: silent).map(\.messageType), ["status", "status"], "silent shows no input or result")
        XCTAssertEqual(h.sink.reply(to: h.execute("result 3", storeHistory: false))?.content["execution_count"], 1)
        XCTAssertEqual(h.sink.reply(to: h.execute("result 4"))?.content["execution_count"], 2)
        XCTAssertEqual(h.history.tail(10).map(\.input), ["result 1", "result 4"])
        XCTAssertEqual(h.history.tail(10).map(\.output), ["1", "4"])
    }

    func testErrorIsPublishedAndReplied() {
        let h = Harness()
        let id = h.execute("print before\nfail NameError x is not defined")
        let reply = h.sink.reply(to: id)
        XCTAssertEqual(reply?.content["status"], "error")
        XCTAssertEqual(reply?.content["ename"], "NameError")
        XCTAssertEqual(reply?.content["evalue"], "x is not defined")
        XCTAssertEqual(reply?.metadata["status"], "error")
        let iopub = h.sink.iopub(of: id)
        XCTAssertEqual(iopub.map(\.messageType), ["status", "execute_input", "stream", "error", "status"])
        XCTAssertEqual(iopub[3].content["traceback"], ["NameError: x is not defined"])
    }

    func testQueuedExecutesAreAbortedAfterAnError() {
        let h = Harness()
        let failing = h.execute("sleep 0.2\nfail ValueError boom")
        let queued = [h.execute("print a"), h.execute("print b")]
        let info = h.send("kernel_info_request")
        let failed = h.sink.reply(to: failing)
        XCTAssertEqual(failed?.content["status"], "error")
        for id in queued {
            XCTAssertEqual(h.sink.reply(to: id)?.content["status"], "aborted")
            XCTAssertEqual(h.sink.iopub(of: id).map(\.messageType), ["status", "status"])
        }
        XCTAssertEqual(h.sink.reply(to: info)?.content["status"], "ok", "only execute requests are aborted")
        XCTAssertEqual(h.interpreter.executed, ["sleep 0.2\nfail ValueError boom"])
        // A request sent after the error ran is served normally.
        XCTAssertEqual(h.sink.reply(to: h.execute("result 5"))?.content["status"], "ok")
    }

    func testStopOnErrorFalseKeepsTheQueue() {
        let h = Harness()
        let failing = h.execute("sleep 0.2\nfail ValueError boom", stopOnError: false)
        let next = h.execute("result 1")
        XCTAssertEqual(h.sink.reply(to: failing)?.content["status"], "error")
        XCTAssertEqual(h.sink.reply(to: next)?.content["status"], "ok")
    }

    func testRequestsAreAnsweredInOrder() {
        let h = Harness()
        var ids: [String] = []
        for i in 0..<10 {
            ids.append(i % 3 == 0 ? h.send("complete_request", ["code": "pr", "cursor_pos": 2]) : h.execute("result \(i)"))
        }
        h.sink.wait { sent in ids.allSatisfy { id in sent.contains { $0.0 == .shell && $0.1.parentHeader["msg_id"]?.stringValue == id } } }
        let replyOrder = h.sink.messages(on: .shell).compactMap { $0.parentHeader["msg_id"]?.stringValue }
        XCTAssertEqual(replyOrder, ids)
    }

    func testForgedAndUnsignedMessagesAreIgnored() throws {
        var logged: [String] = []
        let lock = NSLock()
        let signer = try MessageSigner(key: Harness.key)
        let sink = RecordingSink(codec: WireCodec(signer: signer))
        let interpreter = ScriptedInterpreter()
        let core = KernelCore(interpreter: interpreter, sink: sink, signer: signer, history: HistoryStore(fileURL: nil),
                              log: { lock.lock(); logged.append($0); lock.unlock() })
        core.start(stackSize: 1 << 20)
        defer { core.stop() }
        let request = Message(identities: [[1]], header: HeaderFactory().header("execute_request"), content: ["code": "print pwned"])
        core.receive(WireCodec(signer: try MessageSigner(key: "attacker")).encode(request), on: .shell)
        core.receive(WireCodec(signer: try MessageSigner(key: "")).encode(request), on: .shell)
        core.receive(WireCodec(signer: try MessageSigner(key: "attacker")).encode(request), on: .control)
        core.receive([[0xFF, 0xFE], WireCodec.delimiter, [], [0x7B]], on: .shell)
        core.receive([], on: .shell)
        // A genuine request afterwards still works, so the forged ones did not wedge the kernel.
        let genuine = Message(identities: [[1]], header: HeaderFactory().header("kernel_info_request"))
        core.receive(WireCodec(signer: signer).encode(genuine), on: .shell)
        XCTAssertEqual(sink.reply(to: genuine.messageID)?.content["status"], "ok")
        XCTAssertEqual(interpreter.executed, [])
        XCTAssertEqual(sink.all.filter { $0.1.messageType == "execute_reply" }.count, 0)
        lock.lock()
        XCTAssertEqual(logged.filter { $0.contains("dropped") }.count, 5)
        lock.unlock()
    }

    func testUnknownMessageTypeIsLoggedNotFatal() {
        let h = Harness()
        let id = h.send("frobnicate_request")
        XCTAssertEqual(h.sink.iopub(of: id).map(\.messageType), ["status", "status"])
        XCTAssertEqual(h.sink.reply(to: h.execute("result 1"))?.content["status"], "ok")
    }

    func testControlAnswersWhileACellRuns() {
        let h = Harness()
        let running = h.execute("spin")
        h.sink.wait { $0.contains { $0.1.messageType == "execute_input" } }
        let info = h.send("kernel_info_request", on: .control)
        let infoReply = h.sink.reply(to: info)
        XCTAssertEqual(infoReply?.content["language_info"]?["name"], "scripted")
        XCTAssertEqual(infoReply?.content["debugger"], false)
        XCTAssertEqual(infoReply?.content["help_links"], [["text": "Docs", "url": "https://example.invalid/docs"]])
        XCTAssertNil(h.sink.all.first { $0.1.messageType == "execute_reply" }, "the cell is still running")

        let asked = Date()
        let interrupt = h.send("interrupt_request", on: .control)
        XCTAssertEqual(h.sink.reply(to: interrupt)?.content["status"], "ok")
        let reply = h.sink.reply(to: running)
        XCTAssertLessThan(Date().timeIntervalSince(asked), 0.1)
        XCTAssertEqual(reply?.content["ename"], "Interrupted")
        let infoChannel = h.sink.all.first { $0.1.messageType == "kernel_info_reply" }?.0
        XCTAssertEqual(infoChannel, .control)
    }

    func testAnInterruptBetweenCellsStopsNothing() {
        let h = Harness()
        XCTAssertEqual(h.sink.reply(to: h.execute("print a"))?.content["status"], "ok")
        XCTAssertEqual(h.sink.reply(to: h.send("interrupt_request", on: .control))?.content["status"], "ok")
        let next = h.execute("sleep 0.05\nprint b")
        XCTAssertEqual(h.sink.reply(to: next)?.content["status"], "ok", "an interrupt made while idle is forgotten")
    }

    func testAnInterruptMadeBeforeTheCellChecksStillCounts() {
        let h = Harness()
        // The request arrives while the cell sleeps, before it first looks at the flag.
        let running = h.execute("sleep 0.3\nspin")
        h.sink.wait { $0.contains { $0.1.messageType == "execute_input" } }
        XCTAssertEqual(h.sink.reply(to: h.send("interrupt_request", on: .control))?.content["status"], "ok")
        XCTAssertEqual(h.sink.reply(to: running)?.content["ename"], "Interrupted")
        // ... and is forgotten once that cell has ended.
        XCTAssertEqual(h.sink.reply(to: h.execute("sleep 0.05\nprint c"))?.content["status"], "ok")
    }

    func testCompleteInspectAndIsComplete() {
        let h = Harness()
        let complete = h.sink.reply(to: h.send("complete_request", ["code": "x = pr", "cursor_pos": 6]))
        XCTAssertEqual(complete?.content["matches"], ["print"])
        XCTAssertEqual(complete?.content["cursor_start"], 4)
        XCTAssertEqual(complete?.content["cursor_end"], 6)
        // A missing or out-of-range cursor means the end of the code.
        XCTAssertEqual(h.sink.reply(to: h.send("complete_request", ["code": "ep", "cursor_pos": 99]))?.content["matches"], ["eprint"])

        let found = h.sink.reply(to: h.send("inspect_request", ["code": "print", "cursor_pos": 5, "detail_level": 1]))
        XCTAssertEqual(found?.content["found"], true)
        XCTAssertEqual(found?.content["data"], ["text/plain": "print TEXT\nWrites TEXT."])
        let missing = h.sink.reply(to: h.send("inspect_request", ["code": "zzz", "cursor_pos": 3, "detail_level": 0]))
        XCTAssertEqual(missing?.content["found"], false)
        XCTAssertEqual(missing?.content["data"], [:])

        XCTAssertEqual(h.sink.reply(to: h.send("is_complete_request", ["code": "a"]))?.content, ["status": "complete"])
        XCTAssertEqual(h.sink.reply(to: h.send("is_complete_request", ["code": "a\\"]))?.content,
                       ["status": "incomplete", "indent": "  "])
        XCTAssertEqual(h.sink.reply(to: h.send("is_complete_request", ["code": "@"]))?.content, ["status": "invalid"])
    }

    func testHistoryRequests() {
        let h = Harness()
        for code in ["result 1", "result 2", "print x", "result 2"] { _ = h.sink.reply(to: h.execute(code)) }
        let session = h.history.session
        let tail = h.sink.reply(to: h.send("history_request", ["hist_access_type": "tail", "n": 2, "output": false, "raw": true]))
        XCTAssertEqual(tail?.content["history"], [[.int(session), 3, "print x"], [.int(session), 4, "result 2"]])
        let withOutput = h.sink.reply(to: h.send("history_request", ["hist_access_type": "tail", "n": 1, "output": true, "raw": true]))
        XCTAssertEqual(withOutput?.content["history"], [[.int(session), 4, ["result 2", "2"]]])
        let range = h.sink.reply(to: h.send("history_request", ["hist_access_type": "range", "session": 0, "start": 2,
                                                                "stop": 3, "output": false, "raw": true]))
        XCTAssertEqual(range?.content["history"], [[.int(session), 2, "result 2"]])
        let search = h.sink.reply(to: h.send("history_request", ["hist_access_type": "search", "pattern": "result ?",
                                                                 "unique": true, "output": false, "raw": true]))
        XCTAssertEqual(search?.content["history"], [[.int(session), 1, "result 1"], [.int(session), 4, "result 2"]])
    }

    func testDisplaysClearOutputAndPager() {
        let h = Harness()
        let id = h.execute("print a\ndisplay d1 first\nupdate d1 second\nclear wait\npage docs")
        let reply = h.sink.reply(to: id)
        XCTAssertEqual(reply?.content["payload"], [["source": "page", "data": ["text/plain": "docs"], "start": 0]])
        let iopub = h.sink.iopub(of: id)
        XCTAssertEqual(iopub.map(\.messageType),
                       ["status", "execute_input", "stream", "display_data", "update_display_data", "clear_output", "status"])
        XCTAssertEqual(iopub[3].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(iopub[4].content["data"], ["text/plain": "second"])
        XCTAssertEqual(iopub[4].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(iopub[5].content, ["wait": true])
    }

    func testInputRoundTripOverStdin() throws {
        let h = Harness()
        let id = h.execute("input Name?")
        h.sink.wait { $0.contains { $0.0 == .stdin && $0.1.messageType == "input_request" } }
        let request = h.sink.messages(on: .stdin)[0]
        XCTAssertEqual(request.content, ["prompt": "Name?", "password": false])
        XCTAssertEqual(request.identities, [Array("client-1".utf8)])
        XCTAssertEqual(request.parentHeader["msg_id"]?.stringValue, id)
        let answer = Message(identities: [Array("client-1".utf8)], header: h.clientHeaders.header("input_reply"),
                             parentHeader: request.header, content: ["value": "Ada"])
        h.core.receive(h.client.encode(answer), on: .stdin)
        XCTAssertEqual(h.sink.reply(to: id)?.content["status"], "ok")
        XCTAssertEqual(h.sink.iopub(of: id).first { $0.messageType == "execute_result" }?.content["data"], ["text/plain": "got Ada"])
    }

    func testInputIsRefusedWithoutStdinAndInterruptible() {
        let h = Harness()
        let refused = h.sink.reply(to: h.execute("input x", allowStdin: false))
        XCTAssertEqual(refused?.content["ename"], "IOError")
        XCTAssertTrue(refused?.content["evalue"]?.stringValue?.contains("allow_stdin is false") == true)

        let waiting = h.execute("input y")
        h.sink.wait { $0.contains { $0.0 == .stdin } }
        h.send("interrupt_request", on: .control)
        XCTAssertEqual(h.sink.reply(to: waiting)?.content["evalue"], .string("\(InputError.interrupted)"))
    }

    func testCommOpenForUnknownTargetIsClosed() {
        let h = Harness()
        let id = h.send("comm_open", ["comm_id": "c-1", "target_name": "jupyter.widget", "data": [:]])
        let iopub = h.sink.iopub(of: id)
        XCTAssertEqual(iopub.map(\.messageType), ["status", "comm_close", "status"])
        XCTAssertEqual(iopub[1].content["comm_id"], "c-1")
        XCTAssertEqual(h.sink.reply(to: h.send("comm_info_request", ["target_name": "x"]))?.content, ["status": "ok", "comms": [:]])
    }

    func testShutdownRepliesAndNotifies() {
        let h = Harness()
        let expectation = expectation(description: "shutdown")
        h.core.onShutdown = { restart in
            XCTAssertTrue(restart)
            expectation.fulfill()
        }
        let id = h.send("shutdown_request", ["restart": true], on: .control)
        wait(for: [expectation], timeout: 5)
        XCTAssertEqual(h.sink.reply(to: id)?.content, ["status": "ok", "restart": true])
        XCTAssertTrue(h.sink.messages(on: .iopub).contains { $0.messageType == "shutdown_reply" })
    }

    func testWelcomeFramesNameTheSubscription() throws {
        let h = Harness()
        let frames = h.core.welcomeFrames(subscription: [])
        XCTAssertEqual(frames.first, [])
        let message = try h.client.decode(frames)
        XCTAssertEqual(message.messageType, "iopub_welcome")
        XCTAssertEqual(message.content, ["subscription": ""])
    }
}
