import Foundation

/// Options of a training run beyond the model, the data and the optimizer.
public struct FitOptions {
    public var epochs: Int = 1
    public var batchSize: Int = 32
    public var loss: Loss = .crossEntropy
    public var validation: TrainingData? = nil
    public var augmentation: Augmentation? = nil
    public var callbacks: [TrainingCallback] = []
    public var schedule: LearningRateSchedule? = nil
    /// Reshuffle the training data every epoch (from `seed`).
    public var shuffle: Bool = true
    public var seed: UInt64 = 0
    /// Called after every step and epoch (the host draws its live chart from it).
    public var progress: ((TrainingProgress) -> Void)? = nil
    /// Polled before every step; when it returns true, training stops keeping the weights
    /// and the history of the completed steps (`History.cancelled`).
    public var isCancelled: (() -> Bool)? = nil

    /// Default options.
    public init(epochs: Int = 1, batchSize: Int = 32, loss: Loss = .crossEntropy, validation: TrainingData? = nil,
                augmentation: Augmentation? = nil, callbacks: [TrainingCallback] = [], schedule: LearningRateSchedule? = nil,
                shuffle: Bool = true, seed: UInt64 = 0, progress: ((TrainingProgress) -> Void)? = nil,
                isCancelled: (() -> Bool)? = nil) {
        self.epochs = epochs; self.batchSize = batchSize; self.loss = loss; self.validation = validation
        self.augmentation = augmentation; self.callbacks = callbacks; self.schedule = schedule; self.shuffle = shuffle
        self.seed = seed; self.progress = progress; self.isCancelled = isCancelled
    }
}

/// The fraction of correct predictions: argmax for class scores, 0.5 threshold for
/// single probabilities; nil when labels are not class indices.
func accuracy(_ output: Tensor, _ labels: Tensor, loss: Loss) -> Double? {
    let n = output.shape.first ?? 0
    guard n > 0 else { return nil }
    if loss == .binaryCrossEntropy {
        guard output.scalarCount == labels.scalarCount else { return nil }
        var correct = 0
        for i in 0..<output.scalarCount where (output.pointer[i] > 0.5) == (labels.pointer[i] > 0.5) { correct += 1 }
        return Double(correct) / Double(output.scalarCount)
    }
    guard output.rank == 2, labels.shape == [n], let predicted = try? output.argmax(axis: 1) else { return nil }
    var correct = 0
    for i in 0..<n where predicted.pointer[i] == labels.pointer[i] { correct += 1 }
    return Double(correct) / Double(n)
}

