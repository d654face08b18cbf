import XCTest
import JupyterProtocol
import StrideEngine
import StrideLanguage
@testable import StrideKernel

/// Layers and models from the language: construction with defaults, builder closures,
/// user layers, summaries, weights files and inspection.
final class LibraryLayerTests: XCTestCase {
    var h: LibraryHarness!
    override func setUp() { h = LibraryHarness() }

    private let lenet = """
    let lenet = Sequential {
        Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
        MaxPool2D(size: 2)
        Conv2D(filters: 16, kernelSize: 5, activation: .relu)
        MaxPool2D(size: 2)
        Flatten()
        Dense(units: 120, activation: .relu)
        Dense(units: 84, activation: .relu)
        Dense(units: 10)
    }
    """

    func testLeNetSummaryRowsAndParameterCount() throws {
        h.run(lenet)
        let summary = try XCTUnwrap(h.value("lenet.summary(inputShape: [1, 1, 28, 28])"))
        guard case .native(let object) = summary, let s = object as? ModelSummaryValue else { return XCTFail("not a summary") }
        // Parameters by hand: 6·1·5·5+6, 16·6·5·5+16, 400·120+120, 120·84+84, 84·10+10.
        XCTAssertEqual(s.summary.parameterCount, 156 + 2416 + 48120 + 10164 + 850)
        XCTAssertEqual(s.summary.rows.map(\.name), ["conv1", "1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(s.summary.rows.map(\.outputShape), [[1, 6, 28, 28], [1, 6, 14, 14], [1, 16, 10, 10], [1, 16, 5, 5],
                                                            [1, 400], [1, 120], [1, 84], [1, 10]])
        let bundle = s.mimeBundle()
        XCTAssertTrue(bundle.data["text/html"]?.contains("<table") ?? false)
        XCTAssertTrue(bundle.data["text/plain"]?.contains("conv1") ?? false)
        XCTAssertEqual(h.run("print(lenet.parameterCount)"), "61706\n")
        XCTAssertEqual(h.run("print(lenet(Tensor(zeros: [3, 1, 28, 28])).shape)"), "[3, 10]\n")
    }

    func testSummaryShowsAsAnHTMLTableInASession() {
        let session = StrideSession(bindings: [CoreLibraryBinding()])
        let outcome = session.run("Sequential { Flatten(); Dense(units: 2, name: \"head\") }.summary(inputShape: [1, 3])", host: RecordingHost())
        guard case .success(let bundle?) = outcome else { return XCTFail("no result: \(outcome)") }
        guard case .string(let html)? = bundle.data["text/html"], case .string(let text)? = bundle.data["text/plain"] else {
            return XCTFail("missing text/html or text/plain: \(bundle.data.keys)")
        }
        XCTAssertTrue(html.contains("<table") && html.contains("head") && html.contains("Dense"), html)
        XCTAssertTrue(text.contains("head") && text.contains("8"), text)   // 3·2 + 2 parameters
    }

    func testDescriptionListsChildren() {
        XCTAssertEqual(h.run("print(Sequential { Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: \"conv1\"); Flatten() })"),
                       "Sequential {\n  (conv1) Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: \"conv1\")\n  (1) Flatten()\n}\n")
        XCTAssertEqual(h.run("print(Dense(units: 3))"), "Dense(units: 3)\n")
    }

