/// Errors thrown by the engine. Library code never traps on bad input: it throws one of these.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Two shapes that an operation cannot combine.
    case shape(op: String, lhs: [Int], rhs: [Int])
    /// One shape that an operation cannot accept, with the reason.
    case invalidShape(op: String, shape: [Int], reason: String)
    /// A tensor (or `what` else: a decompressed stream, a table of classes) larger than the
    /// engine's memory limit, refused before allocation; `Int.max` bytes when the size
    /// itself overflows, `limitBytes + 1` when it is only known to be above the limit.
    case memory(requestedBytes: Int, limitBytes: Int, what: String = "a tensor")
    /// An argument with a bad value (a negative size, a NaN loss, an unknown name).
    case value(String)
    /// An index or slice outside a tensor's bounds.
    case index(String)
    /// A file could not be read or written, or its content is malformed.
    case io(String)
    /// A long operation stopped because its cancellation check returned true.
    case cancelled

    /// The error's kind as the language names it ("ShapeError", "MemoryError", ...).
    public var kind: String {
        switch self {
        case .shape, .invalidShape: return "ShapeError"
        case .memory: return "MemoryError"
        case .value: return "ValueError"
        case .index: return "IndexError"
        case .io: return "IOError"
        case .cancelled: return "Interrupted"
        }
    }

    /// A one-sentence message without the kind.
    public var message: String {
        switch self {
        case let .shape(op, lhs, rhs):
            return "\(op): shapes \(lhs) and \(rhs) are incompatible"
        case let .invalidShape(op, shape, reason):
            return "\(op): shape \(shape) \(reason)"
        case let .memory(requested, limit, what):
            let limitText = Self.format(bytes: limit)
            // Int.max: the size itself overflowed; limit + 1: only known to be above the limit.
            if requested == Int.max { return "\(what) is too large to count, above the engine's limit of \(limitText)" }
            if requested == limit + 1 { return "\(what) would exceed the engine's limit of \(limitText)" }
            return "\(what) of \(Self.format(bytes: requested)) exceeds the engine's limit of \(limitText)"
        case let .value(text), let .index(text), let .io(text):
            return text
        case .cancelled:
            return "the operation was cancelled"
        }
    }

    /// "Kind: message".
    public var description: String { "\(kind): \(message)" }

    static func format(bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        return String(format: "%.1f %@", value, units[unit])
    }
}
