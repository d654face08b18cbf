import Foundation

/// The process-wide stop request that long kernels poll between chunks of work, so that one
/// large convolution stops soon after the user asks, not only between the steps of a `fit`.
/// The host installs its check around the work it runs (`whileRunning`); without one,
/// nothing is ever cancelled.
public enum EngineCancellation {
    private static let lock = NSLock()
    private static var check: (() -> Bool)?

    /// Runs `body` with `check` polled by the kernels; the previous check comes back after.
    public static func whileRunning<T>(check newCheck: @escaping () -> Bool, _ body: () throws -> T) rethrows -> T {
        lock.lock(); let saved = check; check = newCheck; lock.unlock()
        defer { lock.lock(); check = saved; lock.unlock() }
        return try body()
    }

    /// Whether the running work should stop. Safe from any thread.
    public static var isRequested: Bool {
        lock.lock(); let current = check; lock.unlock()
        return current?() ?? false
    }

    /// Throws `EngineError.cancelled` when a stop was requested.
    static func checkpoint() throws {
        if isRequested { throw EngineError.cancelled }
    }
}

/// Spaces the polls of a tight loop: the loop reports the work it did, and the stop request
/// (a lock and a call) is read once per `interval` units, so polling costs nothing measurable
/// while a stop still arrives within about a millisecond of work.
struct CancellationPoll {
    private var pending = 0
    private let interval: Int

    init(interval: Int = 1 << 16) { self.interval = interval }

    /// Counts `work` more units; true when a stop was requested (read once per interval).
    mutating func stopRequested(after work: Int) -> Bool {
        let (sum, overflow) = pending.addingReportingOverflow(work)
        pending = overflow ? Int.max : sum
        if pending < interval { return false }
        pending = 0
        return EngineCancellation.isRequested
    }
}
