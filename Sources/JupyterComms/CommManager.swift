import Foundation
import JupyterProtocol

/// One open comm: a channel between a kernel-side object and its frontend counterpart.
public final class Comm {
    public let id: String
    public let targetName: String
    /// Called for each comm_msg from the frontend, on the evaluation thread.
    public var onMessage: ((Message) -> Void)?
    /// Called when the frontend closes the comm.
    public var onClose: ((Message) -> Void)?
    public private(set) var isOpen = true
    private weak var manager: CommManager?

    init(id: String, targetName: String, manager: CommManager) {
        self.id = id
        self.targetName = targetName
        self.manager = manager
    }

    /// Sends a comm_msg to the frontend (nothing when closed or no frontend is attached).
    public func send(_ data: JSON, metadata: JSON = [:], buffers: [Frame] = []) {
        guard isOpen else { return }
        manager?.outlet?.publish("comm_msg", ["comm_id": .string(id), "data": data], metadata: metadata,
                                 buffers: buffers)
    }

    /// Closes the comm from the kernel's side.
    public func close(_ data: JSON = [:]) {
        guard isOpen else { return }
        manager?.outlet?.publish("comm_close", ["comm_id": .string(id), "data": data])
        markClosed()
    }

    func markClosed() {
        isOpen = false
        manager?.forget(id)
    }
}

/// The kernel's comms (Jupyter messaging "custom messages"): targets that the frontend may
/// open comms to, the comms open now, and work put off by a throttle. It is the kernel core's
/// `CommHandler`; the widget protocol (`WidgetManager`) is one of its users.
public final class CommManager: CommHandler, @unchecked Sendable {
    /// Makes the kernel side of a comm the frontend opened: true to keep it open.
    public typealias TargetHandler = (Comm, Message) -> Bool

    private(set) var outlet: CommOutlet?
    private var targets: [String: TargetHandler] = [:]
    /// Guards `comms`, which comm_info_request reads from the control thread.
    private let lock = NSLock()
    private var comms: [String: Comm] = [:]
    private var deferred: [String: (due: Date, work: () -> Void)] = [:]
    private let log: (String) -> Void
    /// The context of the comm message being served, for callbacks that write output.
    public private(set) var currentContext: ExecutionContext?

    public init(log: @escaping (String) -> Void = { _ in }) { self.log = log }

    /// Whether a frontend is attached (comm messages go somewhere).
    public var isConnected: Bool { outlet != nil }

    /// The request being served, the parent of what comms publish (nil between requests).
    public var currentRequest: Message? { outlet?.currentRequest }

    /// Accepts comm_opens to `name` from the frontend.
    public func registerTarget(_ name: String, _ handler: @escaping TargetHandler) {
        targets[name] = handler
    }

    /// Opens a comm from the kernel's side: comm_open to the frontend's `target`.
    public func open(target: String, data: JSON, metadata: JSON = [:], buffers: [Frame] = [],
                     id: String = CommManager.newID()) -> Comm {
        let comm = Comm(id: id, targetName: target, manager: self)
        remember(comm)
        outlet?.publish("comm_open", ["comm_id": .string(id), "target_name": .string(target), "data": data],
                        metadata: metadata, buffers: buffers)
        return comm
    }

    /// A fresh comm id: 32 hex digits, as ipykernel makes them.
    public static func newID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// Runs `work` at `due` on the evaluation thread (between requests), replacing any work
    /// already deferred under `key`.
    public func deferWork(_ key: String, until due: Date, _ work: @escaping () -> Void) {
        deferred[key] = (due, work)
    }

    /// Forgets the work deferred under `key`.
    public func cancelDeferredWork(_ key: String) { deferred[key] = nil }

    /// Serves the comm messages waiting behind the running cell (see `CommOutlet`).
    @discardableResult
    public func processPendingMessages(timeout: Double = 0) -> Int {
        outlet?.processPendingMessages(timeout: timeout) ?? 0
    }

    func comm(_ id: String) -> Comm? {
        lock.lock()
        defer { lock.unlock() }
        return comms[id]
    }

    private func remember(_ comm: Comm) {
        lock.lock()
        comms[comm.id] = comm
        lock.unlock()
    }

    func forget(_ id: String) {
        lock.lock()
        comms[id] = nil
        lock.unlock()
    }

    // MARK: - CommHandler

    public func attach(_ outlet: CommOutlet) { self.outlet = outlet }

    public func openComms(target: String?) -> [String: String] {
        lock.lock()
        defer { lock.unlock() }
        var listed: [String: String] = [:]
        for (id, comm) in comms where target == nil || comm.targetName == target { listed[id] = comm.targetName }
        return listed
    }

    public func open(_ message: Message, context: ExecutionContext) -> Bool {
        let target = message.content["target_name"]?.stringValue ?? ""
        guard let id = message.content["comm_id"]?.stringValue, !id.isEmpty, let handler = targets[target] else {
            return false
        }
        let comm = Comm(id: id, targetName: target, manager: self)
        remember(comm)
        let keep = serving(context) { handler(comm, message) }
        if !keep {
            comm.close()
            forget(id)
        }
        return true
    }

    public func message(_ message: Message, context: ExecutionContext) {
        let id = message.content["comm_id"]?.stringValue ?? ""
        guard let comm = comm(id) else {
            log("comm_msg for unknown comm \(id); ignored")
            return
        }
        serving(context) { comm.onMessage?(message) }
    }

    public func close(_ message: Message, context: ExecutionContext) {
        let id = message.content["comm_id"]?.stringValue ?? ""
        guard let comm = comm(id) else {
            log("comm_close for unknown comm \(id); ignored")
            return
        }
        comm.markClosed()
        serving(context) { comm.onClose?(message) }
    }

    public func secondsUntilDeferredWork() -> Double? {
        deferred.values.map { max(0, $0.due.timeIntervalSinceNow) }.min()
    }

    public func runDeferredWork() {
        let now = Date()
        for (key, item) in deferred.sorted(by: { $0.value.due < $1.value.due }) where item.due <= now {
            deferred[key] = nil
            item.work()
        }
    }

    private func serving<T>(_ context: ExecutionContext, _ body: () -> T) -> T {
        let outer = currentContext
        currentContext = context
        defer { currentContext = outer }
        return body()
    }
}
