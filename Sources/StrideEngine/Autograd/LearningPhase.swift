/// Whether layers train (dropout on, batch-norm statistics updated) or infer.
public enum LearningPhase: Equatable, Sendable {
    case training
    case inference

    /// The phase of the running work (`EngineContext.current`); inference unless set.
    public static var current: LearningPhase { EngineContext.current.phase }
}

/// Runs `body` in the learning phase `phase`, then restores the previous one.
public func withLearningPhase<R>(_ phase: LearningPhase, _ body: () throws -> R) rethrows -> R {
    try EngineContext.with({ $0.phase = phase }, body)
}
