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
