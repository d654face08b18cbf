import XCTest
@testable import StrideDisplay

final class ChartTests: XCTestCase {
    func testWholeNumberPositionsGetWholeTicks() {
        XCTAssertEqual(AxisTicks(low: 0, high: 3, count: 8).values, [0, 0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual(AxisTicks(low: 0, high: 3, count: 8, integral: true).values, [0, 1, 2, 3])
        XCTAssertEqual(AxisTicks(low: 0, high: 20, count: 8, integral: true).values, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
        XCTAssertEqual(AxisTicks(low: 0, high: 200, count: 8, integral: true).step, 25)
    }

    func testNiceTicks() {
        let a = AxisTicks(low: 0, high: 10, count: 5)
        XCTAssertEqual(a.values, [0, 2, 4, 6, 8, 10])
        let b = AxisTicks(low: -3, high: 7, count: 5)
        XCTAssertEqual(b.step, 2)
        XCTAssertEqual(b.lower, -4)
        XCTAssertEqual(b.upper, 8)
        let c = AxisTicks(low: 0.25, high: 2.1, count: 6)   // 1.85 / 6 = 0.308 → 0.25
        XCTAssertEqual(c.step, 0.25, accuracy: 1e-12)
        XCTAssertEqual(c.values.count, 9)
        XCTAssertEqual(c.label(0.5), "0.50")
        XCTAssertEqual(c.label(2.25), "2.25")
        XCTAssertEqual(a.label(4), "4")
        let e = AxisTicks(low: 0, high: 200, count: 8)   // 200 / 8 = 25
        XCTAssertEqual(e.values.map(e.label), ["0", "25", "50", "75", "100", "125", "150", "175", "200"])
        let f = AxisTicks(low: 0, high: 20, count: 8)    // 2.5
        XCTAssertEqual(f.label(7.5), "7.5")
        let d = AxisTicks(low: 0, high: 1, count: 5)
        XCTAssertEqual(d.values.map(d.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        // A flat series still gets a usable axis around its value.
        let flat = AxisTicks(low: 5, high: 5)
        XCTAssertLessThan(flat.lower, 5)
        XCTAssertGreaterThan(flat.upper, 5)
        let nonFinite = AxisTicks(low: .nan, high: .infinity)
        XCTAssertEqual(nonFinite.lower, 0)
        XCTAssertEqual(nonFinite.upper, 1)
    }

    private func paths(_ bundle: MimeBundle) -> [String] {
        XMLChecker.parse(bundle.data[MimeType.svg]!).all("path").compactMap { $0.attributes["d"] }
    }

    func testGapsForNaNAndInfinity() throws {
        let chart = try Render.lineChart([Series(name: "s", values: [1, 2, .nan, 3, 4, .infinity, 5, 6])])
        let d = try XCTUnwrap(paths(chart).last)   // the first path is the legend swatch
        XCTAssertEqual(d.filter { $0 == "M" }.count, 3, d)
        XCTAssertEqual(d.filter { $0 == "L" }.count, 3, d)
    }

    func testSeriesGetLegendAndDistinctColours() throws {
        let chart = try Render.lineChart([Series(name: "train", values: [3, 2, 1]),
                                          Series(name: "validation", values: [3, 2.5, 2])],
                                         title: "Loss", xLabel: "epoch")
        let xml = XMLChecker.parse(chart.data[MimeType.svg]!)
        let texts = xml.all("text").map(\.text)
        for expected in ["Loss", "train", "validation", "epoch"] {
            XCTAssertTrue(texts.contains(expected), expected)
        }
        let strokes = Set(xml.all("path").compactMap { $0.attributes["stroke"] })
        XCTAssertEqual(strokes.count, 2)
        XCTAssertEqual(chart.plainText, "<Line chart 'Loss' — train: 3 points, last 1; validation: 3 points, last 2>")
    }

    func testDenseSeriesAreThinnedToTheirEnvelope() throws {
        let n = 100_000
        let values = (0..<n).map { i in i == 50_000 ? 10.0 : sin(Double(i) / 1000) }
        let chart = try Render.lineChart([Series(name: "", values: values)], width: 640, height: 400)
        let svg = chart.data[MimeType.svg]!
        XCTAssertLessThan(svg.utf8.count, 60_000)
        // The spike survives thinning: the y axis reaches 10 and a point sits near its top.
        let texts = XMLChecker.parse(svg).all("text").map(\.text)
        XCTAssertTrue(texts.contains("10"), "\(texts)")
    }

    func testTrainingChartStaysSmallForLongRuns() throws {
        func curves(epochs: Int) -> TrainingCurves {
            let steps = 63
            return TrainingCurves(
                stepsPerEpoch: steps, totalEpochs: epochs,
                stepLoss: (0..<(epochs * steps)).map { 2 / Double($0 + 1) + 0.1 },
                stepAccuracy: (0..<(epochs * steps)).map { 1 - 0.9 / Double($0 + 1) },
                epochLoss: (0..<epochs).map { 1 / Double($0 + 1) },
                epochAccuracy: (0..<epochs).map { 1 - 0.5 / Double($0 + 1) },
                validationLoss: (0..<epochs).map { 1.1 / Double($0 + 1) },
                validationAccuracy: (0..<epochs).map { 1 - 0.6 / Double($0 + 1) })
        }
        let short = try Render.trainingChart(curves(epochs: 1)).data[MimeType.svg]!
        let long = try Render.trainingChart(curves(epochs: 1000)).data[MimeType.svg]!
        XCTAssertTrue(XMLChecker.parse(long).isWellFormed)
        XCTAssertLessThan(long.utf8.count, 80_000)
        XCTAssertLessThan(short.utf8.count, 40_000)
        let texts = XMLChecker.parse(short).all("text").map(\.text)
        for expected in ["Loss", "Accuracy", "training (step)", "training (epoch)", "validation", "epoch"] {
            XCTAssertTrue(texts.contains(expected), expected)
        }
    }

    func testTrainingChartAtStartHasAxesButNoData() throws {
        let chart = try Render.trainingChart(TrainingCurves(stepsPerEpoch: 10, totalEpochs: 3))
        let xml = XMLChecker.parse(chart.data[MimeType.svg]!)
        XCTAssertTrue(xml.isWellFormed)
        XCTAssertEqual(xml.all("circle").count, 1)   // only the legend's marker (no validation yet)
        XCTAssertEqual(chart.plainText, "<Training chart: 0 epochs, 0 steps>")
    }

    func testLossWithoutAccuracyTakesTheWholeWidth() throws {
        let curves = TrainingCurves(stepsPerEpoch: 2, totalEpochs: 2, stepLoss: [1, 0.5, 0.4],
                                    stepAccuracy: [.nan, .nan, .nan], epochLoss: [0.7])
        let texts = XMLChecker.parse(try Render.trainingChart(curves).data[MimeType.svg]!).all("text").map(\.text)
        XCTAssertTrue(texts.contains("Loss"))
        XCTAssertFalse(texts.contains("Accuracy"))
    }

    func testAllNaNSeriesStillDrawsAxes() throws {
        let chart = try Render.lineChart([Series(name: "nothing", values: [.nan, .nan])])
        let xml = XMLChecker.parse(chart.data[MimeType.svg]!)
        XCTAssertTrue(xml.isWellFormed)
        XCTAssertEqual(xml.all("path").count, 1)   // the legend swatch only
    }

    func testProgressLine() {
        let bundle = Render.progressLine(TrainingProgress(
            epoch: 3, epochs: 10, step: 45, stepsPerEpoch: 63, loss: 0.23456, accuracy: 0.931,
            imagesPerSecond: 1234.4, secondsRemaining: 3725))
        XCTAssertEqual(bundle.plainText,
                       "Epoch 3/10 · step 45/63 · loss 0.2346 · accuracy 93.1% · 1,234 images/s · 1:02:05 left")
        // (2 × 63 + 45) / 630 = 27.1% of the run.
        XCTAssertTrue(bundle.data[MimeType.html]!.contains("width:27.1%"))
        let done = Render.progressLine(TrainingProgress(
            epoch: 10, epochs: 10, step: 63, stepsPerEpoch: 63, loss: 0.1, imagesPerSecond: 900,
            finished: true))
        XCTAssertEqual(done.plainText, "Epoch 10/10 · step 63/63 · loss 0.1000 · 900 images/s · done")
    }

    func testChartErrors() {
        XCTAssertThrowsError(try Render.lineChart([])) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "Nothing to show: the list of series to plot is empty.")
        }
        XCTAssertThrowsError(try Render.lineChart([Series(name: "a", values: [1, 2], x: [1])])) { error in
            XCTAssertEqual((error as? DisplayError)?.description,
                           "The x positions of series 'a' needs 2 values, found 1.")
        }
        XCTAssertThrowsError(try Render.trainingChart(TrainingCurves(stepsPerEpoch: 0)))
    }
}
