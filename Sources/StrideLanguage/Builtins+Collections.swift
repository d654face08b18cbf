/// Properties and methods of the builtin value types: Array, Dictionary, String, Range,
/// Int, Double, Optional, Tuple.
extension Runtime {
    /// `reduce(into:_:)`: the accumulator is the closure's first parameter, passed `inout`, so
    /// what the closure does to it (`acc.0.append(x)`, `acc[k, default: 0] += 1`) is kept.
    func reduceInto(_ initial: Value, _ elements: [Value], _ closure: Value) throws -> Value {
        var acc = initial
        let accumulator = InoutReference(get: { acc }, set: { acc = $0 })
        for x in elements {
            _ = try call(value: closure, InoutFirstArguments(first: accumulator, second: x))
        }
        return acc
    }

    func predicate(_ f: Value, _ x: Value) throws -> Bool {
        let r = try callClosure(f, [x])
        guard case .bool(let b) = r else { throw RuntimeError(.typeError, "the closure must return a Bool, got \(r.typeName)") }
        return b
    }

    func builtinProperty(_ v: Value, _ name: String) throws -> Value? {
        switch v {
        case .array(let a):
            switch name {
            case "count": return .int(a.count)
            case "isEmpty": return .bool(a.isEmpty)
            case "first": return a.first.map { Value.some($0) } ?? Value.none
            case "last": return a.last.map { Value.some($0) } ?? Value.none
            case "indices": return .range(RangeValue(lower: 0, upper: a.count, closed: false))
            case "startIndex": return .int(0)
            // `xs.lazy.map { }`: evaluated at once here, which gives the same values for
            // closures without side effects.
            case "lazy": return v
            case "endIndex": return .int(a.count)
            default: return nil
            }
        case .dictionary(let d):
            switch name {
            case "count": return .int(d.count)
            case "isEmpty": return .bool(d.count == 0)
            case "keys": return .array(d.keys)
            case "values": return .array(d.values)
            case "first":
                guard d.count > 0 else { return Value.none }
                return Value.some(.tuple(TupleStorage([d.keys[0], d.values[0]], labels: ["key", "value"])))
            default: return nil
            }
        case .string(let s):
            switch name {
            case "count": return .int(s.count)
            case "isEmpty": return .bool(s.isEmpty)
            case "first": return s.first.map { Value.some(.string(String($0))) } ?? Value.none
            case "last": return s.last.map { Value.some(.string(String($0))) } ?? Value.none
            case "utf8": return .array(s.utf8.map { .int(Int($0)) })
            case "unicodeScalars": return .array(s.unicodeScalars.map { .string(String($0)) })
            case "isNumber": return .bool(s.count == 1 && s.first!.isNumber)
            case "isLetter": return .bool(s.count == 1 && s.first!.isLetter)
            case "isWhitespace": return .bool(s.count == 1 && s.first!.isWhitespace)
            case "isUppercase": return .bool(s.count == 1 && s.first!.isUppercase)
            case "isLowercase": return .bool(s.count == 1 && s.first!.isLowercase)
            case "asciiValue": return s.count == 1 ? (s.first!.asciiValue.map { Value.some(.int(Int($0))) } ?? Value.none) : Value.none
            default: return stringProperty(s, name)
            }
        case .range(let r):
            switch name {
            case "count":
                return .int(try r.elementCount())
            case "isEmpty": return .bool(try r.elementCount() == 0)
            case "lowerBound": if let (a, _, _) = r.doubleBounds { return .double(a) }; return r.lower.map { .int($0) } ?? Value.none
            case "upperBound": if let (_, b, _) = r.doubleBounds { return .double(b) }; return r.upper.map { .int($0) } ?? Value.none
            case "first": guard try r.elementCount() > 0 else { return Value.none }; return Value.some(.int(r.element(0)))
            case "last": let n = try r.elementCount(); guard n > 0 else { return Value.none }; return Value.some(.int(r.element(n - 1)))
            default: return nil
            }
        case .int(let i):
            switch name {
            case "magnitude": return .int(i.magnitude > UInt(Int.max) ? Int.max : Int(i.magnitude))
            case "isMultiple": return nil
            case "nonzeroBitCount": return .int(i.nonzeroBitCount)
            default: return nil
            }
        case .double(let d):
            switch name {
            case "isNaN": return .bool(d.isNaN)
            case "isInfinite": return .bool(d.isInfinite)
            case "isFinite": return .bool(d.isFinite)
            case "isZero": return .bool(d.isZero)
            case "magnitude": return .double(d.magnitude)
            case "sign": return .string(d.sign == .minus ? "minus" : "plus")
            default: return nil
            }
        case .some(let inner):
            if name == "unsafelyUnwrapped" { return inner }
            return nil
        default: return nil
        }
    }

