/// A runtime value. Collections are Swift arrays inside the enum, so assignment shares the
/// buffer and a mutation copies it only when it is shared (copy on write).
public enum Value {
    case void
    /// `Optional.none`, written `nil`.
    case none
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case array([Value])
    /// `Optional.some`: produced where an Optional is declared or returned (`d[k]`, `xs.first`).
    indirect case some(Value)
    case dictionary(DictionaryStorage)
    case tuple(TupleStorage)
    case range(RangeValue)
    case function(Function)
    case structInstance(StructInstance)
    case object(ObjectInstance)
    case enumCase(EnumCaseValue)
    case native(NativeObject)
    /// An implicit member expression such as `.same` or `.step(every: 2, factor: 0.5)`.
    case symbol(Symbol)
    /// A type used as a value: `Int`, `Point`, `Tensor` (for constructors and static members).
    case type(TypeValue)
    /// A captured variable's shared box (internal to frames; never seen by users).
    case cell(Cell)
}

/// A mutable box shared between a frame and the closures that capture one of its variables.
public final class Cell {
    public var value: Value
    init(_ value: Value) { self.value = value }
}

/// An ordered dictionary: keys keep insertion order, as the language promises for display.
public final class DictionaryStorage {
    public internal(set) var keys: [Value]
    public internal(set) var values: [Value]
    var index: [HashKey: Int]
    init() { keys = []; values = []; index = [:] }
    init(keys: [Value], values: [Value], index: [HashKey: Int]) { self.keys = keys; self.values = values; self.index = index }
    func copy() -> DictionaryStorage { DictionaryStorage(keys: keys, values: values, index: index) }
    public var count: Int { keys.count }

    public func get(_ key: Value) -> Value? {
        guard let i = index[HashKey(key)] else { return nil }
        return values[i]
    }
    func set(_ key: Value, _ value: Value) {
        let h = HashKey(key)
        if let i = index[h] { values[i] = value } else {
            index[h] = keys.count; keys.append(key); values.append(value)
        }
    }
    @discardableResult func remove(_ key: Value) -> Value? {
        let h = HashKey(key)
        guard let i = index.removeValue(forKey: h) else { return nil }
        let old = values[i]
        keys.remove(at: i); values.remove(at: i)
        for j in i..<keys.count { index[HashKey(keys[j])] = j }
        return old
    }
    /// Builds a dictionary from pairs (later duplicates replace earlier values).
    public static func from(_ pairs: [(Value, Value)]) -> DictionaryStorage {
        let d = DictionaryStorage()
        for (k, v) in pairs { d.set(k, v) }
        return d
    }
}

/// Tuple elements with optional labels.
public final class TupleStorage {
    public internal(set) var elements: [Value]
    public let labels: [String?]
    public init(_ elements: [Value], labels: [String?]? = nil) {
        self.elements = elements
        self.labels = labels ?? Array(repeating: nil, count: elements.count)
    }
}

/// `a..<b`, `a...b`, one-sided ranges (`2...`, `..<5`) and strides.
public final class RangeValue {
    public let lower: Int?
    public let upper: Int?
    public let closed: Bool
    /// For `stride(from:to:by:)`; ranges have step 1.
    public let step: Int
    let isStride: Bool
    let doubleBounds: (Double, Double, Double)?   // stride over Doubles or a Double range
    init(lower: Int?, upper: Int?, closed: Bool, step: Int = 1, isStride: Bool = false) {
        self.lower = lower; self.upper = upper; self.closed = closed; self.step = step
        self.isStride = isStride; self.doubleBounds = nil
    }
    init(doubleFrom a: Double, to b: Double, by s: Double, closed: Bool, isStride: Bool) {
        lower = nil; upper = nil; self.closed = closed; step = 1; self.isStride = isStride
        doubleBounds = (a, b, s)
    }

    /// The bounds of a range as Doubles (`0.0001...0.1`, or `1...9` widened), for host code
    /// such as a slider's range; nil for a stride or a one-sided range.
    public var doubleEnds: (lower: Double, upper: Double)? {
        if isStride { return nil }
        if let (a, b, _) = doubleBounds { return (a, b) }
        guard let lower, let upper else { return nil }
        return (Double(lower), Double(upper))
    }

