/// Strings as collections of Characters: indices, the mutating methods, and Characters and
/// Unicode scalars. A Character is a one-character String here, and a `String.Index` is the
/// offset of its Character (an Int), so `s[s.index(s.startIndex, offsetBy: 2)]` reads the
/// third Character as in Swift. Printing an index itself prints that offset, where Swift
/// prints the index's internal bits.
extension Runtime {
    /// `s.startIndex`, `s.endIndex`, `s.indices`, and the properties of Characters and scalars.
    func stringProperty(_ s: String, _ name: String) -> Value? {
        let first = s.unicodeScalars.first
        switch name {
        case "startIndex": return .int(0)
        case "endIndex": return .int(s.count)
        case "indices": return .range(RangeValue(lower: 0, upper: s.count, closed: false))
        case "value" where s.unicodeScalars.count == 1: return .int(Int(first!.value))
        case "wholeNumberValue" where s.count == 1:
            return s.first!.wholeNumberValue.map { Value.some(.int($0)) } ?? Value.none
        case "hexDigitValue" where s.count == 1:
            return s.first!.hexDigitValue.map { Value.some(.int($0)) } ?? Value.none
        case "isHexDigit" where s.count == 1: return .bool(s.first!.isHexDigit)
        case "isPunctuation" where s.count == 1: return .bool(s.first!.isPunctuation)
        case "isSymbol" where s.count == 1: return .bool(s.first!.isSymbol)
        case "isASCII" where s.count == 1: return .bool(s.first!.isASCII)
        case "isWholeNumber" where s.count == 1: return .bool(s.first!.isWholeNumber)
        case "isLetter": return .bool(s.count == 1 && s.first!.isLetter)
        case "lazy": return .string(s)
        case "capitalized":
            // Foundation's: each word's first letter uppercased, the rest lowercased.
            var out = ""
            var atWordStart = true
            for ch in s {
                out += atWordStart ? ch.uppercased() : ch.lowercased()
                atWordStart = !(ch.isLetter || ch.isNumber || ch == "'")
            }
            return .string(out)
        default: return nil
        }
    }

    /// An index argument, checked to lie within `0...count`.
    func stringIndex(_ v: Value, in s: String, _ name: String, allowEnd: Bool = true) throws -> Int {
        guard case .int(let i) = v.unwrapped ?? v else {
            throw RuntimeError(.typeError, "\(name) needs a String.Index")
        }
        let limit = allowEnd ? s.count : s.count - 1
        guard i >= 0 && i <= limit else { throw RuntimeError(.indexError, "String index \(i) is out of bounds") }
        return i
    }

    /// The index methods of a string; nil for other names.
    func stringIndexMethod(_ s: String, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        switch (name, labels) {
        case ("index", [nil, "offsetBy"]):
            let i = try stringIndex(args[0], in: s, name)
            guard case .int(let k) = args[1] else { return nil }
            return .int(try stringIndex(.int(i + k), in: s, name))
        case ("index", [nil, "offsetBy", "limitedBy"]):
            let i = try stringIndex(args[0], in: s, name)
            guard case .int(let k) = args[1], case .int(let limit) = args[2] else { return nil }
            let j = i + k
            if k >= 0 ? (i <= limit && j > limit) : (i >= limit && j < limit) { return Value.none }
            return Value.some(.int(try stringIndex(.int(j), in: s, name)))
        case ("index", ["after"]):
            return .int(try stringIndex(.int(try stringIndex(args[0], in: s, name) + 1), in: s, name))
        case ("index", ["before"]):
            return .int(try stringIndex(.int(try stringIndex(args[0], in: s, name) - 1), in: s, name))
        case ("distance", ["from", "to"]):
            return .int(try stringIndex(args[1], in: s, name) - stringIndex(args[0], in: s, name))
        case ("firstIndex", ["of"]), ("lastIndex", ["of"]):
            guard case .string(let c) = args[0] else { return nil }
            let chars = Array(s)
            let hit = name == "firstIndex" ? chars.firstIndex { String($0) == c } : chars.lastIndex { String($0) == c }
            return hit.map { Value.some(.int($0)) } ?? Value.none
        case ("firstIndex", ["where"]), ("lastIndex", ["where"]):
            let chars = Array(s)
            let test: (Character) throws -> Bool = { try self.predicate(args[0], .string(String($0))) }
            let hit = name == "firstIndex" ? try chars.firstIndex(where: test) : try chars.lastIndex(where: test)
            return hit.map { Value.some(.int($0)) } ?? Value.none
        case ("range", ["of"]):
            guard case .string(let sub) = args[0], let r = s.range(of: sub) else { return Value.none }
            let lower = s.distance(from: s.startIndex, to: r.lowerBound)
            return Value.some(.range(RangeValue(lower: lower, upper: lower + sub.count, closed: false)))
        default: return nil
        }
    }

    /// The mutating methods of a string variable; nil for other names.
    func mutatingStringMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        guard case .string(var s) = v else { return nil }
        func text(_ i: Int) throws -> String {
            guard i < args.count, case .string(let x) = args[i] else {
                throw RuntimeError(.typeError, "\(name) needs a String argument")
            }
            return x
        }
        let result: Value
        switch (name, labels) {
        case ("append", [nil]), ("append", ["contentsOf"]): s += try text(0); result = .void
        case ("insert", [nil, "at"]), ("insert", ["contentsOf", "at"]):
            let i = try stringIndex(args[1], in: s, name)
            s.insert(contentsOf: try text(0), at: s.index(s.startIndex, offsetBy: i)); result = .void
        case ("remove", ["at"]):
            let i = try stringIndex(args[0], in: s, name, allowEnd: false)
            result = .string(String(s.remove(at: s.index(s.startIndex, offsetBy: i))))
        case ("removeLast", []):
            guard !s.isEmpty else { throw RuntimeError(.valueError, "removeLast() on an empty String") }
            result = .string(String(s.removeLast()))
        case ("removeFirst", []):
            guard !s.isEmpty else { throw RuntimeError(.valueError, "removeFirst() on an empty String") }
            result = .string(String(s.removeFirst()))
        case ("removeAll", []): s = ""; result = .void
        case ("removeAll", ["where"]):
            s = String(try s.filter { !(try predicate(args[0], .string(String($0)))) }); result = .void
        case ("popLast", []): result = s.popLast().map { Value.some(.string(String($0))) } ?? Value.none
        default: return nil
        }
        v = .string(s)
        return result
    }
}
