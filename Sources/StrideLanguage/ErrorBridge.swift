/// The one bridge between errors of the library (`StrideError`, thrown by natives) and errors
/// of the running program (`RuntimeError`), and the one rule of which errors `catch` sees.

extension ErrorKind {
    /// Whether `do`/`catch`, `try?` and `try!` see an error of this kind. As in Swift, a trap
    /// (`fatalError`, `precondition`, running out of memory) ends the program rather than being
    /// thrown, and the user's stop must reach the top whatever the program catches.
    var isCatchable: Bool {
        switch self {
        case .interrupted, .fatalError, .memoryError: return false
        default: return true
        }
    }
}

extension RuntimeError {
    /// A library error as a runtime error, at `range` when given. A catchable one carries the
    /// error as the value `catch` binds (`print(error)` shows it).
    init(bridging e: StrideError, at range: SourceRange? = nil) {
        self.init(e.kind, e.message, range)
        if e.kind.isCatchable { thrown = .native(ErrorValue(e)) }
    }
}

extension RuntimeError {
    /// This error at `range` when it has no place yet: what a statement gives the errors of
    /// the code inside it, so that every error names its line and column.
    func located(at range: SourceRange) -> RuntimeError {
        var e = self
        if e.range == nil { e.range = range }
        return e
    }
}
