/// The arguments of one call of a declared native, read by parameter with its declared
/// default. Errors name the native and the parameter: `conv2d: argument 'stride:' must be
/// an Int, got String`, `matmul: missing argument #2`, `maxPool2d: 'size:' must be positive,
/// got 0`. The libraries extend it with readers of their own types (a tensor, a padding).
public struct NativeArguments {
    /// The call as made: every argument in source order.
    public let call: NativeCall
    /// The signature the call was matched to.
    public let signature: NativeSignature

    public init(_ call: NativeCall, _ signature: NativeSignature) {
        self.call = call; self.signature = signature
    }

    public var callee: String { call.callee }
    public var interpreter: Interpreter { call.interpreter }

    // MARK: Finding an argument

    /// The declared parameter `key` (its index in the signature, and for one without a label
    /// its position among them); asking for an undeclared one is a library bug, reported as
    /// an error rather than a trap.
    func slot(_ key: String) throws -> (index: Int, position: Int) {
        guard let found = signature.slot(key) else {
            throw StrideError(.typeError, "\(callee): the library reads an undeclared parameter '\(key)'")
        }
        return found
    }

    /// How messages name a parameter: `'stride:'`, or `#2` for the second without a label.
    public func display(_ key: String) -> String {
        guard let (i, position) = signature.slot(key) else { return "'\(key):'" }
        return signature.parameters[i].label.map { "'\($0):'" } ?? "#\(position + 1)"
    }

    /// The argument given for `key` (an explicit `nil` too), or nil when absent; also nil
    /// when the matched signature has no such parameter (another overload's).
    public func given(_ key: String) -> Value? {
        guard let (i, position) = signature.slot(key) else { return nil }
        return given(i, position)
    }

    private func given(_ index: Int, _ position: Int) -> Value? {
        let label = signature.parameters[index].label
        if let label {
            for a in call.arguments where a.label == label { return a.value }
        }
        if signature.parameters[index].isTrailingClosure {
            // The last unlabelled argument, when there is one beyond those before it.
            var count = 0, last: Value?
            for a in call.arguments where a.label == nil { count += 1; last = a.value }
            return count > position ? last : nil
        }
        if label != nil { return nil }
        var seen = 0
        for a in call.arguments where a.label == nil {
            if seen == position { return a.value }
            seen += 1
        }
        return nil
    }

    /// Whether the call gives `key` a value other than `nil`.
    public func has(_ key: String) -> Bool {
        guard let v = given(key) else { return false }
        if case .none = v { return false }
        return true
    }

    /// The argument for `key` with Optionals unwrapped, else its declared default; nil only
    /// for a parameter declared `= nil`. A required one that is absent is a TypeError.
    public func value(_ key: String) throws -> Value? {
        try value(key, at: try slot(key))
    }

    private func value(_ key: String, at slot: (index: Int, position: Int)) throws -> Value? {
        if let v = given(slot.index, slot.position) {
            let inner = NativeArguments.unwrapped(v)
            if case .none = inner, !signature.parameters[slot.index].isRequired { return nil }
            return inner
        }
        switch signature.parameters[slot.index].defaultValue {
        case .required: throw missing(key)
        case .none: return nil
        case .value(let v): return v
        }
    }

    /// The value for `key`, which must be given (or declared with a default).
    public func required(_ key: String) throws -> Value {
        guard let v = try value(key) else { throw missing(key) }
        return v
    }

    /// The TypeError for an argument that must be given: `missing argument 'rate:'`.
    public func missing(_ key: String) -> StrideError {
        StrideError(.typeError, "\(callee): missing argument \(display(key))")
    }

    /// A TypeError for an argument of the wrong type: `argument 'to:' must be an Int, got String`.
    public func mismatch(_ key: String, _ expected: String, _ found: Value) -> StrideError {
        StrideError(.typeError, "\(callee): argument \(display(key)) must be \(expected), got \(found.typeName)")
    }

    static func unwrapped(_ v: Value) -> Value {
        if case .some(let inner) = v { return unwrapped(inner) }
        return v
    }

