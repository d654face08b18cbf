/// Mutation in place: assigning to a member or through a subscript of a value held in a
/// variable, without copying what is uniquely referenced.
extension Runtime {
    func modifyMember(_ v: inout Value, _ name: String, _ f: (inout Value) throws -> Value) throws -> Value {
        if let u = userType(of: v), !u.observers.isEmpty, let observers = u.observers[name], let i = u.storedIndex[name],
           initializing == 0, !observing.contains(name) {
            return try modifyObserved(&v, u, i, name, observers, f)
        }
        var fieldIndex: Int?
        if case .structInstance(let s) = v { fieldIndex = s.type.storedIndex[name] }
        if let i = fieldIndex, var s = v.takeStruct() {
            if !isKnownUniquelyReferenced(&s) { s = s.copy() }
            defer { v = .structInstance(s) }
            let r = try f(&s.fields[i])
            if let c = s.type.storedConverters[i] { s.fields[i] = try c(s.fields[i]) }
            return r
        }
        switch v {
        case .structInstance(let s):
            if let c = s.type.computed[name], let setter = c.setter {
                var cur = try get(c.getter, of: v)
                let r = try f(&cur)
                try set(setter, of: &v, to: cur)
                return r
            }
        case .object(let o):
            if let i = o.type.storedIndex[name] {
                let r = try f(&o.fields[i])
                if let c = o.type.storedConverters[i] { o.fields[i] = try c(o.fields[i]) }
                return r
            }
            if let c = o.type.computed[name], let setter = c.setter {
                var cur = try get(c.getter, of: v)
                let r = try f(&cur)
                try set(setter, of: &v, to: cur)
                return r
            }
        case .type(let t):
            if let owner = t.user?.staticOwner(name), var cur = owner.staticValues[name] {
                let r = try f(&cur)
                owner.staticValues[name] = cur
                return r
            }
        case .native(let n):
            var cur: Value
            do { cur = try n.member(name, in: interpreter) } catch let e as StrideError { throw RuntimeError(bridging: e) }
            let r = try f(&cur)
            do { try n.setMember(name, cur) } catch let e as StrideError { throw RuntimeError(bridging: e) }
            return r
        case .tuple(let t):
            if let i = t.labels.firstIndex(where: { $0 == name }) {
                let copy = TupleStorage(t.elements, labels: t.labels)
                let r = try f(&copy.elements[i])
                v = .tuple(copy)
                return r
            }
        case .some:
            throw RuntimeError(.typeError, "value of optional type \(v.typeName) must be unwrapped to assign to '\(name)'")
        default: break
        }
        if case .structInstance(let s) = v, s.type.computed[name] != nil || s.type.methods[name] != nil {
            throw RuntimeError(.typeError, "cannot assign to property: '\(name)' is a get-only property")
        }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no settable member '\(name)'")
    }

    /// Sets a stored property with observers: `willSet` sees the new value, then it is stored,
    /// then `didSet` sees the old one. Inside its own observers a property is set plainly, and
    /// an initializer's stores call no observers, as in Swift.
    func modifyObserved(_ v: inout Value, _ u: UserType, _ i: Int, _ name: String,
                        _ observers: (willSet: FunctionCode?, didSet: FunctionCode?),
                        _ f: (inout Value) throws -> Value) throws -> Value {
        let old = try field(v, u, i)
        var new = old
        let r = try f(&new)
        if let c = u.storedConverters[i] { new = try c(new) }
        observing.append(name)
        defer { observing.removeLast() }
        if let w = observers.willSet {
            _ = try withUnsafeMutablePointer(to: &v) { try call(w, captured: [], receiver: .moved($0), ValueArguments([new])) }
        }
        if var s = v.takeStruct() {
            if !isKnownUniquelyReferenced(&s) { s = s.copy() }
            s.fields[i] = new
            v = .structInstance(s)
        } else if case .object(let o) = v {
            o.fields[i] = new
        }
        if let d = observers.didSet {
            _ = try withUnsafeMutablePointer(to: &v) { try call(d, captured: [], receiver: .moved($0), ValueArguments([old])) }
        }
        return r
    }

    func modifySubscript(_ v: inout Value, _ idx: [Value], labels: [String?], _ f: (inout Value) throws -> Value) throws -> Value {
        if idx.count == 1, var a = v.takeArray() {
            defer { v = .array(a) }
            if case .int(let k) = idx[0] {
                guard k >= 0 && k < a.count else { throw RuntimeError(.indexError, "index \(k) is out of range for an array of \(a.count) element\(a.count == 1 ? "" : "s")") }
                return try f(&a[k])
            }
            if case .range(let r) = idx[0] {
                let (lo, hi) = try sliceBounds(r, count: a.count)
                var slice = Value.array(Array(a[lo..<hi]))
                let res = try f(&slice)
                guard case .array(let replacement) = slice else { throw RuntimeError(.typeError, "a slice must be assigned an Array") }
                a.replaceSubrange(lo..<hi, with: replacement)
                return res
            }
            throw RuntimeError(.typeError, "an array index must be an Int or a range, got \(idx[0].typeName)")
        }
        if !idx.isEmpty, var d = v.takeDictionary() {
            let key = idx[0]
            if !isKnownUniquelyReferenced(&d) { d = d.copy() }
            defer { v = .dictionary(d) }
            if idx.count == 2 && labels[1] == "default" {
                var cur = d.get(key) ?? idx[1]
                let r = try f(&cur)
                d.set(key, cur)
                return r
            }
            var cur: Value = d.get(key).map { Value.some($0) } ?? Value.none
            let r = try f(&cur)
            switch cur {
            case .none: d.remove(key)
            case .some(let x): d.set(key, x)
            default: d.set(key, cur)
            }
            return r
        }
        if let r = try userSubscriptModify(&v, idx, labels: labels, f) { return r }
        throw RuntimeError(.typeError, "cannot assign through a subscript of a value of type \(v.typeName)")
    }
}