    func expectArgs(_ name: String, _ args: [Value], _ n: Int) throws {
        guard args.count == n else { throw RuntimeError(.typeError, "\(name) takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)") }
    }

    /// A builtin method; nil when the receiver's type has no such method.
    func builtinMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        if case .array = v { return try arrayMethod(&v, name, args, labels: labels) }
        if case .dictionary = v { return try dictionaryMethod(&v, name, args, labels: labels) }
        switch v {
        case .string(let s):
            if let r = try mutatingStringMethod(&v, name, args, labels: labels) { return r }
            if let r = try stringIndexMethod(s, name, args, labels: labels) { return r }
            if let r = try stringMethod(s, name, args, labels: labels) { return r }
            // The other sequence methods, on the string's Characters (`allSatisfy`, `reduce`...).
            let sequenceMethods: Set<String> = ["allSatisfy", "reduce", "compactMap", "flatMap", "first", "last", "min", "max",
                                                "count", "randomElement", "shuffled", "elementsEqual", "starts"]
            guard sequenceMethods.contains(name) else { return nil }
            var chars = Value.array(s.map { .string(String($0)) })
            return try arrayMethod(&chars, name, args, labels: labels)
        case .range(let r):
            if name == "contains", args.count == 1 { return .bool(try patternMatches(.range(r), args[0])) }
            if name == "reversed" || name == "map" || name == "filter" || name == "reduce" || name == "forEach" || name == "sorted"
                || name == "compactMap" || name == "flatMap" || name == "allSatisfy" || name == "enumerated" || name == "min" || name == "max"
                || name == "first" || name == "contains" || name == "shuffled" || name == "prefix" || name == "dropFirst" || name == "joined" {
                var arr = Value.array(try materialize(v))
                return try arrayMethod(&arr, name, args, labels: labels)
            }
            return nil
        case .int(let i):
            switch name {
            case "isMultiple":
                guard case .int(let k)? = args.first else { return nil }
                return .bool(k == 0 ? i == 0 : i % k == 0)
            case "quotientAndRemainder":
                guard case .int(let k)? = args.first, k != 0 else { throw RuntimeError(.arithmeticError, "division by zero") }
                return .tuple(TupleStorage([.int(i / k), .int(i % k)], labels: ["quotient", "remainder"]))
            case "signum": return .int(i.signum())
            case "advanced": guard case .int(let k)? = args.first else { return nil }; return try arithmetic(.add, v, .int(k))
            case "distance": guard case .int(let k)? = args.first else { return nil }; return try arithmetic(.subtract, .int(k), v)
            default: return nil
            }
        case .double(let d):
            switch name {
            case "squareRoot": return .double(d.squareRoot())
            case "rounded":
                if let s = args.first, case .symbol(let sym) = s {
                    switch sym.name {
                    case "down": return .double(d.rounded(.down))
                    case "up": return .double(d.rounded(.up))
                    case "towardZero": return .double(d.rounded(.towardZero))
                    case "toNearestOrEven": return .double(d.rounded(.toNearestOrEven))
                    default: return .double(d.rounded())
                    }
                }
                return .double(d.rounded())
            case "truncatingRemainder":
                guard let y = args.first?.asDouble else { return nil }
                return .double(d.truncatingRemainder(dividingBy: y))
            case "remainder":
                guard let y = args.first?.asDouble else { return nil }
                return .double(d.remainder(dividingBy: y))
            case "isMultiple": return nil
            default: return nil
            }
        case .bool(let b):
            if name == "toggle" { v = .bool(!b); return .void }
            return nil
        case .some(let inner):
            switch name {
            case "map":
                guard let f = args.first else { return nil }
                return Value.some(try callClosure(f, [inner]))
            case "flatMap":
                guard let f = args.first else { return nil }
                let r = try callClosure(f, [inner])
                switch r {
                case .some, .none: return r
                default: return Value.some(r)   // the closure's result is an Optional
                }
            default: return nil
            }
        case .none:
            if name == "map" || name == "flatMap" { return Value.none }
            return nil
        default: return nil
        }
    }

    /// The elements of any sequence value.
    func materialize(_ v: Value) throws -> [Value] {
        var out: [Value] = []
        if case .range(let r) = v, try r.elementCount() > 100_000_000 {
            throw RuntimeError(.memoryError, "the range \(format(v, debug: false)) has too many elements to collect into an array")
        }
        try iterate(v, range: nil, rt: self) { out.append($0); try self.poll(); return true }
        return out
    }

    func arrayMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        guard var a = v.takeArray() else { return nil }
        defer { v = .array(a) }
        switch name {
        case "append":
            if labels.first == "contentsOf" { a.append(contentsOf: try materialize(args[0])); return .void }
            try expectArgs("append", args, 1)
            a.append(args[0]); return .void
        case "insert" where labels == ["contentsOf", "at"]:
            guard case .int(let i) = args[1], i >= 0 && i <= a.count else {
                throw RuntimeError(.indexError, "insert(contentsOf:at:) index is out of range for an array of \(a.count) elements")
            }
            a.insert(contentsOf: try materialize(args[0]), at: i); return .void
        case "replaceSubrange" where args.count == 2:
            guard case .range(let r) = args[0] else { throw RuntimeError(.typeError, "replaceSubrange needs a range") }
            let (lo, hi) = try sliceBounds(r, count: a.count)
            a.replaceSubrange(lo..<hi, with: try materialize(args[1])); return .void
        case "elementsEqual" where args.count == 1:
            let other = try materialize(args[0])
            return .bool(a.count == other.count && zip(a, other).allSatisfy { valuesEqual($0.0, $0.1) })
        case "insert":
            try expectArgs("insert(_:at:)", args, 2)
            guard case .int(let i) = args[1] else { throw RuntimeError(.typeError, "insert(_:at:) needs an Int index") }
            guard i >= 0 && i <= a.count else { throw RuntimeError(.indexError, "index \(i) is out of range for insertion into an array of \(a.count) element\(a.count == 1 ? "" : "s")") }
            a.insert(args[0], at: i); return .void
        case "remove":
            guard labels.first == "at", case .int(let i)? = args.first else { return nil }
            guard i >= 0 && i < a.count else { throw RuntimeError(.indexError, "index \(i) is out of range for an array of \(a.count) element\(a.count == 1 ? "" : "s")") }
            return a.remove(at: i)
        case "removeLast", "removeFirst":
            if case .int(let k)? = args.first {
                guard k >= 0 && k <= a.count else { throw RuntimeError(.indexError, "cannot remove \(k) elements from an array of \(a.count)") }
                if name == "removeLast" { a.removeLast(k) } else { a.removeFirst(k) }
                return .void
            }
            guard !a.isEmpty else { throw RuntimeError(.indexError, "cannot \(name) from an empty array") }
            return name == "removeLast" ? a.removeLast() : a.removeFirst()
        case "popLast":
            return a.popLast().map { Value.some($0) } ?? Value.none
        case "removeAll":
            if let f = args.first { a = try a.filter { !(try predicate(f, $0)) } } else { a.removeAll() }
            return .void
        case "sort":
            a = try sortValues(a, by: args.first)
            return .void
        case "reverse": a.reverse(); return .void
        case "swapAt":
            guard args.count == 2, case .int(let i) = args[0], case .int(let j) = args[1] else { return nil }
            guard i >= 0, i < a.count, j >= 0, j < a.count else { throw RuntimeError(.indexError, "swapAt(\(i), \(j)) is out of range for an array of \(a.count) elements") }
            a.swapAt(i, j); return .void
        case "shuffle":
            a.shuffle(); return .void
        default: break
        }
        switch name {
        case "map": return .array(try a.map { try callClosure(args[0], [$0]) })
        case "compactMap":
            var out: [Value] = []
            for x in a {
                switch try callClosure(args[0], [x]) {
                case .none: continue
                case .some(let y): out.append(y)
                case let y: out.append(y)
                }
            }
            return .array(out)
        case "flatMap":
            var out: [Value] = []
            for x in a { out.append(contentsOf: try materialize(try callClosure(args[0], [x]))) }
            return .array(out)
        case "filter": return .array(try a.filter { try predicate(args[0], $0) })
        case "forEach": for x in a { _ = try callClosure(args[0], [x]) }; return .void
        case "reduce":
            try expectArgs("reduce", args, 2)
            if labels.first == "into" {
                // reduce(into:) passes the accumulator inout: the closure's first parameter.
                return try reduceInto(args[0], a, args[1])
            }
            var acc = args[0]
            for x in a { acc = try callClosure(args[1], [acc, x]) }
            return acc
        case "sorted": return .array(try sortValues(a, by: args.first))
        case "reversed": return .array(a.reversed())
        case "enumerated":
            return .array(a.enumerated().map { .tuple(TupleStorage([.int($0.offset), $0.element], labels: ["offset", "element"])) })
        case "contains":
            guard let x = args.first else { return nil }
            if labels.first == "where" || ((labels.first ?? nil) == nil && isCallable(x)) { return .bool(try a.contains { try predicate(x, $0) }) }
            return .bool(a.contains { valuesEqual($0, x) })
        case "allSatisfy": return .bool(try a.allSatisfy { try predicate(args[0], $0) })
        case "first":
            // `first(where:)`, also written with a trailing closure: `xs.first { $0 > 3 }`.
            guard args.count == 1, labels.first == "where" || isCallable(args[0]) else { return nil }
            return try a.first { try predicate(args[0], $0) }.map { Value.some($0) } ?? Value.none
        case "last":
            guard args.count == 1, labels.first == "where" || isCallable(args[0]) else { return nil }
            return try a.last { try predicate(args[0], $0) }.map { Value.some($0) } ?? Value.none
        case "firstIndex", "lastIndex":
            guard let x = args.first else { return nil }
            let byPredicate = labels.first == "where" || (labels.first == nil && isCallable(x))
            let test: (Value) throws -> Bool = byPredicate ? { try self.predicate(x, $0) } : { valuesEqual($0, x) }
            let idx = name == "firstIndex" ? try a.firstIndex(where: test) : try a.lastIndex(where: test)
            return idx.map { Value.some(.int($0)) } ?? Value.none
        case "min", "max":
            if a.isEmpty { return Value.none }
            var best = a[0]
            for x in a.dropFirst() {
                // `by:` is areInIncreasingOrder, as in Swift.
                let replace: Bool
                if let f = args.first {
                    replace = name == "min" ? try predicate2(f, x, best) : try predicate2(f, best, x)
                } else {
                    replace = name == "min" ? try order(x, best) < 0 : try order(best, x) < 0
                }
                if replace { best = x }
            }
            return Value.some(best)
        case "joined":
            let sep: String
            if case .string(let s)? = args.first { sep = s } else { sep = "" }
            if a.allSatisfy({ if case .array = $0 { return true }; return false }) && !a.isEmpty {
                var out: [Value] = []
                for x in a { if case .array(let y) = x { out.append(contentsOf: y) } }
                return .array(out)
            }
            return .string(try a.map { x -> String in
                guard case .string(let s) = x else { throw RuntimeError(.typeError, "joined() needs an array of strings, found \(x.typeName)") }
                return s
            }.joined(separator: sep))
        case "prefix" where labels == ["while"], "drop" where labels == ["while"]:
            var n = 0
            while n < a.count, try predicate(args[0], a[n]) { n += 1 }
            return .array(Array(name == "prefix" ? a.prefix(n) : a.dropFirst(n)))
        case "prefix", "suffix", "dropFirst", "dropLast":
            var k = 1
            if case .int(let n)? = args.first { k = n }
            else if args.first != nil { return nil }
            guard k >= 0 else { throw RuntimeError(.valueError, "\(name) needs a non-negative count") }
            switch name {
            case "prefix": return .array(Array(a.prefix(k)))
            case "suffix": return .array(Array(a.suffix(k)))
            case "dropFirst": return .array(Array(a.dropFirst(k)))
            default: return .array(Array(a.dropLast(k)))
            }
        case "index":
            // Array indices are Ints: `index(after:)`, `index(before:)`, `index(_:offsetBy:)`.
            switch (labels, args.first) {
            case (["after"], .int(let i)?): return .int(i + 1)
            case (["before"], .int(let i)?): return .int(i - 1)
            case ([nil, "offsetBy"], .int(let i)?): guard case .int(let k) = args[1] else { return nil }; return .int(i + k)
            default: return nil
            }
        case "split" where labels == ["separator"]:
            // Pieces between separators, empty ones left out (Swift's default).
            return .array(a.split(whereSeparator: { valuesEqual($0, args[0]) }).map { .array(Array($0)) })
        case "distance":
            guard labels == ["from", "to"], case .int(let i) = args[0], case .int(let j) = args[1] else { return nil }
            return .int(j - i)
        case "shuffled": return .array(a.shuffled())
        case "randomElement": return a.randomElement().map { Value.some($0) } ?? Value.none
        case "count":
            guard labels.first == "where" else { return nil }
            return .int(try a.filter { try predicate(args[0], $0) }.count)
        default: return nil
        }
    }

    func isCallable(_ v: Value) -> Bool { if case .function = v { return true }; return false }

    func predicate2(_ f: Value, _ x: Value, _ y: Value) throws -> Bool {
        let r = try callClosure(f, [x, y])
        guard case .bool(let b) = r else { throw RuntimeError(.typeError, "the comparison closure must return a Bool, got \(r.typeName)") }
        return b
    }

    func sortValues(_ a: [Value], by f: Value?) throws -> [Value] {
        if let f = f {
            if case .symbol(let s) = f {   // sorted(by: >) is written with an operator; `.>`-style symbols are not valid
                throw RuntimeError(.typeError, "sorted(by:) needs a closure, got .\(s.name)")
            }
            var failure: Error?
            let out = a.sorted { x, y in
                if failure != nil { return false }
                do { return try predicate2(f, x, y) } catch { failure = error; return false }
            }
            if let e = failure { throw e }
            return out
        }
        // Ints sort natively without boxing per comparison.
        var ints: [Int] = []
        ints.reserveCapacity(a.count)
        var allInts = true
        for x in a { if case .int(let i) = x { ints.append(i) } else { allInts = false; break } }
        if allInts { ints.sort(); return ints.map { .int($0) } }
        var failure: Error?
        let out = a.sorted { x, y in
            if failure != nil { return false }
            do { return try order(x, y) < 0 } catch { failure = error; return false }
        }
        if let e = failure { throw e }
        return out
    }

    func dictionaryMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        guard case .dictionary = v else { return nil }
        let mutating: Set<String> = ["removeValue", "updateValue", "removeAll", "merge"]
        if mutating.contains(name), var d = v.takeDictionary() {
            if !isKnownUniquelyReferenced(&d) { d = d.copy() }
            defer { v = .dictionary(d) }
            switch name {
            case "removeValue":
                guard let k = args.first else { return nil }
                return d.remove(k).map { Value.some($0) } ?? Value.none
            case "updateValue":
                guard args.count == 2 else { return nil }
                let old = d.get(args[1])
                d.set(args[1], args[0])
                return old.map { Value.some($0) } ?? Value.none
            case "removeAll":
                d = DictionaryStorage(); return .void
            case "merge":
                guard args.count == 2, case .dictionary(let other) = args[0] else { return nil }
                for (i, k) in other.keys.enumerated() {
                    if let cur = d.get(k) { d.set(k, try callClosure(args[1], [cur, other.values[i]])) } else { d.set(k, other.values[i]) }
                }
                return .void
            default: return nil
            }
        }
        guard case .dictionary(let d) = v else { return nil }
        func pairs() -> [Value] { (0..<d.count).map { .tuple(TupleStorage([d.keys[$0], d.values[$0]], labels: ["key", "value"])) } }
        switch name {
        case "map": return .array(try pairs().map { try callClosure(args[0], [$0]) })
        case "mapValues": return .dictionary(DictionaryStorage(keys: d.keys, values: try d.values.map { try callClosure(args[0], [$0]) }, index: d.index))
        case "filter":
            let out = DictionaryStorage()
            for (i, p) in pairs().enumerated() where try predicate(args[0], p) { out.set(d.keys[i], d.values[i]) }
            return .dictionary(out)
        case "forEach": for p in pairs() { _ = try callClosure(args[0], [p]) }; return .void
        case "sorted": return .array(try sortValues(pairs(), by: args.first))
        case "contains":
            guard let f = args.first else { return nil }
            return .bool(try pairs().contains { try predicate(f, $0) })
        case "reduce":
            var acc = args[0]
            for p in pairs() { acc = try callClosure(args[1], [acc, p]) }
            return acc
        case "index", "keys": return nil
        default: return nil
        }
    }

    func stringMethod(_ s: String, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        func str(_ i: Int) throws -> String {
            guard i < args.count, case .string(let x) = args[i] else { throw RuntimeError(.typeError, "\(name) needs a String argument") }
            return x
        }
        switch name {
        case "uppercased": return .string(s.uppercased())
        case "lowercased": return .string(s.lowercased())
        case "hasPrefix": return .bool(s.hasPrefix(try str(0)))
        case "hasSuffix": return .bool(s.hasSuffix(try str(0)))
        case "contains":
            if let f = args.first, isCallable(f) { return .bool(try s.contains { try predicate(f, .string(String($0))) }) }
            let sub = try str(0)
            if sub.isEmpty { return .bool(true) }
            return .bool(s.range(of: sub) != nil)
        case "split":
            // split(separator:maxSplits:omittingEmptySubsequences:) and split(whereSeparator:).
            var maxSplits = Int.max, omitting = true
            var isSeparator: ((Character) throws -> Bool)?
            var sep: String?
            for (label, value) in zip(labels, args) {
                switch (label, value) {
                case ("separator"?, .string(let x)), (nil, .string(let x)): sep = x
                case ("whereSeparator"?, _), (nil, _) where isCallable(value):
                    isSeparator = { try self.predicate(value, .string(String($0))) }
                case ("maxSplits"?, .int(let n)): maxSplits = n
                case ("omittingEmptySubsequences"?, .bool(let b)): omitting = b
                default: throw RuntimeError(.typeError, "split: unexpected argument \(label.map { "'\($0):'" } ?? "") of type \(value.typeName)")
                }
            }
            if let f = isSeparator {
                return .array(try s.split(maxSplits: maxSplits, omittingEmptySubsequences: omitting, whereSeparator: f).map { .string(String($0)) })
            }
            let separator = sep ?? " "
            if separator.count == 1 {
                return .array(s.split(separator: separator.first!, maxSplits: maxSplits, omittingEmptySubsequences: omitting)
                    .map { .string(String($0)) })
            }
            return .array(s.components(separatedBy: separator).filter { !omitting || !$0.isEmpty }.map { .string($0) })
        case "components":
            return .array(s.components(separatedBy: try str(0)).map { .string($0) })
        case "reversed": return .string(String(s.reversed()))
        case "trimmingCharacters", "trimmed":
            return .string(s.trimmingWhitespace())
        case "replacingOccurrences":
            guard args.count == 2 else { return nil }
            return .string(s.replacingAll(try str(0), with: try str(1)))
        case "map": return .array(try s.map { try callClosure(args[0], [.string(String($0))]) })
        case "filter": return .string(String(try s.filter { try predicate(args[0], .string(String($0))) }))
        case "sorted": return .array(try sortValues(s.map { .string(String($0)) }, by: args.first))
        case "prefix": guard case .int(let k)? = args.first, k >= 0 else { return nil }; return .string(String(s.prefix(k)))
        case "suffix": guard case .int(let k)? = args.first, k >= 0 else { return nil }; return .string(String(s.suffix(k)))
        case "dropFirst": let k: Int = { if case .int(let k)? = args.first { return k }; return 1 }(); return .string(String(s.dropFirst(max(0, k))))
        case "dropLast": let k: Int = { if case .int(let k)? = args.first { return k }; return 1 }(); return .string(String(s.dropLast(max(0, k))))
        case "enumerated": return .array(s.enumerated().map { .tuple(TupleStorage([.int($0.offset), .string(String($0.element))], labels: ["offset", "element"])) })
        case "forEach": for ch in s { _ = try callClosure(args[0], [.string(String(ch))]) }; return .void
        case "padding":
            return nil
        default: return nil
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars = scalars.dropFirst() }
        while let l = scalars.last, l.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
    func components(separatedBy sep: String) -> [String] {
        guard !sep.isEmpty else { return [self] }
        var out: [String] = []
        var current = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(sep) { out.append(current); current = ""; rest = rest.dropFirst(sep.count) }
            else { current.append(rest.first!); rest = rest.dropFirst() }
        }
        out.append(current)
        return out
    }
    func range(of sub: String) -> Range<String.Index>? {
        guard !sub.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(sub) { return i..<index(i, offsetBy: sub.count) }
            i = index(after: i)
        }
        return nil
    }
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}

/// Two unlabelled arguments, the first passed `inout` (`reduce(into:)`'s accumulator).
struct InoutFirstArguments: CallArguments {
    let first: InoutReference
    let second: Value
    var count: Int { 2 }
    var labels: [String?] { [nil, nil] }
    var trailingFrom: Int { 2 }
    var callRange: SourceRange? { nil }
    func value(_ i: Int) throws -> Value { i == 0 ? try first.get() : second }
    func reference(_ i: Int) -> InoutReference? { i == 0 ? first : nil }
    func range(_ i: Int) -> SourceRange? { nil }
    func match(for code: FunctionCode) throws -> ArgumentMatch { try code.match(labels: labels, trailingFrom: 2) }
}
