/// One picture of a grid with the text under it.
public struct ImageTile: Equatable, Sendable {
    /// The image (1 plane: gray or colormapped; 3 planes: RGB; any other count shows plane 0).
    public var image: FloatImage
    /// Text under the tile.
    public var caption: String
    /// Marks the tile (a red frame and red caption), e.g. for a wrong prediction.
    public var marked: Bool

    /// Creates a tile.
    public init(image: FloatImage, caption: String, marked: Bool = false) {
        self.image = image
        self.caption = caption
        self.marked = marked
    }
}

extension Render {
    /// The most images one grid shows (a larger request is refused, not silently cut).
    public static let maximumGridImages = 1024

    /// A grid of tiles with captions (SVG): one PNG atlas of all tiles, scaled up with
    /// nearest neighbour, and the title and captions as SVG text. With a `colormap`,
    /// single-plane tiles are colormapped; without, they are gray.
    public static func imageGrid(_ tiles: [ImageTile], title: String? = nil, columns: Int? = nil,
                                 colormap: Colormap? = nil,
                                 normalization: Normalization = .automatic,
                                 tileSide: Int = 84, summary: String? = nil) throws -> MimeBundle {
        guard !tiles.isEmpty else { throw DisplayError.empty("the list of images") }
        let rasters = tiles.map { tile -> Raster in
            let image = tile.image
            if let colormap, image.channels == 1 {
                return Raster.colormapped(image.plane(0), width: image.width, height: image.height,
                                          colormap: colormap, normalization: normalization)
            }
            return Raster.natural(image, normalization: normalization)
        }
        let heading = (title?.isEmpty ?? true) ? "Image grid" : title!
        let text = summary ?? "<\(heading): \(tiles.count) images of \(tiles[0].image.shapeText)>"
        return try composeGrid(zip(rasters, tiles).map { ($0, $1.caption, $1.marked) },
                               title: title, columns: columns, tileSide: tileSide, text: text)
    }

    /// Lays out rasters with captions: one PNG atlas, scaled up with nearest neighbour, with
    /// the title and captions as SVG text.
    static func composeGrid(_ tiles: [(raster: Raster, caption: String, marked: Bool)],
                            title: String?, columns: Int?, tileSide: Int,
                            text: String) throws -> MimeBundle {
        guard !tiles.isEmpty else { throw DisplayError.empty("the list of images") }
        guard tiles.count <= maximumGridImages else {
            throw DisplayError.invalidArgument(
                "A grid shows at most \(maximumGridImages) images, found \(tiles.count); show a prefix.")
        }
        if let columns, columns < 1 {
            throw DisplayError.invalidArgument("A grid needs at least one column, found \(columns).")
        }
        guard (8...1024).contains(tileSide) else {
            throw DisplayError.invalidArgument("A tile side must be 8…1024 pixels, found \(tileSide).")
        }
        let maxW = tiles.map(\.raster.width).max()!, maxH = tiles.map(\.raster.height).max()!
        let factor = Raster.upscaleFactor(width: maxW, height: maxH, target: tileSide, limit: 1024)
        let tileW = maxW * factor, tileH = maxH * factor
        // Long captions are shortened so one label cannot stretch every cell of the grid.
        let tiles = tiles.map { tile in
            (raster: tile.raster, caption: tile.caption.count > 40
                ? String(tile.caption.prefix(39)) + "…" : tile.caption, marked: tile.marked)
        }
        let hasCaptions = tiles.contains { !$0.caption.isEmpty }
        let captionSize = 11.0
        let widestCaption = tiles.map { Markup.textWidth($0.caption, size: captionSize) }.max() ?? 0
        let cellW = max(tileW, Int(widestCaption.rounded(.up)) + 4)
        let gap = 8, border = 3
        let columnCount = min(tiles.count, columns ?? max(1, min(12, 960 / (cellW + gap))))
        let rowCount = (tiles.count + columnCount - 1) / columnCount
        let captionH = hasCaptions ? 16 : 0
        let cellH = tileH + captionH
        let titleH = (title?.isEmpty ?? true) ? 0 : 28

        var atlas = Raster(width: columnCount * (cellW + gap) + gap,
                           height: rowCount * (cellH + gap) + gap)
        var placements: [(x: Int, y: Int)] = []
        for (i, tile) in tiles.enumerated() {
            let col = i % columnCount, row = i / columnCount
            let cellX = gap + col * (cellW + gap), cellY = gap + row * (cellH + gap)
            let scaled = tile.raster.scaled(by: factor)
            let x = cellX + (cellW - scaled.width) / 2
            let y = cellY + (tileH - scaled.height) / 2
            if tile.marked {
                atlas.strokeRect(x: x - border, y: y - border, width: scaled.width + 2 * border,
                                 height: scaled.height + 2 * border, thickness: border, color: .alert)
            }
            atlas.draw(scaled, x: x, y: y)
            placements.append((cellX + cellW / 2, cellY + tileH))
        }

        let titleWidth = title.map { Markup.textWidth($0, size: 14) + 2 * Double(gap) } ?? 0
        var svg = SVGDocument(width: max(Double(atlas.width), titleWidth),
                              height: Double(atlas.height + titleH))
        if let title, !title.isEmpty {
            svg.text(title, x: Double(gap), y: 20, size: 14, bold: true)
        }
        svg.image(x: 0, y: Double(titleH), width: Double(atlas.width), height: Double(atlas.height),
                  dataURI: try atlas.dataURI())
        for (tile, place) in zip(tiles, placements) where !tile.caption.isEmpty {
            svg.text(tile.caption, x: Double(place.x), y: Double(titleH + place.y + 13),
                     size: captionSize, anchor: .middle,
                     fill: tile.marked ? RGB.alert.hex : "#333333", bold: tile.marked)
        }
        return MimeBundle(data: [MimeType.svg: svg.rendered, MimeType.plainText: text])
    }

