import StrideEngine
import StrideLanguage

/// `model.fit` with its live chart, `evaluate`, `predict`, `model.history`, and the values fit
/// takes: `Augment { ... }` with its steps, `EarlyStopping`, `Checkpoint`.
enum TrainingLibrary {
    /// Installs the types and the model members; `surface` gives the running cell's display
    /// (nil when there is none, e.g. in a plain interpreter).
    static func install(into interp: Interpreter, histories: ModelHistories,
                        surface: @escaping () -> TrainingDisplaySurface?) {
        // Per interpreter: the bodies keep this session's histories and display.
        LayerValue.register(.method(fitDeclaration) { model, args in
            try fit(model.layer, args, histories: histories, historyKey: model.historyKey, surface: surface())
        }, for: interp)
        LayerValue.register(.method(NativeDeclaration(
            "evaluate", kind: .method, [.value("_ data", "Dataset"), loss, .int("batchSize", 256)], returns: "[String: Double]",
            doc: "The mean loss and accuracy over `data` in inference mode: [\"loss\": ..., \"accuracy\": ...].")
        ) { model, args in
            let data = try trainingData(try args.required("data"), "evaluate")
            let loss = try lossFunction(args)
            let batchSize = try args.int("batchSize")
            let metrics = try bridgingErrors {
                try model.layer.evaluate(data, loss: loss, batchSize: batchSize, isCancelled: cancellationCheck(args.interpreter))
            }
            var pairs: [(Value, Value)] = [(.string("loss"), .double(metrics["loss"] ?? .nan))]
            if let accuracy = metrics["accuracy"] { pairs.append((.string("accuracy"), .double(accuracy))) }
            return .dictionary(DictionaryStorage.from(pairs))
        }, for: interp)
        LayerValue.register(.method(NativeDeclaration(
            "predict", kind: .method, [.value("_ images", "Tensor or Dataset")], returns: "[Int]",
            doc: "The predicted class of each image (the index of the largest output), in inference mode; for outputs that are not class scores, the outputs as a Tensor. `model(x)` gives the raw scores.")
        ) { model, args in
            let images = try imagesArgument(try args.required("images"), "predict")
            let outputs = try bridgingErrors {
                try model.layer.predict(images, isCancelled: cancellationCheck(args.interpreter))
            }
            guard outputs.rank == 2, outputs.shape[1] > 1 else { return .tensor(outputs) }
            return .array(try bridgingErrors { try outputs.argmax(axis: 1) }.scalars.map { .int(Int($0)) })
        }, for: interp)
        LayerValue.register(.property("history", "History?",
                                      doc: "The History of the model's last fit, also when it was stopped or failed (nil before any fit).") { model in
            histories.history(of: model.historyKey).map { .some(.native($0)) } ?? .none
        }, for: interp)

        defineAugmentations(interp)
        defineCallbacks(interp)
    }

    /// `loss: Loss = .crossEntropy`.
    static let loss = NativeParameter("loss", "Loss", .value(.symbol(Symbol(name: "crossEntropy"))))

    static let fitDeclaration = NativeDeclaration("fit", kind: .method, [
        .value("_ data", "Dataset"), .int("epochs", 1), .int("batchSize", 32),
        .init("optimizer", "Optimizer", .none, shown: "Adam()"), loss, .optionalValue("validation", "Dataset?"),
        .optionalValue("augment", "Augment?"), .value("callbacks", "[Callback]", default: .array([])),
        .optionalValue("schedule", "LearningRateSchedule?"), .bool("shuffle", true), .int("seed", 0),
        .bool("controls", false),
    ], returns: "History", doc: "Trains the model and returns its History. While it runs, the cell shows one live chart and one progress line, updated in place; stopping the cell ends training after the current step and keeps the weights and `model.history`. With `controls: true`, a learning-rate slider (read at the next step) and pause/resume and stop buttons (stop acts as stopping the cell) appear above the chart.")

