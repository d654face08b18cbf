import StrideEngine
import StrideLanguage

/// One layer type declared once: its initializer's parameters (labels, types, defaults), its
/// doc, how the engine layer is built from the arguments, and how each setting reads back
/// from a built layer. The signature, the label check, the defaults and the printed
/// description (`LayerDescription.headline`) all come from it.
struct LayerSpec {
    let declaration: NativeDeclaration
    let build: (NativeArguments) throws -> Layer
    /// The text of a built layer's setting, by parameter key (nil: nothing to show).
    let readers: [String: (Layer) -> String?]

    var name: String { declaration.name }

    /// A setting of a layer of type `L`: its parameter, and how a built layer shows it.
    struct Setting<L> {
        let parameter: NativeParameter
        let read: ((L) -> String?)?
        init(_ parameter: NativeParameter, _ read: ((L) -> String?)? = nil) {
            self.parameter = parameter; self.read = read
        }
    }

    /// A layer whose initializer takes `settings` and then `name: String? = nil`.
    init<L: Layer>(_ name: String, _ doc: String, _ type: L.Type, _ settings: [Setting<L>],
                   build: @escaping (NativeArguments) throws -> L) {
        let all = settings + [Setting<L>(.name) { $0.name.map { NativeParameter.literal(.string($0)) } }]
        declaration = NativeDeclaration(name, all.map(\.parameter), doc: doc)
        self.build = { try build($0) }
        var readers: [String: (Layer) -> String?] = [:]
        for s in all {
            guard let read = s.read else { continue }
            readers[s.parameter.key] = { ($0 as? L).flatMap(read) }
        }
        self.readers = readers
    }

    /// A layer with several initializers (`Sequential { ... }` and `Sequential([...])`), which
    /// shows its name only.
    init<L: Layer>(_ declaration: NativeDeclaration, _ type: L.Type, build: @escaping (NativeArguments) throws -> L) {
        self.declaration = declaration
        self.build = { try build($0) }
        readers = ["name": { $0.name.map { NativeParameter.literal(.string($0)) } }]
    }

    /// "Conv2D(filters: 6, kernelSize: 5, padding: .same)": every setting that is required or
    /// differs from its default, in the declaration's order.
    func headline(_ layer: Layer) -> String {
        var parts: [String] = []
        for p in declaration.overloads[0].parameters {
            guard let read = readers[p.key], let text = read(layer) else { continue }
            if p.isRequired || text != p.shownDefault { parts.append("\(p.key): \(text)") }
        }
        return layer.typeName + "(" + parts.joined(separator: ", ") + ")"
    }

    // MARK: Settings as text

    /// One size per axis, or the size when every axis has it.
    static func list(_ xs: [Int]) -> String { Set(xs).count == 1 ? "\(xs[0])" : "\(xs)" }

    static func text(_ f: Float) -> String { NativeParameter.literal(LanguageArray.double(from: f)) }

    static func text(_ p: Padding) -> String {
        switch p {
        case .valid: return ".valid"
        case .same: return ".same"
        case .explicit(let xs): return "\(xs)"
        }
    }

    static func text(_ a: Activation) -> String {
        switch a {
        case .identity: return ".identity"
        case .relu: return ".relu"
        case .sigmoid: return ".sigmoid"
        case .tanh: return ".tanh"
        case .softmax: return ".softmax"
        case .swish: return ".swish"
        case .leakyRelu(let alpha): return ".leakyRelu(alpha: \(alpha))"
        case .elu(let alpha): return ".elu(alpha: \(alpha))"
        }
    }
}

/// The text a layer shows: its type and configuration, and for composites their children
/// one per line, indented, as PyTorch prints modules.
enum LayerDescription {
    static func describe(_ layer: Layer, indent: String = "") -> String {
        let head = headline(layer)
        let children = layer.children
        guard !children.isEmpty, !(layer is SeparableConv2D || layer is PrimaryCapsules) else { return head }
        // A composite without settings reads as its builder: `Sequential {`.
        var lines = [(head.hasSuffix("()") ? String(head.dropLast(2)) : head) + " {"]
        for (name, child) in children {
            lines.append(indent + "  (\(name)) " + describe(child, indent: indent + "  "))
        }
        lines.append(indent + "}")
        return lines.joined(separator: "\n")
    }

    /// The layer's declared settings (see `LayerSpec.headline`); a layer the library does not
    /// declare (a user model's adapter) shows its name only.
    static func headline(_ layer: Layer) -> String {
        if let spec = LayerTypes.byName[layer.typeName] { return spec.headline(layer) }
        return layer.typeName + "(" + (layer.name.map { "name: \"\($0)\"" } ?? "") + ")"
    }
}
