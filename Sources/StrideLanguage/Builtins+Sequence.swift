/// `sequence(first:next:)`: a sequence computed one element at a time, possibly without
/// end; `prefix(n)` and loops that stop early read only what they need.
final class GeneratedSequence: NativeObject {
    let first: Value
    let next: Value
    init(first: Value, next: Value) { self.first = first; self.next = next }
    var typeName: String { "UnfoldSequence" }
    var description: String { "UnfoldSequence" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "value of type UnfoldSequence has no member '\(name)'")
    }

    /// Calls `body` with each element until it returns false or `next` returns nil.
    func forEach(_ rt: Runtime, _ body: (Value) throws -> Bool) throws {
        var current = first
        while true {
            try rt.poll()
            if !(try body(current)) { return }
            guard let following = try rt.callClosure(next, [current]).unwrapped else { return }
            current = following
        }
    }
}

extension Interpreter {
    func installSequenceBuiltins() {
        defineNative(function: "sequence", signature: "sequence(first: T, next: (T) -> T?)",
                     doc: "The sequence first, next(first), next(next(first)), ... up to the first nil.") { call in
            guard call.count == 2, call.arguments[0].label == "first", call.arguments[1].label == "next" else {
                throw StrideError(.typeError, "sequence takes (first:next:)")
            }
            return .native(GeneratedSequence(first: call.values[0], next: call.values[1]))
        }
    }
}

extension Runtime {
    /// A method of a generated sequence: on its first `n` elements for `prefix(n)`, else on all.
    func generatedSequenceMethod(_ s: GeneratedSequence, _ name: String, _ args: [Value],
                                 labels: [String?]) throws -> Value {
        var limit = Int.max
        if name == "prefix", args.count == 1, labels[0] == nil, case .int(let n) = args[0] { limit = max(0, n) }
        var elements: [Value] = []
        if limit > 0 { try s.forEach(self) { elements.append($0); return elements.count < limit } }
        var array = Value.array(elements)
        return try invokeMethod(&array, name, ValueArguments(args, labels: labels))
    }
}
