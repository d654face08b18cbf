import Foundation

/// The signatures of messages already accepted, so that a captured message sent again is
/// refused (as ipykernel refuses a "Duplicate Signature"). A signature covers the header,
/// whose msg_id and date a client makes fresh for every message, so a repeat is a replay.
///
/// Bounded: past `capacity` signatures the oldest are forgotten in order (ipykernel keeps
/// 2^16 and culls at random). A replay of a message that old is still refused by nothing
/// here; the bound keeps a long-lived kernel's memory flat (64 hex digits per entry).
/// Thread-safe: shell, stdin and control messages are decoded on different threads.
public final class SignatureHistory: @unchecked Sendable {
    public let capacity: Int
    private let lock = NSLock()
    private var seen = Set<Frame>()
    /// Ring of the kept signatures, oldest at `oldest` once full.
    private var order: [Frame] = []
    private var oldest = 0

    public init(capacity: Int = 1 << 16) {
        precondition(capacity > 0, "a signature history keeps at least one signature")
        self.capacity = capacity
    }

    /// Records `signature`; false when it was already recorded (the message is a replay).
    public func insert(_ signature: Frame) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard seen.insert(signature).inserted else { return false }
        if order.count < capacity {
            order.append(signature)
        } else {
            seen.remove(order[oldest])
            order[oldest] = signature
            oldest = (oldest + 1) % capacity
        }
        return true
    }

    /// How many signatures are kept now.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return seen.count
    }
}
