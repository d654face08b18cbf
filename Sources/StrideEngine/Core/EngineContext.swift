/// What the engine's work runs under: the learning phase, the gradient computation over a
/// model that hands out parameter leaves, the observer of layer calls (summaries, feature
/// maps, Grad-CAM) and the host's stop request. One value, bound around the work that needs
/// it (`EngineContext.with`) and read where it matters; the parallel loops hand the caller's
/// context to their worker threads (`Parallel`), so a kernel's worker sees the same stop
/// request as the thread that started it.
public struct EngineContext {
    /// Whether layers train (dropout on, batch-norm statistics updated) or infer.
    public var phase: LearningPhase = .inference
    /// The gradient computation over a model whose parameters read as tracked leaves.
    var gradients: GradientSession?
    /// Sees (and may replace) each layer's output.
    var observer: LayerObserver?
    /// The host's check for a stop request, polled by long kernels; nil: nothing stops.
    var stopCheck: (() -> Bool)?

    /// The context of the running work: inference, nothing tracked, observed or stoppable
    /// unless a caller bound otherwise.
    public static var current: EngineContext { bound }

    /// Runs `body` under the current context as changed by `change`; the previous context
    /// comes back after, also when `body` throws.
    public static func with<R>(_ change: (inout EngineContext) -> Void, _ body: () throws -> R) rethrows -> R {
        var context = bound
        change(&context)
        return try $bound.withValue(context, operation: body)
    }

    /// Runs `body` under `context` (a worker thread taking its caller's context).
    static func with<R>(_ context: EngineContext, _ body: () throws -> R) rethrows -> R {
        try $bound.withValue(context, operation: body)
    }

    /// Whether the running work should stop.
    var isStopRequested: Bool { stopCheck?() ?? false }

    /// Outside any task a task-local binding lives on the binding thread, which is what a
    /// synchronous engine call wants; inside a task it follows the task.
    @TaskLocal private static var bound = EngineContext()
}

/// The context crosses to the parallel loops' worker threads, which only read it: the stop
/// check is the host's thread-safe poll, and the session and observer are used only by the
/// layers, which run on the binding thread.
extension EngineContext: @unchecked Sendable {}
