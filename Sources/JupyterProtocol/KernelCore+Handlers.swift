import Foundation

extension KernelCore {
    func registerHandlers() {
        let shared: [String: Handler] = [
            "kernel_info_request": { [unowned self] in handleKernelInfo($0, $1) },
            "shutdown_request": { [unowned self] in handleShutdown($0, $1) },
            "interrupt_request": { [unowned self] in handleInterrupt($0, $1) },
            "comm_info_request": { [unowned self] in handleCommInfo($0, $1) },
            "history_request": { [unowned self] in handleHistory($0, $1) },
        ]
        controlHandlers = shared
        shellHandlers = shared.merging([
            "execute_request": { [unowned self] in handleExecute($0, $1) },
            "complete_request": { [unowned self] in handleComplete($0, $1) },
            "inspect_request": { [unowned self] in handleInspect($0, $1) },
            "is_complete_request": { [unowned self] in handleIsComplete($0, $1) },
            "comm_open": { [unowned self] in handleCommOpen($0, $1) },
            "comm_msg": { [unowned self] in handleCommMessage($0, $1) },
            "comm_close": { [unowned self] in handleCommMessage($0, $1) },
        ]) { first, _ in first }
    }

    // MARK: - Execute

    func handleExecute(_ request: Message, _ channel: Channel) {
        let content = request.content
        let code = content["code"]?.stringValue ?? ""
        let silent = content["silent"]?.boolValue ?? false
        let storeHistory = !silent && (content["store_history"]?.boolValue ?? true)
        let allowStdin = content["allow_stdin"]?.boolValue ?? true
        let stopOnError = content["stop_on_error"]?.boolValue ?? true

        if currentSequence <= abortThroughSequence {
            // Queued behind a failed cell: not run, as ipykernel does with stop_on_error.
            outbox.reply(to: request, type: "execute_reply", ["status": "aborted", "execution_count": .int(executionCount)],
                         on: channel, metadata: ["status": "aborted"])
            return
        }
        let started = HeaderFactory.timestamp()
        if storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent {
            outbox.publish("execute_input", ["code": .string(code), "execution_count": .int(count)], parent: request)
        }
        let context = ExecutionContext(request: request, executionCount: count, isSilent: silent,
                                       allowsInput: allowStdin, outbox: outbox, streams: streams, input: input)
        let outcome = interpreter.execute(code, context: context)
        var resultText: String?
        var reply: JSON
        switch outcome {
        case .success(let result):
            if let result, !silent {
                resultText = result.data["text/plain"]?.stringValue
                streams.flush { [outbox] in
                    outbox.publish("execute_result", ["execution_count": .int(count), "data": .object(result.data),
                                                      "metadata": .object(result.metadata)], parent: request)
                }
            } else {
                streams.flush()
            }
            reply = ["status": "ok", "execution_count": .int(count), "payload": .array(context.payloads),
                     "user_expressions": evaluateUserExpressions(content["user_expressions"], request: request)]
        case .failure(let failure):
            let error: JSON = ["ename": .string(failure.name), "evalue": .string(failure.value),
                               "traceback": .array(failure.traceback.map { .string($0) })]
            streams.flush { [outbox] in outbox.publish("error", error, parent: request) }
            reply = error
            reply["status"] = "error"
            reply["execution_count"] = .int(count)
            reply["payload"] = .array(context.payloads)
            reply["user_expressions"] = [:]
            if stopOnError && !silent { abortThroughSequence = shellQueue.lastSequence }
        }
        if storeHistory { history.append(line: count, input: code, output: resultText) }
        let status = reply["status"] ?? "ok"
        outbox.reply(to: request, type: "execute_reply", reply, on: channel,
                     metadata: ["started": .string(started), "status": status, "dependencies_met": true])
    }

