/// Vector loops written with explicit SIMD accumulators: the compiler may not reorder a
/// floating-point sum by itself, so a plain loop stays scalar.
enum Vector {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD16<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// Σ p[i].
    static func sum(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count { acc += load(p, i); i += 16 }
        var s = acc.sum()
        while i < count { s += p[i]; i += 1 }
        return s
    }

    /// Σ p[i]·q[i].
    static func dot(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count { acc += load(p, i) * load(q, i); i += 16 }
        var s = acc.sum()
        while i < count { s += p[i] * q[i]; i += 1 }
        return s
    }

    /// Σ (p[i] − mean)².
    static func sumOfSquaredDeviations(_ p: UnsafePointer<Float>, _ count: Int, mean: Float) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        let m = SIMD16<Float>(repeating: mean)
        var i = 0
        while i + 16 <= count { let d = load(p, i) - m; acc += d * d; i += 16 }
        var s = acc.sum()
        while i < count { let d = p[i] - mean; s += d * d; i += 1 }
        return s
    }

    /// dst[i] = src[i] for short rows, without the call that memmove costs.
    @inline(__always)
    static func copy(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 16 <= count { store(load(src, i), dst, i); i += 16 }
        while i + 4 <= count {
            UnsafeMutableRawPointer(dst + i).storeBytes(of: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
            i += 4
        }
        if i < count { dst[i] = src[i] }
        if i + 1 < count { dst[i + 1] = src[i + 1] }
        if i + 2 < count { dst[i + 2] = src[i + 2] }
    }

    /// dst[i] += src[i].
    static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 16 <= count { store(load(dst, i) + load(src, i), dst, i); i += 16 }
        // Short rows (a small CNN's are 8 to 32 floats) end in fours, not one at a time.
        while i + 4 <= count {
            let a = UnsafeRawPointer(dst + i).loadUnaligned(as: SIMD4<Float>.self)
            let b = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: a + b, as: SIMD4<Float>.self)
            i += 4
        }
        while i < count { dst[i] += src[i]; i += 1 }
    }

    /// dst[i] += a·src[i] (a row of a direct convolution).
    @inline(__always)
    static func addScaled(_ a: Float, _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>,
                          _ count: Int) {
        let a16 = SIMD16<Float>(repeating: a)
        var i = 0
        while i + 16 <= count { store(load(dst, i) + a16 * load(src, i), dst, i); i += 16 }
        let a4 = SIMD4<Float>(repeating: a)
        while i + 4 <= count {
            let d = UnsafeRawPointer(dst + i).loadUnaligned(as: SIMD4<Float>.self)
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: d + a4 * v, as: SIMD4<Float>.self)
            i += 4
        }
        while i < count { dst[i] += a * src[i]; i += 1 }
    }
}