    func testCompositesFromBuilderClosures() {
        h.run("""
        let block = Residual(activation: .relu) {
            Conv2D(filters: 32, kernelSize: 3, stride: 2, padding: .same); BatchNorm(); ReLU()
            Conv2D(filters: 32, kernelSize: 3, padding: .same); BatchNorm()
        }
        let inception = Concat {
            Conv2D(filters: 8, kernelSize: 1)
            Sequential { Conv2D(filters: 8, kernelSize: 1); Conv2D(filters: 16, kernelSize: 3, padding: .same) }
            Sequential { MaxPool2D(size: 3, stride: 1, padding: .same); Conv2D(filters: 8, kernelSize: 1) }
        }
        let x = Tensor(randomNormal: [2, 16, 8, 8], seed: 0)
        """)
        XCTAssertEqual(h.shape("block(x)"), [2, 32, 4, 4])
        XCTAssertEqual(h.shape("inception(x)"), [2, 32, 8, 8])
        // The residual output is relu(...) so never negative.
        XCTAssertTrue(h.scalars("block(x)").allSatisfy { $0 >= 0 })
        XCTAssertEqual(h.shape("DenseBlock(layers: 2, growthRate: 4)(Tensor(zeros: [1, 3, 5, 5]))"), [1, 11, 5, 5])
        XCTAssertEqual(h.shape("Sequential([Flatten(), Dense(units: 4)])(Tensor(zeros: [2, 3, 2]))"), [2, 4])
        guard let e = h.error("Sequential { Dense(units: 3); 42 }") else { return }
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("Int"), e.message)
    }

    func testEveryLayerBuildsAndRuns() {
        let cases: [(String, String, [Int])] = [
            ("Conv1D(filters: 4, kernelSize: 3, padding: .same)", "[2, 3, 10]", [2, 4, 10]),
            ("Conv2D(filters: 4, kernelSize: 3, stride: 2)", "[2, 3, 9, 9]", [2, 4, 4, 4]),
            ("Conv2D(filters: 4, kernelSize: 3, dilation: 2)", "[1, 3, 9, 9]", [1, 4, 5, 5]),
            ("Conv3D(filters: 2, kernelSize: 3)", "[1, 1, 5, 5, 5]", [1, 2, 3, 3, 3]),
            ("DepthwiseConv2D(kernelSize: 3, padding: .same)", "[1, 3, 6, 6]", [1, 3, 6, 6]),
            ("SeparableConv2D(filters: 5, kernelSize: 3)", "[1, 3, 6, 6]", [1, 5, 4, 4]),
            ("ConvTranspose2D(filters: 2, kernelSize: 2, stride: 2, padding: .same)", "[1, 3, 4, 4]", [1, 2, 8, 8]),
            ("Dense(units: 7, useBias: false, initializer: .xavierNormal)", "[2, 5]", [2, 7]),
            ("Flatten()", "[2, 3, 4]", [2, 12]),
            ("Reshape(shape: [2, 6])", "[3, 12]", [3, 2, 6]),
            ("MaxPool1D(size: 2)", "[1, 2, 8]", [1, 2, 4]),
            ("MaxPool3D(size: 2)", "[1, 1, 4, 4, 4]", [1, 1, 2, 2, 2]),
            ("AvgPool1D(size: 2)", "[1, 2, 8]", [1, 2, 4]),
            ("AvgPool2D(size: 2)", "[1, 2, 8, 8]", [1, 2, 4, 4]),
            ("AvgPool3D(size: 2)", "[1, 1, 4, 4, 4]", [1, 1, 2, 2, 2]),
            ("GlobalAvgPool1D()", "[2, 3, 5]", [2, 3]),
            ("GlobalAvgPool2D()", "[2, 3, 5, 5]", [2, 3]),
            ("GlobalAvgPool3D()", "[2, 3, 2, 2, 2]", [2, 3]),
            ("GlobalMaxPool1D()", "[2, 3, 5]", [2, 3]),
            ("GlobalMaxPool2D()", "[2, 3, 5, 5]", [2, 3]),
            ("GlobalMaxPool3D()", "[2, 3, 2, 2, 2]", [2, 3]),
            ("BatchNorm()", "[4, 3, 2, 2]", [4, 3, 2, 2]),
            ("LayerNorm()", "[4, 6]", [4, 6]),
            ("Dropout(rate: 0.3)", "[4, 6]", [4, 6]),
            ("ReLU()", "[3]", [3]), ("LeakyReLU(alpha: 0.2)", "[3]", [3]), ("PReLU()", "[3]", [3]),
            ("ELU(alpha: 1)", "[3]", [3]), ("Sigmoid()", "[3]", [3]), ("Tanh()", "[3]", [3]),
            ("Softmax()", "[2, 3]", [2, 3]), ("Swish()", "[3]", [3]), ("Identity()", "[3]", [3]),
            ("SqueezeExcite(ratio: 2)", "[1, 4, 3, 3]", [1, 4, 3, 3]),
            ("Upsample2D(scale: 2)", "[1, 1, 3, 3]", [1, 1, 6, 6]),
            ("Sequential { PrimaryCapsules(capsules: 4, dimension: 8, kernelSize: 3, stride: 2); Capsules(count: 10, dimension: 16, routing: 3) }",
             "[2, 1, 12, 12]", [2, 10]),
        ]
        for (layer, input, expected) in cases {
            XCTAssertEqual(h.shape("\(layer)(Tensor(randomNormal: \(input), seed: 1))"), expected, layer)
        }
        XCTAssertEqual(h.shape("Embedding(vocabularySize: 10, embeddingSize: 4)(Tensor([[1, 2, 3]]))"), [1, 3, 4])
        // LeakyReLU's slope and Softmax's rows by hand.
        assertClose(h.scalars("LeakyReLU(alpha: 0.2)(Tensor([-1, 2]))"), [-0.2, 2])
        assertClose(h.scalars("Softmax()(Tensor([[0, 0]]))"), [0.5, 0.5])
    }

    func testLayerArgumentErrors() {
        guard let e = h.error("Conv2D(filters: 6)") else { return }
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("'kernelSize:'"), e.message)
        XCTAssertEqual(h.error("Dense(units: 0)")?.kind, .valueError)
        XCTAssertEqual(h.error("Dense(units: 4, activation: .sparkle)")?.kind, .valueError)
        XCTAssertEqual(h.error("Dense(units: 4, colour: 3)")?.kind, .typeError)
        XCTAssertEqual(h.error("Dropout(rate: 1.5)")?.kind, .valueError)
        XCTAssertEqual(h.error("Dense(units: 4)(Tensor(zeros: [2, 3]))(Tensor(zeros: [2, 5]))")?.kind, .typeError)
        guard let s = h.error("let d = Dense(units: 4); d(Tensor(zeros: [2, 3])); d(Tensor(zeros: [2, 5]))") else { return }
        XCTAssertEqual(s.kind, .shapeError)
    }

    func testDenseForwardWithLoadedWeights() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.safetensors").path
        h.run("""
        saveTensors(["0.weight": Tensor([[1, 2], [3, 4], [5, 6]]), "0.bias": Tensor([1, 0, -1])], to: "\(path)")
        let model = Sequential { Dense(units: 3) }
        model.load("\(path)")
        """)
        // [1, 1]·Wᵀ + b = [3, 7, 11] + [1, 0, -1]
        XCTAssertEqual(h.scalars("model(Tensor([[1, 1]]))"), [4, 7, 10])
    }

    func testSaveLoadRoundTripAndRefusalLeavesModelUnchanged() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("m.safetensors").path
        let bad = dir.appendingPathComponent("bad.safetensors").path
        h.run(lenet)
        h.run("""
        let x = Tensor(randomNormal: [2, 1, 28, 28], seed: 5)
        let y = lenet(x)
        lenet.save("\(good)")
        let other = Sequential {
            Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
            MaxPool2D(size: 2)
            Conv2D(filters: 16, kernelSize: 5, activation: .relu)
            MaxPool2D(size: 2)
            Flatten()
            Dense(units: 120, activation: .relu)
            Dense(units: 84, activation: .relu)
            Dense(units: 10)
        }
        other.load("\(good)")
        """)
        XCTAssertEqual(h.scalars("other(x)"), h.scalars("y"))
        XCTAssertEqual(h.run("print(loadTensors(\"\(good)\").keys.sorted().first!)"), "2.bias\n")
        // A file with one wrong shape is refused, naming the tensor; nothing changes.
        h.run("""
        var tensors = loadTensors("\(good)")
        tensors["7.weight"] = Tensor(zeros: [10, 83])
        saveTensors(tensors, to: "\(bad)")
        """)
        guard let e = h.error("other.load(\"\(bad)\")") else { return }
        XCTAssertEqual(e.kind, .shapeError)
        XCTAssertTrue(e.message.contains("7.weight"), e.message)
        XCTAssertEqual(h.scalars("other(x)"), h.scalars("y"))
        // A missing name is refused too.
        h.run("tensors.removeValue(forKey: \"conv1.bias\"); saveTensors(tensors, to: \"\(bad)\")")
        guard let m = h.error("other.load(\"\(bad)\")") else { return }
        XCTAssertEqual(m.kind, .valueError)
        XCTAssertTrue(m.message.contains("conv1.bias"), m.message)
        XCTAssertEqual(h.scalars("other(x)"), h.scalars("y"))
        // Saving where no file can be written is an IOError that leaves no file behind.
        XCTAssertEqual(h.error("lenet.save(\"\(dir.path)/no/such/dir/m.safetensors\")")?.kind, .ioError)
    }

    func testBatchNormStateIsSavedWithPyTorchNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bn.safetensors").path
        h.run("""
        let net = Sequential { Conv2D(filters: 2, kernelSize: 1, name: "conv"); BatchNorm(name: "bn") }
        let _ = withLearningPhase(.training) { net(Tensor(randomNormal: [4, 1, 3, 3], seed: 0)) }
        net.save("\(path)")
        """)
        XCTAssertEqual(h.run("print(loadTensors(\"\(path)\").keys.sorted())"),
                       "[\"bn.bias\", \"bn.num_batches_tracked\", \"bn.running_mean\", \"bn.running_var\", \"bn.weight\", \"conv.bias\", \"conv.weight\"]\n")
        XCTAssertEqual(h.scalars("loadTensors(\"\(path)\")[\"bn.num_batches_tracked\"]!"), [1])
    }

    func testUserLayerInsideSequentialAndTypeChecks() {
        h.run("""
        struct Block: Layer {
            var conv = Conv2D(filters: 4, kernelSize: 3, padding: .same)
            func callAsFunction(_ x: Tensor) -> Tensor { relu(conv(x)) }
        }
        let model = Sequential { Block(); GlobalAvgPool2D(); Dense(units: 2) }
        """)
        XCTAssertEqual(h.shape("model(Tensor(zeros: [1, 1, 6, 6]))"), [1, 2])
        let expected: Int = 4 * 9 + 4 + 4 * 2 + 2   // conv 4·1·3·3 + 4, dense 2·4 + 2
        XCTAssertEqual(h.run("print(model.parameterCount)"), "\(expected)\n")
        XCTAssertEqual(h.run("print(model.layerNames)"), "[\"0\", \"0.conv\", \"1\", \"2\"]\n")
        XCTAssertEqual(h.run("print(model.summary(inputShape: [1, 1, 6, 6]).rows.map { $0.name })"), "[\"0\", \"0.conv\", \"1\", \"2\"]\n")
        XCTAssertEqual(h.run("let c: Layer = Conv2D(filters: 1, kernelSize: 1); print(c is Conv2D, c is Dense)"), "true false\n")
    }

    func testInspectionShowsSignaturesAndDocs() {
        let conv = h.interpreter.inspect("conv2d", cursor: 6, detailLevel: 0) ?? ""
        XCTAssertTrue(conv.contains("filter: Tensor") && conv.contains("Convolution"), conv)
        let layer = h.interpreter.inspect("Conv2D", cursor: 6, detailLevel: 0) ?? ""
        XCTAssertTrue(layer.contains("kernelSize: Int") && layer.contains("2-D convolution"), layer)
        let tensor = h.interpreter.inspect("Tensor", cursor: 6, detailLevel: 0) ?? ""
        XCTAssertTrue(tensor.contains("randomNormal"), tensor)
        XCTAssertTrue(h.interpreter.complete("Conv", cursor: 4).matches.contains("Conv2D"))
        XCTAssertTrue(h.interpreter.complete("valueWith", cursor: 9).matches.contains("valueWithGradient"))
    }

    func testClassLayerWithAnArrayOfLayers() throws {
        h.run("""
        final class Tower: Layer {
            var blocks = [Dense(units: 4, activation: .relu), Dense(units: 4, activation: .relu)]
            var head = Dense(units: 2)
            func callAsFunction(_ x: Tensor) -> Tensor {
                var y = x
                for b in blocks { y = b(y) }
                return head(y)
            }
        }
        let tower = Tower()
        let y = tower(Tensor(ones: [3, 5]))
        let grads = gradient(at: tower) { m in m(Tensor(ones: [3, 5])).sum() }
        """)
        XCTAssertEqual(h.shape("y"), [3, 2])
        XCTAssertEqual(h.run("print(grads.paths)"),
                       "[\"blocks.0.weight\", \"blocks.0.bias\", \"blocks.1.weight\", \"blocks.1.bias\", \"head.weight\", \"head.bias\"]\n")
        // Wrapped in a Sequential, a user layer gets the library's members (summary, save, fit).
        let count: Int = (5 * 4 + 4) + (4 * 4 + 4) + (4 * 2 + 2)
        XCTAssertEqual(h.run("let wrapped = Sequential { tower }; print(wrapped.parameterCount)"), "\(count)\n")
        let adapter = try modelAdapter(for: XCTUnwrap(h.value("tower")), interpreter: h.interpreter)
        XCTAssertEqual(adapter.typeName, "Tower")
        XCTAssertThrowsError(try modelAdapter(for: .int(3), interpreter: h.interpreter))
    }

    /// Every name of LANGUAGE.md §2–3 that this library binds has a signature and a doc line
    /// for `help` and the notebook's inspector.
    func testEveryNameHasASignatureAndADoc() {
        let names = ["Tensor", "matmul", "relu", "sigmoid", "softmax", "logSoftmax", "leakyRelu", "elu", "swish", "concat",
                     "conv1d", "conv2d", "conv3d", "transposedConv2d", "maxPool2d", "avgPool2d", "globalAvgPool2d", "upsample2d",
                     "saveTensors", "loadTensors", "oneHot", "abs", "valueWithGradient", "gradient", "withLearningPhase",
                     "crossEntropy", "meanSquaredError", "binaryCrossEntropy", "marginLoss",
                     "SGD", "Adam", "AdamW", "RMSProp", "LearningRateSchedule", "Layer", "Optimizer", "Gradients",
                     "Sequential", "Residual", "Concat", "DenseBlock"] + LayerTypes.specs.map(\.name)
        for name in names {
            let text = h.interpreter.inspect(name, cursor: name.unicodeScalars.count, detailLevel: 0) ?? ""
            let parts = text.components(separatedBy: "\n\n")
            XCTAssertEqual(parts.count, 2, "\(name): \(text)")
            XCTAssertTrue(parts.first?.contains(name) ?? false, "\(name): signature \(parts.first ?? "")")
            XCTAssertGreaterThan(parts.last?.count ?? 0, 5, "\(name): doc")
        }
    }

    func testCompletionOffersMembersAddedLater() {
        h.run("let net = Sequential { Dense(units: 2) }")
        XCTAssertTrue(h.interpreter.complete("net.summ", cursor: 8).matches.contains("summary"))
        LayerValue.register(.method(NativeDeclaration("probeForCompletion", kind: .method, doc: "A member added after installation.")) { _, _ in .void },
                            for: h.interpreter)
        refreshLibraryCompletions(in: h.interpreter)
        XCTAssertTrue(h.interpreter.complete("net.probe", cursor: 9).matches.contains("probeForCompletion"))
        let help = h.interpreter.inspect("net.summary", cursor: 11, detailLevel: 0) ?? ""
        XCTAssertTrue(help.contains("inputShape: [Int]"), help)
    }

    func testMembersRegisteredForOneInterpreterStayThere() {
        let other = LibraryHarness()
        let tag = NativeDeclaration("sessionTag", kind: .method, returns: "String", doc: "Which session registered it.")
        LayerValue.register(.method(tag) { _, _ in .string("first") }, for: h.interpreter)
        LayerValue.register(.method(tag) { _, _ in .string("second") }, for: other.interpreter)
        XCTAssertEqual(h.run("print(Identity().sessionTag())"), "first\n")
        XCTAssertEqual(other.run("print(Identity().sessionTag())"), "second\n")
        XCTAssertEqual(LibraryHarness().error("Identity().sessionTag()")?.kind, .typeError)
    }

    func testCancellationCheckFollowsTheInterruptFlag() {
        let check = cancellationCheck(h.interpreter)
        XCTAssertFalse(check())
        h.interpreter.interruptFlag.set()
        XCTAssertTrue(check())
        h.interpreter.interruptFlag.clear()
        XCTAssertFalse(check())
    }

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
