import Foundation

/// Engine-wide limits, settable by the host.
public enum EngineLimits {
    private static let lock = NSLock()
    private static var _maximumTensorBytes: Int = {
        // A quarter of physical memory: large enough for real work, small enough that one
        // mistaken shape cannot push the machine into swapping.
        let physical = ProcessInfo.processInfo.physicalMemory
        return Int(min(physical / 4, UInt64(Int.max)))
    }()

    /// The largest tensor (in bytes) that the engine agrees to allocate.
    public static var maximumTensorBytes: Int {
        get { lock.lock(); defer { lock.unlock() }; return _maximumTensorBytes }
        set { lock.lock(); _maximumTensorBytes = max(0, newValue); lock.unlock() }
    }

    private static var _threads = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Worker threads for the engine's parallel loops and matrix products (default: one per
    /// active core). One can be faster when other processes load the cores.
    public static var threads: Int {
        get { lock.lock(); defer { lock.unlock() }; return _threads }
        set { lock.lock(); _threads = Swift.max(1, newValue); lock.unlock() }
    }

    /// Throws `MemoryError` when `scalarCount` floats exceed the limit, before anything is allocated.
    static func checkAllocation(scalarCount: Int) throws {
        let (bytes, overflow) = scalarCount.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        let limit = maximumTensorBytes
        if overflow { throw EngineError.memory(requestedBytes: Int.max, limitBytes: limit) }
        if bytes > limit { throw EngineError.memory(requestedBytes: bytes, limitBytes: limit) }
    }
}