    /// How many integers the range or stride visits; unbounded ranges and counts beyond
    /// Int are errors, never traps.
    func elementCount() throws -> Int {
        guard doubleBounds == nil else { return doubleElements.count }
        guard let lo = lower, let hi = upper else {
            throw RuntimeError(.valueError, "a one-sided range has no count and cannot be iterated")
        }
        let (span, o1) = hi.subtractingReportingOverflow(lo)
        if o1 { throw RuntimeError(.arithmeticError, "the range \(lo)\(closed ? "..." : "..<")\(hi) has more elements than Int can count") }
        if step == 1 {
            if span < 0 { return 0 }
            if closed {
                let (n, o2) = span.addingReportingOverflow(1)
                if o2 { throw RuntimeError(.arithmeticError, "the range \(lo)...\(hi) has more elements than Int can count") }
                return n
            }
            return span
        }
        if step > 0 {
            if closed ? lo > hi : lo >= hi { return 0 }
            return closed ? span / step + 1 : (span - 1) / step + 1
        }
        if closed ? lo < hi : lo <= hi { return 0 }
        let back = -span   // span is negative here and not Int.min, since lo > hi
        let s = step == Int.min ? Int.max : -step
        return closed ? back / s + 1 : (back - 1) / s + 1
    }

    func element(_ i: Int) -> Int { (lower ?? 0) &+ i &* step }

    var doubleElements: [Double] {
        guard let (a, b, s) = doubleBounds, s != 0 else { return [] }
        var out: [Double] = []
        var i = 0
        while true {
            let x = a + Double(i) * s
            if s > 0 ? (closed ? x > b : x >= b) : (closed ? x < b : x <= b) { break }
            out.append(x); i += 1
            if out.count > 100_000_000 { break }
        }
        return out
    }
}

/// `.name` or `.name(label: value, ...)`, for natives to read.
public final class Symbol {
    public let name: String
    public let arguments: [(label: String?, value: Value)]
    public init(name: String, arguments: [(label: String?, value: Value)] = []) {
        self.name = name; self.arguments = arguments
    }
}

/// A value of a user `enum`.
public final class EnumCaseValue {
    public let typeName: String
    public let caseName: String
    public let payload: [Value]
    public let labels: [String?]
    let type: UserType
    init(type: UserType, caseName: String, payload: [Value], labels: [String?]) {
        self.type = type; self.typeName = type.name; self.caseName = caseName
        self.payload = payload; self.labels = labels
    }
}

/// A type as a value: builtin (`Int`), user-declared (`Point`) or host-defined (`Tensor`).
public final class TypeValue {
    public let name: String
    let user: UserType?
    let native: NativeTypeInfo?
    /// `Stack<Int>`: the generic arguments written with a user type (empty when none are).
    let genericArguments: [TypeRef]
    init(name: String, user: UserType? = nil, native: NativeTypeInfo? = nil, genericArguments: [TypeRef] = []) {
        self.name = name; self.user = user; self.native = native; self.genericArguments = genericArguments
    }
}

/// Hashable wrapper for dictionary keys and `Set`-like uses.
struct HashKey: Hashable {
    let value: Value
    init(_ v: Value) { value = v }
    static func == (a: HashKey, b: HashKey) -> Bool { valuesEqual(a.value, b.value) }
    func hash(into h: inout Hasher) { hashInto(value, into: &h) }
}

func hashInto(_ v: Value, into h: inout Hasher) {
    switch v {
    case .int(let i): h.combine(0); h.combine(i)
    case .double(let d):
        if d == d.rounded(), abs(d) < 9e18 { h.combine(0); h.combine(Int(d)) } else { h.combine(1); h.combine(d) }
    case .bool(let b): h.combine(2); h.combine(b)
    case .string(let s): h.combine(3); h.combine(s)
    case .none: h.combine(4)
    case .some(let inner): hashInto(inner, into: &h)
    case .tuple(let t): h.combine(5); for e in t.elements { hashInto(e, into: &h) }
    case .array(let a): h.combine(6); for e in a { hashInto(e, into: &h) }
    case .enumCase(let e): h.combine(7); h.combine(e.caseName); for p in e.payload { hashInto(p, into: &h) }
    case .symbol(let s): h.combine(8); h.combine(s.name)
    case .structInstance(let s): h.combine(9); for f in s.fields { hashInto(f, into: &h) }
    case .object(let o): h.combine(ObjectIdentifier(o))
    case .native(let s as SizedInt): h.combine(12); h.combine(s.pattern)
    case .native(let f as FloatValue): h.combine(13); h.combine(f.value)
    case .native(let set as SetValue):
        // Order-independent, as equal sets may hold their elements in different orders.
        h.combine(11); h.combine(set.count)
        h.combine(set.elements.reduce(0) { $0 ^ HashKey($1).hashValue })
    default: h.combine(10)
    }
}

