import StrideLanguage

/// The library bindings every session installs (engine types and functions, pictures).
/// Each binding lives in its own folder of StrideKernel and is listed here.
public enum StandardBindings {
    /// All of them, in installation order: the core library first (others extend its types),
    /// completion lists refreshed last, once every member is registered.
    public static var all: [LibraryBinding] {
        [CoreLibraryBinding(), VizBinding(), WidgetsBinding(), LibraryCompletionsBinding()]
    }
}
