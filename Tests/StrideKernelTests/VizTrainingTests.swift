import Foundation
import JupyterProtocol
import StrideDisplay
import StrideEngine
import StrideLanguage
import XCTest
@testable import StrideKernel

final class VizTrainingTests: XCTestCase {
    func testFitOnShapesLowersTheLossBelowChance() {
        let h = VizHarness()
        h.output(shapesSetup)
        let out = h.output("""
        let history = net.fit(data, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 1e-2), loss: .crossEntropy, seed: 3)
        let scores = net.evaluate(data)
        print(history.loss.count, history.stepLoss.count, scores["loss"]! < log(4.0), scores["accuracy"]! > 0.35)
        print(Array(scores.keys))
        """)
        // 384 samples in batches of 32: 12 steps per epoch; chance for 4 classes is ln 4 and 25%.
        XCTAssertEqual(out, "4 48 true true\n[\"loss\", \"accuracy\"]\n")
    }

    func testLiveDisplayIsOneChartAndOneProgressLineUpdatedInPlaceAndThrottled() {
        let h = VizHarness()
        h.output(shapesSetup)
        let start = ProcessInfo.processInfo.systemUptime
        h.output("let history = net.fit(data, epochs: 6, batchSize: 8, optimizer: Adam(learningRate: 1e-2))")
        let elapsed = ProcessInfo.processInfo.systemUptime - start
        let displays = h.host.displays
        XCTAssertEqual(displays.count, 2, "one chart and one progress line")
        let ids = Set(displays.compactMap(\.id))
        XCTAssertEqual(ids.count, 2)
        XCTAssertTrue(h.host.updatesOnly.allSatisfy { ids.contains($0.id ?? "") })
        XCTAssertEqual(h.host.text, "", "nothing scrolls while training")
        // 6 × 48 steps, but at most 4 redraws (of the pair) a second, plus the final one.
        let redraws = h.host.updatesOnly.count / 2
        XCTAssertGreaterThanOrEqual(redraws, 1)
        XCTAssertLessThanOrEqual(Double(redraws), elapsed * 4 + 2, "\(redraws) redraws in \(elapsed) s")
        // Consecutive redraws of the chart are at least a quarter second apart, but the last.
        let chartID = displays[0].id!
        let chartTimes = h.host.updatesOnly.filter { $0.id == chartID }.map(\.time)
        for (a, b) in zip(chartTimes, chartTimes.dropFirst()).dropLast() {
            XCTAssertGreaterThanOrEqual(b - a, 0.24)
        }
        // The last update of the chart holds the whole run; the progress line says done.
        let lastChart = h.host.updatesOnly.last { $0.id == chartID }!.bundle
        XCTAssertTrue(lastChart.string("text/plain")!.contains("6 epochs, 288 steps"), lastChart.string("text/plain")!)
        assertWellFormedXML(lastChart.string("image/svg+xml")!)
        let lastLine = h.host.updatesOnly.last { $0.id != chartID }!.bundle.string("text/plain")!
        XCTAssertTrue(lastLine.hasPrefix("Epoch 6/6 · step 48/48"), lastLine)
        XCTAssertTrue(lastLine.hasSuffix("done"), lastLine)
    }

    func testALongFitShowsNoMoreOutputsThanAShortOne() {
        func outputs(epochs: Int) -> (count: Int, chartBytes: Int) {
            let h = VizHarness()
            h.output("""
            let data = Shapes(count: 16, size: 8, seed: 1)
            var net = Sequential { Flatten(); Dense(units: 4) }
            net.fit(data, epochs: \(epochs), batchSize: 4, optimizer: SGD(learningRate: 0.01))
            """)
            let chart = h.host.shown.last { $0.id == h.host.displays[0].id }!.bundle.string("image/svg+xml")!
            return (h.host.displays.count, chart.utf8.count)
        }
        let short = outputs(epochs: 1), long = outputs(epochs: 400)
        XCTAssertEqual(short.count, 2)
        XCTAssertEqual(long.count, 2)
        // 1,600 steps are averaged into buckets: the chart stays within a bounded size.
        XCTAssertLessThan(long.chartBytes, 60_000)
    }

