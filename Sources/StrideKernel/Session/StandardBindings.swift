import StrideLanguage

/// The library bindings every session installs (engine types and functions, pictures).
/// Each binding lives in its own folder of StrideKernel and is listed here.
public enum StandardBindings {
    /// All of them, in installation order; completion lists are refreshed last, once every
    /// member is registered.
    public static var all: [LibraryBinding] {
        [EngineCoreBinding(), VizBinding(), LibraryCompletionsBinding()]
    }
}

/// Tensors, gradients, layers, losses and optimizers (Library/Core); data, training and
/// pictures come after it (Library/Viz).
struct EngineCoreBinding: LibraryBinding {
    func install(into session: StrideSession) { installCoreLibrary(into: session.interpreter) }
}

/// Offers every registered member after `.` in completions.
struct LibraryCompletionsBinding: LibraryBinding {
    func install(into session: StrideSession) { refreshLibraryCompletions(in: session.interpreter) }
}
