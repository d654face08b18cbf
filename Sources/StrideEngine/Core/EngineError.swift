/// Errors thrown by the engine. Library code never traps on bad input: it throws one of these.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Two shapes that an operation cannot combine.
    case shape(op: String, lhs: [Int], rhs: [Int])
    /// One shape that an operation cannot accept, with the reason.
    case invalidShape(op: String, shape: [Int], reason: String)
    /// A tensor larger than the engine's memory limit, refused before allocation.
    case memory(requestedBytes: Int, limitBytes: Int)
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
        case let .memory(requested, limit):
            return "a tensor of \(Self.format(bytes: requested)) exceeds the engine's limit of \(Self.format(bytes: limit))"
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