    func testStoppingTheCellKeepsWeightsAndHistory() {
        let h = VizHarness()
        h.output(shapesSetup)
        h.output("let before = net(data.images[0..<1]).shape; let weights = net.parameters[\"conv1.weight\"]!.scalars")
        h.host.onUpdate = { [session = h.session] n in if n == 3 { session.interrupt() } }
        let failure = h.failure("let history = net.fit(data, epochs: 1000, batchSize: 32, optimizer: Adam(learningRate: 1e-2))")
        XCTAssertEqual(failure?.name, "Interrupted")
        h.host.onUpdate = nil
        let out = h.output("""
        print(net.history!.interrupted, net.history!.stepLoss.count > 0, net.history!.stepLoss.count < 12000)
        print(net.parameters["conv1.weight"]!.scalars != weights)
        """)
        // The steps before the stop changed the weights, and the model kept them.
        XCTAssertEqual(out, "true true true\ntrue\n")
        // The chart's final update was sent, and the progress line is not marked done.
        let lastLine = h.host.updatesOnly.last { $0.id == h.host.displays.last!.id }!.bundle.string("text/plain")!
        XCTAssertFalse(lastLine.hasSuffix("done"), lastLine)
    }

    func testNaNLossStopsWithAnErrorNamingTheStep() {
        let h = VizHarness()
        h.output(shapesSetup)
        let failure = h.failure("net.fit(data, epochs: 3, batchSize: 32, optimizer: SGD(learningRate: 1e30))")
        XCTAssertEqual(failure?.name, "ValueError")
        XCTAssertTrue(failure?.value.contains("step") == true, failure?.value ?? "")
        XCTAssertTrue(failure!.value.contains("NaN") || failure!.value.contains("infinite"), failure!.value)
        XCTAssertEqual(h.output("print(net.history != nil)"), "true\n")
    }

    func testValidationAugmentationCallbacksAndSchedule() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("viz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("net.safetensors").path
        let h = VizHarness()
        h.output(shapesSetup)
        let out = h.output("""
        let (train, validation) = data.split(fraction: 0.75, seed: 2)
        let history = net.fit(train, epochs: 3, batchSize: 32, optimizer: SGD(learningRate: 0.1, momentum: 0.9),
                              validation: validation,
                              augment: Augment { RandomFlip(.horizontal); RandomRotation(degrees: 10); RandomShift(pixels: 1); RandomNoise(standardDeviation: 0.01) },
                              callbacks: [EarlyStopping(patience: 5, restoreBest: true), Checkpoint(path: "\(path)")],
                              schedule: LearningRateSchedule(.step(every: 1, factor: 0.5)))
        print(history.valLoss.count, history.valAccuracy.count, history.learningRate)
        """)
        XCTAssertEqual(out, "3 3 [0.10000000149011612, 0.05000000074505806, 0.02500000037252903]\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the checkpoint was written")
    }

    func testEarlyStoppingStopsWhenTheLossStopsImproving() {
        let h = VizHarness()
        h.output(shapesSetup)
        // A negligible learning rate never improves the loss: patience 2 stops after epoch 3.
        let out = h.output("""
        let history = net.fit(data, epochs: 20, optimizer: SGD(learningRate: 1e-12), callbacks: [EarlyStopping(patience: 2, minDelta: 1e-6)])
        print(history.epochs, history.stoppedEarly)
        """)
        XCTAssertEqual(out, "3 true\n")
    }

    func testPredictGivesClassIndicesAndHistoryPlots() {
        let h = VizHarness()
        h.output(shapesSetup)
        h.output("let history = net.fit(data, epochs: 2, optimizer: Adam(learningRate: 1e-2))")
        let out = h.output("""
        let p = net.predict(data.images[0..<5])
        print(p.count, p.allSatisfy { $0 >= 0 && $0 < 4 })
        print(history)
        """)
        XCTAssertTrue(out.hasPrefix("5 true\nHistory(epochs: 2, loss: "), out)
        let chart = h.result("history.plot()")
        XCTAssertNotNil(chart?.string("image/svg+xml"))
        assertWellFormedXML(chart?.string("image/svg+xml") ?? "")
    }

    func testBucketsAverageWithinEachEpoch() {
        // Means computed by hand: epoch 1 (1…6) in 2 buckets → 2, 5; partial epoch 2 (7, 8) → 7.5.
        XCTAssertEqual(LiveTrainingDisplay.bucketed([1, 2, 3, 4, 5, 6, 7, 8], stepsPerEpoch: 6, buckets: 2), [2, 5, 7.5])
        XCTAssertEqual(LiveTrainingDisplay.bucketed([1, 2, 3], stepsPerEpoch: 3, buckets: 3), [1, 2, 3])
    }

