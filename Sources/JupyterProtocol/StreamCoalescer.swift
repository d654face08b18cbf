import Foundation

/// Gathers stream text so that a cell printing thousands of lines sends a few large
/// `stream` messages instead of one per line, while nothing waits longer than `interval`.
///
/// Order is kept exactly: text for another stream (or another parent request) first sends
/// what is pending. `emit` is called with the lock held, so whoever sends other iopub
/// messages after calling `flush()` is sure its message follows the stream text.
final class StreamCoalescer: @unchecked Sendable {
    private struct Pending {
        var stream: StreamName
        var parent: Message
        var text: String
        var deadline: Double
    }

    private let interval: Double
    private let maximumPendingBytes: Int
    private let emit: (StreamName, String, Message) -> Void
    private let condition = NSCondition()
    private var pending: Pending?
    private var stopped = false
    private var flusher: Thread?

    /// - Parameters:
    ///   - interval: longest time text may wait, in seconds.
    ///   - maximumPendingBytes: pending text this large is sent at once.
    ///   - emit: sends one stream message.
    init(interval: Double = 0.05, maximumPendingBytes: Int = 1 << 20,
         emit: @escaping (StreamName, String, Message) -> Void) {
        self.interval = interval
        self.maximumPendingBytes = maximumPendingBytes
        self.emit = emit
        let thread = Thread { [weak self] in self?.runFlusher() }
        thread.name = "stride.stream-flusher"
        flusher = thread
        thread.start()
    }

    /// Queues `text` for `stream` on behalf of `parent`.
    func write(_ text: String, to stream: StreamName, parent: Message) {
        guard !text.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        if var current = pending, current.stream == stream, current.parent.messageID == parent.messageID {
            current.text += text
            pending = current
        } else {
            sendPendingLocked()
            pending = Pending(stream: stream, parent: parent, text: text, deadline: Self.now() + interval)
            condition.broadcast()
        }
        if let current = pending, current.text.utf8.count >= maximumPendingBytes { sendPendingLocked() }
    }

    /// Sends whatever is pending now.
    func flush() {
        condition.lock()
        sendPendingLocked()
        condition.unlock()
    }

    /// Runs `body` with the lock held after sending what is pending, so that `body`'s
    /// messages are ordered after all earlier stream text and before any later text.
    func flush<T>(thenWhileLocked body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        sendPendingLocked()
        return body()
    }

    /// Sends what is pending and ends the flusher thread.
    func stop() {
        condition.lock()
        sendPendingLocked()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func sendPendingLocked() {
        guard let current = pending else { return }
        pending = nil
        emit(current.stream, current.text, current.parent)
    }

    private func runFlusher() {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            guard let current = pending else {
                condition.wait()
                continue
            }
            let remaining = current.deadline - Self.now()
            if remaining <= 0 {
                sendPendingLocked()
            } else {
                _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
            }
        }
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