    /// A dataset's samples with their labels (class names when given).
    public static func sampleGrid(images: [FloatImage], labels: [Int], classNames: [String] = [],
                                  title: String? = nil, totalCount: Int? = nil) throws -> MimeBundle {
        guard images.count == labels.count else {
            throw DisplayError.sizeMismatch(what: "The labels of \(images.count) images",
                                            expected: images.count, found: labels.count)
        }
        let tiles = zip(images, labels).map { image, label in
            ImageTile(image: image, caption: className(label, classNames))
        }
        let total = totalCount.map { " of \(Markup.grouped($0))" } ?? ""
        let heading = (title?.isEmpty ?? true) ? "Dataset" : title!
        let shape = images.first?.shapeText ?? "?"
        return try imageGrid(tiles, title: title, summary:
            "<\(heading): \(images.count)\(total) images of \(shape), labels \(labels.prefix(16).map(String.init).joined(separator: " "))\(labels.count > 16 ? " …" : "")>")
    }

    /// Images with labels and predictions; wrong predictions are framed and captioned in red
    /// (captioned "3 (true 8)").
    public static func predictionGrid(images: [FloatImage], labels: [Int], predictions: [Int],
                                      classNames: [String] = [], title: String? = nil) throws -> MimeBundle {
        guard images.count == labels.count else {
            throw DisplayError.sizeMismatch(what: "The labels of \(images.count) images",
                                            expected: images.count, found: labels.count)
        }
        guard images.count == predictions.count else {
            throw DisplayError.sizeMismatch(what: "The predictions for \(images.count) images",
                                            expected: images.count, found: predictions.count)
        }
        var wrong = 0
        let tiles = (0..<images.count).map { i -> ImageTile in
            let label = className(labels[i], classNames)
            guard predictions[i] != labels[i] else {
                return ImageTile(image: images[i], caption: label)
            }
            wrong += 1
            return ImageTile(image: images[i],
                             caption: "\(className(predictions[i], classNames)) (true \(label))",
                             marked: true)
        }
        let heading = title ?? "Predictions: \(images.count - wrong) of \(images.count) right"
        return try imageGrid(tiles, title: heading, summary:
            "<Predictions: \(images.count) images, \(wrong) wrong (marked red, captioned as predicted (true))>")
    }

    static func className(_ label: Int, _ names: [String]) -> String {
        names.indices.contains(label) ? names[label] : String(label)
    }
}