extension Layer {
    /// Trains the model with `optimizer` on `data` and returns what happened.
    /// A NaN or infinite loss stops training with a `ValueError` naming the epoch and step.
    public func fit(_ data: TrainingData, optimizer: Optimizer, options: FitOptions) throws -> History {
        guard options.epochs >= 0, options.batchSize >= 1 else {
            throw EngineError.value("fit: epochs must be at least 0 and batchSize at least 1")
        }
        var history = History()
        let n = data.count
        guard n > 0 else { throw EngineError.value("fit: the training data is empty") }
        let steps = (n + options.batchSize - 1) / options.batchSize
        history.stepsPerEpoch = steps
        let baseRate = optimizer.learningRate
        for callback in options.callbacks { try callback.trainingWillBegin(model: self) }
        var rng = SplitMix64(seed: options.seed)
        let start = Date()
        var imagesSeen = 0
        var model = self
        epochs: for epoch in 0..<options.epochs {
            if let schedule = options.schedule { optimizer.learningRate = schedule.rate(base: baseRate, epoch: epoch) }
            history.learningRate.append(Double(optimizer.learningRate))
            var order = Array(0..<n)
            if options.shuffle { order.shuffle(using: &rng) }
            var lossSum = 0.0, accuracySum = 0.0, accuracyCount = 0, seen = 0
            for step in 0..<steps {
                if options.isCancelled?() == true { history.cancelled = true; break epochs }
                let indices = Array(order[(step * options.batchSize)..<Swift.min(n, (step + 1) * options.batchSize)])
                var images = try data.images.gathering(rows: indices)
                let labels = try data.labels.gathering(rows: indices)
                if let augmentation = options.augmentation { images = try augmentation.apply(to: images, seed: rng.next()) }
                var output = Tensor(0)
                let (lossValue, grads) = try valueWithGradient(at: model) { m -> Tensor in
                    output = try m(images)
                    return try options.loss(output, labels)
                }
                let value = try lossValue.scalarValue()
                guard value.isFinite else {
                    throw EngineError.value("the loss became \(value.isNaN ? "NaN" : "infinite") at epoch \(epoch + 1), step \(step + 1)")
                }
                try optimizer.update(&model, along: grads)
                let batchAccuracy = accuracy(output.detached(), labels, loss: options.loss)
                history.stepLoss.append(Double(value))
                if let a = batchAccuracy { history.stepAccuracy.append(a); accuracySum += a * Double(indices.count); accuracyCount += indices.count }
                lossSum += Double(value) * Double(indices.count)
                seen += indices.count
                imagesSeen += indices.count
                if let progress = options.progress {
                    let elapsed = Date().timeIntervalSince(start)
                    let done = Double(epoch * steps + step + 1), total = Double(options.epochs * steps)
                    progress(TrainingProgress(event: .step, epoch: epoch, epochs: options.epochs, step: step + 1, stepsPerEpoch: steps,
                                              loss: lossSum / Double(seen), accuracy: accuracyCount > 0 ? accuracySum / Double(accuracyCount) : nil,
                                              imagesPerSecond: Double(imagesSeen) / Swift.max(elapsed, 1e-9),
                                              elapsed: elapsed, remaining: elapsed / done * (total - done), history: history))
                }
            }
            history.loss.append(lossSum / Double(Swift.max(seen, 1)))
            if accuracyCount > 0 { history.accuracy.append(accuracySum / Double(accuracyCount)) }
            if let validation = options.validation {
                let metrics = try evaluate(validation, loss: options.loss, batchSize: Swift.max(options.batchSize, 256),
                                           isCancelled: options.isCancelled)
                history.valLoss.append(metrics["loss"]!)
                if let a = metrics["accuracy"] { history.valAccuracy.append(a) }
            }
            if let progress = options.progress {
                let elapsed = Date().timeIntervalSince(start)
                let done = Double((epoch + 1) * steps), total = Double(options.epochs * steps)
                progress(TrainingProgress(event: .epochEnd, epoch: epoch, epochs: options.epochs, step: steps, stepsPerEpoch: steps,
                                          loss: history.loss.last!, accuracy: history.accuracy.last,
                                          imagesPerSecond: Double(imagesSeen) / Swift.max(elapsed, 1e-9),
                                          elapsed: elapsed, remaining: elapsed / done * (total - done), history: history))
            }
            var stop = false
            for callback in options.callbacks where try callback.epochDidEnd(epoch: epoch, history: history, model: self) { stop = true }
            if stop { history.stoppedEarly = true; break }
        }
        for callback in options.callbacks { try callback.trainingDidEnd(model: self, history: &history) }
        return history
    }

    /// The mean loss (and accuracy when the labels are classes) over `data`, in the
    /// inference phase. Throws `EngineError.cancelled` when `isCancelled` returns true.
    public func evaluate(_ data: TrainingData, loss: Loss = .crossEntropy, batchSize: Int = 256,
                         isCancelled: (() -> Bool)? = nil) throws -> [String: Double] {
        guard batchSize >= 1 else { throw EngineError.value("evaluate: batchSize must be at least 1") }
        var lossSum = 0.0, accuracySum = 0.0, hasAccuracy = true
        let n = data.count
        guard n > 0 else { throw EngineError.value("evaluate: the data is empty") }
        try withLearningPhase(.inference) {
            var start = 0
            while start < n {
                if isCancelled?() == true { throw EngineError.cancelled }
                let end = Swift.min(n, start + batchSize)
                let images = try data.images.slice(start..<end), labels = try data.labels.slice(start..<end)
                let output = try self(images)
                lossSum += Double(try loss(output, labels).scalarValue()) * Double(end - start)
                if let a = accuracy(output, labels, loss: loss) { accuracySum += a * Double(end - start) } else { hasAccuracy = false }
                start = end
            }
        }
        var result = ["loss": lossSum / Double(n)]
        if hasAccuracy { result["accuracy"] = accuracySum / Double(n) }
        return result
    }

    /// The model's outputs for `images` [N, ...], computed in batches in the inference phase.
    public func predict(_ images: Tensor, batchSize: Int = 256, isCancelled: (() -> Bool)? = nil) throws -> Tensor {
        guard batchSize >= 1 else { throw EngineError.value("predict: batchSize must be at least 1") }
        guard images.rank >= 1, images.shape[0] > 0 else { throw EngineError.value("predict: no images given") }
        return try withLearningPhase(.inference) {
            var outputs: [Tensor] = []
            var start = 0
            while start < images.shape[0] {
                if isCancelled?() == true { throw EngineError.cancelled }
                let end = Swift.min(images.shape[0], start + batchSize)
                outputs.append(try self(images.detached().slice(start..<end)).detached())
                start = end
            }
            return outputs.count == 1 ? outputs[0] : try concat(outputs, axis: 0)
        }
    }
}
