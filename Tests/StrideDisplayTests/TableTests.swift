import XCTest
@testable import StrideDisplay

final class TableTests: XCTestCase {
    func testSummaryHTMLStructure() throws {
        let bundle = Render.summary(SampleOutputs.lenetSummary())
        let xml = XMLChecker.parse(try XCTUnwrap(bundle.data[MimeType.html]))
        XCTAssertTrue(xml.isWellFormed)
        XCTAssertEqual(xml.all("th").map(\.text),
                       ["Layer", "Type", "Output shape", "Parameters", "Activations", "Receptive field", "Flags"])
        XCTAssertEqual(xml.all("tr").count, 1 + 7 + 4)   // header, layers, footer lines
        let cells = xml.all("td").map(\.text)
        XCTAssertTrue(cells.contains("18.4 KB"))          // 6 × 28 × 28 × 4 = 18,816 bytes
        XCTAssertTrue(cells.contains("⚠ NaN/Inf parameters"))
        XCTAssertTrue(cells.contains("⚠ all parameters zero"))
        XCTAssertTrue(cells.contains("Total parameters: 20,902 (81.6 KB as Float32)"))
        let flagged = xml.all("td").filter { ($0.attributes["style"] ?? "").contains(RGB.alert.hex) }
        XCTAssertEqual(flagged.count, 2)
        XCTAssertTrue(bundle.plainText.contains("  block.conv  Conv2D"))
    }

    func testSummaryUsesGivenTotals() {
        let s = ModelSummary(title: "M", inputShape: [1, 3], rows: [
            LayerSummaryRow(name: "d", type: "Dense", outputShape: [1, 2], parameters: 8, activationBytes: 8),
        ], totalParameters: 100, trainableParameters: 40, totalActivationBytes: 2048)
        let text = Render.summary(s).plainText
        XCTAssertTrue(text.contains("Total parameters: 100 (400 B as Float32)"), text)
        XCTAssertTrue(text.contains("Trainable parameters: 40"), text)
        XCTAssertTrue(text.contains("Activation memory: 2.0 KB per forward pass"), text)
    }

    func testTableAlignsAndEscapes() throws {
        let bundle = try Render.table(header: ["name", "count"], rows: [["a&b", "5"], ["<c>", "1,234"]])
        XCTAssertEqual(bundle.plainText, """
            name  count
            ───────────
            a&b       5
            <c>   1,234
            """)
        let html = try XCTUnwrap(bundle.data[MimeType.html])
        XCTAssertTrue(html.contains(">a&amp;b<") && html.contains(">&lt;c&gt;<"))
        XCTAssertTrue(XMLChecker.parse(html).isWellFormed)
        XCTAssertThrowsError(try Render.table(header: ["a", "b"], rows: [["1"]])) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "Row 0 of a 2-column table needs 2 values, found 1.")
        }
    }

    func testKeyValueTable() throws {
        let bundle = try Render.keyValueTable([("loss", "0.17"), ("accuracy", "0.95")], title: "evaluate")
        XCTAssertEqual(XMLChecker.parse(bundle.data[MimeType.html]!).all("td").map(\.text),
                       ["loss", "0.17", "accuracy", "0.95"])
        XCTAssertTrue(bundle.plainText.hasPrefix("evaluate\nkey       value"))
    }

    func testNumberTable() throws {
        let bundle = try Render.numberTable([[1, 0.5], [.nan, -2e-7]], columnLabels: ["x", "y"])
        XCTAssertEqual(XMLChecker.parse(bundle.data[MimeType.html]!).all("td").map(\.text),
                       ["0", "1", "0.5", "1", "NaN", "-2.000e-07"])
        XCTAssertThrowsError(try Render.numberTable([[1, 2], [3]]))
        XCTAssertThrowsError(try Render.numberTable([[1]], rowLabels: ["a", "b"]))
    }

    func testConfusionMatrixShowsCountsAndNames() throws {
        let counts = [[5, 1, 0], [2, 7, 1], [0, 0, 9]]
        let bundle = try Render.confusionMatrix(counts, classNames: ["a", "b", "c"])
        let xml = XMLChecker.parse(try XCTUnwrap(bundle.data[MimeType.svg]))
        XCTAssertTrue(xml.isWellFormed)
        let texts = xml.all("text").map(\.text)
        // 21 correct of 25.
        XCTAssertEqual(texts.first, "Confusion matrix — accuracy 84.0% (21 of 25)")
        for name in ["a", "b", "c"] { XCTAssertEqual(texts.filter { $0 == name }.count, 2, name) }
        XCTAssertTrue(texts.contains("predicted") && texts.contains("true"))
        let cellTexts = Array(texts.dropFirst()).filter { Int($0) != nil }
        XCTAssertEqual(cellTexts, counts.joined().map(String.init))
        // A cell's shade grows with its share of the row: the full-row cell (9 of 9) is darkest.
        let fills = xml.all("rect").compactMap { $0.attributes["fill"] }.filter { $0.hasPrefix("#") && $0 != "#ffffff" }
        XCTAssertEqual(fills.count, 6)   // the non-zero cells
        XCTAssertTrue(bundle.plainText.contains("true \\ predicted  a  b  c"))
    }

    func testConfusionMatrixErrors() {
        XCTAssertThrowsError(try Render.confusionMatrix([[1, 2], [3]])) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "Row 1 of a 2-class confusion matrix needs 2 values, found 1.")
        }
        XCTAssertThrowsError(try Render.confusionMatrix([[1, -1], [0, 1]]))
        XCTAssertThrowsError(try Render.confusionMatrix([[1]], classNames: ["a", "b"]))
        XCTAssertThrowsError(try Render.confusionMatrix([]))
    }

    func testNumberFormatting() {
        XCTAssertEqual(Markup.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(Markup.grouped(-1000), "-1,000")
        XCTAssertEqual(Markup.grouped(12), "12")
        XCTAssertEqual(Markup.bytes(512), "512 B")
        XCTAssertEqual(Markup.bytes(18_816), "18.4 KB")
        XCTAssertEqual(Markup.bytes(3 * 1024 * 1024 + 200_000), "3.2 MB")
        XCTAssertEqual(Markup.duration(42), "0:42")
        XCTAssertEqual(Markup.duration(3725), "1:02:05")
        XCTAssertEqual(Markup.duration(.nan), "–")
        XCTAssertEqual(Markup.number(0.123456), "0.1235")
        XCTAssertEqual(Markup.number(1234.7), "1235")
        XCTAssertEqual(Markup.number(.nan), "NaN")
        XCTAssertEqual(Markup.number(2e-7), "2.000e-07")
        XCTAssertEqual(Markup.coordinate(12.004), "12")
        XCTAssertEqual(Markup.coordinate(-0.25), "-0.25")
    }
}
