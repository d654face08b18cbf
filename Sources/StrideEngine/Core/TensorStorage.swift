import Foundation

/// The heap buffer behind a tensor. Tensors share it until one of them writes (copy-on-write).
final class TensorStorage {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    /// Uninitialized storage of `count` floats; the caller checks the memory limit first.
    init(uninitializedCount count: Int) {
        self.count = count
        self.pointer = BufferPool.shared.take(count)
    }

    deinit { BufferPool.shared.give(pointer, count) }
}

/// A small cache of freed buffers keyed by size. A training step allocates the same sizes
/// every time, so reusing them avoids page faults and malloc traffic in the hot loop.
final class BufferPool {
    static let shared = BufferPool()
    private let lock = NSLock()
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var cachedBytes = 0
    /// Buffers below this size go straight to malloc, which is already fast for them.
    private let minimumPooledCount = 4096
    private let maximumCachedBytes = 1 << 30

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let capacity = max(count, 1)
        if capacity >= minimumPooledCount {
            lock.lock()
            if var list = free[capacity], let pointer = list.popLast() {
                free[capacity] = list
                cachedBytes -= capacity * 4
                lock.unlock()
                return pointer
            }
            lock.unlock()
        }
        return UnsafeMutablePointer<Float>.allocate(capacity: capacity)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        let capacity = max(count, 1)
        if capacity >= minimumPooledCount {
            lock.lock()
            if cachedBytes + capacity * 4 <= maximumCachedBytes {
                free[capacity, default: []].append(pointer)
                cachedBytes += capacity * 4
                lock.unlock()
                return
            }
            lock.unlock()
        }
        pointer.deallocate()
    }

    /// Releases every cached buffer (the host may call this after a large job).
    func drain() {
        lock.lock()
        for (_, list) in free { for p in list { p.deallocate() } }
        free = [:]
        cachedBytes = 0
        lock.unlock()
    }
}

/// Frees the engine's cache of reusable buffers.
public func releaseCachedBuffers() { BufferPool.shared.drain() }
