/// Something `fit` consults at the end of every epoch.
public protocol TrainingCallback: AnyObject {
    /// Called before the first epoch.
    func trainingWillBegin(model: Layer) throws
    /// Called after each epoch with the history so far; returns true to stop training.
    func epochDidEnd(epoch: Int, history: History, model: Layer) throws -> Bool
    /// Called once training ends (normally, early or by cancellation); may edit the history.
    func trainingDidEnd(model: Layer, history: inout History) throws
}

extension TrainingCallback {
    public func trainingWillBegin(model: Layer) throws {}
    public func trainingDidEnd(model: Layer, history: inout History) throws {}
}

/// Stops when the monitored loss (validation loss when there is validation data, else the
/// training loss) has not improved by `minDelta` for `patience` epochs; with `restoreBest`
/// the model gets back the weights of its best epoch.
public final class EarlyStopping: TrainingCallback {
    public let patience: Int, restoreBest: Bool, minDelta: Double
    private var best = Double.infinity, bestEpoch = -1, waited = 0
    private var bestWeights: [String: Tensor] = [:]

    /// An early-stopping rule.
    public init(patience: Int = 3, restoreBest: Bool = false, minDelta: Double = 0) {
        self.patience = patience; self.restoreBest = restoreBest; self.minDelta = minDelta
    }

    public func trainingWillBegin(model: Layer) throws {
        best = .infinity; bestEpoch = -1; waited = 0; bestWeights = [:]
    }

    public func epochDidEnd(epoch: Int, history: History, model: Layer) throws -> Bool {
        guard let value = history.valLoss.last ?? history.loss.last else { return false }
        if value < best - minDelta {
            best = value; bestEpoch = epoch; waited = 0
            if restoreBest { bestWeights = Dictionary(uniqueKeysWithValues: model.namedTensors().map { ($0.path, $0.tensor) }) }
            return false
        }
        waited += 1
        return waited >= patience
    }

    public func trainingDidEnd(model: Layer, history: inout History) throws {
        if restoreBest, !bestWeights.isEmpty, bestEpoch != history.loss.count - 1 {
            try model.loadNamedTensors(bestWeights)
            history.restoredEpoch = bestEpoch
        }
    }
}

/// Saves the model after every epoch (or only when the monitored loss improves) through a
/// closure, so that the host decides the file format and path.
public final class Checkpoint: TrainingCallback {
    public let saveBestOnly: Bool
    private let save: (Layer, Int) throws -> Void
    private var best = Double.infinity

    /// A checkpoint that calls `save(model, epoch)`.
    public init(saveBestOnly: Bool = false, save: @escaping (Layer, Int) throws -> Void) {
        self.saveBestOnly = saveBestOnly; self.save = save
    }

    public func trainingWillBegin(model: Layer) throws { best = .infinity }

    public func epochDidEnd(epoch: Int, history: History, model: Layer) throws -> Bool {
        let value = history.valLoss.last ?? history.loss.last ?? .infinity
        if !saveBestOnly || value < best {
            best = Swift.min(best, value)
            try save(model, epoch)
        }
        return false
    }
}
