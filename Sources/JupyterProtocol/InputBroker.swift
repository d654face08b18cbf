import Foundation

/// Hands the value of an `input_reply` from the stdin thread to the cell waiting in
/// `input()`; an interrupt or a shutdown wakes the waiter with an error. Only the client
/// whose cell asked may answer: every client connected to the kernel can send on stdin,
/// and another's reply must not become this user's input.
final class InputBroker: @unchecked Sendable {
    /// Who may answer: the session in the asking request's header, and the routing
    /// identities its input_request was sent to (the asking client's stdin socket).
    struct Asker: Equatable {
        var session: String
        var identities: [Frame]
    }

    enum Delivery: Equatable {
        case delivered
        case nobodyWaiting
        case wrongClient
    }

    private enum State {
        case idle
        case waiting(Asker)
        case answered(String)
        case cancelled(InputError)
    }

    private let condition = NSCondition()
    private var state = State.idle

    /// Marks that a request from `asker` is about to be sent; replies arriving before this are stale.
    func begin(for asker: Asker) {
        condition.lock()
        state = .waiting(asker)
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

    /// Gives `value`, sent by `sender`, to the waiting cell when `sender` is the one it asked.
    @discardableResult
    func deliver(_ value: String, from sender: Asker) -> Delivery {
        condition.lock()
        defer { condition.unlock() }
        guard case .waiting(let asker) = state else { return .nobodyWaiting }
        guard asker == sender else { return .wrongClient }
        state = .answered(value)
        condition.broadcast()
        return .delivered
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
