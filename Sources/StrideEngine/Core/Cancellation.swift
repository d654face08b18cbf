/// The host's stop request, which long kernels poll between chunks of work, so that one
/// large convolution stops soon after the user asks, not only between the steps of a `fit`.
/// The host installs its check around the work it runs (`whileRunning`, the `stopCheck` of
/// the `EngineContext`); without one, nothing is ever cancelled.
public enum EngineCancellation {
    /// Runs `body` with `check` polled by the kernels; the previous check comes back after.
    public static func whileRunning<T>(check newCheck: @escaping () -> Bool, _ body: () throws -> T) rethrows -> T {
        try EngineContext.with({ $0.stopCheck = newCheck }, body)
    }

    /// Whether the running work should stop: the check of the current context (the parallel
    /// loops' workers have their caller's).
    public static var isRequested: Bool { EngineContext.current.isStopRequested }

    /// Throws `EngineError.cancelled` when a stop was requested.
    static func checkpoint() throws {
        if isRequested { throw EngineError.cancelled }
    }
}

/// Spaces the polls of a tight loop: the loop reports the work it did, and the stop request
/// (a context read and a call) is read once per `interval` units, so polling costs nothing measurable
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
