/// Why a picture could not be rendered; `description` is a sentence for the user.
public enum DisplayError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A size, count or dimension is out of the accepted range.
    case invalidArgument(String)
    /// The number of values does not match the declared shape.
    case sizeMismatch(what: String, expected: Int, found: Int)
    /// There is nothing to draw.
    case empty(String)
    /// zlib reported an error while compressing.
    case compressionFailed(code: Int32)

    /// A short sentence naming what was expected and what was found.
    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case let .sizeMismatch(what, expected, found):
            return "\(what) needs \(expected) values, found \(found)."
        case .empty(let what):
            return "Nothing to show: \(what) is empty."
        case .compressionFailed(let code):
            return "PNG compression failed (zlib error \(code))."
        }
    }
}
