/// The kinds of error a cell can report; `name` is what the user sees.
public enum ErrorKind: String, Sendable, CaseIterable {
    case syntaxError, nameError, typeError, valueError, shapeError, indexError, keyError
    case arithmeticError, ioError, recursionError, memoryError, interrupted, fatalError, userError

    /// The user-facing name, such as `SyntaxError` or `Interrupted`.
    public var name: String {
        switch self {
        case .syntaxError: return "SyntaxError"
        case .nameError: return "NameError"
        case .typeError: return "TypeError"
        case .valueError: return "ValueError"
        case .shapeError: return "ShapeError"
        case .indexError: return "IndexError"
        case .keyError: return "KeyError"
        case .arithmeticError: return "ArithmeticError"
        case .ioError: return "IOError"
        case .recursionError: return "RecursionError"
        case .memoryError: return "MemoryError"
        case .interrupted: return "Interrupted"
        case .fatalError: return "FatalError"
        case .userError: return "Error"
        }
    }
}

/// Where an error happened: line and column (1-based) and the text of that source line.
public struct SourceLocation: Equatable, Sendable {
    public var line: Int
    public var column: Int
    /// How many scalars the caret underline spans (at least 1).
    public var length: Int
    public var sourceLine: String
    public var cellName: String
    public init(line: Int, column: Int, length: Int = 1, sourceLine: String, cellName: String = "<cell>") {
        self.line = line; self.column = column; self.length = max(1, length)
        self.sourceLine = sourceLine; self.cellName = cellName
    }
}

/// One call frame of a traceback: the function's name and the line being run in it.
public struct TraceFrame: Equatable, Sendable {
    public var function: String
    public var line: Int
    public init(function: String, line: Int) { self.function = function; self.line = line }
}

/// An error reported to the user, with its location and traceback.
public struct StrideError: Error, CustomStringConvertible {
    public var kind: ErrorKind
    public var message: String
    public var location: SourceLocation?
    public var traceback: [TraceFrame]

    /// Natives throw this; the interpreter fills in location and traceback.
    public init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind; self.message = message; self.location = nil; self.traceback = []
    }

    /// `Kind: message`, as `print(error)` shows it.
    public var description: String { "\(kind.name): \(message)" }

    /// The full report: message, location with the source line and a caret, and traceback.
    public var rendered: String {
        var out = "\(kind.name): \(message)"
        if let loc = location {
            out += "\n  --> \(loc.cellName == "<cell>" ? "" : loc.cellName + ", ")line \(loc.line), column \(loc.column)"
            let number = String(loc.line)
            let pad = String(repeating: " ", count: number.count)
            out += "\n   \(number) | \(loc.sourceLine)"
            // The caret sits under the exact token; tabs are kept so it lines up.
            var lead = ""
            for (i, ch) in loc.sourceLine.unicodeScalars.enumerated() where i < loc.column - 1 {
                lead.unicodeScalars.append(ch == "\t" ? "\t" : " ")
            }
            let width = min(loc.length, max(1, loc.sourceLine.unicodeScalars.count - (loc.column - 1)))
            out += "\n   \(pad) | \(lead)" + String(repeating: "^", count: width)
        }
        if !traceback.isEmpty {
            out += "\nTraceback (most recent call last):"
            for frame in traceback { out += "\n  \(frame.function), line \(frame.line)" }
        }
        return out
    }
}
