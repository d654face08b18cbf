import Dispatch

/// Loops that split their work across the machine's cores. Each worker runs under its
/// caller's `EngineContext`, so a kernel's workers see the caller's stop request.
enum Parallel {
    /// The number of worker threads (one per active core unless the host sets it).
    static var workers: Int { EngineLimits.threads }

    /// Runs `body(i)` for i in 0..<count, concurrently when `count > 1`.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 || workers == 1 { for i in 0..<count { body(i) }; return }
        concurrentPerform(iterations: count, body)
    }

    /// Splits 0..<count items of `itemCost` elements each across the workers when every
    /// worker gets at least about 64 K elements; below that a thread costs more than it saves.
    /// With `serial` set the whole range runs on the calling thread.
    static func forRanges(_ count: Int, itemCost: Int, serial: Bool = false, _ body: (Range<Int>) -> Void) {
        if serial { body(0..<count); return }
        forRanges(count, grain: Swift.max(1, (1 << 16) / Swift.max(itemCost, 1)), body)
    }

    /// The ranges `forRanges(_:itemCost:_:)` would hand out, for callers that keep one
    /// result per worker.
    static func ranges(_ count: Int, itemCost: Int) -> [Range<Int>] {
        let grain = Swift.max(1, (1 << 16) / Swift.max(itemCost, 1))
        let chunks = min(workers, max(1, count / grain))
        let size = (count + chunks - 1) / chunks
        return stride(from: 0, to: count, by: Swift.max(size, 1)).map { $0..<min(count, $0 + size) }
    }

    /// Splits 0..<count into one contiguous range per worker when the work is large enough
    /// to pay for the threads (`grain` elements at least per range).
    static func forRanges(_ count: Int, grain: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
        let chunks = min(workers, max(1, count / grain))
        if chunks <= 1 { body(0..<count); return }
        let size = (count + chunks - 1) / chunks
        concurrentPerform(iterations: chunks) { c in
            let start = c * size
            let end = min(count, start + size)
            if start < end { body(start..<end) }
        }
    }

    /// `iterations` calls of `body` across the cores, each under the caller's context.
    private static func concurrentPerform(iterations: Int, _ body: (Int) -> Void) {
        let context = EngineContext.current
        DispatchQueue.concurrentPerform(iterations: iterations) { i in EngineContext.with(context) { body(i) } }
    }
}
