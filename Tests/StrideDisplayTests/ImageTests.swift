import XCTest
@testable import StrideDisplay

final class ImageTests: XCTestCase {
    private func atlas(_ bundle: MimeBundle) throws -> DecodedPNG {
        let xml = XMLChecker.parse(try XCTUnwrap(bundle.data[MimeType.svg]))
        let href = try XCTUnwrap(xml.all("image").first?.attributes["xlink:href"])
        return try decodePNG(base64: href)
    }

    func testImshowScalesUpWithNearestNeighbour() throws {
        // A 2×3 ramp 0…5: min-max maps value v to v / 5.
        let image = try FloatImage(values: [0, 1, 2, 3, 4, 5], height: 2, width: 3)
        let bundle = try Render.imshow(image, colormap: .gray, minimumSide: 30)
        let png = try decodePNG(base64: try XCTUnwrap(bundle.data[MimeType.png]))
        XCTAssertEqual(png.width, 30)    // factor ceil(30 / 3) = 10
        XCTAssertEqual(png.height, 20)
        for (index, value) in [0, 1, 2, 3, 4, 5].enumerated() {
            let expected = Colormap.gray.color(at: Float(value) / 5)
            let x0 = (index % 3) * 10, y0 = (index / 3) * 10
            for (dx, dy) in [(0, 0), (9, 0), (0, 9), (9, 9), (4, 5)] {
                XCTAssertEqual(png.rgb(x0 + dx, y0 + dy), expected, "value \(value)")
            }
        }
        XCTAssertEqual(bundle.plainText, "<Image 2×3, gray, values 0…5>")
    }

    func testNonFiniteValues() throws {
        // NaN shows white; +Inf and -Inf take the ends of the map; finite values span it.
        let image = try FloatImage(values: [.nan, 0, 1, .infinity, -.infinity, 0.5], height: 1, width: 6)
        let png = try decodePNG(base64: try XCTUnwrap(Render.imshow(image, minimumSide: 6).data[MimeType.png]))
        XCTAssertEqual((0..<6).map { png.rgb($0, 0) },
                       [RGB(255, 255, 255), Colormap.viridis.table[0], Colormap.viridis.table[255],
                        Colormap.viridis.table[255], Colormap.viridis.table[0], Colormap.viridis.table[128]])
    }

    func testImshowOf28x28IsLegible() throws {
        let bundle = try Render.imshow(SampleOutputs.digit(1))
        let png = try decodePNG(base64: try XCTUnwrap(bundle.data[MimeType.png]))
        XCTAssertGreaterThanOrEqual(png.width, 112)
        XCTAssertEqual(png.width % 28, 0)
        XCTAssertEqual(png.width, png.height)
    }

