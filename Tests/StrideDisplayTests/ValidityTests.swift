import Foundation
import XCTest
@testable import StrideDisplay

/// Every sample output is self-contained and well-formed: SVG and HTML parse as XML, embedded
/// PNGs decode at the size the SVG gives them, nothing points elsewhere, no scripts.
final class ValidityTests: XCTestCase {
    /// Built once for the whole class: rendering every sample takes seconds in debug builds.
    private static let built = Result { try SampleOutputs.all() }
    private var samples: [(String, MimeBundle)] = []

    override func setUpWithError() throws {
        samples = try ValidityTests.built.get()
    }

    func testEveryBundleHasPlainText() {
        for (name, bundle) in samples {
            XCTAssertFalse(bundle.plainText.isEmpty, name)
            XCTAssertGreaterThan(bundle.data.count, 1, "\(name) has a rich representation")
        }
    }

    func testSVGsAreWellFormedAndSelfContained() throws {
        var checked = 0
        for (name, bundle) in samples {
            guard let svg = bundle.data[MimeType.svg] else { continue }
            checked += 1
            let xml = XMLChecker.parse(svg)
            XCTAssertTrue(xml.isWellFormed, "\(name): \(String(describing: xml.parseError))")
            XCTAssertEqual(xml.elements.first?.name, "svg", name)
            XCTAssertTrue(xml.all("script").isEmpty, name)
            XCTAssertTrue(xml.all("style").isEmpty, name)
            for element in xml.elements {
                for (key, value) in element.attributes where key != "xmlns" && key != "xmlns:xlink" {
                    XCTAssertFalse(value.contains("http:") || value.contains("https:") || value.contains("url("),
                                   "\(name): \(element.name) \(key) points elsewhere")
                    if key.hasSuffix("href") {
                        XCTAssertTrue(value.hasPrefix("data:image/png;base64,"), "\(name): \(key)")
                    }
                }
            }
            for image in xml.all("image") {
                let png = try decodePNG(base64: image.attributes["xlink:href"] ?? "")
                XCTAssertEqual(Double(png.width), Double(image.attributes["width"] ?? ""), name)
                XCTAssertEqual(Double(png.height), Double(image.attributes["height"] ?? ""), name)
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 15)
    }

    func testPNGsDecode() throws {
        var checked = 0
        for (name, bundle) in samples {
            guard let png = bundle.data[MimeType.png] else { continue }
            checked += 1
            let decoded = try decodePNG(base64: png)
            XCTAssertEqual(String(decoded.width), bundle.metadata[MimeType.png]?["width"], name)
            XCTAssertEqual(String(decoded.height), bundle.metadata[MimeType.png]?["height"], name)
        }
        XCTAssertEqual(checked, 5)
    }

    func testHTMLIsWellFormedWithoutScripts() {
        var checked = 0
        for (name, bundle) in samples {
            guard let html = bundle.data[MimeType.html] else { continue }
            checked += 1
            let xml = XMLChecker.parse(html)
            XCTAssertTrue(xml.isWellFormed, "\(name): \(String(describing: xml.parseError))")
            XCTAssertFalse(html.lowercased().contains("<script"), name)
            XCTAssertFalse(html.contains("http"), name)
        }
        XCTAssertEqual(checked, 4)
    }

    func testOutputIsDeterministic() throws {
        let again = try SampleOutputs.all()
        XCTAssertEqual(again.map(\.0), samples.map(\.0))
        for ((name, a), (_, b)) in zip(samples, again) {
            XCTAssertEqual(a, b, name)
        }
    }

    func testTextIsEscaped() throws {
        let bundle = try Render.lineChart([Series(name: "a<b & \"c\" 'd'", values: [1, 2])],
                                          title: "x > y")
        let svg = bundle.data[MimeType.svg]!
        XCTAssertTrue(svg.contains("a&lt;b &amp; &quot;c&quot; &#39;d&#39;"))
        XCTAssertTrue(svg.contains("x &gt; y"))
        let texts = XMLChecker.parse(svg).all("text").map(\.text)
        XCTAssertTrue(texts.contains("a<b & \"c\" 'd'"))
        // Control characters that XML forbids are dropped rather than breaking the document.
        XCTAssertEqual(Markup.escape("a\u{1}b\u{7}"), "ab")
    }
}
