import Foundation

/// A deterministic random number generator: SplitMix64 (Steele, Lea and Flood, "Fast
/// Splittable Pseudorandom Number Generators", OOPSLA 2014), as in Java's `SplittableRandom`.
///
/// The same seed gives the same sequence on every platform and in every release, so shuffles,
/// splits and synthetic datasets are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Starts the sequence determined by a signed `seed` (its two's-complement bits).
    public init(seed: Int) {
        state = UInt64(bitPattern: Int64(seed))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) from the top 53 bits of the next value.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in [lower, upper).
    public mutating func nextDouble(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUnit()
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method); 0 when bound ≤ 1.
    public mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal sample (Box–Muller; the second value of the pair is discarded so that
    /// each call consumes exactly two draws).
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextUnit()   // in (0, 1], so the logarithm is finite
        let u2 = nextUnit()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A permutation of 0..<count by the Fisher–Yates shuffle, drawing from the end downwards.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<max(count, 0))
        var i = order.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}
