import Foundation

/// Axis ticks at "nice" values (1, 2, 2.5 or 5 times a power of ten), after Heckbert's
/// "Nice numbers for graph labels" (Graphics Gems, 1990).
struct AxisTicks: Equatable {
    /// The axis range, widened to whole ticks.
    var lower: Double
    var upper: Double
    /// The tick positions from lower to upper.
    var values: [Double]
    /// The distance between ticks.
    var step: Double

    /// Ticks covering `low…high` with about `count` intervals. A degenerate range is widened
    /// around its value; non-finite input gives 0…1. With `integral` (positions that are
    /// whole numbers, such as epochs or indices) the step is a whole number too. Ranges at
    /// the ends of Double (±1e308, or subnormal values such as 5e-324) have no nice step:
    /// their ticks are the range's two ends, and there are never more than `maximumTicks`.
    init(low: Double, high: Double, count: Int = 5, integral: Bool = false) {
        var lo = low, hi = high
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            // Widening stays finite: at ±greatestFiniteMagnitude it is one-sided.
            lo = max(lo - pad, -.greatestFiniteMagnitude); hi = min(hi + pad, .greatestFiniteMagnitude)
        }
        // Half the range and half each end: finite for any finite ends, where hi - lo may not be.
        var step = AxisTicks.niceNumber((hi / 2 - lo / 2) / Double(max(1, count)) * 2, round: true)
        if integral { step = step < 1 ? 1 : step == 2.5 ? 2 : step }
        let first = floor(lo / step) * step
        let last = ceil(hi / step) * step
        let intervals = (last / 2 - first / 2) / (step / 2)
        guard step.isNormal, first.isFinite, last.isFinite, intervals <= Double(AxisTicks.maximumTicks - 1) else {
            self = AxisTicks(ends: lo, hi)
            return
        }
        var values: [Double] = []
        for k in 0..<AxisTicks.maximumTicks {
            let v = first + Double(k) * step
            if v > last + step * 1e-9 { break }
            values.append(abs(v) < step * 1e-9 ? 0 : v)
        }
        self.lower = first
        self.upper = last
        self.values = values
        self.step = step
    }

    /// The most ticks an axis gets.
    static let maximumTicks = 64

    /// An axis whose only ticks are its ends (kept apart by at least one representable value).
    private init(ends lo: Double, _ hi: Double) {
        var (lower, upper) = (lo, hi)
        if !(lower < upper) { (lower, upper) = (lo.nextDown, lo.nextUp) }
        if !lower.isFinite { lower = lo }   // lo was -greatestFiniteMagnitude
        if !upper.isFinite { upper = lo }   // lo was greatestFiniteMagnitude
        self.lower = lower
        self.upper = upper
        self.values = [lower, upper]
        // May overflow for −1e308…1e308; labels of such an axis are in exponent form anyway.
        self.step = upper - lower
    }

    /// Where `v` lies between `lower` (0) and `upper` (1), without overflowing when the axis
    /// spans more than Double's range (−1e308…1e308).
    func fraction(_ v: Double) -> Double {
        let span = upper - lower
        if span.isFinite && span > 0 { return (v - lower) / span }
        return (v / 2 - lower / 2) / (upper / 2 - lower / 2)
    }

    static func niceNumber(_ x: Double, round: Bool) -> Double {
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// The tick's label with as many decimals as the step needs ("0.25", "1e-05" for tiny).
    func label(_ value: Double) -> String {
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (step < 1e-4 && magnitude < 1e-3) {
            return value == 0 ? "0" : String(format: "%.1e", value)
        }
        let power = floor(log10(step) + 1e-9)
        // A step of 2.5 × 10^k needs one more decimal than its power (0.25, 2.5), 25 none.
        let mantissa = step / pow(10, power)
        let extra = abs(mantissa - 2.5) < 1e-6 ? 1 : 0
        let decimals = max(0, Int(-power) + extra)
        return String(format: "%.\(min(decimals, 8))f", value)
    }
}
