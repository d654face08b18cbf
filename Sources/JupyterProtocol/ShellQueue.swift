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
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        // Drop consumed items now and then, instead of shifting the array on every pop.
        if head > 256 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    /// Wakes the consumer for good.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
