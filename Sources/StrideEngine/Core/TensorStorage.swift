import Synchronization

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
    /// Buffers below this size go straight to malloc, which is already fast for them.
    private let minimumPooledCount = 4096
    private let maximumCachedBytes = 1 << 30

    /// Freed buffers by capacity, and the bytes they hold.
    private struct Cache {
        var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
        var bytes = 0
    }
    private let cache = Mutex(Cache())

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let capacity = max(count, 1)
        if capacity >= minimumPooledCount {
            let reused = cache.withLock { cache -> UnsafeMutablePointer<Float>? in
                guard let pointer = cache.free[capacity]?.popLast() else { return nil }
                cache.bytes -= capacity * 4
                return pointer
            }
            if let reused { return reused }
        }
        return UnsafeMutablePointer<Float>.allocate(capacity: capacity)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        let capacity = max(count, 1)
        if capacity >= minimumPooledCount {
            let kept = cache.withLock { cache -> Bool in
                guard cache.bytes + capacity * 4 <= maximumCachedBytes else { return false }
                cache.free[capacity, default: []].append(pointer)
                cache.bytes += capacity * 4
                return true
            }
            if kept { return }
        }
        pointer.deallocate()
    }

    /// Releases every cached buffer (the host may call this after a large job).
    func drain() {
        cache.withLock { cache in
            for (_, list) in cache.free { for p in list { p.deallocate() } }
            cache = Cache()
        }
    }
}

/// Frees the engine's cache of reusable buffers.
public func releaseCachedBuffers() { BufferPool.shared.drain() }
