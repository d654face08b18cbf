import Foundation
import StrideEngine
import StrideLanguage
import XCTest
@testable import StrideKernel

final class VizPictureTests: XCTestCase {
    /// A trained small CNN on Shapes (shared: training takes a few seconds).
    static let trained: VizHarness = {
        let h = VizHarness()
        h.output(shapesSetup)
        h.output("let history = net.fit(data, epochs: 6, batchSize: 32, optimizer: Adam(learningRate: 1e-2), seed: 1)")
        return h
    }()

    func testFGSMLowersAccuracy() {
        let h = Self.trained
        let out = h.output("""
        let adv = fgsm(net, images: data.images[0..<64], labels: data.labels[0..<64], epsilon: 0.2)
        let before = net.evaluate((data.images[0..<64], data.labels[0..<64]))["accuracy"]!
        let after = net.evaluate((adv.images, data.labels[0..<64]))["accuracy"]!
        print(before > 0.5, after < before - 0.2, adv.accuracy == after, adv.originalAccuracy == before, adv.images.shape)
        """)
        XCTAssertEqual(out, "true true true true [64, 1, 16, 16]\n")
        // Every pixel moved by at most epsilon.
        if case .native(let n)? = h.value("adv"), let adv = n as? AdversarialExamples {
            let moved = zip(adv.adversarial.scalars, adv.original.scalars).map { Swift.abs($0 - $1) }.max() ?? 1
            XCTAssertLessThanOrEqual(moved, 0.2 + 1e-6)
        } else {
            XCTFail("fgsm did not return AdversarialExamples")
        }
        guard let bundle = h.result("adv") else { return }
        assertWellFormedXML(bundle.string("image/svg+xml") ?? "")
        XCTAssertTrue(bundle.string("text/plain")!.hasPrefix("<Adversarial examples (FGSM, epsilon 0.2): 64 images"))
        // The picture shows 8 of the 64 and says so, since its accuracies are over all 64.
        let rich = bundle.data.keys.filter { $0 != "text/plain" }.compactMap { bundle.string($0) }
        XCTAssertTrue(rich.contains { $0.contains("the first 8 of 64 shown") }, "\(bundle.data.keys)")
    }

    func testSaliencyOfALinearModelIsTheAbsoluteWeightsOfTheClass() throws {
        // score_k = W[k] · x + b_k, so ∂score_k/∂x = W[k]: the map is |W[k]| for one channel.
        let model = Sequential([Flatten(), Dense(units: 3)])
        let x = try Tensor(shape: [1, 1, 2, 3], scalars: [0.1, 0.5, -0.2, 0.3, 0.9, 0.0])
        _ = try model(x)
        let weight = model.namedTensors().first { $0.path.hasSuffix("weight") }!.tensor
        let expected = Array(weight.scalars[6..<12]).map { Swift.abs($0) }
        let map = try Pictures.saliencyMap(model: model, batch: x, label: 1)
        XCTAssertEqual(map.count, 6)
        for (a, e) in zip(map, expected) { XCTAssertEqual(a, e, accuracy: 1e-6) }
    }

    func testConfusionMatrixCountsEverySampleAndAgreesWithEvaluate() throws {
        let h = Self.trained
        let accuracy = h.output("print(net.evaluate(data)[\"accuracy\"]!)").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bundle = h.result("confusionMatrix(net, data)") else { return }
        let svg = bundle.string("image/svg+xml") ?? ""
        assertWellFormedXML(svg)
        let counts = try NSRegularExpression(pattern: ">(\\d+)</text>")
            .matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .map { Int(svg[Range($0.range(at: 1), in: svg)!])! }
        XCTAssertEqual(counts.reduce(0, +), 384)
        XCTAssertTrue(bundle.string("text/plain")!.contains("accuracy"))
        XCTAssertTrue(svg.contains(">circle</text>"))
        XCTAssertFalse(accuracy.isEmpty)
    }

    func testInsidePicturesAreImagesWithTextFallbacks() {
        let h = Self.trained
        for source in ["net.featureMaps(of: data[0].image, layer: \"conv1\")",
                       "net.filters(layer: \"conv1\")",
                       "saliency(net, image: data[2].image, label: 2)",
                       "gradCAM(net, image: data[2].image, layer: \"conv2\")",
                       "showImages(data.images[0..<8], labels: data.labels[0..<8], predictions: net.predict(data.images[0..<8]))",
                       "plot(history.loss, history.accuracy, labels: [\"loss\", \"accuracy\"], title: \"Training\")",
                       "data"] {
            guard let bundle = h.result(source) else { continue }
            XCTAssertNotNil(bundle.string("text/plain"), source)
            let svg = bundle.string("image/svg+xml")
            XCTAssertNotNil(svg, source)
            assertWellFormedXML(svg ?? "")
        }
        let text = h.result("net.featureMaps(of: data[0].image, layer: \"conv1\")")?.string("text/plain")
        XCTAssertEqual(text, "<Feature maps of conv1: 8 channels of 16×16, viridis>")
    }

    func testImshowScalesSmallImagesUpAsPNG() throws {
        let h = VizHarness()
        for colormap in ["viridis", "gray", "magma", "coolwarm"] {
            guard let bundle = h.result("imshow(Tensor(randomUniform: [28, 28], seed: 3), colormap: .\(colormap))") else { continue }
            let png = try XCTUnwrap(Data(base64Encoded: bundle.string("image/png") ?? ""))
            XCTAssertEqual(Array(png.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10])
            // IHDR width and height, big-endian: 28 scaled up by an integer factor to ≥ 224.
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual(width, height)
            XCTAssertTrue(width >= 224 && width % 28 == 0, "\(width)")
        }
        XCTAssertEqual(h.failure("imshow(Tensor(zeros: [4, 4]), colormap: .rainbow)")?.name, "ValueError")
    }

    func testUnknownLayersAreNamed() {
        let h = Self.trained
        let f = h.failure("gradCAM(net, image: data[0].image, layer: \"conv9\")")
        XCTAssertEqual(f?.name, "ValueError")
        XCTAssertTrue(f?.value.contains("'conv1'") == true, f?.value ?? "")
        XCTAssertEqual(h.failure("net.filters(layer: \"4\")")?.name, "ValueError")
    }

    func testDisplayAndUpdateDisplayWithPictures() {
        let h = VizHarness()
        h.output("""
        display(imshow(Tensor(zeros: [8, 8])), id: "k")
        updateDisplay(plot([1, 2, 3]), id: "k")
        display(Shapes(count: 4, size: 8))
        """)
        XCTAssertEqual(h.host.shown.count, 3)
        XCTAssertEqual(h.host.shown[0].id, "k")
        XCTAssertNotNil(h.host.shown[0].bundle.string("image/png"))
        XCTAssertTrue(h.host.shown[1].isUpdate)
        XCTAssertNotNil(h.host.shown[1].bundle.string("image/svg+xml"))
        XCTAssertNotNil(h.host.shown[2].bundle.string("image/svg+xml"))
    }
}
