import Foundation

/// The kernel's bookkeeping, independent of any transport: it verifies and decodes
/// incoming frames, keeps the execution count, publishes busy/idle around every request,
/// dispatches through a table of handlers by message type, and sends reply envelopes.
///
/// Threads: the transport calls `receive` from its socket threads. Shell requests are
/// queued and served in order on one evaluation thread (with a large stack, for deep user
/// recursion); control requests (kernel_info, interrupt, shutdown) are served at once on
/// the caller's thread, so they answer while a cell runs; history requests on control go to a
/// queue of their own, so a long search never delays an interrupt.
public final class KernelCore: @unchecked Sendable {
    typealias Handler = (Message, Channel) -> Void

    let interpreter: KernelInterpreter
    let history: HistoryStore
    let outbox: Outbox
    let log: (String) -> Void
    let kernelInfo: KernelInfo
    let streams: StreamCoalescer
    let input = InputBroker()
    let shellQueue = ShellQueue()
    /// Serves history requests that arrive on control, in order, off the control thread.
    private let historyQueue = DispatchQueue(label: "stride.history-requests")
    private let codec: WireCodec

    var shellHandlers: [String: Handler] = [:]
    var controlHandlers: [String: Handler] = [:]

    // Owned by the evaluation thread.
    var executionCount = 0
    var abortThroughSequence = -1
    var currentSequence = 0
    /// The request being served on the evaluation thread (the parent of comm messages).
    var currentRequest: Message?

    /// Serves comm messages (the widget protocol); without one, every comm_open is closed.
    /// Set it before `start`.
    public var comms: CommHandler? {
        didSet { comms?.attach(CommOutlet(core: self)) }
    }

    private let stateLock = NSLock()
    /// Guards `cellRunning` together with the interpreter's interrupt request.
    private let cellActivity = NSLock()
    private var cellRunning = false
    private var shutdownStarted = false
    private var evaluationThread: Thread?

    /// Called once a shutdown_request has been answered; the argument is `restart`.
    /// The transport should flush and stop, and the process exit.
    public var onShutdown: ((Bool) -> Void)?

    /// The session id in the headers of messages the kernel sends.
    public var session: String { outbox.headers.session }

    /// - Parameters:
    ///   - interpreter: the language.
    ///   - sink: where outgoing frames go (the transport).
    ///   - signer: signs outgoing and checks incoming messages.
    ///   - history: the history store (in memory when its file URL is nil).
    ///   - streamInterval: longest time stream text waits before being sent, in seconds.
    ///   - log: receives diagnostics (dropped messages, unknown types); never user output.
    public init(interpreter: KernelInterpreter, sink: MessageSink, signer: MessageSigner,
                history: HistoryStore, streamInterval: Double = 0.05,
                log: @escaping (String) -> Void) {
        self.interpreter = interpreter
        self.history = history
        self.log = log
        self.kernelInfo = interpreter.kernelInfo
        self.codec = WireCodec(signer: signer, history: SignatureHistory())
        let outbox = Outbox(headers: HeaderFactory(), codec: codec, sink: sink)
        self.outbox = outbox
        self.streams = StreamCoalescer(interval: streamInterval) { stream, text, parent in
            outbox.publish("stream", ["name": .string(stream.rawValue), "text": .string(text)], parent: parent)
        }
        registerHandlers()
    }

    /// Starts the evaluation thread. `stackSize` bounds how deep user code may recurse.
    public func start(stackSize: Int = 1 << 30) {
        let thread = Thread { [weak self] in self?.serveShellQueue() }
        thread.name = "stride.evaluation"
        thread.stackSize = stackSize
        evaluationThread = thread
        thread.start()
    }

    /// Stops serving: wakes the evaluation thread and sends pending stream text.
    public func stop() {
        shellQueue.close()
        input.cancel(.shuttingDown)
        streams.stop()
        history.flush()
    }

    /// Takes one multipart message from `channel`. Frames that are malformed, unsigned or
    /// wrongly signed are logged and dropped; nothing here throws or traps.
    public func receive(_ frames: [Frame], on channel: Channel) {
        let message: Message
        do {
            message = try codec.decode(frames)
        } catch {
            log("dropped a message on \(channel.rawValue): \(error)")
            return
        }
        switch channel {
        case .shell: shellQueue.push(message)
        case .control: serveControl(message)
        case .stdin: receiveInput(message)
        case .iopub, .heartbeat: log("ignored a \(message.messageType) sent to \(channel.rawValue)")
        }
    }

