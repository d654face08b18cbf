#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Global functions of the core library and the builtin types as constructors.
extension Interpreter {
    func installBuiltins() {
        for t in ["Int", "Double", "String", "Bool", "Float", "Character", "Array", "Dictionary", "Set", "UnicodeScalar", "Optional", "Unicode"]
            + IntegerKind.allCases.map(\.rawValue) {
            defineGlobal(t, .type(TypeValue(name: t)))
        }
        func printer(_ name: String, _ stream: OutputStreamKind, debug: Bool) {
            defineNative(function: name, signature: "\(name)(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\")",
                         doc: stream == .stdout ? "Writes the items' \(debug ? "debug " : "")descriptions to standard output." : "Writes the items' descriptions to standard error.") { [unowned self] call in
                var sep = " ", term = "\n"
                var items: [String] = []
                for a in call.arguments {
                    switch a.label {
                    case "separator"?: guard case .string(let s) = a.value else { throw StrideError(.typeError, "separator must be a String") }; sep = s
                    case "terminator"?: guard case .string(let s) = a.value else { throw StrideError(.typeError, "terminator must be a String") }; term = s
                    case nil: items.append(format(a.value, debug: debug))
                    case let l?: throw StrideError(.typeError, "\(name): unexpected argument '\(l):'")
                    }
                }
                self.output.write(items.joined(separator: sep) + term, to: stream)
                return .void
            }
        }
        installSequenceBuiltins()
        printer("print", .stdout, debug: false)
        printer("debugPrint", .stdout, debug: true)
        printer("eprint", .stderr, debug: false)

        func math1(_ name: String, _ doc: String, _ f: @escaping (Double) -> Double) {
            defineNative(function: name, signature: "\(name)(_ x: Double) -> Double", doc: doc) { call in
                // A Float's result is a Float, computed in Double and rounded as Swift's is.
                if call.count == 1, case .native(let fv as FloatValue) = call.values[0] {
                    return .native(FloatValue(Float(f(Double(fv.value)))))
                }
                guard call.count == 1, let x = call.values[0].asDouble else {
                    if call.count == 1, case .native(let n) = call.values[0] {
                        // Host values (tensors) provide their own elementwise version.
                        let m = try n.member(name, in: call.interpreter)
                        if case .function(let fn) = m, let native = fn.native { return try native(NativeCall(arguments: [], interpreter: call.interpreter, callee: name)) }
                    }
                    throw StrideError(.typeError, "\(name) needs one number, got \(call.values.map(\.typeName).joined(separator: ", "))")
                }
                return .double(f(x))
            }
        }
        math1("sqrt", "The square root.", { $0.squareRoot() })
        math1("exp", "e raised to x.", { Glibc.exp($0) })
        math1("log", "The natural logarithm.", { Glibc.log($0) })
        math1("log2", "The base-2 logarithm.", { Glibc.log2($0) })
        math1("log10", "The base-10 logarithm.", { Glibc.log10($0) })
        math1("sin", "The sine (radians).", { Glibc.sin($0) })
        math1("cos", "The cosine (radians).", { Glibc.cos($0) })
        math1("tan", "The tangent (radians).", { Glibc.tan($0) })
        math1("asin", "The arcsine.", { Glibc.asin($0) })
        math1("acos", "The arccosine.", { Glibc.acos($0) })
        math1("atan", "The arctangent.", { Glibc.atan($0) })
        math1("tanh", "The hyperbolic tangent.", { Glibc.tanh($0) })
        math1("floor", "Rounds down.", { $0.rounded(.down) })
        math1("ceil", "Rounds up.", { $0.rounded(.up) })
        math1("round", "Rounds to nearest, halves away from zero.", { $0.rounded() })
        defineNative(function: "pow", signature: "pow(_ x: Double, _ y: Double) -> Double", doc: "x raised to the power y.") { call in
            guard call.count == 2, let x = call.values[0].asDouble, let y = call.values[1].asDouble else { throw StrideError(.typeError, "pow needs two numbers") }
            return .double(Glibc.pow(x, y))
        }
        defineNative(function: "atan2", signature: "atan2(_ y: Double, _ x: Double) -> Double", doc: "The angle of (x, y).") { call in
            guard call.count == 2, let y = call.values[0].asDouble, let x = call.values[1].asDouble else { throw StrideError(.typeError, "atan2 needs two numbers") }
            return .double(Glibc.atan2(y, x))
        }
        defineNative(function: "abs", signature: "abs(_ x: Int or Double)", doc: "The absolute value.") { call in
            guard call.count == 1 else { throw StrideError(.typeError, "abs takes one argument") }
            switch call.values[0] {
            case .int(let i):
                if i == Int.min { throw StrideError(.arithmeticError, "integer overflow in abs(\(i))") }
                return .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            case let v: throw StrideError(.typeError, "abs needs a number, got \(v.typeName)")
            }
        }
        for name in ["min", "max"] {
            defineNative(function: name, signature: "\(name)(_ x: T, _ y: T, _ rest: T...) -> T", doc: "The \(name == "min" ? "smallest" : "largest") of its arguments.") { call in
                let vs = call.values
                guard vs.count >= 2 else { throw StrideError(.typeError, "\(name) needs at least two arguments") }
                var best = vs[0]
                let allInts = vs.allSatisfy { if case .int = $0 { return true }; return false }
                for v in vs.dropFirst() {
                    let c: Int
                    do { c = try order(v, best) } catch let e as RuntimeError { throw StrideError(e.kind, e.message) }
                    if name == "min" ? c < 0 : c > 0 && c != 2 { best = v }
                }
                if !allInts, let d = best.asDouble { return .double(d) }
                return best
            }
        }
        defineNative(function: "fatalError", signature: "fatalError(_ message: String = \"\") -> Never", doc: "Stops the program with a message.") { call in
            let msg = call.values.first.map { format($0, debug: false) } ?? ""
            throw StrideError(.fatalError, msg.isEmpty ? "fatal error" : msg)
        }
        defineNative(function: "precondition", signature: "precondition(_ condition: Bool, _ message: String = \"\")", doc: "Stops the program when the condition is false.") { call in
            guard let c = call.values.first, case .bool(let ok) = c else { throw StrideError(.typeError, "precondition needs a Bool condition") }
            if !ok {
                let msg = call.values.count > 1 ? format(call.values[1], debug: false) : ""
                throw StrideError(.fatalError, msg.isEmpty ? "precondition failed" : "precondition failed: \(msg)")
            }
            return .void
        }
        defineNative(function: "assert", signature: "assert(_ condition: Bool, _ message: String = \"\")", doc: "Stops the program when the condition is false.") { call in
            guard let c = call.values.first, case .bool(let ok) = c else { throw StrideError(.typeError, "assert needs a Bool condition") }
            if !ok {
                let msg = call.values.count > 1 ? format(call.values[1], debug: false) : ""
                throw StrideError(.fatalError, msg.isEmpty ? "assertion failed" : "assertion failed: \(msg)")
            }
            return .void
        }
        defineNative(function: "stride", signature: "stride(from: T, to: T, by: T) or stride(from:through:by:)", doc: "A sequence from a start value by a step, up to (or through) an end.") { call in
            guard let from = call.argument("from"), let by = call.argument("by"), let end = call.argument("to") ?? call.argument("through") else {
                throw StrideError(.typeError, "stride needs from:, to: (or through:) and by:")
            }
            let closed = call.argument("through") != nil
            if case .int(let a) = from, case .int(let b) = end, case .int(let s) = by {
                guard s != 0 else { throw StrideError(.valueError, "stride step must not be zero") }
                return .range(RangeValue(lower: a, upper: b, closed: closed, step: s, isStride: true))
            }
            guard let a = from.asDouble, let b = end.asDouble, let s = by.asDouble, s != 0 else {
                throw StrideError(.typeError, "stride needs numbers and a non-zero step")
            }
            return .range(RangeValue(doubleFrom: a, to: b, by: s, closed: closed, isStride: true))
        }
        defineNative(function: "zip", signature: "zip(_ a: Sequence, _ b: Sequence) -> [(A, B)]", doc: "Pairs of corresponding elements.") { [unowned self] call in
            guard call.count == 2 else { throw StrideError(.typeError, "zip takes two sequences") }
            // A one-sided range (`1...`) pairs with as many elements as the other sequence has.
            func endless(_ v: Value) -> RangeValue? {
                if case .range(let r) = v, r.upper == nil, r.lower != nil, r.doubleBounds == nil { return r }
                return nil
            }
            let rt = self.runtime!
            func elements(_ v: Value, other: Value) throws -> [Value] {
                guard let r = endless(v) else { return try rt.materialize(v) }
                let n = endless(other) == nil ? try rt.materialize(other).count : 0
                return (0..<n).map { .int(r.lower! + $0) }
            }
            let a = try elements(call.values[0], other: call.values[1]), b = try elements(call.values[1], other: call.values[0])
            return .array(zip(a, b).map { .tuple(TupleStorage([$0.0, $0.1])) })
        }
        defineNative(function: "swap", signature: "swap(_ a: inout T, _ b: inout T)", doc: "Exchanges two variables' values.") { call in
            guard call.count == 2, let ra = call.arguments[0].reference, let rb = call.arguments[1].reference else {
                throw StrideError(.typeError, "swap needs two inout arguments: swap(&a, &b)")
            }
            let a = try ra.get(), b = try rb.get()
            try ra.set(b); try rb.set(a)
            return .void
        }
        defineNative(function: "help", signature: "help(_ value: Any)", doc: "Shows the signature and documentation of a function or type.") { [unowned self] call in
            guard let v = call.values.first else { throw StrideError(.typeError, "help needs a function or type") }
            self.output.write(self.documentation(of: v) + "\n", to: .stdout)
            return .void
        }
        let operatorFunctions: [BinaryOperator] = [.add, .subtract, .multiply, .divide, .remainder, .less, .greater,
                                                   .lessOrEqual, .greaterOrEqual, .equal, .notEqual, .logicalAnd, .logicalOr]
        for op in operatorFunctions {
            defineNative(function: op.symbol, signature: "(\(op))(_ a: T, _ b: T)", doc: "The '\(op)' operator as a function.") { call in
                // `zip(a, b).map(*)`: a pair arrives as one tuple, which the operator takes apart.
                var operands = call.values
                if operands.count == 1, case .tuple(let t) = operands[0], t.elements.count == 2 { operands = t.elements }
                guard operands.count == 2 else { throw StrideError(.typeError, "operator '\(op)' takes two arguments") }
                let a = operands[0], b = operands[1]
                do {
                    if let ordering = op.ordering { return try compareValues(ordering, a, b) }
                    switch op {
                    case .equal: return .bool(valuesEqual(a, b))
                    case .notEqual: return .bool(!valuesEqual(a, b))
                    case .logicalAnd, .logicalOr:
                        guard case .bool(let x) = a, case .bool(let y) = b else { throw StrideError(.typeError, "'\(op)' needs Bool operands") }
                        return .bool(op == .logicalAnd ? x && y : x || y)
                    default: return try arithmetic(op, a, b)
                    }
                } catch let e as RuntimeError { throw StrideError(e.kind, e.message) }
            }
        }
        defineNative(function: "type", signature: "type(of: value)", doc: "The value's type name.") { call in
            guard let v = call.argument("of") else { throw StrideError(.typeError, "type(of:) needs a value") }
            switch v {
            case .structInstance(let s): return .type(TypeValue(name: s.type.name, user: s.type, genericArguments: s.genericArguments))
            case .object(let o): return .type(TypeValue(name: o.type.name, user: o.type, genericArguments: o.genericArguments))
            case .enumCase(let e): return .type(TypeValue(name: e.type.name, user: e.type))
            default: return .type(TypeValue(name: v.typeName))
            }
        }
    }
}

