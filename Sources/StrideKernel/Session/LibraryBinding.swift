import JupyterProtocol
import StrideLanguage

/// A part of the library that a session installs into its interpreter: the engine's
/// types and functions, the pictures of the display library, and so on.
public protocol LibraryBinding {
    /// Defines natives, globals and types in `session.interpreter`, and registers renderers.
    func install(into session: StrideSession)
}

/// A host object that shows as more than text in a notebook (a picture, a table).
public protocol RichRepresentable: AnyObject {
    /// MIME type → content ("image/png" as base64, "text/html", "image/svg+xml" as text)
    /// and per-type metadata. "text/plain" is added from the value's description when missing.
    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]])
}

/// Turns a value into a MIME bundle, or returns nil to let the next renderer try.
public typealias ValueRenderer = (Value) -> DisplayBundle?
