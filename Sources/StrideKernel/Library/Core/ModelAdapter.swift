import StrideEngine
import StrideLanguage

/// The engine model behind a language value: a library layer itself, or, for a user
/// `struct`/`class` declared `: Layer`, an adapter whose children are the instance's stored
/// properties that hold layers (so parameters are named by property path, `conv.weight`)
/// and whose forward pass calls the instance's `callAsFunction` through the interpreter.
/// Gradients, optimizers, `fit` and `save`/`load` take this.
func modelAdapter(for value: Value, interpreter: Interpreter) throws -> Layer {
    if let layer = value.asLayer { return layer }
    if let adapter = UserLayerAdapter(value.unwrappedOptional, interpreter: interpreter) { return adapter }
    throw StrideError(.typeError, "expected a layer or a model (a value of a type declared ': Layer'), got \(value.typeName)")
}

/// Whether `value` is a layer for the language: a library layer, or an instance of a user
/// type that declares `: Layer`.
func isLayerValue(_ value: Value) -> Bool {
    switch value.unwrappedOptional {
    case .native(let n): return n is LayerValue
    case .structInstance(let s): return s.type.conformances.contains("Layer")
    case .object(let o): return o.type.conformances.contains("Layer")
    default: return false
    }
}

/// Every member of a library model (`fit`, `evaluate`, `predict`, `summary`, `save`,
/// `load`, `history`, `parameters`, ...) on instances of user types declared `: Layer`, as
/// a Swift protocol extension gives them: `var net = TinyNet(); net.fit(...)`. Each access
/// runs the member on an adapter of the instance; the History is kept under the instance's
/// storage, so `net.history` finds what `net.fit` recorded.
enum UserModelMembers {
    static func install(into interp: Interpreter) {
        interp.defineProtocolExtension("Layer", memberNames: { [weak interp] in
            interp.map { LayerValue.registry.names(in: $0) } ?? []
        }) { value, name, interp in
            guard let adapter = UserLayerAdapter(value, interpreter: interp) else { return nil }
            return try LayerValue(adapter, historyKey: adapter.instance).member(name, in: interp)
        }
    }
}

/// A user-defined layer seen by the engine.
final class UserLayerAdapter: Layer {
    let value: Value
    /// The instance's storage: the same object for every adapter of the same instance.
    let instance: AnyObject
    let userTypeName: String
    /// Weak: the adapter may sit inside a library model that outlives the session.
    private weak var interpreter: Interpreter?
    private let storedNames: [String]
    private let fields: [Value]

    /// An adapter for a struct or class instance declared `: Layer`; nil for other values.
    init?(_ value: Value, interpreter: Interpreter) {
        switch value {
        case .structInstance(let s) where s.type.conformances.contains("Layer"):
            userTypeName = s.typeName; storedNames = s.type.storedNames; fields = s.fields; instance = s
        case .object(let o) where o.type.conformances.contains("Layer"):
            userTypeName = o.typeName; storedNames = o.type.storedNames; fields = o.fields; instance = o
        default:
            return nil
        }
        self.value = value
        self.interpreter = interpreter
    }

    var typeName: String { userTypeName }

    /// Stored properties holding layers, in declaration order; an array of layers gives
    /// children "name.0", "name.1", ... as PyTorch's ModuleList does.
    var children: [(name: String, layer: Layer)] {
        var result: [(String, Layer)] = []
        for (name, field) in zip(storedNames, fields) {
            if let child = adapted(field) {
                result.append((name, child))
            } else if case .array(let items) = field.unwrappedOptional {
                let layers = items.compactMap(adapted)
                if layers.count == items.count, !layers.isEmpty {
                    result.append((name, ChildList(layers)))
                }
            }
        }
        return result
    }

    private func adapted(_ v: Value) -> Layer? {
        if let l = v.asLayer { return l }
        guard let interpreter else { return nil }
        return UserLayerAdapter(v.unwrappedOptional, interpreter: interpreter)
    }

    func forward(_ input: Tensor) throws -> Tensor {
        guard let interpreter else {
            throw StrideError(.valueError, "\(userTypeName) cannot run: the session that defined it has ended")
        }
        let out = try interpreter.call(value, [.tensor(input)])
        guard let t = out.asTensor else {
            throw StrideError(.typeError, "\(userTypeName).callAsFunction must return a Tensor, got \(out.typeName)")
        }
        return t
    }
}

/// The layers of an array property, as one child whose children are "0", "1", ...
private final class ChildList: Layer {
    let layers: [Layer]
    init(_ layers: [Layer]) { self.layers = layers }
    var typeName: String { "Array" }
    var children: [(name: String, layer: Layer)] { layers.enumerated().map { (String($0.offset), $0.element) } }
    func forward(_ input: Tensor) throws -> Tensor {
        var x = input
        for l in layers { x = try l(x) }
        return x
    }
}
