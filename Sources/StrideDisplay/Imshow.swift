extension Render {
    /// Shows one image as PNG. A single plane goes through `colormap`; three planes are
    /// shown as RGB. Small images are scaled up (nearest neighbour) to at least `minimumSide`
    /// pixels on the longer side.
    public static func imshow(_ image: FloatImage, colormap: Colormap = .viridis,
                              normalization: Normalization = .minMax,
                              minimumSide: Int = 224) throws -> MimeBundle {
        guard image.channels == 1 || image.channels == 3 else {
            throw DisplayError.invalidArgument(
                "imshow shows 1 channel (colormapped) or 3 channels (RGB), found \(image.channels).")
        }
        let raster = image.channels == 1
            ? Raster.colormapped(image.plane(0), width: image.width, height: image.height,
                                 colormap: colormap, normalization: normalization)
            : Raster.natural(image, normalization: normalization)
        let factor = Raster.upscaleFactor(width: image.width, height: image.height,
                                          target: minimumSide)
        let scaled = raster.scaled(by: factor)
        let (lo, hi) = normalization.bounds(of: image.values)
        let kind = image.channels == 1 ? colormap.rawValue : "RGB"
        let text = "<Image \(image.height)×\(image.width), \(kind), values \(Markup.number(Double(lo)))…\(Markup.number(Double(hi)))>"
        return MimeBundle(
            data: [MimeType.png: try scaled.pngBase64(), MimeType.plainText: text],
            metadata: [MimeType.png: ["width": String(scaled.width), "height": String(scaled.height)]])
    }
}
