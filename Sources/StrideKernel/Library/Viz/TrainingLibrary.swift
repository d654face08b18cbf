import StrideEngine
import StrideLanguage

/// `model.fit` with its live chart, `evaluate`, `predict`, `model.history`, and the values fit
/// takes: `Augment { ... }` with its steps, `EarlyStopping`, `Checkpoint`.
enum TrainingLibrary {
    /// Installs the types and the model members; `surface` gives the running cell's display
    /// (nil when there is none, e.g. in a plain interpreter).
    static func install(into interp: Interpreter, histories: ModelHistories,
                        surface: @escaping () -> TrainingDisplaySurface?) {
        LayerValue.registerMethod("fit", signature: fitSignature, doc: fitDoc) { model, call in
            try fit(model.layer, call, histories: histories, historyKey: model.historyKey, surface: surface())
        }
        LayerValue.registerMethod("evaluate", signature: "func evaluate(_ data: Dataset, loss: Loss = .crossEntropy, batchSize: Int = 256) -> [String: Double]",
                                  doc: "The mean loss and accuracy over `data` in inference mode: [\"loss\": ..., \"accuracy\": ...].") { model, call in
            try call.expect(["loss", "batchSize"], unlabelled: 1)
            let data = try trainingData(try call.required(nil), "evaluate")
            let loss = try lossFunction(call)
            let batchSize = try call.int("batchSize", default: 256)
            let metrics = try bridgingErrors {
                try model.layer.evaluate(data, loss: loss, batchSize: batchSize, isCancelled: cancellationCheck(call.interpreter))
            }
            var pairs: [(Value, Value)] = [(.string("loss"), .double(metrics["loss"] ?? .nan))]
            if let accuracy = metrics["accuracy"] { pairs.append((.string("accuracy"), .double(accuracy))) }
            return .dictionary(DictionaryStorage.from(pairs))
        }
        LayerValue.registerMethod("predict", signature: "func predict(_ images: Tensor or Dataset) -> [Int]",
                                  doc: "The predicted class of each image (the index of the largest output), in inference mode; for outputs that are not class scores, the outputs as a Tensor. `model(x)` gives the raw scores.") { model, call in
            try call.expect([], unlabelled: 1)
            let images = try imagesArgument(try call.required(nil), "predict")
            let outputs = try bridgingErrors {
                try model.layer.predict(images, isCancelled: cancellationCheck(call.interpreter))
            }
            guard outputs.rank == 2, outputs.shape[1] > 1 else { return .tensor(outputs) }
            return .array(try bridgingErrors { try outputs.argmax(axis: 1) }.scalars.map { .int(Int($0)) })
        }
        LayerValue.registerProperty("history", signature: "var history: History?",
                                    doc: "The History of the model's last fit, also when it was stopped or failed (nil before any fit).") { model in
            histories.history(of: model.historyKey).map { .some(.native($0)) } ?? .none
        }

        defineAugmentations(interp)
        defineCallbacks(interp)
    }

    static let fitSignature = "func fit(_ data: Dataset, epochs: Int = 1, batchSize: Int = 32, optimizer: Optimizer = Adam(), loss: Loss = .crossEntropy, validation: Dataset? = nil, augment: Augment? = nil, callbacks: [Callback] = [], schedule: LearningRateSchedule? = nil, shuffle: Bool = true, seed: Int = 0) -> History"
    static let fitDoc = "Trains the model and returns its History. While it runs, the cell shows one live chart and one progress line, updated in place; stopping the cell ends training after the current step and keeps the weights and `model.history`."