    func testImshowRejectsTwoChannels() {
        let image = try! FloatImage(values: [Float](repeating: 0, count: 8), channels: 2, height: 2, width: 2)
        XCTAssertThrowsError(try Render.imshow(image)) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "imshow shows 1 channel (colormapped) or 3 channels (RGB), found 2.")
        }
    }

    func testFloatImageChecksItsSize() {
        XCTAssertThrowsError(try FloatImage(values: [1, 2, 3], height: 2, width: 2)) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "A 1×2×2 image needs 4 values, found 3.")
        }
        XCTAssertThrowsError(try FloatImage(values: [], channels: 0, height: 2, width: 2))
    }

    func testWrongPredictionsAreFramedInRed() throws {
        let images = (0..<4).map(SampleOutputs.digit)
        let right = try Render.predictionGrid(images: images, labels: [0, 1, 2, 3], predictions: [0, 1, 2, 3])
        let oneWrong = try Render.predictionGrid(images: images, labels: [0, 1, 2, 3], predictions: [0, 7, 2, 3])
        func redPixels(_ png: DecodedPNG) -> Int {
            var count = 0
            for y in 0..<png.height { for x in 0..<png.width where png.rgb(x, y) == RGB.alert { count += 1 } }
            return count
        }
        XCTAssertEqual(redPixels(try atlas(right)), 0)
        // A 3-pixel frame around an 84×84 tile: 90² − 84² pixels.
        XCTAssertEqual(redPixels(try atlas(oneWrong)), 90 * 90 - 84 * 84)
        let texts = XMLChecker.parse(oneWrong.data[MimeType.svg]!).all("text")
        let marked = texts.filter { $0.attributes["fill"] == RGB.alert.hex }.map(\.text)
        XCTAssertEqual(marked, ["7 (true 1)"])
        XCTAssertTrue(texts.contains { $0.text == "Predictions: 3 of 4 right" })
    }

    func testSampleGridUsesClassNames() throws {
        let grid = try Render.sampleGrid(images: [SampleOutputs.digit(0), SampleOutputs.digit(1)],
                                         labels: [1, 0], classNames: ["cat", "dog"], totalCount: 4000)
        let texts = XMLChecker.parse(grid.data[MimeType.svg]!).all("text").map(\.text)
        XCTAssertEqual(texts, ["dog", "cat"])
        XCTAssertEqual(grid.plainText, "<Dataset: 2 of 4,000 images of 28×28, labels 1 0>")
        XCTAssertThrowsError(try Render.sampleGrid(images: [SampleOutputs.digit(0)], labels: []))
    }

    func testLongCaptionsAreShortened() throws {
        let long = String(repeating: "x", count: 100)
        let grid = try Render.imageGrid([ImageTile(image: SampleOutputs.digit(0), caption: long)])
        let caption = try XCTUnwrap(XMLChecker.parse(grid.data[MimeType.svg]!).all("text").first?.text)
        XCTAssertEqual(caption, String(repeating: "x", count: 39) + "…")
    }

    func testFeatureMapsOneTilePerChannel() throws {
        let maps = SampleOutputs.featureMaps()
        let bundle = try Render.featureMaps(maps, layerName: "conv1")
        let texts = XMLChecker.parse(bundle.data[MimeType.svg]!).all("text").map(\.text)
        XCTAssertEqual(texts.first, "conv1: 6 feature maps of 28×28")
        XCTAssertEqual(Array(texts.dropFirst()), ["0", "1", "2", "3", "4", "5"])
        // Each tile spans its own colormap: both ends of viridis appear in the atlas.
        let png = try atlas(bundle)
        var colours = Set<RGB>()
        for y in 0..<png.height { for x in 0..<png.width { colours.insert(png.rgb(x, y)) } }
        XCTAssertTrue(colours.contains(Colormap.viridis.table[0]))
        XCTAssertTrue(colours.contains(Colormap.viridis.table[255]))
    }

    func testFiltersUseOneSymmetricScale() throws {
        // Two 1×1 kernels, -2 and +1: -2 is the blue end, +1 three quarters up the map.
        let bank = try FilterBank(weights: [-2, 1], outChannels: 2, inChannels: 1, height: 1, width: 1)
        let png = try atlas(try Render.filters(bank, layerName: "k"))
        var colours = Set<RGB>()
        for y in 0..<png.height { for x in 0..<png.width { colours.insert(png.rgb(x, y)) } }
        XCTAssertTrue(colours.contains(Colormap.coolwarm.table[0]))
        XCTAssertTrue(colours.contains(Colormap.coolwarm.color(at: 0.75)))
        XCTAssertFalse(colours.contains(Colormap.coolwarm.table[255]))
        XCTAssertThrowsError(try FilterBank(weights: [1], outChannels: 2, inChannels: 1, height: 1, width: 1))
    }

    func testOverlayBlendsHeatmapOverImage() throws {
        // A black image under a constant heatmap: the heatmap shows the middle colour and the
        // overlay is that colour at the given opacity over black.
        let image = try FloatImage(values: [Float](repeating: 0, count: 16), height: 4, width: 4)
        let heat = try FloatImage(values: [2, 2, 2, 2], height: 2, width: 2)
        let bundle = try Render.heatmapOverlay(image: image, heatmap: heat, title: "t",
                                               colormap: .viridis, opacity: 0.5)
        let png = try atlas(bundle)
        let middle = Colormap.viridis.color(at: 0.5)
        let expected = RGB(UInt8((Float(middle.r) / 2).rounded()), UInt8((Float(middle.g) / 2).rounded()),
                           UInt8((Float(middle.b) / 2).rounded()))
        var colours = Set<RGB>()
        for y in 0..<png.height { for x in 0..<png.width { colours.insert(png.rgb(x, y)) } }
        XCTAssertTrue(colours.contains(middle))
        XCTAssertTrue(colours.contains(expected))
        XCTAssertTrue(colours.contains(RGB(0, 0, 0)))
        let texts = XMLChecker.parse(bundle.data[MimeType.svg]!).all("text").map(\.text)
        XCTAssertEqual(texts, ["t", "input", "heatmap", "overlay"])
        XCTAssertThrowsError(try Render.heatmapOverlay(image: image, heatmap: image, title: "t", opacity: 2))
    }

    func testBilinearResamplingMatchesPyTorch() {
        // torch.nn.functional.interpolate(mode="bilinear", align_corners=False)
        let up = resampleBilinear([0, 1, 2, 3], width: 2, height: 2, toWidth: 4, toHeight: 4)
        let torch4x4: [Float] = [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5,
                                 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]
        for (a, b) in zip(up, torch4x4) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        let odd = resampleBilinear((0..<9).map(Float.init), width: 3, height: 3, toWidth: 4, toHeight: 5)
        let torch5x4: [Float] = [0, 0.625, 1.375, 2, 1.2, 1.825, 2.575, 3.2, 3, 3.625, 4.375, 5,
                                 4.8, 5.425, 6.175, 6.8, 6, 6.625, 7.375, 8]
        for (a, b) in zip(odd, torch5x4) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }
}