/// Equality as `==` defines it; Int and Double compare by value.
func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.int(let x), .double(let y)): return Double(x) == y
    case (.double(let x), .int(let y)): return x == Double(y)
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (Value.none, Value.none): return true
    case (Value.some(let x), Value.some(let y)): return valuesEqual(x, y)
    case (Value.some(let x), _): if case .none = b { return false }; return valuesEqual(x, b)
    case (_, Value.some(let y)): if case .none = a { return false }; return valuesEqual(a, y)
    case (Value.none, _), (_, Value.none): return false
    case (.array(let x), .array(let y)):
        guard x.count == y.count else { return false }
        for i in 0..<x.count where !valuesEqual(x[i], y[i]) { return false }
        return true
    case (.tuple(let x), .tuple(let y)):
        guard x.elements.count == y.elements.count else { return false }
        for i in 0..<x.elements.count where !valuesEqual(x.elements[i], y.elements[i]) { return false }
        return true
    case (.dictionary(let x), .dictionary(let y)):
        guard x.count == y.count else { return false }
        for (i, k) in x.keys.enumerated() {
            guard let v = y.get(k), valuesEqual(v, x.values[i]) else { return false }
        }
        return true
    case (.range(let x), .range(let y)):
        return x.lower == y.lower && x.upper == y.upper && x.closed == y.closed && x.step == y.step
    case (.structInstance(let x), .structInstance(let y)):
        if let eq = userEquality(a, b) { return eq }
        guard x.type === y.type, x.fields.count == y.fields.count else { return false }
        for i in 0..<x.fields.count where !valuesEqual(x.fields[i], y.fields[i]) { return false }
        return true
    case (.object(let x), .object(let y)): return userEquality(a, b) ?? (x === y)
    case (.enumCase(let x), .enumCase(let y)):
        if let eq = userEquality(a, b) { return eq }
        guard x.type === y.type, x.caseName == y.caseName, x.payload.count == y.payload.count else { return false }
        for i in 0..<x.payload.count where !valuesEqual(x.payload[i], y.payload[i]) { return false }
        return true
    case (.symbol(let x), .symbol(let y)): return x.name == y.name
    case (.symbol(let x), .enumCase(let y)), (.enumCase(let y), .symbol(let x)):
        // `.go(.west)` against a case of the enum: the symbol is read as a case of that enum.
        if let e = ImplicitMembers.enumCase(x, of: y.type) { return valuesEqual(e, .enumCase(y)) }
        return x.name == y.caseName && x.arguments.isEmpty && y.payload.isEmpty
    case (.type(let x), .type(let y)): return x.name == y.name
    case (.native(let x as SetValue), .native(let y as SetValue)): return x.isEqual(to: y)
    case (.native(let x as SizedInt), .native(let y as SizedInt)): return x.kind == y.kind && x.pattern == y.pattern
    case (.native(let x as FloatValue), .native(let y as FloatValue)): return x.value == y.value
    case (.native(let x), .native(let y)): return x === y
    case (.function(let x), .function(let y)): return x === y
    default: return false
    }
}

extension Value {
    // Moving a payload out leaves `.void` behind, so the payload is uniquely referenced and
    // can be mutated in place (a `switch` over an inout value would keep a second reference).
    @inline(__always) mutating func takeArray() -> [Value]? {
        guard case .array(let a) = self else { return nil }
        self = .void
        return a
    }
    @inline(__always) mutating func takeDictionary() -> DictionaryStorage? {
        guard case .dictionary(let d) = self else { return nil }
        self = .void
        return d
    }
    @inline(__always) mutating func takeStruct() -> StructInstance? {
        guard case .structInstance(let s) = self else { return nil }
        self = .void
        return s
    }
    @inline(__always) mutating func takeString() -> String? {
        guard case .string(let s) = self else { return nil }
        self = .void
        return s
    }
}
