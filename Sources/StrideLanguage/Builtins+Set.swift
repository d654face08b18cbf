/// `Set`: unique elements with set algebra. Elements keep the order they were inserted in, so a
/// printed set is the same on every run (Swift's order is unspecified and changes per run).
/// A set is a value: its mutating methods copy a storage another variable shares first.
final class SetValue: NativeObject {
    private(set) var storage: DictionaryStorage

    init(_ elements: [Value] = []) {
        storage = DictionaryStorage()
        for e in elements where storage.get(e) == nil { storage.set(e, .void) }
    }
    private init(storage: DictionaryStorage) { self.storage = storage }

    var elements: [Value] { storage.keys }
    var count: Int { storage.count }
    func contains(_ v: Value) -> Bool { storage.get(v) != nil }
    func copy() -> SetValue { SetValue(storage: storage.copy()) }
    @discardableResult func insert(_ v: Value) -> Bool {
        if contains(v) { return false }
        storage.set(v, .void)
        return true
    }
    @discardableResult func remove(_ v: Value) -> Bool { storage.remove(v) != nil }

    var typeName: String {
        guard let first = elements.first else { return "Set<Any>" }
        return "Set<\(first.typeName)>"
    }
    var description: String { "[" + elements.map { format($0, debug: true) }.joined(separator: ", ") + "]" }

    func isEqual(to other: SetValue) -> Bool { count == other.count && elements.allSatisfy(other.contains) }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "count": return .int(count)
        case "isEmpty": return .bool(count == 0)
        case "first": return elements.first.map { Value.some($0) } ?? Value.none
        default:
            throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        guard case .native(let n) = other, let o = n as? SetValue else { return .bool(op == .notEqual) }
        return .bool(isEqual(to: o) == (op == .equal))
    }
}

extension Runtime {
    /// The set a value stands for where a `Set` is declared: a set, or an array literal's elements.
    func asSet(_ v: Value) throws -> SetValue? {
        switch v {
        case .native(let n as SetValue): return n
        case .array(let xs): return SetValue(xs)
        default: return nil
        }
    }

    /// Any sequence as a set's operand (`a.union([7, 8])`, `a.isSubset(of: 1...5)`).
    func setOperand(_ v: Value) throws -> SetValue {
        if case .native(let n as SetValue) = v { return n }
        return SetValue(try materialize(v))
    }

    /// A method of a set; the mutating ones change `v` in place, copying shared storage first.
    func setMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        guard case .native(let n as SetValue) = v else { return nil }
        let mutating: Set<String> = ["insert", "remove", "formUnion", "subtract", "formIntersection",
                                     "formSymmetricDifference", "removeAll", "update", "removeFirst"]
        if mutating.contains(name) {
            var set = n
            v = .void
            if !isKnownUniquelyReferenced(&set) { set = set.copy() }
            defer { v = .native(set) }
            return try mutateSet(set, name, args, labels: labels)
        }
        func operand() throws -> SetValue {
            guard args.count == 1 else {
                throw RuntimeError(.typeError, "\(name) takes one argument, got \(args.count)")
            }
            return try setOperand(args[0])
        }
        switch name {
        case "contains" where args.count == 1 && labels[0] == nil: return .bool(n.contains(args[0]))
        case "union": let o = try operand(); return .native(SetValue(n.elements + o.elements))
        case "intersection": let o = try operand(); return .native(SetValue(n.elements.filter(o.contains)))
        case "subtracting": let o = try operand(); return .native(SetValue(n.elements.filter { !o.contains($0) }))
        case "symmetricDifference":
            let o = try operand()
            return .native(SetValue(n.elements.filter { !o.contains($0) } + o.elements.filter { !n.contains($0) }))
        case "isSubset": let o = try operand(); return .bool(n.elements.allSatisfy(o.contains))
        case "isStrictSubset":
            let o = try operand(); return .bool(n.count < o.count && n.elements.allSatisfy(o.contains))
        case "isSuperset": let o = try operand(); return .bool(o.elements.allSatisfy(n.contains))
        case "isStrictSuperset":
            let o = try operand(); return .bool(n.count > o.count && o.elements.allSatisfy(n.contains))
        case "isDisjoint": let o = try operand(); return .bool(!n.elements.contains(where: o.contains))
        case "filter":
            // A filtered set is a set; the other sequence methods give arrays, as in Swift.
            var array = Value.array(n.elements)
            guard case .array(let kept) = try invokeMethod(&array, name, ValueArguments(args, labels: labels)) else {
                return nil
            }
            return .native(SetValue(kept))
        default:
            var array = Value.array(n.elements)
            return try invokeMethod(&array, name, ValueArguments(args, labels: labels))
        }
    }

    private func mutateSet(_ set: SetValue, _ name: String, _ args: [Value], labels: [String?]) throws -> Value {
        func one() throws -> Value {
            guard args.count == 1 else {
                throw RuntimeError(.typeError, "\(name) takes one argument, got \(args.count)")
            }
            return args[0]
        }
        switch name {
        case "insert":
            let x = try one()
            let inserted = set.insert(x)
            return .tuple(TupleStorage([.bool(inserted), x], labels: ["inserted", "memberAfterInsert"]))
        case "update":
            let x = try one()
            let had = set.contains(x)
            set.insert(x)
            return had ? Value.some(x) : Value.none
        case "remove":
            let x = try one()
            return set.remove(x) ? Value.some(x) : Value.none
        case "removeFirst":
            guard let x = set.elements.first else { throw RuntimeError(.valueError, "removeFirst() on an empty set") }
            set.remove(x)
            return x
        case "removeAll":
            for x in set.elements { set.remove(x) }
            return .void
        case "formUnion": for x in try setOperand(try one()).elements { set.insert(x) }
        case "subtract": for x in try setOperand(try one()).elements { set.remove(x) }
        case "formIntersection":
            let o = try setOperand(try one())
            for x in set.elements where !o.contains(x) { set.remove(x) }
        default:   // formSymmetricDifference
            let o = try setOperand(try one())
            for x in o.elements { if set.contains(x) { set.remove(x) } else { set.insert(x) } }
        }
        return .void
    }
}