    /// Runs a fit with the live display on `surface`.
    static func fit(_ model: Layer, _ args: NativeArguments, histories: ModelHistories, historyKey: AnyObject,
                    surface: TrainingDisplaySurface?) throws -> Value {
        let data = try trainingData(try args.required("data"), "fit")
        var options = FitOptions()
        options.epochs = try args.int("epochs")
        options.batchSize = try args.int("batchSize")
        guard options.epochs >= 0 else { throw StrideError(.valueError, "fit: epochs must not be negative, got \(options.epochs)") }
        guard options.batchSize >= 1 else { throw StrideError(.valueError, "fit: batchSize must be at least 1, got \(options.batchSize)") }
        options.loss = try lossFunction(args)
        if let v = try args.value("validation") {
            options.validation = try trainingData(v, "fit: validation")
        }
        if let v = try args.value("augment") {
            guard case .native(let n) = v, let augment = n as? AugmentValue else {
                throw StrideError(.typeError, "fit: argument 'augment:' must be an Augment { ... }, got \(v.typeName)")
            }
            options.augmentation = augment.augmentation
        }
        options.callbacks = try callbacks(args)
        if let v = try args.value("schedule") {
            guard case .native(let n) = v, let schedule = n as? ScheduleValue else {
                throw StrideError(.typeError, "fit: argument 'schedule:' must be a LearningRateSchedule, got \(v.typeName)")
            }
            options.schedule = schedule.schedule
        }
        options.shuffle = try args.bool("shuffle")
        let seed = try args.int("seed")
        guard seed >= 0 else { throw StrideError(.valueError, "fit: seed must not be negative, got \(seed)") }
        options.seed = UInt64(seed)
        let optimizer = try optimizerArgument(args)

        let display = surface.map {
            LiveTrainingDisplay(surface: $0, epochs: options.epochs,
                                stepsPerEpoch: (data.count + options.batchSize - 1) / options.batchSize)
        }
        var latest = History()
        options.progress = { progress in
            latest = progress.history
            display?.report(FitSnapshot(progress))
        }
        let interrupted = cancellationCheck(args.interpreter)
        let controls = try args.bool("controls") ? try FitControlsHook.controls(for: args.interpreter, optimizer: optimizer) : nil
        defer { controls?.finish() }
        options.isCancelled = controls.map { controls in { controls.shouldStop() || interrupted() } } ?? interrupted
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

    static func lossFunction(_ args: NativeArguments) throws -> Loss {
        switch try args.choice("loss", ["crossEntropy", "meanSquaredError", "binaryCrossEntropy", "margin"]) {
        case "meanSquaredError": return .meanSquaredError
        case "binaryCrossEntropy": return .binaryCrossEntropy
        case "margin": return .margin
        default: return .crossEntropy
        }
    }

    static func optimizerArgument(_ args: NativeArguments) throws -> Optimizer {
        guard let v = args.given("optimizer") else { return Adam() }
        guard case .native(let n) = v.unwrappedOptional, let optimizer = n as? OptimizerValue else {
            throw StrideError(.typeError, "fit: argument 'optimizer:' must be an optimizer such as Adam(learningRate: 1e-3), got \(v.typeName)")
        }
        return optimizer.optimizer
    }

    static func callbacks(_ args: NativeArguments) throws -> [TrainingCallback] {
        let v = try args.required("callbacks")
        guard case .array(let items) = v else {
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
        func step(_ declaration: NativeDeclaration, _ make: @escaping (NativeArguments) throws -> AugmentationStepValue) {
            interp.defineNativeType(NativeTypeInfo(declaration, construct: { args in .native(try make(args)) }))
        }
        step(NativeDeclaration("RandomFlip", [.init("_ direction", ".horizontal or .vertical", .value(.symbol(Symbol(name: "horizontal"))))],
                               doc: "Flips each image left-right (or upside down) with probability 1/2.")) { args in
            let vertical = try args.choice("direction", ["horizontal", "vertical"]) == "vertical"
            return AugmentationStepValue(RandomFlip(vertical ? .vertical : .horizontal),
                                         description: "RandomFlip(.\(vertical ? "vertical" : "horizontal"))")
        }
        step(NativeDeclaration("RandomRotation", [.double("degrees")],
                               doc: "Rotates each image by a random angle in ±degrees about its centre.")) { args in
            let degrees = try args.double("degrees")
            guard degrees.isFinite, degrees >= 0 else { throw StrideError(.valueError, "RandomRotation: degrees must be a number ≥ 0") }
            return AugmentationStepValue(RandomRotation(degrees: Float(degrees)), description: "RandomRotation(degrees: \(degrees))")
        }
        step(NativeDeclaration("RandomShift", [.int("pixels")],
                               doc: "Shifts each image by up to `pixels` in each direction, filling with zeros.")) { args in
            let pixels = try args.int("pixels")
            guard pixels >= 0 else { throw StrideError(.valueError, "RandomShift: pixels must be ≥ 0, got \(pixels)") }
            return AugmentationStepValue(RandomShift(pixels: pixels), description: "RandomShift(pixels: \(pixels))")
        }
        step(NativeDeclaration("RandomNoise", [.double("standardDeviation")],
                               doc: "Adds Gaussian noise of the given standard deviation to every pixel.")) { args in
            let sd = try args.double("standardDeviation")
            guard sd.isFinite, sd >= 0 else { throw StrideError(.valueError, "RandomNoise: standardDeviation must be a number ≥ 0") }
            return AugmentationStepValue(RandomNoise(standardDeviation: Float(sd)), description: "RandomNoise(standardDeviation: \(sd))")
        }
        interp.defineNativeType(NativeTypeInfo(
            NativeDeclaration("Augment", [.trailingClosure("steps", "() -> [AugmentationStep]")],
                              doc: "The augmentation steps applied in order to every training batch: Augment { RandomRotation(degrees: 10); RandomShift(pixels: 2) }."),
            construct: { args in
                let body = try args.closure("steps")
                let values = try args.interpreter.callCollecting(body, [])
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
            NativeDeclaration("EarlyStopping", [.int("patience", 3), .bool("restoreBest", false), .double("minDelta", 0)],
                              doc: "Stops training when the validation loss (the training loss without validation data) has not improved for `patience` epochs; with `restoreBest`, the model gets back the weights of its best epoch."),
            construct: { args in
                let patience = try args.int("patience")
                guard patience >= 1 else { throw StrideError(.valueError, "EarlyStopping: patience must be at least 1, got \(patience)") }
                let restore = try args.bool("restoreBest")
                let delta = try args.double("minDelta")
                return .native(CallbackValue(typeName: "EarlyStopping",
                                             description: "EarlyStopping(patience: \(patience), restoreBest: \(restore))") {
                    EarlyStopping(patience: patience, restoreBest: restore, minDelta: delta)
                })
            }))
        interp.defineNativeType(NativeTypeInfo(
            NativeDeclaration("Checkpoint", [.string("path"), .bool("saveBestOnly", false)],
                              doc: "Saves the model to `path` (safetensors) after every epoch, or with `saveBestOnly` only when the monitored loss improves."),
            construct: { args in
                let path = try args.string("path")
                let best = try args.bool("saveBestOnly")
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
