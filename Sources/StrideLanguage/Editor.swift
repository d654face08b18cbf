/// Editor help for the kernel: completion, inspection and the "is this input complete?"
/// question that the REPL and Jupyter's console ask.

/// Whether typed input is ready to run.
public enum Completeness: Equatable {
    case complete
    /// More lines are expected; `indent` is the suggested indentation of the next line.
    case incomplete(indent: String)
    /// A lexical error that more input cannot fix.
    case invalid
}

/// Completion candidates replacing the scalars `start..<end` of the code.
public struct Completion: Equatable {
    public var matches: [String]
    public var start: Int
    public var end: Int
    public init(matches: [String], start: Int, end: Int) { self.matches = matches; self.start = start; self.end = end }
}

let languageKeywords = ["let", "var", "func", "return", "if", "else", "guard", "while", "repeat", "for", "in",
                        "switch", "case", "default", "break", "continue", "fallthrough", "struct", "class",
                        "protocol", "enum", "extension", "init", "throw", "throws", "do", "try", "catch", "defer",
                        "true", "false", "nil", "self", "import", "where", "static", "mutating", "inout"]

extension Interpreter {
    public func isComplete(_ code: String) -> Completeness {
        let tokens: [Token]
        do { tokens = try Lexer.tokenize(code) } catch let d as Diagnostic {
            return d.isUnexpectedEnd ? .incomplete(indent: "") : .invalid
        } catch { return .invalid }
        var depth = 0
        for t in tokens where t.kind == .punct {
            if t.text == "(" || t.text == "[" || t.text == "{" { depth += 1 }
            if t.text == ")" || t.text == "]" || t.text == "}" { depth -= 1 }
            if depth < 0 { return .invalid }   // a closing bracket no more code can match
        }
        let indent = String(repeating: "    ", count: max(depth, 0))
        if depth > 0 { return .incomplete(indent: indent) }
        if tokens.count >= 2 {
            let last = tokens[tokens.count - 2]
            if last.isPunct(",") || last.isPunct(":") || last.isPunct(".") { return .incomplete(indent: indent) }
            if last.kind == .op && !(last.text == "!" || last.text == "?" || last.text == "...") && (last.spaceBefore || !last.spaceAfter) {
                if last.spaceBefore || Parser.precedence[last.text] != nil || Parser.assignmentOps.contains(last.text) {
                    return .incomplete(indent: indent)
                }
            }
        }
        // Code that fails to parse before its end can never become valid by typing more:
        // "invalid", as ipykernel answers, so a console runs it at once and shows the error.
        do { _ = try Parser.parse(code) } catch let d as Diagnostic {
            return d.isUnexpectedEnd ? .incomplete(indent: indent) : .invalid
        } catch { return .invalid }
        return .complete
    }

    public func complete(_ code: String, cursor: Int) -> Completion {
        let scalars = Array(code.unicodeScalars)
        let end = max(0, min(cursor, scalars.count))
        var start = end
        func isIdent(_ s: Unicode.Scalar) -> Bool { s.properties.isXIDContinue || s == "_" || s == "$" }
        while start > 0 && isIdent(scalars[start - 1]) { start -= 1 }
        let fragment = String(String.UnicodeScalarView(scalars[start..<end]))
        var candidates: [String] = []
        if start > 0 && scalars[start - 1] == "." {
            // Members of the value before the dot, when it is a known name chain.
            var b = start - 1
            while b > 0 && (isIdent(scalars[b - 1]) || scalars[b - 1] == ".") { b -= 1 }
            let chain = String(String.UnicodeScalarView(scalars[b..<(start - 1)]))
            if !chain.isEmpty, let value = valueOfChain(chain) {
                candidates = memberNames(of: value)
            } else if chain.isEmpty {
                candidates = []
            }
        } else {
            candidates = namesInScope(code)
            if let labels = argumentLabels(scalars, before: start) { candidates = labels.map { $0 + ":" } + candidates }
        }
        var seen: Set<String> = []
        let matches = candidates.filter { $0.hasPrefix(fragment) && seen.insert($0).inserted }
        let ordered = matches.filter { $0.hasSuffix(":") } + matches.filter { !$0.hasSuffix(":") }.sorted()
        return Completion(matches: ordered, start: start, end: end)
    }

    /// Keywords, globals (earlier cells, host and library), types and names declared in `code`.
    func namesInScope(_ code: String) -> [String] {
        var names = Set(languageKeywords)
        names.formUnion(globalEnv.globals.keys.filter { !$0.hasPrefix("$") })
        names.formUnion(userTypes.keys)
        names.formUnion(nativeTypes.keys)
        if let tokens = try? Lexer.tokenize(code) {
            for (i, t) in tokens.enumerated() where i > 0 {
                let prev = tokens[i - 1]
                if t.kind == .identifier && (prev.isKeyword("let") || prev.isKeyword("var") || prev.isKeyword("func")
                                             || prev.isKeyword("struct") || prev.isKeyword("class") || prev.isKeyword("for")
                                             || prev.isKeyword("enum") || prev.isKeyword("case")) {
                    names.insert(t.text)
                }
            }
        }
        return Array(names)
    }

