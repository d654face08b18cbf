import Foundation
import StrideLanguage

/// Members that library files add to a native type (methods and properties), so that the
/// files binding one aspect (training, pictures) extend a type without editing its file.
/// Registration happens while a library installs; lookups happen while cells run.
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

    private let lock = NSLock()
    private var methods: [String: Method] = [:]
    private var properties: [String: Property] = [:]

    func addMethod(_ name: String, _ method: Method) { lock.lock(); methods[name] = method; lock.unlock() }
    func addProperty(_ name: String, _ property: Property) { lock.lock(); properties[name] = property; lock.unlock() }
    func method(_ name: String) -> Method? { lock.lock(); defer { lock.unlock() }; return methods[name] }
    func property(_ name: String) -> Property? { lock.lock(); defer { lock.unlock() }; return properties[name] }

    /// Every member name, sorted, for completion after `.`.
    var names: [String] {
        lock.lock(); defer { lock.unlock() }
        return Set(methods.keys).union(properties.keys).sorted()
    }

    /// The value of `owner.name`: a property's value, or a method bound to `owner`.
    func member(_ name: String, of owner: Owner, typeName: String, in interp: Interpreter) throws -> Value {
        if let p = property(name) { return try p.get(owner, interp) }
        if let m = method(name) {
            let body = m.body
            return .function(Function(native: "\(typeName).\(name)", signature: m.signature, doc: m.doc) { call in
                try body(owner, call)
            })
        }
        throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
    }
}
