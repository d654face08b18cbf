import CZeroMQ
import Foundation
import JupyterProtocol

/// Serves a `KernelCore` over ZeroMQ as a connection file describes: ROUTER sockets for
/// shell, control and stdin, an XPUB socket for iopub that greets each new subscriber with
/// `iopub_welcome`, and a REP heartbeat. Shell and stdin share a thread, control has its
/// own (so interrupt and shutdown answer while a cell runs), heartbeat too; iopub messages
/// are sent directly by the thread that makes them.
public final class KernelServer: MessageSink, @unchecked Sendable {
    private let connection: ConnectionInfo
    private let log: (String) -> Void
    private let context: UnsafeMutableRawPointer
    private var shellLoop: SocketLoop?
    private var controlLoop: SocketLoop?
    private var iopub: IopubPublisher?
    private var heartbeat: Heartbeat?
    private let shutdown = DispatchSemaphore(value: 0)
    private let restartLock = NSLock()
    private var restartRequested = false
    /// Sockets bound by `bind`, waiting for `serve`: shell, control, stdin, iopub, heartbeat.
    private var pending: (Socket, Socket, Socket, Socket, Socket)?

    /// Creates the ZeroMQ context; sockets are bound by `serve`.
    public init(connection: ConnectionInfo, log: @escaping (String) -> Void) throws {
        self.connection = connection
        self.log = log
        guard let context = zmq_ctx_new() else { throw Socket.lastError("ctx_new") }
        self.context = context
    }

    /// Binds every socket. Call before creating the `KernelCore` that sends through this server.
    public func bind() throws {
        let shell = try Socket(context: context, type: ZMQ_ROUTER, name: "shell")
        let control = try Socket(context: context, type: ZMQ_ROUTER, name: "control")
        let stdin = try Socket(context: context, type: ZMQ_ROUTER, name: "stdin")
        let iopub = try Socket(context: context, type: ZMQ_XPUB, name: "iopub")
        let beat = try Socket(context: context, type: ZMQ_REP, name: "heartbeat")
        // Every subscription reaches us (to greet each subscriber), and no output is ever
        // dropped for a slow client: the send high-water mark is unlimited.
        try iopub.setOption(ZMQ_XPUB_VERBOSE, 1)
        try iopub.setOption(ZMQ_SNDHWM, 0)
        try shell.bind(connection.endpoint(port: connection.shellPort))
        try control.bind(connection.endpoint(port: connection.controlPort))
        try stdin.bind(connection.endpoint(port: connection.stdinPort))
        try iopub.bind(connection.endpoint(port: connection.iopubPort))
        try beat.bind(connection.endpoint(port: connection.heartbeatPort))
        pending = (shell, control, stdin, iopub, beat)
    }

    /// Serves `core` until a shutdown_request; returns whether a restart was asked for.
    /// `core` must send through this server (`KernelCore(sink: server, ...)`).
    public func serve(_ core: KernelCore) throws -> Bool {
        guard let (shell, control, stdin, iopub, beat) = pending else {
            throw TransportError.socket("serve", "bind() was not called")
        }
        pending = nil
        let log = self.log
        shellLoop = try SocketLoop(name: "stride.shell", sockets: [(.shell, shell), (.stdin, stdin)], log: log) {
            [weak core] channel, frames in core?.receive(frames, on: channel)
        }
        controlLoop = try SocketLoop(name: "stride.control", sockets: [(.control, control)], log: log) {
            [weak core] channel, frames in core?.receive(frames, on: channel)
        }
        self.iopub = IopubPublisher(socket: iopub, log: log) { [weak core] topic in
            core?.welcomeFrames(subscription: topic) ?? []
        }
        heartbeat = Heartbeat(socket: beat)
        core.onShutdown = { [weak self] restart in
            guard let self else { return }
            restartLock.lock()
            restartRequested = restart
            restartLock.unlock()
            shutdown.signal()
        }
        heartbeat?.start()
        self.iopub?.start()
        controlLoop?.start()
        shellLoop?.start()
        core.start()
        shutdown.wait()
        // Replies already queued go out before the sockets close.
        let stopped = [shellLoop?.stop(), controlLoop?.stop()].allSatisfy { $0 == true }
        self.iopub?.stop()
        zmq_ctx_shutdown(context)
        heartbeat?.wait(timeout: 1)
        // Terminating waits for every socket to close; a loop that did not end still owns
        // one, and the process is about to exit anyway.
        if stopped { zmq_ctx_term(context) }
        restartLock.lock()
        defer { restartLock.unlock() }
        return restartRequested
    }

    /// Routes frames to the thread owning `channel`'s socket.
    public func send(_ frames: [Frame], on channel: Channel) {
        switch channel {
        case .shell, .stdin: shellLoop?.send(frames, on: channel)
        case .control: controlLoop?.send(frames, on: channel)
        case .iopub: iopub?.send(frames)
        case .heartbeat: log("refused to send on the heartbeat channel")
        }
    }
}
