import Foundation

/// The FIFO between the thread receiving shell messages and the evaluation thread. Each
/// message gets a sequence number, so that an error can abort exactly the execute requests
/// that were already waiting when it happened.
final class ShellQueue: @unchecked Sendable {
    struct Item {
        var sequence: Int
        var message: Message
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var nextSequence = 0
    private var closed = false

    /// Adds `message` at the back.
    func push(_ message: Message) {
        condition.lock()
        items.append(Item(sequence: nextSequence, message: message))
        nextSequence += 1
        condition.signal()
        condition.unlock()
    }

    /// The sequence number of the newest message pushed so far (-1 when none).
    var lastSequence: Int {
        condition.lock()
        defer { condition.unlock() }
        return nextSequence - 1
    }

    /// Waits for the next message; nil once closed.
    func pop() -> Item? {
        pop(until: nil) ?? nil
    }

    /// Waits for the next message until `deadline` (forever when nil): `.some(nil)` once
    /// closed, nil when the deadline passed first (the comm layer's deferred work is due).
    func pop(until deadline: Date?) -> Item?? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed {
            if let deadline {
                if !condition.wait(until: deadline) && head == items.count && !closed { return nil }
            } else {
                condition.wait()
            }
        }
        guard head < items.count else { return .some(nil) }
        let item = items[head]
        head += 1
        // Drop consumed items now and then, instead of shifting the array on every pop.
        if head > 256 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    /// Removes and returns the first waiting message that `matches`, waiting up to `timeout`
    /// seconds for one. A running cell takes comm messages this way, ahead of queued requests,
    /// so that a widget's button or slider acts while the cell runs.
    func takeFirst(timeout: Double, where matches: (Message) -> Bool) -> Item? {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let index = items[head...].firstIndex(where: { matches($0.message) }) {
                return items.remove(at: index)
            }
            if closed || !condition.wait(until: deadline) { return nil }
        }
    }

    /// Wakes the consumer for good.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
