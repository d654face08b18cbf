import Foundation
import XCTest
@testable import JupyterProtocol

/// A comm handler that accepts the target `echo`, answers each comm_msg through the outlet,
/// and can defer one piece of work.
private final class EchoComms: CommHandler, @unchecked Sendable {
    var outlet: CommOutlet?
    var open: [String: String] = [:]
    var deferredAt: Date?
    var deferredRuns = 0

    func attach(_ outlet: CommOutlet) { self.outlet = outlet }
    func openComms(target: String?) -> [String: String] { open.filter { target == nil || $0.value == target } }

    func open(_ message: Message, context: ExecutionContext) -> Bool {
        guard message.content["target_name"] == "echo", let id = message.content["comm_id"]?.stringValue else {
            return false
        }
        open[id] = "echo"
        return true
    }

    func message(_ message: Message, context: ExecutionContext) {
        let id = message.content["comm_id"] ?? ""
        outlet?.publish("comm_msg", ["comm_id": id, "data": message.content["data"] ?? [:]], buffers: [[1, 2, 3]])
        context.write("handled\n", to: .stdout)
        if message.content["data"]?["defer"] == true { deferredAt = Date(timeIntervalSinceNow: 0.2) }
    }

    func close(_ message: Message, context: ExecutionContext) {
        open[message.content["comm_id"]?.stringValue ?? ""] = nil
    }

    func secondsUntilDeferredWork() -> Double? { deferredAt.map { max(0, $0.timeIntervalSinceNow) } }

    func runDeferredWork() {
        deferredAt = nil
        deferredRuns += 1
        outlet?.publish("comm_msg", ["comm_id": "c-1", "data": ["deferred": true]])
    }
}

final class CommRoutingTests: XCTestCase {
    func testCommsReachTheHandlerWithTheMessageAsParent() {
        let h = Harness()
        let comms = EchoComms()
        h.core.comms = comms
        let opened = h.send("comm_open", ["comm_id": "c-1", "target_name": "echo", "data": [:]])
        XCTAssertEqual(h.sink.iopub(of: opened).map(\.messageType), ["status", "status"], "a known target stays open")
        let info = h.sink.reply(to: h.send("comm_info_request", ["target_name": "echo"]))
        XCTAssertEqual(info?.content["comms"], ["c-1": ["target_name": "echo"]])
        let sent = h.send("comm_msg", ["comm_id": "c-1", "data": ["x": 1]])
        let iopub = h.sink.iopub(of: sent)
        XCTAssertEqual(iopub.map(\.messageType), ["status", "comm_msg", "stream", "status"])
        XCTAssertEqual(iopub[1].content, ["comm_id": "c-1", "data": ["x": 1]])
        XCTAssertEqual(iopub[1].buffers, [[1, 2, 3]])
        XCTAssertEqual(iopub[2].content, ["name": "stdout", "text": "handled\n"])
        let closed = h.send("comm_close", ["comm_id": "c-1", "data": [:]])
        _ = h.sink.iopub(of: closed)
        XCTAssertEqual(h.sink.reply(to: h.send("comm_info_request"))?.content["comms"], [:])
    }

    func testDeferredWorkRunsWithoutAnotherMessage() {
        let h = Harness()
        let comms = EchoComms()
        h.core.comms = comms
        _ = h.sink.iopub(of: h.send("comm_open", ["comm_id": "c-1", "target_name": "echo", "data": [:]]))
        _ = h.sink.iopub(of: h.send("comm_msg", ["comm_id": "c-1", "data": ["defer": true]]))
        h.sink.wait { sent in sent.contains { $0.1.content["data"]?["deferred"] == true } }
        XCTAssertEqual(comms.deferredRuns, 1)
        // The kernel still serves requests afterwards.
        XCTAssertEqual(h.sink.reply(to: h.execute("result 1"))?.content["status"], "ok")
    }
}
