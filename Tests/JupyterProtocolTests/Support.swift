import Foundation
import XCTest
@testable import JupyterProtocol

/// Records what the kernel core sends, decoded, and lets a test wait for messages.
final class RecordingSink: MessageSink, @unchecked Sendable {
    let codec: WireCodec
    private let condition = NSCondition()
    private var sent: [(Channel, Message)] = []

    init(codec: WireCodec) { self.codec = codec }

    func send(_ frames: [Frame], on channel: Channel) {
        let message = try! codec.decode(frames)
        condition.lock()
        sent.append((channel, message))
        condition.broadcast()
        condition.unlock()
    }

    var all: [(Channel, Message)] {
        condition.lock()
        defer { condition.unlock() }
        return sent
    }

    func messages(on channel: Channel) -> [Message] { all.filter { $0.0 == channel }.map(\.1) }

    /// Messages of any channel whose parent is `parentID`.
    func children(of parentID: String) -> [Message] {
        all.map(\.1).filter { $0.parentHeader["msg_id"]?.stringValue == parentID }
    }

    /// Waits until `predicate` holds for the recorded messages; fails the test on timeout.
    @discardableResult
    func wait(timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
              until predicate: ([(Channel, Message)]) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(sent) {
            if !condition.wait(until: deadline) {
                XCTFail("timed out waiting for messages; got \(sent.map { "\($0.0.rawValue):\($0.1.messageType)" })",
                        file: file, line: line)
                return false
            }
        }
        return true
    }

    /// Waits for the reply to `requestID` and returns it.
    func reply(to requestID: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) -> Message? {
        let isReply: ((Channel, Message)) -> Bool = {
            $0.0 != .iopub && $0.1.parentHeader["msg_id"]?.stringValue == requestID && $0.1.messageType.hasSuffix("_reply")
        }
        guard wait(timeout: timeout, file: file, line: line, until: { $0.contains(where: isReply) }) else { return nil }
        return all.first(where: isReply)?.1
    }

    /// Waits for the idle status that closes `requestID`, then returns its iopub messages.
    func iopub(of requestID: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) -> [Message] {
        wait(timeout: timeout, file: file, line: line) { sent in
            sent.contains { $0.0 == .iopub && $0.1.parentHeader["msg_id"]?.stringValue == requestID
                && $0.1.content["execution_state"]?.stringValue == "idle" }
        }
        return all.filter { $0.0 == .iopub && $0.1.parentHeader["msg_id"]?.stringValue == requestID }.map(\.1)
    }
}

/// A stand-in language whose cells are lines of commands:
/// `print TEXT`, `eprint TEXT`, `result TEXT`, `fail NAME MESSAGE`, `sleep SECONDS`,
/// `spin` (until interrupted), `input PROMPT`, `display ID TEXT`, `update ID TEXT`,
/// `clear`, `page TEXT`, `flood N` (N numbered lines).
final class ScriptedInterpreter: KernelInterpreter, @unchecked Sendable {
    private let interrupted = NSLock()
    private var flag = false
    private(set) var executed: [String] = []

    var kernelInfo: KernelInfo {
        KernelInfo(implementation: "scripted", implementationVersion: "1.0", banner: "Scripted",
                   languageInfo: ["name": "scripted", "version": "1.0", "mimetype": "text/plain", "file_extension": ".txt"],
                   helpLinks: [.init(text: "Docs", url: "https://example.invalid/docs")])
    }

    func interrupt() {
        interrupted.lock(); flag = true; interrupted.unlock()
    }

    func clearInterrupt() {
        interrupted.lock(); flag = false; interrupted.unlock()
    }

    private var isInterrupted: Bool {
        interrupted.lock(); defer { interrupted.unlock() }
        return flag
    }

