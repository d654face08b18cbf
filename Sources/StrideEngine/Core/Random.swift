import Foundation
import Synchronization

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, deterministic generator.
/// Every seeded engine operation draws from one of these, so results repeat exactly.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Float in [0, 1) from the top 24 bits.
    @inline(__always) mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Double in (0, 1], never zero, for logarithms.
    @inline(__always) mutating func nextOpenUnitDouble() -> Double {
        (Double(next() >> 11) + 1.0) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Fills `buffer` with normal samples by the Box–Muller transform (pairs of uniforms).
    mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float, standardDeviation: Float) {
        var i = 0
        while i < buffer.count {
            let u1 = nextOpenUnitDouble(), u2 = nextOpenUnitDouble()
            let radius = (-2.0 * Foundation.log(u1)).squareRoot()
            let angle = 2.0 * Double.pi * u2
            buffer[i] = mean + standardDeviation * Float(radius * Foundation.cos(angle))
            if i + 1 < buffer.count {
                buffer[i + 1] = mean + standardDeviation * Float(radius * Foundation.sin(angle))
            }
            i += 2
        }
    }
}

/// The engine's shared generator for operations called without a seed (dropout, shuffles).
public enum EngineRandom {
    private static let generator = Mutex(SplitMix64(seed: 0x5EED))

    /// Restarts the shared stream so that unseeded operations repeat.
    public static func seed(_ seed: UInt64) {
        generator.withLock { $0 = SplitMix64(seed: seed) }
    }

    /// A fresh seed drawn from the shared stream.
    public static func nextSeed() -> UInt64 {
        generator.withLock { $0.next() }
    }
}