    /// Labels of the call whose argument list the cursor is in, at an argument's start.
    func argumentLabels(_ scalars: [Unicode.Scalar], before start: Int) -> [String]? {
        var i = start - 1
        while i >= 0 && (scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\n") { i -= 1 }
        guard i >= 0, scalars[i] == "(" || scalars[i] == "," else { return nil }
        var depth = 0
        while i >= 0 {
            let c = scalars[i]
            if c == ")" || c == "]" || c == "}" { depth += 1 }
            if c == "(" || c == "[" || c == "{" {
                if depth == 0 { break }
                depth -= 1
            }
            i -= 1
        }
        guard i > 0, scalars[i] == "(" else { return nil }
        var j = i
        while j > 0 && (scalars[j - 1].properties.isXIDContinue || scalars[j - 1] == "_" || scalars[j - 1] == ".") { j -= 1 }
        let callee = String(String.UnicodeScalarView(scalars[j..<i]))
        let name = callee.split(separator: ".").last.map(String.init) ?? callee
        if let f = userFunctions[name] { return f.params.compactMap { $0.label } }
        if let t = userTypes[name] {
            if let i = t.initializers.first?.decl { return i.params.compactMap { $0.label } }
            return t.storedNames
        }
        if let doc = nativeDocs[name] { return labelsFromSignature(doc.signature) }
        return nil
    }

    func labelsFromSignature(_ sig: String) -> [String] {
        var labels: [String] = []
        for line in sig.split(separator: "\n") {
            guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else { continue }
            for part in line[line.index(after: open)..<close].split(separator: ",") {
                let words = part.split(separator: ":").first?.split(separator: " ") ?? []
                if let first = words.first, first != "_", !labels.contains(String(first)) { labels.append(String(first)) }
            }
        }
        return labels
    }

    /// The current value of a dotted name chain such as `p` or `model.conv`.
    func valueOfChain(_ chain: String) -> Value? {
        let parts = chain.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        var value: Value
        if let idx = globalEnv.globals[first] { value = runtime.global(idx).pointee }
        else if let t = userTypes[first] { value = .type(TypeValue(name: first, user: t)) }
        else { return nil }
        for p in parts.dropFirst() {
            guard let v = try? runtime.getMember(value, p) else { return nil }
            value = v
        }
        if case .void = value { return nil }
        return value
    }

    /// The members the host gives these protocols' conforming types.
    func extensionNames(_ conformances: [String]) -> [String] {
        conformances.flatMap { protocolExtensions[$0]?.memberNames() ?? [] }
    }

    func memberNames(of v: Value) -> [String] {
        switch v {
        case .structInstance(let s):
            return s.type.storedNames + Array(s.type.computed.keys) + Array(s.type.methods.keys) + extensionNames(s.type.conformances)
        case .object(let o):
            return o.type.storedNames + Array(o.type.computed.keys) + Array(o.type.methods.keys) + extensionNames(o.type.conformances)
        case .enumCase(let e): return ["rawValue"] + Array(e.type.methods.keys) + Array(e.type.computed.keys)
        case .type(let t):
            if let u = t.user { return u.caseOrder + Array(u.staticValues.keys) + Array(u.staticMethods.keys) }
            if let n = t.native ?? nativeTypes[t.name] { return n.staticMemberNames }
            if t.name == "Int" { return ["max", "min"] }
            if t.name == "Double" { return ["pi", "infinity", "nan", "greatestFiniteMagnitude", "leastNormalMagnitude", "ulpOfOne"] }
            return []
        case .native(let n): return nativeTypes[n.typeName]?.memberNames ?? []
        case .array: return ["count", "isEmpty", "first", "last", "indices", "append", "insert", "remove", "removeLast", "removeFirst",
                             "removeAll", "popLast", "map", "filter", "reduce", "sorted", "sort", "enumerated", "contains", "min", "max",
                             "reversed", "reverse", "forEach", "compactMap", "flatMap", "firstIndex", "lastIndex", "joined", "prefix",
                             "suffix", "dropFirst", "dropLast", "allSatisfy", "swapAt", "shuffled"]
        case .dictionary: return ["count", "isEmpty", "keys", "values", "removeValue", "updateValue", "removeAll", "mapValues",
                                  "filter", "map", "forEach", "sorted", "merge", "contains", "reduce"]
        case .string: return ["count", "isEmpty", "first", "last", "uppercased", "lowercased", "hasPrefix", "hasSuffix", "contains",
                              "split", "components", "reversed", "replacingOccurrences", "map", "filter", "sorted", "prefix", "suffix",
                              "dropFirst", "dropLast", "enumerated", "trimmingCharacters"]
        case .range: return ["count", "contains", "lowerBound", "upperBound", "isEmpty", "map", "filter", "reduce", "reversed", "forEach"]
        case .int: return ["isMultiple", "quotientAndRemainder", "signum", "magnitude", "description"]
        case .double: return ["isNaN", "isInfinite", "isFinite", "isZero", "squareRoot", "rounded", "truncatingRemainder", "magnitude", "description"]
        case .tuple(let t): return t.labels.compactMap { $0 }
        default: return []
        }
    }

    /// Plain-text help for the name at the cursor: signature and `///` doc.
    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        var s = max(0, min(cursor, scalars.count)), e = s
        func isIdent(_ c: Unicode.Scalar) -> Bool { c.properties.isXIDContinue || c == "_" }
        while s > 0 && isIdent(scalars[s - 1]) { s -= 1 }
        while e < scalars.count && isIdent(scalars[e]) { e += 1 }
        if s == e, s > 0, scalars[s - 1] == "(" {
            // Just after `f(`: describe f.
            var b = s - 1
            while b > 0 && isIdent(scalars[b - 1]) { b -= 1 }
            s = b; e = b
            while e < scalars.count && isIdent(scalars[e]) { e += 1 }
        }
        guard s < e else { return nil }
        let name = String(String.UnicodeScalarView(scalars[s..<e]))
        if s > 0 && scalars[s - 1] == "." {
            var b = s - 1
            while b > 0 && (isIdent(scalars[b - 1]) || scalars[b - 1] == ".") { b -= 1 }
            let chain = String(String.UnicodeScalarView(scalars[b..<(s - 1)]))
            if let base = valueOfChain(chain), let text = describeMember(base, name, detail: detailLevel) { return text }
        }
        return describe(name: name, detail: detailLevel)
    }