    /// Runs a fit with the live display on `surface`.
    static func fit(_ model: Layer, _ call: NativeCall, histories: ModelHistories, historyKey: AnyObject,
                    surface: TrainingDisplaySurface?) throws -> Value {
        try call.expect(["epochs", "batchSize", "optimizer", "loss", "validation", "augment", "callbacks",
                         "schedule", "shuffle", "seed"], unlabelled: 1)
        let data = try trainingData(try call.required(nil), "fit")
        var options = FitOptions()
        options.epochs = try call.int("epochs", default: 1)
        options.batchSize = try call.int("batchSize", default: 32)
        guard options.epochs >= 0 else { throw StrideError(.valueError, "fit: epochs must not be negative, got \(options.epochs)") }
        guard options.batchSize >= 1 else { throw StrideError(.valueError, "fit: batchSize must be at least 1, got \(options.batchSize)") }
        options.loss = try lossFunction(call)
        if let v = call.argument("validation"), v.unwrappedOptional.isNotNil {
            options.validation = try trainingData(v.unwrappedOptional, "fit: validation")
        }
        if let v = call.argument("augment"), v.unwrappedOptional.isNotNil {
            guard case .native(let n) = v.unwrappedOptional, let augment = n as? AugmentValue else {
                throw StrideError(.typeError, "fit: argument 'augment:' must be an Augment { ... }, got \(v.typeName)")
            }
            options.augmentation = augment.augmentation
        }
        options.callbacks = try callbacks(call)
        if let v = call.argument("schedule"), v.unwrappedOptional.isNotNil {
            guard case .native(let n) = v.unwrappedOptional, let schedule = n as? ScheduleValue else {
                throw StrideError(.typeError, "fit: argument 'schedule:' must be a LearningRateSchedule, got \(v.typeName)")
            }
            options.schedule = schedule.schedule
        }
        options.shuffle = try call.bool("shuffle", default: true)
        let seed = try call.int("seed", default: 0)
        guard seed >= 0 else { throw StrideError(.valueError, "fit: seed must not be negative, got \(seed)") }
        options.seed = UInt64(seed)
        let optimizer = try optimizerArgument(call)

        let display = surface.map {
            LiveTrainingDisplay(surface: $0, epochs: options.epochs,
                                stepsPerEpoch: (data.count + options.batchSize - 1) / options.batchSize)
        }
        var latest = History()
        options.progress = { progress in
            latest = progress.history
            display?.report(FitSnapshot(progress))
        }
        options.isCancelled = cancellationCheck(call.interpreter)
        display?.begin()
        let history: History
        do {
            history = try model.fit(data, optimizer: optimizer, options: options)
        } catch {
            // A NaN loss or a failed callback: keep what was learned so far, as Keras does.
            latest.cancelled = true
            histories.set(HistoryValue(latest, plannedEpochs: options.epochs), for: historyKey)
            display?.finish(history: latest, completed: false)
            throw StrideError.converting(error)
        }
        let value = HistoryValue(history, plannedEpochs: options.epochs)
        histories.set(value, for: historyKey)
        display?.finish(history: history, completed: !history.cancelled)
        if history.cancelled {
            let steps = history.stepLoss.count
            throw StrideError(.interrupted, "training stopped after \(steps) step\(steps == 1 ? "" : "s") (\(history.loss.count) complete epoch\(history.loss.count == 1 ? "" : "s")); the model keeps its weights and model.history the steps so far")
        }
        return .native(value)
    }

    /// Samples and labels from a Dataset or an `(images: Tensor, labels: Tensor)` tuple.
    static func trainingData(_ v: Value, _ what: String) throws -> TrainingData {
        switch v.unwrappedOptional {
        case .native(let n as DatasetValue):
            return try bridgingErrors { try n.trainingData }
        case .tuple(let t) where t.elements.count == 2:
            guard let images = t.elements[0].asTensor else {
                throw StrideError(.typeError, "\(what): the images must be a Tensor, got \(t.elements[0].typeName)")
            }
            let labels = try t.elements[1].asTensor
                ?? Tensor(shape: [try labelList(t.elements[1], "\(what): labels").count],
                          scalars: labelList(t.elements[1], "\(what): labels").map(Float.init))
            return try bridgingErrors { try TrainingData(images: images, labels: labels) }
        default:
            throw StrideError(.typeError, "\(what): expected a Dataset or an (images, labels) tuple, got \(v.typeName)")
        }
    }

    /// Images from a Tensor `[N, ...]` or a Dataset.
    static func imagesArgument(_ v: Value, _ what: String) throws -> Tensor {
        if let t = v.asTensor { return t }
        if case .native(let n as DatasetValue) = v.unwrappedOptional { return try bridgingErrors { try n.images } }
        throw StrideError(.typeError, "\(what): expected a Tensor of images or a Dataset, got \(v.typeName)")
    }

    static func lossFunction(_ call: NativeCall) throws -> Loss {
        switch try call.choice("loss", ["crossEntropy", "meanSquaredError", "binaryCrossEntropy", "margin"]) {
        case "meanSquaredError": return .meanSquaredError
        case "binaryCrossEntropy": return .binaryCrossEntropy
        case "margin": return .margin
        default: return .crossEntropy
        }
    }

    static func optimizerArgument(_ call: NativeCall) throws -> Optimizer {
        guard let v = call.argument("optimizer") else { return Adam() }
        guard case .native(let n) = v.unwrappedOptional, let optimizer = n as? OptimizerValue else {
            throw StrideError(.typeError, "fit: argument 'optimizer:' must be an optimizer such as Adam(learningRate: 1e-3), got \(v.typeName)")
        }
        return optimizer.optimizer
    }

    static func callbacks(_ call: NativeCall) throws -> [TrainingCallback] {
        guard let v = call.argument("callbacks") else { return [] }
        guard case .array(let items) = v.unwrappedOptional else {
            throw StrideError(.typeError, "fit: argument 'callbacks:' must be an array such as [EarlyStopping(patience: 2)], got \(v.typeName)")
        }
        return try items.map { item in
            guard case .native(let n) = item.unwrappedOptional, let callback = n as? CallbackValue else {
                throw StrideError(.typeError, "fit: callbacks must be EarlyStopping(...) or Checkpoint(...), found \(item.typeName)")
            }
            return callback.make()
        }
    }

