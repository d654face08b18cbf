/// A position in a cell's source text: 1-based line and column (in Unicode scalars),
/// and the scalar offset from the start of the text.
public struct SourcePosition: Equatable, Sendable {
    public var offset: Int
    public var line: Int
    public var column: Int
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset; self.line = line; self.column = column
    }
}

/// A half-open range of source text, from `start` up to (not including) `end`.
public struct SourceRange: Equatable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition
    public init(_ start: SourcePosition, _ end: SourcePosition) { self.start = start; self.end = end }
}

/// The kinds of token the lexer produces.
enum TokenKind: Equatable {
    case identifier          // names, `$0`, and keywords (checked by text)
    case integer(Int)
    case bigInteger(UInt64)  // beyond Int: only a UInt64 (or UInt) can hold it
    case float(Double)
    case string([StringPart])
    case op                  // operators such as `+`, `..<`, `==`, `?`, `!`, `=`, `->`
    case punct               // ( ) [ ] { } , : ; . @ #
    case eof
}

/// A piece of a string literal: literal text or an interpolated expression's tokens.
enum StringPart: Equatable {
    case text(String)
    case interpolation([Token])
}

/// One lexical token, with its text, range and the whitespace around it (which decides
/// whether an operator is prefix, postfix or binary, as in Swift).
struct Token: Equatable {
    var kind: TokenKind
    var text: String
    var range: SourceRange
    var spaceBefore: Bool
    var spaceAfter: Bool
    var newlineBefore: Bool
    /// `///` doc comment lines immediately above this token.
    var doc: String?

    var start: SourcePosition { range.start }
    func isPunct(_ s: String) -> Bool { kind == .punct && text == s }
    func isOp(_ s: String) -> Bool { kind == .op && text == s }
    func isKeyword(_ s: String) -> Bool { kind == .identifier && text == s }
    var isEOF: Bool { kind == .eof }
}

/// Words that cannot be used as plain names.
let reservedWords: Set<String> = [
    "let", "var", "func", "return", "if", "else", "guard", "while", "repeat", "for", "in",
    "switch", "case", "default", "break", "continue", "fallthrough", "struct", "class",
    "protocol", "enum", "extension", "init", "throw", "throws", "rethrows", "do", "try", "catch", "defer",
    "true", "false", "nil", "self", "Self", "is", "as", "import", "where", "static", "mutating",
    "inout", "public", "private", "fileprivate", "internal", "final", "override", "typealias",
    "super", "nonmutating", "open",
]