    func describe(name: String, detail: Int) -> String? {
        if let f = userFunctions[name] { return helpText(f.signature, f.doc) }
        if let t = userTypes[name] { return describeType(t) }
        if let d = nativeDocs[name] {
            let sig = d.signature.isEmpty ? name : d.signature
            return helpText(sig, d.doc)
        }
        if let idx = globalEnv.globals[name] {
            let v = runtime.global(idx).pointee
            if case .function(let f) = v { return helpText(f.signature, f.doc) }
            if case .void = v { return nil }
            return "\(name): \(v.typeName) = \(format(v, debug: true))"
        }
        return nil
    }

    func describeMember(_ base: Value, _ name: String, detail: Int) -> String? {
        var type: UserType?
        switch base {
        case .structInstance(let s): type = s.type
        case .object(let o): type = o.type
        case .type(let t): type = t.user
        default: break
        }
        if let u = type {
            if let m = u.methods[name] ?? u.staticMethods[name], let d = m.decl { return helpText("\(u.name).\(d.signature.replacingAll("func ", with: ""))", d.doc) }
            if let p = u.decl.properties.first(where: { $0.name == name }) {
                return helpText("\(u.name).\(name): \(p.type?.description ?? (try? runtime.getMember(base, name))?.typeName ?? "Any")", p.doc)
            }
        }
        if let v = try? runtime.getMember(base, name) {
            if case .function(let f) = v { return helpText(f.signature, f.doc) }
            return "\(name): \(v.typeName) = \(format(v, debug: true))"
        }
        return nil
    }

    /// What `help(value)` shows: a function's signature and doc, a type's declaration or
    /// initializers and doc, else the value's type and description (with its type's doc).
    public func documentation(of value: Value) -> String {
        switch value {
        case .function(let f): return helpText(f.signature, f.doc)
        case .type(let t): return t.user.map { describeType($0) } ?? describe(name: t.name, detail: 0) ?? t.name
        case .structInstance(let s): return describeType(s.type)
        case .object(let o): return describeType(o.type)
        case .native(let n): return helpText("\(n.typeName): \(n.description)", nativeTypes[n.typeName]?.doc)
        default: return "\(value.typeName): \(format(value, debug: true))"
        }
    }

    func describeType(_ t: UserType) -> String {
        var lines = ["\(t.kind.rawValue) \(t.name)" + (t.conformances.isEmpty ? "" : ": " + t.conformances.joined(separator: ", "))]
        if let d = t.doc { lines.append(d) }
        for p in t.decl.properties { lines.append("  \(p.isLet ? "let" : "var") \(p.name)" + (p.type.map { ": \($0.description)" } ?? "")) }
        for m in t.decl.methods { lines.append("  " + m.signature) }
        for c in t.caseOrder { lines.append("  case \(c)") }
        return lines.joined(separator: "\n")
    }

    func helpText(_ signature: String, _ doc: String?) -> String {
        guard let d = doc, !d.isEmpty else { return signature }
        return signature + "\n\n" + d
    }
}
