import StrideLanguage

/// The members (methods and read-only properties) of a native type, each declared once.
///
/// Members every interpreter shares are given when the registry is made (a `static let`,
/// built once, thread-safely, on first use) and never change, so looking one up takes no
/// lock. Members that keep per-session state (a display surface, a model's histories) are
/// added `for:` one interpreter into a table the interpreter itself holds: they are added
/// while its libraries install and read while its cells run, never from two threads at once.
/// A method call runs the member's prebuilt `NativeMethod`; no function value is made.
final class MemberRegistry<Owner: NativeObject> {
    /// One member: its declaration (signature and doc for completion and `help`), and its
    /// body (a method) or getter (a property).
    struct Member {
        let declaration: NativeDeclaration
        let method: NativeMethod?
        let get: ((Owner) throws -> Value)?

        /// A method `owner.name(...)`; the label check comes from the declaration.
        static func method(_ declaration: NativeDeclaration,
                           _ body: @escaping (Owner, NativeArguments) throws -> Value) -> Member {
            Member(declaration: declaration, method: NativeMethod { owner, call in
                let typed = unsafeDowncast(owner, to: Owner.self), arguments = try declaration.match(call)
                let result = try body(typed, arguments)
                // A tensor method inside a recorded forward pass (export) is one of its steps.
                if ForwardRecorder.isActive, let recorder = ForwardRecorder.current, let t = typed as? TensorValue {
                    recorder.function(declaration.name, inputs: [t.tensor], arguments, result: result)
                }
                return result
            }, get: nil)
        }

        /// A read-only property `owner.name` of type `type`.
        static func property(_ name: String, _ type: String, doc: String,
                             _ get: @escaping (Owner) throws -> Value) -> Member {
            Member(declaration: NativeDeclaration(name, kind: .property, returns: type, doc: doc),
                   method: nil, get: get)
        }
    }

    /// The members added for one interpreter, kept by that interpreter.
    private final class Scope {
        var members: [String: Member] = [:]
    }

    private let shared: [String: Member]
    /// Whether any interpreter has members of its own here (most registries never do, and
    /// then a lookup skips the interpreter's table).
    private var hasScopes = false

    init(_ members: [Member]) {
        shared = Dictionary(members.map { ($0.declaration.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    private func scope(_ interp: Interpreter) -> Scope? {
        guard hasScopes, let state = interp.hostState(for: self) else { return nil }
        return unsafeDowncast(state, to: Scope.self)
    }

    /// Adds (or replaces) a member in `interp` only; it wins over a shared one of that name.
    func add(_ member: Member, for interp: Interpreter) {
        hasScopes = true
        let table = scope(interp) ?? Scope()
        table.members[member.declaration.name] = member
        interp.setHostState(table, for: self)
    }

    func member(_ name: String, in interp: Interpreter) -> Member? {
        scope(interp)?.members[name] ?? shared[name]
    }

    /// Every member name visible in `interp`, sorted, for completion after `.`.
    func names(in interp: Interpreter) -> [String] {
        Set(shared.keys).union(scope(interp)?.members.keys ?? [:].keys).sorted()
    }

    /// The value of `owner.name`: a property's value, or a method bound to `owner` (made
    /// only when the method is taken as a value, `let f = t.sum`; calls go through `method`).
    func value(_ name: String, of owner: Owner, in interp: Interpreter) throws -> Value {
        guard let m = member(name, in: interp) else {
            throw StrideError(.typeError, "value of type \(owner.typeName) has no member '\(name)'")
        }
        if let get = m.get { return try get(owner) }
        let method = m.method!
        return .function(Function(native: "\(owner.typeName).\(name)", signature: m.declaration.signatureText,
                                  doc: m.declaration.doc) { call in try method.call(owner, call) })
    }
}

/// A native value whose members come from a registry (`TensorValue`, `LayerValue`).
protocol RegisteredMembers: NativeObject {
    static var registry: MemberRegistry<Self> { get }
}

extension RegisteredMembers {
    /// Adds a member in `interp` only (see `MemberRegistry`).
    static func register(_ member: MemberRegistry<Self>.Member, for interp: Interpreter) {
        registry.add(member, for: interp)
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        try Self.registry.value(name, of: self, in: interp)
    }

    func method(_ name: String, in interp: Interpreter) -> NativeMethod? {
        Self.registry.member(name, in: interp)?.method
    }
}
