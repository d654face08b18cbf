import Foundation
import StrideEngine
import StrideLanguage

/// One augmentation step (`RandomFlip(.horizontal)`, `RandomRotation(degrees: 10)`, ...).
final class AugmentationStepValue: NativeObject {
    let step: AugmentationStep
    let description: String
    init(_ step: AugmentationStep, description: String) { self.step = step; self.description = description }
    var typeName: String { "AugmentationStep" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "value of type AugmentationStep has no member '\(name)'")
    }
}

/// `Augment { RandomRotation(degrees: 10); RandomShift(pixels: 2) }`: the steps applied in order
/// to every training batch.
final class AugmentValue: NativeObject {
    let steps: [AugmentationStepValue]
    init(_ steps: [AugmentationStepValue]) { self.steps = steps }
    var typeName: String { "Augment" }
    var description: String { "Augment { " + steps.map(\.description).joined(separator: "; ") + " }" }
    var augmentation: Augmentation { Augmentation(steps.map(\.step)) }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        guard name == "count" else { throw StrideError(.typeError, "value of type Augment has no member '\(name)'") }
        return .int(steps.count)
    }
}

/// A training callback (`EarlyStopping`, `Checkpoint`). Each fit gets a fresh engine callback,
/// so a value can be reused across fits.
final class CallbackValue: NativeObject {
    let typeName: String
    let description: String
    let make: () -> TrainingCallback
    init(typeName: String, description: String, make: @escaping () -> TrainingCallback) {
        self.typeName = typeName; self.description = description; self.make = make
    }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
    }
}

/// The History of each model's last fit (kept when the fit was interrupted, as Keras does),
/// without keeping the models alive.
final class ModelHistories {
    private struct Entry { weak var model: AnyObject?; var history: HistoryValue }
    private var entries: [ObjectIdentifier: Entry] = [:]
    private let lock = NSLock()

    /// Keeps `history` for the model known by `key` (`LayerValue.historyKey`), for as long as
    /// the key lives.
    func set(_ history: HistoryValue, for key: AnyObject) {
        lock.lock(); defer { lock.unlock() }
        entries = entries.filter { $0.value.model != nil }
        entries[ObjectIdentifier(key)] = Entry(model: key, history: history)
    }

    func history(of key: AnyObject) -> HistoryValue? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[ObjectIdentifier(key)], entry.model === key else { return nil }
        return entry.history
    }
}
