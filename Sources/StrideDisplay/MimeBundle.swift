/// A rich output ready for Jupyter: MIME type to content, plus per-type metadata.
///
/// "text/plain" is always present; "image/png" holds base64, "image/svg+xml" and
/// "text/html" hold their markup as text.
public struct MimeBundle: Equatable, Sendable {
    /// MIME type to content ("image/png" is base64-encoded).
    public var data: [String: String]
    /// MIME type to metadata entries (for example image width and height).
    public var metadata: [String: [String: String]]

    /// Creates a bundle; a missing "text/plain" entry is filled with `fallback`.
    public init(data: [String: String], metadata: [String: [String: String]] = [:],
                fallback: String = "<output>") {
        var data = data
        if data[MimeType.plainText] == nil { data[MimeType.plainText] = fallback }
        self.data = data
        self.metadata = metadata
    }

    /// A bundle that carries plain text only.
    public init(plainText: String) {
        self.init(data: [MimeType.plainText: plainText])
    }

    /// The text/plain representation (always present).
    public var plainText: String { data[MimeType.plainText] ?? "" }
}

/// The MIME type names used in bundles.
/// A bundle's role, in its `text/plain` metadata under `roleKey`: a status line (a progress
/// line) is one line of text that replaces itself; a terminal rewrites it in place instead of
/// saving its HTML as a picture. Notebook frontends ignore the entry.
public enum DisplayRole {
    public static let key = "stride.role"
    public static let statusLine = "status-line"
}

public enum MimeType {
    /// Plain text, always present.
    public static let plainText = "text/plain"
    /// HTML fragment.
    public static let html = "text/html"
    /// SVG document.
    public static let svg = "image/svg+xml"
    /// PNG, base64-encoded.
    public static let png = "image/png"
}
