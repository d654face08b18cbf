/// An error from reading or writing a data file, or from building a dataset.
///
/// `description` is a short sentence that names the file (when there is one) and what is wrong,
/// e.g. `/data/x.safetensors: header length 4096 exceeds the file size 100`.
public struct DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What kind of failure happened; the host maps `.invalidArgument` to a value error and the
    /// rest to an I/O error.
    public enum Kind: String, Equatable, Sendable {
        /// The file or directory does not exist.
        case notFound
        /// The file exists but could not be opened or read.
        case unreadable
        /// The file ends before the data its header announces.
        case truncated
        /// The file's content does not follow its format.
        case malformed
        /// The file is valid but uses a feature (a dtype, a PNG mode) that is not supported.
        case unsupported
        /// Writing the file failed; nothing was left at the destination.
        case writeFailed
        /// An argument given by the caller is out of range or inconsistent.
        case invalidArgument
    }

    /// The kind of failure.
    public var kind: Kind
    /// The file concerned, if any.
    public var path: String?
    /// What is wrong, as a short sentence without the path.
    public var reason: String

    /// Makes an error of `kind` about `path` (if any) saying `reason`.
    public init(_ kind: Kind, path: String? = nil, _ reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, or just `reason` when no file is concerned.
    public var description: String {
        if let path { return "\(path): \(reason)" }
        return reason
    }
}
