import Foundation

/// What serves the kernel's comms (the Jupyter "custom messages": comm_open, comm_msg,
/// comm_close, comm_info_request). The kernel core knows only this protocol; the comm
/// targets themselves (the widget protocol) live in their own module.
///
/// Threads: `open`, `message`, `close` and `runDeferredWork` are called on the evaluation
/// thread, between cells or while a cell takes pending comm messages
/// (`CommOutlet.processPendingMessages`); `openComms` may be called from the control thread.
public protocol CommHandler: AnyObject {
    /// Called once when the handler is attached to a kernel core.
    func attach(_ outlet: CommOutlet)
    /// Open comms as `comm_id → target_name`, only those of `target` when it is given.
    func openComms(target: String?) -> [String: String]
    /// A comm_open from the frontend. False when no target of that name exists (the core then
    /// closes the comm, as the protocol asks).
    func open(_ message: Message, context: ExecutionContext) -> Bool
    /// A comm_msg from the frontend.
    func message(_ message: Message, context: ExecutionContext)
    /// A comm_close from the frontend.
    func close(_ message: Message, context: ExecutionContext)
    /// Seconds until `runDeferredWork` should next be called (nil: nothing is pending). Work
    /// put off by a throttle (a slider's re-run while it is dragged) finishes this way after
    /// the last message, even when no further message arrives.
    func secondsUntilDeferredWork() -> Double?
    /// Runs the deferred work that is due.
    func runDeferredWork()
}

/// How a comm handler reaches the frontend: messages it originates on iopub, and the comm
/// messages that wait behind a running cell. Made by `KernelCore` when a handler attaches.
public final class CommOutlet: @unchecked Sendable {
    private unowned let core: KernelCore

    init(core: KernelCore) { self.core = core }

    /// The request being served now (an execute_request, a comm_msg), the parent of what the
    /// handler publishes; nil between requests.
    public var currentRequest: Message? { core.currentRequest }

    /// Publishes a comm message (`comm_open`, `comm_msg`, `comm_close`) or any other iopub
    /// message, with `parent` (by default the request being served).
    public func publish(_ type: String, _ content: JSON, metadata: JSON = [:], buffers: [Frame] = [],
                        parent: Message? = nil) {
        core.outbox.publish(type, content, parent: parent ?? core.currentRequest, metadata: metadata, buffers: buffers)
    }

    /// Serves the comm messages that wait in the shell queue now, ahead of the requests queued
    /// before them, waiting up to `timeout` seconds for the first one. A running cell calls it
    /// at its interrupt checks (a `fit` with controls, at every step), so widgets act while it
    /// runs. Returns how many messages were served.
    @discardableResult
    public func processPendingMessages(timeout: Double = 0) -> Int {
        core.serveWaitingCommMessages(timeout: timeout)
    }
}
