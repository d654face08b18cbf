/// Introspection of user values for the host: the kernel reads and rebuilds user `struct`
/// and `class` instances (a `struct TinyNet: Layer`), e.g. to collect a model's layers or
/// to apply an optimizer step.

/// What the host can see of a user struct or class instance.
public struct InstanceInfo {
    public var typeName: String
    public var isClass: Bool
    /// Declared conformances, such as `Layer`.
    public var conformances: [String]
    /// Stored properties in declaration order.
    public var properties: [(name: String, value: Value)]
}

extension Interpreter {
    /// The type name, conformances and stored properties of a user instance (nil otherwise).
    public func instanceInfo(of value: Value) -> InstanceInfo? {
        switch value {
        case .structInstance(let s):
            return InstanceInfo(typeName: s.type.name, isClass: false, conformances: s.type.conformances,
                                properties: Array(zip(s.type.storedNames, s.fields)).map { ($0.0, $0.1) })
        case .object(let o):
            return InstanceInfo(typeName: o.type.name, isClass: true, conformances: o.type.conformances,
                                properties: Array(zip(o.type.storedNames, o.fields)).map { ($0.0, $0.1) })
        default: return nil
        }
    }

    /// Whether a value's type declares conformance to `protocolName` (user or host types).
    public func conforms(_ value: Value, to protocolName: String) -> Bool {
        switch value {
        case .structInstance(let s): return s.type.conformances.contains(protocolName)
        case .object(let o): return o.type.conformances.contains(protocolName)
        case .enumCase(let e): return e.type.conformances.contains(protocolName)
        case .native(let n):
            if let info = nativeTypes[protocolName], let isInstance = info.isInstance { return isInstance(value) }
            return n.typeName == protocolName
        default: return false
        }
    }

    /// A stored or computed property of a user instance (or any member of another value).
    public func property(_ name: String, of value: Value) throws -> Value {
        do { return try runtime.getMember(value, name) } catch let e as RuntimeError { throw makeError(e) }
    }

    /// A struct with one stored property replaced (the original is unchanged, value
    /// semantics); for a class instance the property is set in place and the same instance
    /// is returned. The property's declared type is enforced (Int converts to Double).
    public func settingProperty(_ name: String, of value: Value, to newValue: Value) throws -> Value {
        var v = copy(value)
        do {
            _ = try runtime.modifyMember(&v, name) { $0 = newValue; return .void }
        } catch let e as RuntimeError { throw makeError(e) }
        return v
    }

    /// An independent copy of a struct instance (classes and other values are returned as is;
    /// arrays and dictionaries already copy on write).
    public func copy(_ value: Value) -> Value {
        switch value {
        case .structInstance(let s): return .structInstance(s.copy())
        case .dictionary(let d): return .dictionary(d.copy())
        default: return value
        }
    }

    /// The value of a global (a top-level name of any earlier cell, or a host definition).
    public func global(_ name: String) -> Value? {
        guard let idx = globalEnv.globals[name] else { return nil }
        let v = runtime.global(idx).pointee
        if case .void = v { return nil }
        return v
    }
}