    func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
        // The core clears the request when the cell starts and ends (clearInterrupt): one
        // sent right after execute_input, before this thread reaches here, still counts.
        executed.append(code)
        var result: DisplayBundle?
        for line in code.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            let argument = words.count > 1 ? words[1] : ""
            switch words.first ?? "" {
            case "print": context.write(argument + "\n", to: .stdout)
            case "eprint": context.write(argument + "\n", to: .stderr)
            case "result": result = DisplayBundle(plainText: argument)
            case "fail":
                let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
                return .failure(ExecutionFailure(name: parts[0], value: parts.count > 1 ? parts[1] : "",
                                                 traceback: ["\(parts[0]): \(parts.count > 1 ? parts[1] : "")"]))
            case "sleep": Thread.sleep(forTimeInterval: Double(argument) ?? 0)
            case "spin":
                while !isInterrupted { usleep(200) }
                return .failure(ExecutionFailure(name: "Interrupted", value: "stopped", traceback: ["Interrupted"]))
            case "input":
                do {
                    let value = try context.readInput(prompt: argument)
                    result = DisplayBundle(plainText: "got \(value)")
                } catch {
                    return .failure(ExecutionFailure(name: "IOError", value: "\(error)", traceback: []))
                }
            case "display":
                let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
                context.display(DisplayBundle(plainText: parts.count > 1 ? parts[1] : ""), displayID: parts[0])
            case "update":
                let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
                context.updateDisplay(DisplayBundle(plainText: parts.count > 1 ? parts[1] : ""), displayID: parts[0])
            case "clear": context.clearOutput(wait: argument == "wait")
            case "page": context.page(DisplayBundle(plainText: argument))
            case "flood":
                for i in 0..<(Int(argument) ?? 0) { context.write("line \(i)\n", to: .stdout) }
            default:
                return .failure(ExecutionFailure(name: "SyntaxError", value: "unknown command \(line)", traceback: []))
            }
        }
        return .success(result: result)
    }

    func complete(_ code: String, cursor: Int) -> CompletionMatches {
        let words = ["print", "eprint", "result", "fail"]
        let prefix = String(code.unicodeScalars.prefix(cursor))
        let start = prefix.unicodeScalars.count - (prefix.split(separator: " ").last.map { $0.unicodeScalars.count } ?? 0)
        let stem = String(prefix.unicodeScalars.dropFirst(start))
        return CompletionMatches(matches: words.filter { $0.hasPrefix(stem) }, cursorStart: start, cursorEnd: cursor)
    }

    func inspect(_ code: String, cursor: Int, detailLevel: Int) -> DisplayBundle? {
        code.hasPrefix("print") ? DisplayBundle(plainText: detailLevel > 0 ? "print TEXT\nWrites TEXT." : "print TEXT") : nil
    }

    func isComplete(_ code: String) -> CodeCompleteness {
        if code.hasSuffix("\\") { return .incomplete(indent: "  ") }
        if code.contains("@") { return .invalid }
        return .complete
    }
}

/// A kernel core wired to a recording sink and a scripted interpreter, plus a client side
/// that signs requests with the same key.
final class Harness {
    static let key = "test-key-0123"
    let sink: RecordingSink
    let interpreter = ScriptedInterpreter()
    let core: KernelCore
    let client: WireCodec
    let clientHeaders = HeaderFactory(session: "client-session", username: "tester")
    let history: HistoryStore

    init(historyURL: URL? = nil, streamInterval: Double = 0.05) {
        let signer = try! MessageSigner(key: Harness.key)
        client = WireCodec(signer: signer)
        sink = RecordingSink(codec: client)
        history = HistoryStore(fileURL: historyURL)
        core = KernelCore(interpreter: interpreter, sink: sink, signer: signer, history: history,
                          streamInterval: streamInterval, log: { _ in })
        core.start(stackSize: 8 << 20)
    }

    deinit { core.stop() }

    /// Sends a request of `type` on `channel`; returns its msg_id.
    @discardableResult
    func send(_ type: String, _ content: JSON = [:], on channel: Channel = .shell) -> String {
        let header = clientHeaders.header(type)
        let message = Message(identities: [Array("client-1".utf8)], header: header, content: content)
        core.receive(client.encode(message), on: channel)
        return header["msg_id"]!.stringValue!
    }

    /// Sends an execute_request for `code`; returns its msg_id.
    @discardableResult
    func execute(_ code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = true,
                 stopOnError: Bool = true) -> String {
        send("execute_request", ["code": .string(code), "silent": .bool(silent), "store_history": .bool(storeHistory),
                                 "user_expressions": [:], "allow_stdin": .bool(allowStdin),
                                 "stop_on_error": .bool(stopOnError)])
    }
}
