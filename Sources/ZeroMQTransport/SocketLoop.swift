import CZeroMQ
import Foundation
import Glibc
import JupyterProtocol

/// One thread that owns some sockets: it polls them and a wake-up pipe, hands every
/// received message to `onReceive`, and sends what other threads queued for its sockets.
/// ZeroMQ sockets are not thread-safe, so all traffic of a socket passes through its loop.
final class SocketLoop: @unchecked Sendable {
    typealias Receiver = (Channel, [Frame]) -> Void

    private let sockets: [(channel: Channel, socket: Socket)]
    private let wakeFD: Int32
    private let wakeWriteFD: Int32
    private let lock = NSLock()
    private var queued: [(Channel, [Frame])] = []
    private var running = true
    private let onReceive: Receiver
    private let log: (String) -> Void
    private var thread: Thread?
    private var ownerID: pthread_t?
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, sockets: [(Channel, Socket)], log: @escaping (String) -> Void, onReceive: @escaping Receiver) throws {
        self.sockets = sockets.map { (channel: $0.0, socket: $0.1) }
        self.onReceive = onReceive
        self.log = log
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TransportError.socket("pipe", String(cString: strerror(errno))) }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
        let thread = Thread { [unowned self] in self.run() }
        thread.name = name
        self.thread = thread
    }

    func start() { thread?.start() }

    /// Queues `frames` for the socket of `channel`; sent at once when called on the loop's own thread.
    func send(_ frames: [Frame], on channel: Channel) {
        if let ownerID, pthread_equal(ownerID, pthread_self()) != 0 {
            socket(for: channel)?.sendMultipart(frames)
            return
        }
        lock.lock()
        queued.append((channel, frames))
        lock.unlock()
        wake()
    }

    /// Sends what is queued, closes the sockets and ends the thread; waits at most `timeout`
    /// seconds and tells whether the thread ended.
    @discardableResult
    func stop(timeout: Double = 2) -> Bool {
        lock.lock()
        running = false
        lock.unlock()
        wake()
        return finished.wait(timeout: .now() + timeout) == .success
    }

    private func wake() {
        // A full pipe already means "wake up", so a failed write is harmless.
        var one: UInt8 = 1
        _ = Glibc.write(wakeWriteFD, &one, 1)
    }

    private func socket(for channel: Channel) -> Socket? {
        sockets.first { $0.channel == channel }?.socket
    }

    private func run() {
        ownerID = pthread_self()
        var items = sockets.map { zmq_pollitem_t(socket: $0.socket.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items.append(zmq_pollitem_t(socket: nil, fd: wakeFD, events: Int16(ZMQ_POLLIN), revents: 0))
        while true {
            let rc = zmq_poll(&items, Int32(items.count), -1)
            if rc < 0 {
                let error = zmq_errno()
                if error == EINTR { continue }
                log("poll failed: \(String(cString: zmq_strerror(error)))")
                if error == ETERM { break }
                continue
            }
            for (index, entry) in sockets.enumerated() where items[index].revents & Int16(ZMQ_POLLIN) != 0 {
                // Bounded per round so one busy socket cannot starve the others.
                var budget = 64
                while budget > 0, let frames = entry.socket.receiveMultipart() {
                    onReceive(entry.channel, frames)
                    budget -= 1
                }
            }
            if items[sockets.count].revents & Int16(ZMQ_POLLIN) != 0 {
                var drain = [UInt8](repeating: 0, count: 256)
                while Glibc.read(wakeFD, &drain, drain.count) > 0 {}
            }
            lock.lock()
            let batch = queued
            queued.removeAll(keepingCapacity: true)
            let keepRunning = running
            lock.unlock()
            for (channel, frames) in batch {
                if socket(for: channel)?.sendMultipart(frames) != true {
                    log("could not send a message on \(channel.rawValue): \(String(cString: zmq_strerror(zmq_errno())))")
                }
            }
            if !keepRunning { break }
        }
        for entry in sockets { entry.socket.close() }
        Glibc.close(wakeFD)
        Glibc.close(wakeWriteFD)
        finished.signal()
    }
}
