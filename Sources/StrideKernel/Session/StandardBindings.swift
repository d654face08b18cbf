/// The library bindings every session installs (engine types and functions, pictures).
/// Each binding lives in its own folder of StrideKernel and is listed here.
public enum StandardBindings {
    /// All of them, in installation order.
    public static var all: [LibraryBinding] { [] }
}
