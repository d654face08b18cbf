import Foundation
import StrideLanguage

/// Members that library files add to a native type (methods and properties), so that the
/// files binding one aspect (training, pictures) extend a type without editing its file.
/// Registration happens while a library installs; lookups happen while cells run.
///
/// A member registered `for:` an interpreter exists only in that interpreter and wins over
/// one registered for all: bodies that keep per-session state (a display surface) register
/// that way, so that two sessions in one process never share it.
final class MemberRegistry<Owner: AnyObject> {
    /// A method: its signature and one-line doc for completion and `help`, and its body.
    struct Method {
        var signature: String
        var doc: String
        var body: (Owner, NativeCall) throws -> Value
    }
    /// A read-only property.
    struct Property {
        var signature: String
        var doc: String
        var get: (Owner, Interpreter) throws -> Value
    }

    /// The members of one scope: every interpreter, or one of them.
    private final class Table {
        weak var interpreter: Interpreter?
        var methods: [String: Method] = [:]
        var properties: [String: Property] = [:]
        init(_ interpreter: Interpreter?) { self.interpreter = interpreter }
    }

    private let lock = NSLock()
    private let shared = Table(nil)
    private var scoped: [ObjectIdentifier: Table] = [:]

    private func table(for interpreter: Interpreter?) -> Table {
        guard let interpreter else { return shared }
        // Tables of interpreters that have ended are dropped as new ones register.
        scoped = scoped.filter { $0.value.interpreter != nil }
        let key = ObjectIdentifier(interpreter)
        if let t = scoped[key] { return t }
        let t = Table(interpreter)
        scoped[key] = t
        return t
    }

    func addMethod(_ name: String, _ method: Method, for interpreter: Interpreter? = nil) {
        lock.lock(); table(for: interpreter).methods[name] = method; lock.unlock()
    }
    func addProperty(_ name: String, _ property: Property, for interpreter: Interpreter? = nil) {
        lock.lock(); table(for: interpreter).properties[name] = property; lock.unlock()
    }

    private func scope(_ interp: Interpreter) -> Table? {
        guard let t = scoped[ObjectIdentifier(interp)], t.interpreter === interp else { return nil }
        return t
    }
    func method(_ name: String, in interp: Interpreter) -> Method? {
        lock.lock(); defer { lock.unlock() }
        return scope(interp)?.methods[name] ?? shared.methods[name]
    }
    func property(_ name: String, in interp: Interpreter) -> Property? {
        lock.lock(); defer { lock.unlock() }
        return scope(interp)?.properties[name] ?? shared.properties[name]
    }

    /// Every member name visible in `interp`, sorted, for completion after `.`.
    func names(in interp: Interpreter) -> [String] {
        lock.lock(); defer { lock.unlock() }
        var all = Set(shared.methods.keys).union(shared.properties.keys)
        if let t = scope(interp) { all.formUnion(t.methods.keys); all.formUnion(t.properties.keys) }
        return all.sorted()
    }

    /// The value of `owner.name`: a property's value, or a method bound to `owner`.
    func member(_ name: String, of owner: Owner, typeName: String, in interp: Interpreter) throws -> Value {
        if let p = property(name, in: interp) { return try p.get(owner, interp) }
        if let m = method(name, in: interp) {
            let body = m.body
            return .function(Function(native: "\(typeName).\(name)", signature: m.signature, doc: m.doc) { call in
                try body(owner, call)
            })
        }
        throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
    }
}

/// A native value whose members come from a shared registry that the library's files add to
/// (`TensorValue`, `LayerValue`): registering and looking up members is written once here.
protocol RegisteredMembers: NativeObject {
    static var registry: MemberRegistry<Self> { get }
}

extension RegisteredMembers {
    /// Adds a method `value.name(...)`, in every interpreter or only in `interpreter`.
    static func registerMethod(_ name: String, signature: String, doc: String, for interpreter: Interpreter? = nil,
                               _ body: @escaping (Self, NativeCall) throws -> Value) {
        registry.addMethod(name, .init(signature: signature, doc: doc, body: body), for: interpreter)
    }

    /// Adds a read-only property `value.name`, in every interpreter or only in `interpreter`.
    static func registerProperty(_ name: String, signature: String, doc: String, for interpreter: Interpreter? = nil,
                                 _ get: @escaping (Self) throws -> Value) {
        registry.addProperty(name, .init(signature: signature, doc: doc, get: { owner, _ in try get(owner) }), for: interpreter)
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        try Self.registry.member(name, of: self, typeName: typeName, in: interp)
    }
}