    /// The unlabelled arguments from the variadic parameter `key` on.
    public func variadic(_ key: String) -> [Value] {
        let position = signature.slot(key)?.position ?? 0
        return Array(call.arguments.filter { $0.label == nil }.map(\.value).dropFirst(position))
    }

    // MARK: Reading by type

    /// What `read` finds for `key`, which must be there (given, or declared with a default).
    private func present<T>(_ key: String, _ read: (String) throws -> T?) throws -> T {
        guard let v = try read(key) else { throw missing(key) }
        return v
    }

    /// An Int (checked positive when declared so).
    public func int(_ key: String) throws -> Int {
        try present(key, optionalInt)
    }

    /// An Int, or nil for an absent parameter declared `= nil`.
    public func optionalInt(_ key: String) throws -> Int? {
        let at = try slot(key)
        guard let v = try value(key, at: at) else { return nil }
        guard case .int(let n) = v else { throw mismatch(key, "an Int", v) }
        if signature.parameters[at.index].isPositive, n <= 0 {
            throw StrideError(.valueError, "\(callee): \(display(key)) must be positive, got \(n)")
        }
        return n
    }

    /// A Double (an Int is accepted).
    public func double(_ key: String) throws -> Double {
        try present(key, optionalDouble)
    }

    public func optionalDouble(_ key: String) throws -> Double? {
        guard let v = try value(key) else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw mismatch(key, "a Double", v)
        }
    }

    /// A Float for the engine, from a Double argument.
    public func float(_ key: String) throws -> Float { Float(try double(key)) }

    public func bool(_ key: String) throws -> Bool {
        let v = try required(key)
        guard case .bool(let b) = v else { throw mismatch(key, "a Bool", v) }
        return b
    }

    public func string(_ key: String) throws -> String {
        try present(key, optionalString)
    }

    public func optionalString(_ key: String) throws -> String? {
        guard let v = try value(key) else { return nil }
        guard case .string(let s) = v else { throw mismatch(key, "a String", v) }
        return s
    }

    /// An `[Int]` (a shape); whole Doubles are accepted.
    public func ints(_ key: String) throws -> [Int] {
        try present(key, optionalInts)
    }

    public func optionalInts(_ key: String) throws -> [Int]? {
        guard let v = try value(key) else { return nil }
        guard case .array(let items) = v else { throw mismatch(key, "an array of Ints", v) }
        return try items.map { item in
            if case .int(let i) = item { return i }
            if case .double(let d) = item, d == d.rounded(), Swift.abs(d) < 1e15 { return Int(d) }
            throw StrideError(.typeError,
                              "\(callee): argument \(display(key)) must be an array of Ints, found \(item.typeName)")
        }
    }

    /// A dot symbol such as `.same` (a String is accepted as its name), or nil when absent.
    public func symbol(_ key: String) throws -> Symbol? {
        guard let v = try value(key) else { return nil }
        if case .symbol(let s) = v { return s }
        if case .string(let s) = v { return Symbol(name: s) }
        throw mismatch(key, "a dot symbol such as .same", v)
    }

    /// A dot symbol that must be one of `allowed`, by name (nil when absent).
    public func choice(_ key: String, _ allowed: [String]) throws -> String? {
        guard let s = try symbol(key) else { return nil }
        guard allowed.contains(s.name) else {
            let names = allowed.map { "." + $0 }.joined(separator: ", ")
            throw StrideError(.valueError, "\(callee): \(display(key)) must be one of \(names), got .\(s.name)")
        }
        return s.name
    }

    /// A closure (a function value).
    public func closure(_ key: String) throws -> Value {
        let p = signature.parameters[try slot(key).index]
        guard let v = given(key) else {
            let what = p.isTrailingClosure ? "(a trailing closure)" : display(key)
            throw StrideError(.typeError, "\(callee): missing closure argument \(what)")
        }
        guard case .function = v else { throw mismatch(key, "a closure", v) }
        return v
    }
}
