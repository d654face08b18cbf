import Foundation
import Synchronization

/// Engine-wide limits, settable by the host.
public enum EngineLimits {
    private static let maximumBytes = Atomic<Int>(defaultMaximumTensorBytes())

    private static func defaultMaximumTensorBytes() -> Int {
        if let text = ProcessInfo.processInfo.environment["STRIDE_MEMORY_LIMIT"], let bytes = parseBytes(text) {
            return bytes
        }
        // A quarter of physical memory: large enough for real work, small enough that one
        // mistaken shape cannot push the machine into swapping.
        let physical = ProcessInfo.processInfo.physicalMemory
        return Int(min(physical / 4, UInt64(Int.max)))
    }

    /// A size such as `1048576`, `512K`, `64M` or `2G` (powers of 1024); nil when malformed.
    /// `STRIDE_MEMORY_LIMIT` in the environment sets the limit this way when the process starts.
    public static func parseBytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let scale = units[last] { unit = scale; digits = digits.dropLast() }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : bytes
    }

    /// The largest tensor (in bytes) that the engine agrees to allocate.
    public static var maximumTensorBytes: Int {
        get { maximumBytes.load(ordering: .relaxed) }
        set { maximumBytes.store(max(0, newValue), ordering: .relaxed) }
    }

    private static let workerThreads = Atomic<Int>(Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Worker threads for the engine's parallel loops and matrix products (default: one per
    /// active core). One can be faster when other processes load the cores.
    public static var threads: Int {
        get { workerThreads.load(ordering: .relaxed) }
        set { workerThreads.store(Swift.max(1, newValue), ordering: .relaxed) }
    }

    /// Throws `MemoryError` when `scalarCount` floats exceed the limit, before anything is allocated.
    static func checkAllocation(scalarCount: Int) throws {
        try checkAllocation(count: scalarCount, bytesEach: MemoryLayout<Float>.stride)
    }

    /// Throws `MemoryError` when `count` values of `bytesEach` bytes exceed the limit (a table
    /// of class names, a decompressed stream), before anything is allocated.
    public static func checkAllocation(count: Int, bytesEach: Int, what: String = "a tensor") throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: bytesEach)
        let limit = maximumTensorBytes
        if overflow { throw EngineError.memory(requestedBytes: Int.max, limitBytes: limit, what: what) }
        if bytes > limit { throw EngineError.memory(requestedBytes: bytes, limitBytes: limit, what: what) }
    }
}
