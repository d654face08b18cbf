/// Plain image data as the engine holds it: `channels` planes of `height × width` floats,
/// one plane after another (channel-major, the NCHW order of a single sample).
public struct FloatImage: Equatable, Sendable {
    /// The samples, plane by plane, each plane row by row.
    public var values: [Float]
    /// Number of planes (1 = grayscale, 3 = RGB, or any count of feature maps).
    public var channels: Int
    /// Rows per plane.
    public var height: Int
    /// Columns per plane.
    public var width: Int

    /// Checks that `values` holds exactly `channels * height * width` samples.
    public init(values: [Float], channels: Int = 1, height: Int, width: Int) throws {
        guard channels > 0, height > 0, width > 0 else {
            throw DisplayError.invalidArgument(
                "An image needs positive channels, height and width, found \(channels)×\(height)×\(width).")
        }
        let (plane, planeOverflow) = height.multipliedReportingOverflow(by: width)
        let (product, overflow) = channels.multipliedReportingOverflow(by: plane)
        guard !planeOverflow, !overflow else {
            throw DisplayError.invalidArgument("An image of \(channels)×\(height)×\(width) is too large.")
        }
        guard values.count == product else {
            throw DisplayError.sizeMismatch(what: "A \(channels)×\(height)×\(width) image",
                                            expected: product, found: values.count)
        }
        self.values = values
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// The samples of one channel plane.
    public func plane(_ channel: Int) -> ArraySlice<Float> {
        let size = height * width
        return values[(channel * size)..<((channel + 1) * size)]
    }

    /// "28×28" or "3×32×32".
    var shapeText: String {
        channels == 1 ? "\(height)×\(width)" : "\(channels)×\(height)×\(width)"
    }
}

/// How floats become colour positions in 0…1.
public enum Normalization: Equatable, Sendable {
    /// The smallest finite value maps to 0 and the largest to 1.
    case minMax
    /// `lower` maps to 0 and `upper` to 1; values outside are clamped.
    case range(lower: Float, upper: Float)
    /// Zero maps to the middle, ±(largest magnitude) to the ends: for signed data such as
    /// filter weights with a diverging colormap.
    case symmetric
    /// 0…1 when every finite value lies there (pixel intensities), otherwise `minMax`.
    case automatic

    /// The (lower, upper) bounds this normalization uses for `values`.
    func bounds<C: Collection>(of values: C) -> (Float, Float) where C.Element == Float {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if lo > hi { lo = 0; hi = 1 }   // no finite value at all
        switch self {
        case .minMax:
            return (lo, hi)
        case let .range(lower, upper):
            return (lower, upper)
        case .symmetric:
            let m = max(abs(lo), abs(hi))
            return (-m, m)
        case .automatic:
            return (lo >= 0 && hi <= 1) ? (0, 1) : (lo, hi)
        }
    }

    /// Maps `values` to 0…1; NaN stays NaN, +Inf becomes 1 and -Inf becomes 0.
    func unitValues<C: Collection>(_ values: C) -> [Float] where C.Element == Float {
        let (lo, hi) = bounds(of: values)
        let span = hi - lo
        return values.map { v in
            if v.isNaN { return .nan }
            if v == .infinity { return 1 }
            if v == -.infinity { return 0 }
            // A constant image shows as the middle colour rather than dividing by zero.
            guard span > 0, span.isFinite else { return 0.5 }
            return min(1, max(0, (v - lo) / span))
        }
    }
}
