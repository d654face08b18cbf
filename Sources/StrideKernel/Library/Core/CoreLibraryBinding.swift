import StrideLanguage

/// The engine's core library (LANGUAGE.md §2–3 without data and training): tensors,
/// gradients, layers, losses, optimizers and schedules. Install it before the bindings that
/// extend its types (such as `fit` on layers).
public struct CoreLibraryBinding: LibraryBinding {
    public init() {}

    public func install(into session: StrideSession) {
        installCoreLibrary(into: session.interpreter)
    }
}

/// Offers, after `.`, the tensor and layer members that later bindings registered. List it
/// after every other binding.
public struct LibraryCompletionsBinding: LibraryBinding {
    public init() {}

    public func install(into session: StrideSession) {
        refreshLibraryCompletions(in: session.interpreter)
    }
}

/// A model summary shows as the display library's HTML table.
extension ModelSummaryValue: RichRepresentable {}
