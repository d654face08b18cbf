import Foundation

/// Hands the value of an `input_reply` from the stdin thread to the cell waiting in
/// `input()`; an interrupt or a shutdown wakes the waiter with an error.
final class InputBroker: @unchecked Sendable {
    private enum State {
        case idle
        case waiting
        case answered(String)
        case cancelled(InputError)
    }

    private let condition = NSCondition()
    private var state = State.idle

    /// Marks that a request is about to be sent; replies arriving before this are stale.
    func begin() {
        condition.lock()
        state = .waiting
        condition.unlock()
    }

    /// Blocks until `deliver` or `cancel`.
    func wait() throws -> String {
        condition.lock()
        defer { state = .idle; condition.unlock() }
        while true {
            switch state {
            case .answered(let value): return value
            case .cancelled(let error): throw error
            case .waiting: condition.wait()
            case .idle: throw InputError.interrupted
            }
        }
    }

    /// Gives `value` to the waiting cell; returns false when nobody was waiting.
    @discardableResult
    func deliver(_ value: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard case .waiting = state else { return false }
        state = .answered(value)
        condition.broadcast()
        return true
    }

    /// Wakes a waiting cell with `error`; does nothing when nobody waits.
    func cancel(_ error: InputError) {
        condition.lock()
        defer { condition.unlock() }
        guard case .waiting = state else { return }
        state = .cancelled(error)
        condition.broadcast()
    }
}
