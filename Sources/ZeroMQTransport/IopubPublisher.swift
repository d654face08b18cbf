import CZeroMQ
import Foundation
import Glibc
import JupyterProtocol

/// The iopub XPUB socket. Publishing threads send on it directly under a lock (no hop
/// through another thread, so an idle status leaves as soon as it is made); a watcher
/// thread polls the socket's notification descriptor — not the socket itself — and greets
/// each new subscriber with `iopub_welcome`. ZeroMQ allows a socket to be used from several
/// threads when every use is serialized with a full memory barrier, which the lock gives.
final class IopubPublisher: @unchecked Sendable {
    private let socket: Socket
    private let lock = NSLock()
    private let welcome: (Frame) -> [Frame]
    private let log: (String) -> Void
    private var running = true
    private var closed = false
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameter welcome: the frames greeting a subscriber to the given topic.
    init(socket: Socket, log: @escaping (String) -> Void, welcome: @escaping (Frame) -> [Frame]) {
        self.socket = socket
        self.log = log
        self.welcome = welcome
    }

    func start() {
        let thread = Thread { [self] in watch() }
        thread.name = "stride.iopub"
        thread.start()
    }

    /// Publishes one message now.
    func send(_ frames: [Frame]) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        if !socket.sendMultipart(frames) {
            log("could not publish on iopub: \(String(cString: zmq_strerror(zmq_errno())))")
        }
        // Sending may have taken in a subscription and so consumed the watcher's wake-up.
        greetSubscribersLocked()
    }

    /// Ends the watcher and closes the socket (queued messages still leave within the linger time).
    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        _ = finished.wait(timeout: .now() + 1)
        lock.lock()
        if !closed {
            closed = true
            socket.close()
        }
        lock.unlock()
    }

    private func greetSubscribersLocked() {
        // XPUB delivers a subscription as one frame: 1 (subscribe) or 0, then the topic.
        while let frames = socket.receiveMultipart() {
            guard frames.count == 1, frames[0].first == 1 else { continue }
            socket.sendMultipart(welcome(Array(frames[0].dropFirst())))
        }
    }

    private func watch() {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        lock.lock()
        let rc = zmq_getsockopt(socket.handle, ZMQ_FD, &fd, &size)
        greetSubscribersLocked()
        lock.unlock()
        if rc != 0 { log("iopub: no notification descriptor; greeting subscribers every 20 ms") }
        while true {
            lock.lock()
            let keepRunning = running
            lock.unlock()
            if !keepRunning { break }
            // The descriptor is edge-triggered, so the timeout is a backstop for a wake-up that
            // a sending thread consumed between our checks.
            var item = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = rc == 0 ? poll(&item, 1, 50) : poll(nil, 0, 20)
            lock.lock()
            if !closed { greetSubscribersLocked() }
            lock.unlock()
        }
        finished.signal()
    }
}