    func testThrottleWithAClock() {
        final class Surface: TrainingDisplaySurface {
            var shows: [String] = [], replaces: [String] = []
            func show(_ bundle: MimeBundle, id: String) { shows.append(id) }
            func replace(_ bundle: MimeBundle, id: String) { replaces.append(id) }
        }
        var now = 100.0
        let surface = Surface()
        let display = LiveTrainingDisplay(surface: surface, epochs: 10, stepsPerEpoch: 100) { now }
        display.begin()
        var history = History()
        history.stepsPerEpoch = 100
        // 1,000 steps, 2 ms apart: 2 seconds, so about 1 + 7 + 1 redraws.
        for step in 0..<1000 {
            now += 0.002
            history.stepLoss.append(1)
            display.report(FitSnapshot(epoch: step / 100, epochs: 10, step: step % 100 + 1, stepsPerEpoch: 100,
                                       loss: 1, accuracy: 0.5, imagesPerSecond: 1000, remaining: 1, history: history))
        }
        display.finish(history: history, completed: true)
        XCTAssertEqual(surface.shows, [display.chartID, display.progressID])
        // The first report shows the progress line (and redraws the chart); then one redraw
        // per 0.25 s of the 2 s; then the final one.
        let chartRedraws = surface.replaces.filter { $0 == display.chartID }.count
        XCTAssertTrue((8...10).contains(chartRedraws), "\(chartRedraws) redraws")
    }
}

/// A user type declared `: Layer` has every member of a library model, as a Swift protocol
/// extension would give it (LANGUAGE.md's TinyNet).
final class UserModelMemberTests: XCTestCase {
    static let tinyNet = """
    let data = Shapes(count: 96, size: 12, seed: 2)
    struct TinyNet: Layer {
        var conv = Conv2D(filters: 4, kernelSize: 3, padding: .same)
        var head = Dense(units: 4)
        func callAsFunction(_ x: Tensor) -> Tensor {
            head(globalAvgPool2d(relu(conv(x))))
        }
    }
    var net = TinyNet()
    """

    func testFitEvaluatePredictAndHistoryOnAUserModel() {
        let h = VizHarness()
        h.output(Self.tinyNet)
        XCTAssertEqual(h.output("print(net.history == nil)"), "true\n")
        let out = h.output("""
        let history = net.fit(data, epochs: 2, batchSize: 16, optimizer: Adam(learningRate: 1e-2), seed: 1)
        print(history.loss.count, history.stepLoss.count, net.history!.loss.count)
        let scores = net.evaluate(data)
        print(scores["loss"]! > 0, net.predict(data).count)
        """)
        XCTAssertEqual(out, "2 12 2\ntrue 96\n")
        XCTAssertEqual(h.host.displays.count, 2, "fit shows its live chart and progress line")
    }

    func testSummaryParametersSaveAndLoadOnAUserModel() throws {
        let h = VizHarness()
        h.output(Self.tinyNet)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-user-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tiny.safetensors").path
        let out = h.output("""
        let s = net.summary(inputShape: [1, 1, 12, 12])
        print(net.parameterCount, net.parameters.keys.sorted())
        let before = net(data.images[0..<2])
        net.save("\(path)")
        var other = TinyNet()
        _ = other(data.images[0..<1])
        other.load("\(path)")
        print(other(data.images[0..<2]) == before)
        """)
        // conv: 4·1·3·3 + 4 = 40; head: 4·4 + 4 = 20.
        XCTAssertEqual(out, "60 [\"conv.bias\", \"conv.weight\", \"head.bias\", \"head.weight\"]\ntrue\n")
    }

    func testCompletionOffersTheModelMembers() {
        let h = VizHarness()
        h.output(Self.tinyNet)
        let found = h.session.complete("net.fi", cursor: 6)
        XCTAssertTrue(found.matches.contains("fit"), "\(found.matches)")
        XCTAssertTrue(h.session.complete("net.", cursor: 4).matches.contains("history"))
    }

    func testAMemberTheTypeDeclaresComesFirstAndUnknownOnesAreTypeErrors() {
        let h = VizHarness()
        h.output("""
        struct Named: Layer {
            var dense = Dense(units: 2)
            func summary(inputShape: [Int]) -> String { "mine" }
            func callAsFunction(_ x: Tensor) -> Tensor { dense(x) }
        }
        """)
        XCTAssertEqual(h.output("print(Named().summary(inputShape: [1, 3]))"), "mine\n")
        XCTAssertEqual(h.failure("Named().fitt(3)")?.name, "TypeError")
        // A layer type without a forward pass says so when it is trained.
        let noForward = h.failure("struct Half: Layer { var dense = Dense(units: 2) }\nHalf().fit(Shapes(count: 8, size: 8), epochs: 1)")
        XCTAssertEqual(noForward?.name, "TypeError")
        XCTAssertEqual(noForward?.value, "cannot call a value of type Half: it declares no callAsFunction")
        // A type that is not a layer gets none of them.
        XCTAssertEqual(h.failure("struct Plain { var x = 1 }\nPlain().fit(3)")?.name, "TypeError")
    }
}