    /// Evaluates each of the request's user expressions (name → code) for the reply, as
    /// IPython does; their streams are discarded.
    private func evaluateUserExpressions(_ expressions: JSON?, request: Message) -> JSON {
        guard let expressions = expressions?.objectValue, !expressions.isEmpty else { return [:] }
        let quiet = StreamCoalescer(interval: 3600) { _, _, _ in }
        defer { quiet.stop() }
        var results: [String: JSON] = [:]
        for (name, expression) in expressions {
            let context = ExecutionContext(request: request, executionCount: executionCount, isSilent: true,
                                           allowsInput: false, outbox: outbox, streams: quiet, input: input)
            switch interpreter.execute(expression.stringValue ?? "", context: context) {
            case .success(let result):
                let bundle = result ?? DisplayBundle(plainText: "")
                results[name] = ["status": "ok", "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
            case .failure(let failure):
                results[name] = ["status": "error", "ename": .string(failure.name), "evalue": .string(failure.value),
                                 "traceback": .array(failure.traceback.map { .string($0) })]
            }
        }
        return .object(results)
    }

    // MARK: - Introspection

    func handleComplete(_ request: Message, _ channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = clampCursor(request.content["cursor_pos"], code)
        let found = interpreter.complete(code, cursor: cursor)
        outbox.reply(to: request, type: "complete_reply",
                     ["status": "ok", "matches": .array(found.matches.map { .string($0) }),
                      "cursor_start": .int(found.cursorStart), "cursor_end": .int(found.cursorEnd), "metadata": [:]],
                     on: channel)
    }

    func handleInspect(_ request: Message, _ channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = clampCursor(request.content["cursor_pos"], code)
        let level = request.content["detail_level"]?.intValue ?? 0
        let bundle = interpreter.inspect(code, cursor: cursor, detailLevel: level)
        outbox.reply(to: request, type: "inspect_reply",
                     ["status": "ok", "found": .bool(bundle != nil), "data": .object(bundle?.data ?? [:]),
                      "metadata": .object(bundle?.metadata ?? [:])], on: channel)
    }

    func handleIsComplete(_ request: Message, _ channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        var content: JSON
        switch interpreter.isComplete(code) {
        case .complete: content = ["status": "complete"]
        case .incomplete(let indent): content = ["status": "incomplete", "indent": .string(indent)]
        case .invalid: content = ["status": "invalid"]
        case .unknown: content = ["status": "unknown"]
        }
        outbox.reply(to: request, type: "is_complete_reply", content, on: channel)
    }

    /// The request's cursor, or the end of the code when it is missing or out of range
    /// (a missing cursor means "at the end" in the protocol).
    private func clampCursor(_ value: JSON?, _ code: String) -> Int {
        let length = code.unicodeScalars.count
        guard let cursor = value?.intValue else { return length }
        return min(max(0, cursor), length)
    }

    // MARK: - History

    func handleHistory(_ request: Message, _ channel: Channel) {
        let content = request.content
        let withOutput = content["output"]?.boolValue ?? false
        let entries: [HistoryEntry]
        switch content["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(session: content["session"]?.intValue ?? 0,
                                    start: content["start"]?.intValue ?? 1, stop: content["stop"]?.intValue)
        case "search":
            entries = history.search(content["pattern"]?.stringValue ?? "*", n: content["n"]?.intValue,
                                     unique: content["unique"]?.boolValue ?? false)
        default:
            entries = history.tail(content["n"]?.intValue ?? 10)
        }
        let rows: [JSON] = entries.map { entry in
            let source: JSON = .string(entry.input)
            let item: JSON = withOutput ? [source, entry.output.map { .string($0) } ?? .null] : source
            return [.int(entry.session), .int(entry.line), item]
        }
        outbox.reply(to: request, type: "history_reply", ["status": "ok", "history": .array(rows)], on: channel)
    }

    // MARK: - Kernel

    func handleKernelInfo(_ request: Message, _ channel: Channel) {
        let links: [JSON] = kernelInfo.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }
        outbox.reply(to: request, type: "kernel_info_reply",
                     ["status": "ok", "protocol_version": .string(jupyterProtocolVersion),
                      "implementation": .string(kernelInfo.implementation),
                      "implementation_version": .string(kernelInfo.implementationVersion),
                      "language_info": kernelInfo.languageInfo, "banner": .string(kernelInfo.banner),
                      "help_links": .array(links), "debugger": false], on: channel)
    }

    func handleInterrupt(_ request: Message, _ channel: Channel) {
        interrupt()
        outbox.reply(to: request, type: "interrupt_reply", ["status": "ok"], on: channel)
    }

    func handleShutdown(_ request: Message, _ channel: Channel) {
        let restart = request.content["restart"]?.boolValue ?? false
        let content: JSON = ["status": "ok", "restart": .bool(restart)]
        guard beginShutdown() else {
            outbox.reply(to: request, type: "shutdown_reply", content, on: channel)
            return
        }
        interrupt()
        stop()
        outbox.reply(to: request, type: "shutdown_reply", content, on: channel)
        // Other clients of this kernel learn of the shutdown on iopub, as ipykernel tells them.
        outbox.publish("shutdown_reply", content, parent: request)
        publishStatus("idle", parent: request)
        onShutdown?(restart)
    }

    // MARK: - Comms

    func handleCommInfo(_ request: Message, _ channel: Channel) {
        let target = request.content["target_name"]?.stringValue
        let open = comms?.openComms(target: target) ?? [:]
        let listed = open.mapValues { JSON.object(["target_name": .string($0)]) }
        outbox.reply(to: request, type: "comm_info_reply", ["status": "ok", "comms": .object(listed)], on: channel)
    }

    func handleCommOpen(_ request: Message, _ channel: Channel) {
        if let comms, comms.open(request, context: commContext(request)) { return }
        let target = request.content["target_name"]?.stringValue ?? ""
        let commID = request.content["comm_id"]?.stringValue ?? ""
        log("comm_open for unknown target '\(target)'; closing comm \(commID)")
        outbox.publish("comm_close", ["comm_id": .string(commID), "data": [:]], parent: request)
    }

    func handleCommMessage(_ request: Message, _ channel: Channel) {
        guard let comms else {
            let commID = request.content["comm_id"]?.stringValue ?? ""
            log("\(request.messageType) for unknown comm \(commID); ignored")
            return
        }
        let context = commContext(request)
        if request.messageType == "comm_close" {
            comms.close(request, context: context)
        } else {
            comms.message(request, context: context)
        }
        streams.flush()
    }

    /// The context a comm message's callbacks write to: outputs go to iopub with the comm
    /// message as parent; there is no stdin.
    private func commContext(_ request: Message) -> ExecutionContext {
        ExecutionContext(request: request, executionCount: executionCount, isSilent: false,
                         allowsInput: false, outbox: outbox, streams: streams, input: input)
    }
}
