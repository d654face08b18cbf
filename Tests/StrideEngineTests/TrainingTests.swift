import XCTest
@testable import StrideEngine

final class TrainingTests: XCTestCase {
    override func setUp() { EngineRandom.seed(42) }

    /// Two classes of 1×8×8 images: a bright left half or a bright right half, plus noise.
    func halves(count: Int, seed: UInt64) throws -> TrainingData {
        var rng = SplitMix64(seed: seed)
        var pixels: [Float] = [], labels: [Float] = []
        for i in 0..<count {
            let label = i % 2
            for _ in 0..<8 { for x in 0..<8 {
                let bright = (x < 4) == (label == 0)
                pixels.append((bright ? 1 : 0) + 0.3 * (rng.nextUnitFloat() - 0.5))
            } }
            labels.append(Float(label))
        }
        return try TrainingData(images: Tensor(shape: [count, 1, 8, 8], scalars: pixels), labels: Tensor(labels))
    }

    func smallNet() -> Sequential {
        Sequential {
            Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu)
            MaxPool2D(size: 2)
            Flatten()
            Dense(units: 2)
        }
    }

    func testFitLearnsAndRecordsHistory() throws {
        let model = smallNet()
        var reports = 0
        let history = try model.fit(try halves(count: 64, seed: 1), optimizer: Adam(learningRate: 0.01),
                                    options: FitOptions(epochs: 3, batchSize: 16, validation: try halves(count: 32, seed: 2),
                                                        progress: { _ in reports += 1 }))
        XCTAssertEqual(history.loss.count, 3)
        XCTAssertEqual(history.stepLoss.count, 12)
        XCTAssertEqual(history.valAccuracy.count, 3)
        XCTAssertEqual(reports, 12 + 3)
        XCTAssertLessThan(history.loss.last!, history.loss.first!)
        XCTAssertGreaterThan(history.valAccuracy.last!, 0.9)
        let metrics = try model.evaluate(try halves(count: 32, seed: 3))
        XCTAssertGreaterThan(metrics["accuracy"]!, 0.9)
        XCTAssertEqual(try model.predict(try halves(count: 10, seed: 4).images, batchSize: 3).shape, [10, 2])
    }

    func testCancellationStopsAfterTheCurrentStepKeepingHistory() throws {
        let model = smallNet()
        var steps = 0
        let history = try model.fit(try halves(count: 64, seed: 1), optimizer: SGD(learningRate: 0.1),
                                    options: FitOptions(epochs: 5, batchSize: 8, progress: { _ in steps += 1 },
                                                        isCancelled: { steps >= 3 }))
        XCTAssertTrue(history.cancelled)
        XCTAssertEqual(history.stepLoss.count, 3)
        XCTAssertThrowsError(try model.evaluate(try halves(count: 8, seed: 1), isCancelled: { true })) {
            XCTAssertEqual($0 as? EngineError, .cancelled)
        }
    }

    func testNonFiniteLossNamesTheStep() throws {
        let model = smallNet()
        let data = try halves(count: 16, seed: 1)
        var images = data.images
        images.withUnsafeMutableBufferPointer { $0[0] = .nan }
        XCTAssertThrowsError(try model.fit(try TrainingData(images: images, labels: data.labels), optimizer: SGD(),
                                           options: FitOptions(epochs: 1, batchSize: 16, shuffle: false))) {
            XCTAssertEqual(($0 as? EngineError)?.message, "the loss became NaN at epoch 1, step 1")
        }
    }

    func testEarlyStoppingRestoresBestWeightsAndCheckpointSaves() throws {
        let model = smallNet()
        var saved: [Int] = []
        // A learning rate this large makes the loss climb after the first epoch.
        let stopper = EarlyStopping(patience: 1, restoreBest: true)
        let history = try model.fit(try halves(count: 32, seed: 1), optimizer: SGD(learningRate: 50),
                                    options: FitOptions(epochs: 6, batchSize: 8, callbacks: [stopper, Checkpoint { _, e in saved.append(e) }]))
        XCTAssertTrue(history.stoppedEarly || history.loss.count == 6)
        if history.stoppedEarly {
            let best = history.loss.enumerated().min { $0.element < $1.element }!.offset
            XCTAssertEqual(history.restoredEpoch ?? history.loss.count - 1, best)
        }
        XCTAssertEqual(saved, Array(0..<history.loss.count))
    }

    func testSummaryRowsAndParameterCount() throws {
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
        XCTAssertEqual(lenet.parameterCount, 0)
        let summary = try lenet.summary(inputShape: [1, 1, 28, 28])
        XCTAssertEqual(summary.rows.map(\.name), ["conv1", "1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(summary.rows.map(\.outputShape), [[1, 6, 28, 28], [1, 6, 14, 14], [1, 16, 10, 10], [1, 16, 5, 5],
                                                         [1, 400], [1, 120], [1, 84], [1, 10]])
        // LeNet-5's classic count: 156 + 2416 + 48120 + 10164 + 850.
        XCTAssertEqual(summary.parameterCount, 61_706)
        XCTAssertEqual(lenet.parameterCount, 61_706)
        XCTAssertEqual(summary.rows.map(\.receptiveField), [5, 6, 14, 16, 16, 16, 16, 16])
        XCTAssertTrue(summary.description.contains("Total parameters: 61706"))
    }

    func testLoadingRefusesMissingNamesAndWrongShapesWithoutChanges() throws {
        let model = smallNet()
        _ = try model.summary(inputShape: [1, 1, 8, 8])
        let before = model.namedTensors().map(\.tensor)
        var tensors = Dictionary(uniqueKeysWithValues: model.namedTensors().map { ($0.path, try! $0.tensor * 2) })
        tensors["3.bias"] = nil
        XCTAssertThrowsError(try model.loadNamedTensors(tensors)) { XCTAssertTrue("\($0)".contains("3.bias")) }
        tensors["3.bias"] = try Tensor(zeros: [3])
        XCTAssertThrowsError(try model.loadNamedTensors(tensors)) { XCTAssertTrue("\($0)".contains("3.bias")) }
        XCTAssertEqual(model.namedTensors().map(\.tensor), before)
        tensors["3.bias"] = try Tensor(zeros: [2])
        try model.loadNamedTensors(tensors)
        XCTAssertEqual(model.namedTensors()[0].tensor, try before[0] * 2)
        // A refused load leaves a model that was never called unbuilt.
        let fresh = smallNet()
        tensors["3.bias"] = nil
        XCTAssertThrowsError(try fresh.loadNamedTensors(tensors))
        XCTAssertEqual(fresh.namedParameters().count, 0)
    }

    func testAugmentationsAreSeededAndShapePreserving() throws {
        let batch = try halves(count: 4, seed: 1).images
        let augment = Augmentation {
            RandomFlip(.horizontal); RandomRotation(degrees: 10); RandomShift(pixels: 2); RandomNoise(standardDeviation: 0.1)
        }
        let a = try augment.apply(to: batch, seed: 5), b = try augment.apply(to: batch, seed: 5)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.shape, batch.shape)
        XCTAssertNotEqual(a, batch)
        // A flip applied twice with the same draws is the identity.
        var rng1 = SplitMix64(seed: 9), rng2 = SplitMix64(seed: 9)
        let once = try RandomFlip(.vertical).apply(to: batch, rng: &rng1)
        XCTAssertEqual(try RandomFlip(.vertical).apply(to: once, rng: &rng2), batch)
        XCTAssertThrowsError(try RandomShift(pixels: 1).apply(to: Tensor(zeros: [2, 3]), rng: &rng1))
    }

    func testModelGradientCoversLazyParametersAndSchedules() throws {
        let model = Dense(units: 2)
        let grads = try gradient(at: model) { m in try m(try Tensor(ones: [3, 4])).sum() }
        XCTAssertEqual(grads.paths, ["weight", "bias"])
        XCTAssertEqual(grads["bias"]!.scalars, [3, 3])
        XCTAssertEqual(grads["weight"]!.scalars, [Float](repeating: 3, count: 8))
        let step = LearningRateSchedule(.step(every: 2, factor: 0.5))
        XCTAssertEqual((0..<5).map { step.rate(base: 1, epoch: $0) }, [1, 1, 0.5, 0.5, 0.25])
        let cosine = LearningRateSchedule(.cosine(epochs: 4))
        XCTAssertEqual(cosine.rate(base: 1, epoch: 2), 0.5, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(base: 1, epoch: 4), 0, accuracy: 1e-6)
    }

    func testFeatureMapsAndActivationGradients() throws {
        let model = Sequential { Conv2D(filters: 3, kernelSize: 3, name: "conv1"); Flatten(); Dense(units: 2, name: "head") }
        let x = randn([1, 1, 6, 6], seed: 3)
        let maps = try model.activations(of: x, at: ["conv1"])
        XCTAssertEqual(maps["conv1"]?.shape, [1, 3, 4, 4])
        let (act, grad) = try model.activationAndGradient(of: x, at: "conv1") { try $0[0, 1] }
        XCTAssertEqual(act.shape, [1, 3, 4, 4])
        // The gradient of output 1 with respect to the conv output is the head's weight row 1.
        let head = model.layer(at: "head") as! Dense
        XCTAssertEqual(grad.scalars, try head.weight!.value[1].scalars)
        XCTAssertThrowsError(try model.activations(of: x, at: ["nope"]))
    }
}

extension TrainingTests {
    func testTrainingDataFromADataset() throws {
        let dataset = try Dataset(images: HostTensor(shape: [3, 1, 2, 2], scalars: (0..<12).map(Float.init)), labels: [0, 2, 1])
        let data = try TrainingData(dataset)
        XCTAssertEqual(data.images.shape, [3, 1, 2, 2])
        XCTAssertEqual(data.labels.scalars, [0, 2, 1])
        XCTAssertEqual(data.count, 3)
    }
}
