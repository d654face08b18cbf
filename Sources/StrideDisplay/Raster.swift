import Foundation

/// An 8-bit RGB picture being composed, row-major and interleaved.
struct Raster: Equatable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, fill: RGB = .white) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        fillRect(x: 0, y: 0, width: width, height: height, color: fill)
    }

    subscript(x: Int, y: Int) -> RGB {
        get {
            let i = (y * width + x) * 3
            return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            let i = (y * width + x) * 3
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g; pixels[i + 2] = newValue.b
        }
    }

    /// Fills the part of the rectangle that lies inside the raster.
    mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let rowLength = width
        pixels.withUnsafeMutableBufferPointer { p in
            for yy in y0..<y1 {
                var i = (yy * rowLength + x0) * 3
                for _ in x0..<x1 {
                    p[i] = color.r; p[i + 1] = color.g; p[i + 2] = color.b
                    i += 3
                }
            }
        }
    }

    /// Draws a border of `thickness` pixels just inside the rectangle.
    mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int,
                             thickness t: Int, color: RGB) {
        fillRect(x: x, y: y, width: w, height: t, color: color)
        fillRect(x: x, y: y + h - t, width: w, height: t, color: color)
        fillRect(x: x, y: y, width: t, height: h, color: color)
        fillRect(x: x + w - t, y: y, width: t, height: h, color: color)
    }

    /// Copies `other` with its top-left corner at (x, y), clipped to this raster.
    mutating func draw(_ other: Raster, x: Int, y: Int) {
        let x0 = max(0, x), x1 = min(width, x + other.width)
        guard x0 < x1 else { return }
        let rowLength = width
        pixels.withUnsafeMutableBufferPointer { dest in
            other.pixels.withUnsafeBufferPointer { src in
                for oy in 0..<other.height {
                    let ty = y + oy
                    guard ty >= 0, ty < height else { continue }
                    let from = (oy * other.width + (x0 - x)) * 3
                    let to = (ty * rowLength + x0) * 3
                    for k in 0..<((x1 - x0) * 3) { dest[to + k] = src[from + k] }
                }
            }
        }
    }

    /// Each pixel becomes a `factor × factor` block (nearest neighbour), keeping edges crisp.
    func scaled(by factor: Int) -> Raster {
        guard factor > 1 else { return self }
        var out = Raster(width: width * factor, height: height * factor)
        let outWidth = out.width
        out.pixels.withUnsafeMutableBufferPointer { dest in
            pixels.withUnsafeBufferPointer { src in
                for y in 0..<(height * factor) {
                    let sourceRow = (y / factor) * width
                    var to = y * outWidth * 3
                    for x in 0..<outWidth {
                        let from = (sourceRow + x / factor) * 3
                        dest[to] = src[from]; dest[to + 1] = src[from + 1]; dest[to + 2] = src[from + 2]
                        to += 3
                    }
                }
            }
        }
        return out
    }

    func pngBase64() throws -> String {
        try PNGEncoder.base64(pixels: pixels, width: width, height: height, colorType: .rgb)
    }

    /// A data URI for embedding in SVG or HTML without external files.
    func dataURI() throws -> String {
        "data:image/png;base64," + (try pngBase64())
    }

    /// One plane through a colormap.
    static func colormapped<C: Collection>(_ plane: C, width: Int, height: Int,
                                           colormap: Colormap,
                                           normalization: Normalization) -> Raster
    where C.Element == Float {
        var out = Raster(width: width, height: height)
        for (i, t) in normalization.unitValues(plane).enumerated() {
            out[i % width, i / width] = colormap.color(at: t)
        }
        return out
    }

    /// A 1-channel image as gray, a 3-channel image as RGB (one normalization for all
    /// three planes so colours keep their balance); other channel counts show channel 0.
    static func natural(_ image: FloatImage, normalization: Normalization) -> Raster {
        guard image.channels == 3 else {
            return colormapped(image.plane(0), width: image.width, height: image.height,
                               colormap: .gray, normalization: normalization)
        }
        let unit = normalization.unitValues(image.values)
        let size = image.width * image.height
        var out = Raster(width: image.width, height: image.height)
        for i in 0..<size {
            func byte(_ v: Float) -> UInt8 { v.isNaN ? 255 : UInt8((v * 255).rounded()) }
            out[i % image.width, i / image.width] =
                RGB(byte(unit[i]), byte(unit[size + i]), byte(unit[2 * size + i]))
        }
        return out
    }

    /// The whole-number factor that brings the longer side to at least `target` pixels
    /// without exceeding `limit` (small images are scaled up, large ones left alone).
    static func upscaleFactor(width: Int, height: Int, target: Int, limit: Int = 4096) -> Int {
        let longer = max(width, height)
        guard longer < target else { return 1 }
        let wanted = (target + longer - 1) / longer
        return max(1, min(wanted, limit / longer))
    }
}

/// Bilinear resampling of one plane, for heatmaps coarser than the image under them.
func resampleBilinear(_ plane: [Float], width: Int, height: Int,
                      toWidth: Int, toHeight: Int) -> [Float] {
    if width == toWidth && height == toHeight { return plane }
    var out = [Float](repeating: 0, count: toWidth * toHeight)
    // Pixel centres are aligned (align_corners = false), as image libraries resize.
    let sx = Float(width) / Float(toWidth), sy = Float(height) / Float(toHeight)
    for y in 0..<toHeight {
        let fy = max(0, min(Float(height - 1), (Float(y) + 0.5) * sy - 0.5))
        let y0 = Int(fy), y1 = min(height - 1, y0 + 1)
        let wy = fy - Float(y0)
        for x in 0..<toWidth {
            let fx = max(0, min(Float(width - 1), (Float(x) + 0.5) * sx - 0.5))
            let x0 = Int(fx), x1 = min(width - 1, x0 + 1)
            let wx = fx - Float(x0)
            let top = plane[y0 * width + x0] * (1 - wx) + plane[y0 * width + x1] * wx
            let bottom = plane[y1 * width + x0] * (1 - wx) + plane[y1 * width + x1] * wx
            out[y * toWidth + x] = top * (1 - wy) + bottom * wy
        }
    }
    return out
}