    /// Interrupts the running cell (the interpreter checks its flag at loop back-edges and
    /// calls) and any pending `input()`. Safe from any thread; SIGINT ends up here.
    public func interrupt() {
        cellActivity.lock()
        if cellRunning { interpreter.interrupt() }
        cellActivity.unlock()
        input.cancel(.interrupted)
    }

    /// Marks an execute request as running or done, forgetting any interrupt request in
    /// both cases. From the moment the request leaves the queue (before `busy` and
    /// `execute_input` are published) an interrupt counts, however soon the client sends it.
    private func setCellRunning(_ running: Bool) {
        cellActivity.lock()
        cellRunning = running
        interpreter.clearInterrupt()
        cellActivity.unlock()
    }

    /// The frames that greet a new iopub subscriber with `subscription` as its topic.
    public func welcomeFrames(subscription: Frame) -> [Frame] {
        outbox.welcome(subscription: subscription)
    }

    // MARK: - Serving

    private func serveShellQueue() {
        while true {
            // Due deferred work runs before further messages, so a flood of them cannot starve it.
            let wait = comms?.secondsUntilDeferredWork()
            if let wait, wait <= 0 {
                runDeferredCommWork()
                continue
            }
            let deadline = wait.map { Date(timeIntervalSinceNow: $0) }
            guard let next = shellQueue.pop(until: deadline) else {
                runDeferredCommWork()
                continue
            }
            guard let item = next else { return }
            currentSequence = item.sequence
            serveShell(item.message)
        }
    }

    /// Serves one shell request. Execute requests and comm messages run user code (a widget's
    /// callback), so an interrupt stops either while it runs.
    private func serveShell(_ message: Message) {
        let runsCode = message.messageType == "execute_request" || Self.isCommMessage(message)
        if runsCode { setCellRunning(true) }
        let outer = currentRequest
        currentRequest = message
        serve(message, with: shellHandlers, on: .shell)
        currentRequest = outer
        if runsCode { setCellRunning(false) }
    }

    static func isCommMessage(_ message: Message) -> Bool {
        ["comm_open", "comm_msg", "comm_close"].contains(message.messageType)
    }

    private func runDeferredCommWork() {
        guard let comms else { return }
        setCellRunning(true)
        comms.runDeferredWork()
        setCellRunning(false)
    }

    /// Serves the comm messages waiting in the shell queue from inside a running request (see
    /// `CommOutlet.processPendingMessages`). No status is published for them: the kernel stays
    /// busy with the running request. The running request's interrupt state is kept.
    func serveWaitingCommMessages(timeout: Double) -> Int {
        var served = 0
        var wait = timeout
        while let item = shellQueue.takeFirst(timeout: wait, where: Self.isCommMessage) {
            let outer = currentRequest
            currentRequest = item.message
            shellHandlers[item.message.messageType]?(item.message, .shell)
            currentRequest = outer
            served += 1
            wait = 0
        }
        return served
    }

    private func serveControl(_ message: Message) {
        // A history search can take long (a glob over every stored cell); served here it would
        // hold up interrupt and shutdown requests behind it. Its own queue keeps them prompt.
        if message.messageType == "history_request" {
            historyQueue.async { [self] in serve(message, with: controlHandlers, on: .control) }
            return
        }
        serve(message, with: controlHandlers, on: .control)
    }

    private func serve(_ message: Message, with handlers: [String: Handler], on channel: Channel) {
        publishStatus("busy", parent: message)
        if let handler = handlers[message.messageType] {
            handler(message, channel)
        } else {
            log("no handler for \(message.messageType) on \(channel.rawValue); ignored")
        }
        publishStatus("idle", parent: message)
    }

    func publishStatus(_ state: String, parent: Message) {
        outbox.publish("status", ["execution_state": .string(state)], parent: parent)
    }

    private func receiveInput(_ message: Message) {
        guard message.messageType == "input_reply" else {
            log("ignored a \(message.messageType) on stdin")
            return
        }
        let value = message.content["value"]?.stringValue ?? ""
        let sender = InputBroker.Asker(session: message.session, identities: message.identities)
        switch input.deliver(value, from: sender) {
        case .delivered: break
        case .nobodyWaiting: log("dropped an input_reply nobody was waiting for")
        case .wrongClient: log("dropped an input_reply from session '\(message.session)', not the one that asked")
        }
    }

    /// Marks the shutdown as begun; false when it already was.
    func beginShutdown() -> Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        if shutdownStarted { return false }
        shutdownStarted = true
        return true
    }
}