extension Runtime {
    /// `Int(x)`, `Double(x)`, `String(x)`, `Array(repeating:count:)`, `[T]()` ...
    func builtinConstruct(_ name: String, _ args: [Value], labels: [String?]) throws -> Value {
        if let r = try fixedWidthConstruct(name, args, labels: labels) { return r }
        if args.count == 1, labels[0] == nil, name == "Int" || name == "Double" {
            switch args[0] {
            case .native(let s as SizedInt):
                if name == "Double" { return .double(s.doubleValue) }
                guard let i = s.intValue else { throw RuntimeError(.arithmeticError, "\(s) does not fit in Int") }
                return .int(i)
            case .native(let f as FloatValue):
                return try builtinConstruct(name, [.double(Double(f.value))], labels: labels)
            default: break
            }
        }
        switch name {
        case "Int" where labels == ["bitPattern"]:
            if case .native(let s as SizedInt) = args[0], s.kind.bitWidth == 64 { return .int(Int(Int64(bitPattern: s.pattern))) }
        case "Int" where labels == ["exactly"]:
            switch args[0] {
            case .int: return Value.some(args[0])
            case .double(let d):
                guard d.isFinite, d == d.rounded(.towardZero), abs(d) < 9.223372036854775807e18 else { return Value.none }
                return Value.some(.int(Int(d)))
            case .native(let s as SizedInt): return s.intValue.map { Value.some(.int($0)) } ?? Value.none
            default: break
            }
        case "Int" where args.count == 2 && labels == [nil, "radix"]:
            guard case .string(let s) = args[0], case .int(let r) = args[1] else { break }
            guard (2...36).contains(r) else { throw RuntimeError(.valueError, "radix must be between 2 and 36, got \(r)") }
            return Int(s, radix: r).map { Value.some(.int($0)) } ?? Value.none
        case "Int":
            guard args.count == 1 else { break }
            switch args[0] {
            case .int: return args[0]
            case .double(let d):
                guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                    throw RuntimeError(.arithmeticError, "Double value \(d) cannot be converted to Int because it is outside the representable range")
                }
                return .int(Int(d))
            case .string(let s): return Int(s).map { Value.some(.int($0)) } ?? Value.none
            case .bool(let b): return .int(b ? 1 : 0)
            default: break
            }
        case "UnicodeScalar":
            guard args.count == 1 else { break }
            if case .int(let i) = args[0] {
                guard let u = UInt32(exactly: i), let scalar = Unicode.Scalar(u) else { return Value.none }
                return .string(String(Character(scalar)))
            }
            if case .string(let s) = args[0], s.unicodeScalars.count == 1 { return args[0] }
        case "Double", "Float":
            guard args.count == 1 else { break }
            switch args[0] {
            case .int(let i): return .double(Double(i))
            case .double: return args[0]
            case .string(let s): return Double(s).map { Value.some(.double($0)) } ?? Value.none
            default: break
            }
        case "String" where labels.first == "format":
            guard case .string(let template) = args[0], labels.dropFirst().allSatisfy({ $0 == nil }) else { break }
            return .string(try FormatString.format(template, Array(args.dropFirst())))
        case "String":
            if args.isEmpty { return .string("") }
            if labels == ["repeating", "count"], case .string(let s) = args[0], case .int(let n) = args[1] {
                guard n >= 0 else { throw RuntimeError(.valueError, "String(repeating:count:) needs a non-negative count") }
                return .string(try repeatedString(s, n))
            }
            if args.count == 1 {
                if labels[0] == "describing" || labels[0] == nil {
                    if case .array(let a) = args[0], a.allSatisfy({ if case .string(let s) = $0 { return s.count == 1 }; return false }), labels[0] == nil {
                        return .string(a.map { format($0, debug: false) }.joined())
                    }
                    return .string(format(args[0], debug: false))
                }
                if labels[0] == "reflecting" { return .string(format(args[0], debug: true)) }
            }
            if args.count >= 2, labels[1] == "radix", case .int(let i) = args[0], case .int(let r) = args[1] {
                guard (2...36).contains(r) else { throw RuntimeError(.valueError, "radix must be between 2 and 36, got \(r)") }
                var upper = false
                if args.count == 3, labels[2] == "uppercase", case .bool(let u) = args[2] { upper = u }
                return .string(String(i, radix: r, uppercase: upper))
            }
        case "Bool":
            guard args.count == 1 else { break }
            if case .bool = args[0] { return args[0] }
            if case .string(let s) = args[0] { return s == "true" ? Value.some(.bool(true)) : (s == "false" ? Value.some(.bool(false)) : Value.none) }
        case "Character":
            if args.count == 1, case .string = args[0] { return args[0] }
        case "Optional":
            if args.count == 1 && labels[0] == nil { return Value.some(args[0]) }
        case "Set":
            if args.isEmpty { return .native(SetValue()) }
            if args.count == 1, labels[0] == nil { return .native(SetValue(try materialize(args[0]))) }
        case "Array":
            if args.isEmpty { return .array([]) }
            if labels == ["repeating", "count"], case .int(let n) = args[1] {
                guard n >= 0 else { throw RuntimeError(.valueError, "Array(repeating:count:) needs a non-negative count, got \(n)") }
                guard n <= 200_000_000 else { throw RuntimeError(.memoryError, "Array(repeating:count:) of \(n) elements is too large") }
                return .array(Array(repeating: args[0], count: n))
            }
            if args.count == 1, labels[0] == nil { return .array(try materialize(args[0])) }
        case "Dictionary" where labels == ["grouping", "by"]:
            let d = DictionaryStorage()
            for x in try materialize(args[0]) {
                let key = try callClosure(args[1], [x])
                if case .array(var group)? = d.get(key) { group.append(x); d.set(key, .array(group)) } else { d.set(key, .array([x])) }
            }
            return .dictionary(d)
        case "Dictionary":
            if args.isEmpty { return .dictionary(DictionaryStorage()) }
            if labels.first == "uniqueKeysWithValues" {
                let d = DictionaryStorage()
                for p in try materialize(args[0]) {
                    guard case .tuple(let t) = p, t.elements.count == 2 else { throw RuntimeError(.typeError, "uniqueKeysWithValues needs (key, value) pairs") }
                    if d.get(t.elements[0]) != nil { throw RuntimeError(.keyError, "duplicate key \(format(t.elements[0], debug: true))") }
                    d.set(t.elements[0], t.elements[1])
                }
                return .dictionary(d)
            }
        default: break
        }
        let described = zip(labels, args).map { ($0.0.map { "\($0): " } ?? "") + $0.1.typeName }.joined(separator: ", ")
        throw RuntimeError(.typeError, "no initializer \(name)(\(described))")
    }

    /// The largest string `String(repeating:count:)` builds: beyond it is a MemoryError, found
    /// before anything is allocated.
    static let maxStringBytes = 1 << 30

    /// `String(repeating:count:)` built in pieces of about 1 MiB, checking for a stop between them.
    func repeatedString(_ s: String, _ n: Int) throws -> String {
        let (bytes, overflow) = s.utf8.count.multipliedReportingOverflow(by: n)
        guard !overflow, bytes <= Runtime.maxStringBytes else {
            throw RuntimeError(.memoryError,
                               "String(repeating:count:) of \(n) copies of \(s.utf8.count) bytes is over the 1 GiB string limit")
        }
        let perPiece = max(1, (1 << 20) / max(1, s.utf8.count))
        let piece = String(repeating: s, count: min(n, perPiece))
        var out = ""
        out.reserveCapacity(bytes)
        var made = 0
        while made < n {
            let k = min(n - made, perPiece)
            out += k == min(n, perPiece) ? piece : String(repeating: s, count: k)
            made += k
            if interrupt.isSet { throw RuntimeError(.interrupted, "execution was interrupted") }
        }
        return out
    }

    func builtinStatic(_ type: String, _ name: String) -> Value? {
        if let r = fixedWidthStatic(type, name) { return r }
        switch (type, name) {
        case ("Int", "bitWidth"): return .int(Int.bitWidth)
        case ("Optional", "none"): return Value.none
        case ("Unicode", "Scalar"): return .type(TypeValue(name: "UnicodeScalar"))
        case ("Int", "max"): return .int(Int.max)
        case ("Int", "min"): return .int(Int.min)
        case ("Double", "pi"): return .double(Double.pi)
        case ("Double", "infinity"): return .double(Double.infinity)
        case ("Double", "nan"): return .double(Double.nan)
        case ("Double", "greatestFiniteMagnitude"): return .double(Double.greatestFiniteMagnitude)
        case ("Double", "leastNormalMagnitude"): return .double(Double.leastNormalMagnitude)
        case ("Double", "leastNonzeroMagnitude"): return .double(Double.leastNonzeroMagnitude)
        case ("Double", "ulpOfOne"): return .double(Double.ulpOfOne)
        default: return nil
        }
    }
}