    private static func defineAugmentations(_ interp: Interpreter) {
        func step(_ name: String, _ signature: String, _ doc: String,
                  _ make: @escaping (NativeCall) throws -> AugmentationStepValue) {
            interp.defineNativeType(NativeTypeInfo(name: name, doc: doc, initSignatures: [signature],
                                                   construct: { call in .native(try make(call)) }))
        }
        step("RandomFlip", "RandomFlip(_ direction: .horizontal or .vertical = .horizontal)",
             "Flips each image left-right (or upside down) with probability 1/2.") { call in
            try call.expect([], unlabelled: 1)
            let vertical = try call.choice(nil, ["horizontal", "vertical"]) == "vertical"
            return AugmentationStepValue(RandomFlip(vertical ? .vertical : .horizontal),
                                         description: "RandomFlip(.\(vertical ? "vertical" : "horizontal"))")
        }
        step("RandomRotation", "RandomRotation(degrees: Double)",
             "Rotates each image by a random angle in ±degrees about its centre.") { call in
            try call.expect(["degrees"])
            let degrees = try call.double("degrees", default: .nan)
            guard degrees.isFinite, degrees >= 0 else { throw StrideError(.valueError, "RandomRotation: degrees must be a number ≥ 0") }
            return AugmentationStepValue(RandomRotation(degrees: Float(degrees)), description: "RandomRotation(degrees: \(degrees))")
        }
        step("RandomShift", "RandomShift(pixels: Int)",
             "Shifts each image by up to `pixels` in each direction, filling with zeros.") { call in
            try call.expect(["pixels"])
            let pixels = try call.requiredInt("pixels")
            guard pixels >= 0 else { throw StrideError(.valueError, "RandomShift: pixels must be ≥ 0, got \(pixels)") }
            return AugmentationStepValue(RandomShift(pixels: pixels), description: "RandomShift(pixels: \(pixels))")
        }
        step("RandomNoise", "RandomNoise(standardDeviation: Double)",
             "Adds Gaussian noise of the given standard deviation to every pixel.") { call in
            try call.expect(["standardDeviation"])
            let sd = try call.double("standardDeviation", default: .nan)
            guard sd.isFinite, sd >= 0 else { throw StrideError(.valueError, "RandomNoise: standardDeviation must be a number ≥ 0") }
            return AugmentationStepValue(RandomNoise(standardDeviation: Float(sd)), description: "RandomNoise(standardDeviation: \(sd))")
        }
        interp.defineNativeType(NativeTypeInfo(
            name: "Augment", doc: "The augmentation steps applied in order to every training batch: Augment { RandomRotation(degrees: 10); RandomShift(pixels: 2) }.",
            initSignatures: ["Augment { steps }"],
            construct: { call in
                let body = try call.closure(nil)
                let values = try call.interpreter.callCollecting(body, [])
                return .native(AugmentValue(try values.map { v in
                    guard case .native(let n) = v.unwrappedOptional, let s = n as? AugmentationStepValue else {
                        throw StrideError(.typeError, "Augment: each line must be an augmentation step such as RandomFlip(.horizontal), found \(v.typeName)")
                    }
                    return s
                }))
            }))
    }

    private static func defineCallbacks(_ interp: Interpreter) {
        interp.defineNativeType(NativeTypeInfo(
            name: "EarlyStopping", doc: "Stops training when the validation loss (the training loss without validation data) has not improved for `patience` epochs; with `restoreBest`, the model gets back the weights of its best epoch.",
            initSignatures: ["EarlyStopping(patience: Int = 3, restoreBest: Bool = false, minDelta: Double = 0)"],
            construct: { call in
                try call.expect(["patience", "restoreBest", "minDelta"])
                let patience = try call.int("patience", default: 3)
                guard patience >= 1 else { throw StrideError(.valueError, "EarlyStopping: patience must be at least 1, got \(patience)") }
                let restore = try call.bool("restoreBest", default: false)
                let delta = try call.double("minDelta", default: 0)
                return .native(CallbackValue(typeName: "EarlyStopping",
                                             description: "EarlyStopping(patience: \(patience), restoreBest: \(restore))") {
                    EarlyStopping(patience: patience, restoreBest: restore, minDelta: delta)
                })
            }))
        interp.defineNativeType(NativeTypeInfo(
            name: "Checkpoint", doc: "Saves the model to `path` (safetensors) after every epoch, or with `saveBestOnly` only when the monitored loss improves.",
            initSignatures: ["Checkpoint(path: String, saveBestOnly: Bool = false)"],
            construct: { call in
                try call.expect(["path", "saveBestOnly"])
                let path = try call.requiredString("path")
                let best = try call.bool("saveBestOnly", default: false)
                return .native(CallbackValue(typeName: "Checkpoint", description: "Checkpoint(path: \"\(path)\")") {
                    Checkpoint(saveBestOnly: best) { model, _ in try ModelFiles.save(model, to: path) }
                })
            }))
    }
}

extension Value {
    /// False for nil (`.none`), true otherwise.
    var isNotNil: Bool { if case .none = self { return false }; return true }
}
