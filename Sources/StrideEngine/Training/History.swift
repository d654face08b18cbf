/// Inputs and targets for training or evaluation: `images` [N, ...] and `labels` [N]
/// (class indices as floats) or [N, ...] targets.
public struct TrainingData {
    public var images: Tensor
    public var labels: Tensor

    /// Data from matching tensors; their leading axes must agree.
    public init(images: Tensor, labels: Tensor) throws {
        guard images.rank >= 1, labels.rank >= 1, images.shape[0] == labels.shape[0] else {
            throw EngineError.shape(op: "TrainingData", lhs: images.shape, rhs: labels.shape)
        }
        self.images = images.detached(); self.labels = labels.detached()
    }
    /// The number of samples.
    public var count: Int { images.shape[0] }
}

/// What `fit` recorded: per step and per epoch. Values are Doubles for display.
public struct History: Equatable, Sendable {
    /// Training loss of every step.
    public var stepLoss: [Double] = []
    /// Training accuracy of every step (empty when the loss has no accuracy).
    public var stepAccuracy: [Double] = []
    /// Mean training loss of every epoch.
    public var loss: [Double] = []
    /// Training accuracy of every epoch.
    public var accuracy: [Double] = []
    /// Validation loss after every epoch (empty without validation data).
    public var valLoss: [Double] = []
    /// Validation accuracy after every epoch.
    public var valAccuracy: [Double] = []
    /// The learning rate used in every epoch.
    public var learningRate: [Double] = []
    /// Steps per epoch.
    public var stepsPerEpoch: Int = 0
    /// Whether a callback stopped training early.
    public var stoppedEarly = false
    /// Whether the cancellation check stopped training (after a completed step).
    public var cancelled = false
    /// The epoch (0-based) whose weights the model holds after EarlyStopping restored them.
    public var restoredEpoch: Int? = nil

    /// An empty history.
    public init() {}
}

/// A report that `fit` sends to its progress closure after every step and every epoch.
public struct TrainingProgress: Sendable {
    /// Why the report was sent.
    public enum Event: Sendable { case step, epochEnd }
    public var event: Event
    /// The current epoch, 0-based, and the total.
    public var epoch: Int, epochs: Int
    /// The step within the epoch, 1-based, and the steps per epoch.
    public var step: Int, stepsPerEpoch: Int
    /// Running mean loss and accuracy of the epoch so far.
    public var loss: Double, accuracy: Double?
    /// Training throughput so far.
    public var imagesPerSecond: Double
    /// Seconds since training began, and an estimate of the seconds left.
    public var elapsed: Double, remaining: Double
    /// The history so far.
    public var history: History
}

extension TrainingData {
    /// The images and labels of a dataset, as tensors (labels as class indices).
    public init(_ dataset: Dataset) throws {
        try self.init(images: Tensor(dataset.images), labels: Tensor(dataset.labels.map(Float.init)))
    }
}
