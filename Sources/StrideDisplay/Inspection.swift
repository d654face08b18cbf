/// Convolution weights in the engine's layout: out × in × height × width.
public struct FilterBank: Equatable, Sendable {
    /// The weights, output filter by output filter.
    public var weights: [Float]
    /// Number of filters (output channels).
    public var outChannels: Int
    /// Input channels each filter sees.
    public var inChannels: Int
    /// Kernel rows.
    public var height: Int
    /// Kernel columns.
    public var width: Int

    /// Checks that `weights` holds `outChannels * inChannels * height * width` values.
    public init(weights: [Float], outChannels: Int, inChannels: Int, height: Int, width: Int) throws {
        guard outChannels > 0, inChannels > 0, height > 0, width > 0 else {
            throw DisplayError.invalidArgument(
                "A filter bank needs positive sizes, found \(outChannels)×\(inChannels)×\(height)×\(width).")
        }
        let count = outChannels * inChannels * height * width
        guard weights.count == count else {
            throw DisplayError.sizeMismatch(
                what: "A \(outChannels)×\(inChannels)×\(height)×\(width) filter bank",
                expected: count, found: weights.count)
        }
        self.weights = weights
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.height = height
        self.width = width
    }

    func kernel(out o: Int, in i: Int) -> ArraySlice<Float> {
        let size = height * width
        let start = (o * inChannels + i) * size
        return weights[start..<(start + size)]
    }
}

extension Render {
    /// The most tiles a feature-map or filter grid shows; the text says how many were left out.
    public static let maximumTiles = 128

    /// One colormapped tile per channel of a layer's output (each tile scaled to its own
    /// range), titled with the layer name.
    public static func featureMaps(_ maps: FloatImage, layerName: String,
                                   colormap: Colormap = .viridis) throws -> MimeBundle {
        let shown = min(maps.channels, maximumTiles)
        let tiles = (0..<shown).map { c -> (raster: Raster, caption: String, marked: Bool) in
            (Raster.colormapped(maps.plane(c), width: maps.width, height: maps.height,
                                colormap: colormap, normalization: .minMax), String(c), false)
        }
        let more = shown < maps.channels ? " (first \(shown) shown)" : ""
        let title = "\(layerName): \(maps.channels) feature maps of \(maps.height)×\(maps.width)\(more)"
        return try composeGrid(tiles, title: title, columns: nil,
                               tileSide: maps.height * maps.width > 400 ? 84 : 56,
                               text: "<Feature maps of \(layerName): \(maps.channels) channels of \(maps.height)×\(maps.width), \(colormap.rawValue)>")
    }

    /// A layer's filters. With 3 input channels each filter is one RGB tile; otherwise each
    /// kernel is a coolwarm tile (blue negative, red positive, one scale for the whole layer),
    /// one row per filter and one column per input channel.
    public static func filters(_ bank: FilterBank, layerName: String) throws -> MimeBundle {
        let text = "<Filters of \(layerName): \(bank.outChannels) filters of \(bank.inChannels)×\(bank.height)×\(bank.width)>"
        let shape = "\(bank.outChannels) × \(bank.inChannels)×\(bank.height)×\(bank.width)"
        if bank.inChannels == 3 {
            let (lo, hi) = Normalization.minMax.bounds(of: bank.weights)
            let shown = min(bank.outChannels, maximumTiles)
            let tiles = try (0..<shown).map { o -> (raster: Raster, caption: String, marked: Bool) in
                let values = Array((0..<3).map { bank.kernel(out: o, in: $0) }.joined())
                let image = try FloatImage(values: values, channels: 3, height: bank.height, width: bank.width)
                return (Raster.natural(image, normalization: .range(lower: lo, upper: hi)), String(o), false)
            }
            let cut = shown < bank.outChannels ? " (first \(shown) shown)" : ""
            return try composeGrid(tiles, title: "\(layerName): filters \(shape) (RGB)\(cut)", columns: nil,
                                   tileSide: 64, text: text)
        }
        let symmetric = Normalization.range(lower: Normalization.symmetric.bounds(of: bank.weights).0,
                                            upper: Normalization.symmetric.bounds(of: bank.weights).1)
        let columns = min(bank.inChannels, 16)
        let rows = min(bank.outChannels, max(1, maximumTiles / columns))
        var tiles: [(raster: Raster, caption: String, marked: Bool)] = []
        for o in 0..<rows {
            for i in 0..<columns {
                let caption = bank.inChannels == 1 ? String(o) : "\(o)·\(i)"
                tiles.append((Raster.colormapped(bank.kernel(out: o, in: i), width: bank.width,
                                                 height: bank.height, colormap: .coolwarm,
                                                 normalization: symmetric), caption, false))
            }
        }
        let cut = rows < bank.outChannels || columns < bank.inChannels
            ? " (first \(rows)×\(columns) shown)" : ""
        let layout = bank.inChannels == 1 ? "" : ", filter·input channel"
        return try composeGrid(tiles, title: "\(layerName): filters \(shape)\(layout)\(cut)",
                               columns: bank.inChannels == 1 ? nil : columns,
                               tileSide: 64, text: text)
    }

    /// A heatmap (saliency or Grad-CAM) beside the input and blended over it: three panels,
    /// input, heatmap and overlay. A coarser heatmap is resized bilinearly to the image.
    public static func heatmapOverlay(image: FloatImage, heatmap: FloatImage, title: String,
                                      colormap: Colormap = .magma,
                                      opacity: Float = 0.55) throws -> MimeBundle {
        guard heatmap.channels == 1 else {
            throw DisplayError.invalidArgument(
                "A heatmap has one channel, found \(heatmap.channels).")
        }
        guard image.channels == 1 || image.channels == 3 else {
            throw DisplayError.invalidArgument(
                "The image under a heatmap has 1 or 3 channels, found \(image.channels).")
        }
        guard (0...1).contains(opacity) else {
            throw DisplayError.invalidArgument("The heatmap opacity must lie in 0…1, found \(opacity).")
        }
        let base = Raster.natural(image, normalization: .automatic)
        let resized = resampleBilinear(Array(heatmap.values), width: heatmap.width,
                                       height: heatmap.height, toWidth: image.width,
                                       toHeight: image.height)
        let heat = Raster.colormapped(resized, width: image.width, height: image.height,
                                      colormap: colormap, normalization: .minMax)
        var blended = base
        for y in 0..<base.height {
            for x in 0..<base.width {
                blended[x, y] = base[x, y].blended(with: heat[x, y], weight: opacity)
            }
        }
        let (lo, hi) = Normalization.minMax.bounds(of: heatmap.values)
        return try composeGrid([(base, "input", false), (heat, "heatmap", false),
                                (blended, "overlay", false)],
                               title: title, columns: 3, tileSide: 168,
                               text: "<\(title): heatmap \(heatmap.height)×\(heatmap.width) over image \(image.shapeText), values \(Markup.number(Double(lo)))…\(Markup.number(Double(hi))), \(colormap.rawValue)>")
    }
}
