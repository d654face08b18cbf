/// An 8-bit RGB colour.
public struct RGB: Equatable, Hashable, Sendable {
    /// Red, 0…255.
    public var r: UInt8
    /// Green, 0…255.
    public var g: UInt8
    /// Blue, 0…255.
    public var b: UInt8

    /// Creates a colour from its three components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// "#rrggbb" for SVG and HTML.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 15)])
        }
        return s
    }

    /// Mixes `self` and `other`: weight 0 gives `self`, 1 gives `other`.
    func blended(with other: RGB, weight: Float) -> RGB {
        let w = min(1, max(0, weight))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Float(a) * (1 - w) + Float(b) * w).rounded())
        }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// Relative luminance (0…1) to pick black or white text on a coloured cell.
    var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    static let white = RGB(255, 255, 255)
    static let black = RGB(0, 0, 0)
    /// The colour for wrong predictions and invalid values.
    static let alert = RGB(214, 39, 40)
}

/// Colormaps as 256-entry lookup tables sampled from matplotlib (see ColormapTables.swift).
public enum Colormap: String, CaseIterable, Sendable {
    /// Perceptually uniform dark purple → yellow (matplotlib's default).
    case viridis
    /// Black → white.
    case gray
    /// Perceptually uniform black → purple → light yellow.
    case magma
    /// Diverging blue → light grey → red (Moreland), for signed data.
    case coolwarm

    /// The 256 colours of the map, entry 0 first.
    public var table: [RGB] {
        switch self {
        case .viridis: return Colormap.viridisTable
        case .gray: return Colormap.grayTable
        case .magma: return Colormap.magmaTable
        case .coolwarm: return Colormap.coolwarmTable
        }
    }

    /// The colour for a position in 0…1 (clamped; NaN gives white), chosen as matplotlib
    /// does: entry floor(t × 256), with t = 1 giving the last entry.
    public func color(at t: Float) -> RGB {
        if t.isNaN { return .white }
        let index = min(255, max(0, Int(t * 256)))
        return table[index]
    }

    private static let viridisTable = decode(ColormapTables.viridis)
    private static let grayTable = decode(ColormapTables.gray)
    private static let magmaTable = decode(ColormapTables.magma)
    private static let coolwarmTable = decode(ColormapTables.coolwarm)

    /// Reads the hex text of a generated table; whitespace and line breaks are skipped.
    private static func decode(_ text: String) -> [RGB] {
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(1536)
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibbles.append(c - UInt8(ascii: "a") + 10)
            default: continue
            }
        }
        var colors: [RGB] = []
        var i = 0
        while i + 5 < nibbles.count {
            colors.append(RGB(nibbles[i] << 4 | nibbles[i + 1], nibbles[i + 2] << 4 | nibbles[i + 3],
                              nibbles[i + 4] << 4 | nibbles[i + 5]))
            i += 6
        }
        return colors
    }
}
