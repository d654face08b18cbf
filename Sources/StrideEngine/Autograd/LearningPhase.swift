import Foundation

/// Whether layers train (dropout on, batch-norm statistics updated) or infer.
public enum LearningPhase: Equatable, Sendable {
    case training
    case inference

    private static let key = "StrideEngine.LearningPhase"

    /// The phase of the current thread; inference unless set.
    public static var current: LearningPhase {
        (Thread.current.threadDictionary[key] as? Box)?.phase ?? .inference
    }

    fileprivate final class Box { let phase: LearningPhase; init(_ p: LearningPhase) { phase = p } }

    fileprivate static func set(_ phase: LearningPhase?) {
        if let phase { Thread.current.threadDictionary[key] = Box(phase) }
        else { Thread.current.threadDictionary.removeObject(forKey: key) }
    }
}

/// Runs `body` with the current thread's learning phase set to `phase`, then restores it.
public func withLearningPhase<R>(_ phase: LearningPhase, _ body: () throws -> R) rethrows -> R {
    let saved = Thread.current.threadDictionary["StrideEngine.LearningPhase"]
    LearningPhase.set(phase)
    defer {
        if let saved { Thread.current.threadDictionary["StrideEngine.LearningPhase"] = saved }
        else { LearningPhase.set(nil) }
    }
    return try body()
}
