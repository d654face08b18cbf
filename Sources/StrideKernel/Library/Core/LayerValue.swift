import StrideEngine
import StrideLanguage

/// An engine layer or model (a `Conv2D`, a `Sequential`, ...) as a language value. Layers
/// are references: `let m = lenet` names the same weights, as in PyTorch.
final class LayerValue: RegisteredMembers {
    let layer: Layer
    /// What the model's History is kept under: the layer itself, or for a user model the
    /// instance's storage, which outlives the adapter made for each member access.
    let historyKey: AnyObject

    init(_ layer: Layer, historyKey: AnyObject? = nil) {
        self.layer = layer
        self.historyKey = historyKey ?? layer
    }

    var typeName: String { layer.typeName }
    var description: String { LayerDescription.describe(layer) }

    /// Methods and properties of every layer, added by the library's files.
    static let registry = MemberRegistry<LayerValue>()

    /// `layer(x)`: runs the layer on a tensor (in the current learning phase).
    func callAsFunction(_ args: NativeCall) throws -> Value {
        try args.expect([], unlabelled: 1)
        let input = try args.tensor(nil)
        return .tensor(try engine { try layer(input) })
    }
}

extension Value {
    /// A layer as a language value.
    static func layer(_ l: Layer) -> Value { .native(LayerValue(l)) }

    /// The engine layer inside, or nil when the value is not a library layer.
    var asLayer: Layer? {
        if case .native(let n) = self.unwrappedOptional, let l = n as? LayerValue { return l.layer }
        return nil
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

    /// "Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu)".
    static func headline(_ layer: Layer) -> String {
        var parts: [String] = []
        func add(_ s: String) { parts.append(s) }
        switch layer {
        case let c as ConvolutionLayer:
            add("filters: \(c.filters)")
            add("kernelSize: \(list(c.kernelSize))")
            if c.stride.contains(where: { $0 != 1 }) { add("stride: \(list(c.stride))") }
            addPadding(c.padding, &parts)
            if c.dilation.contains(where: { $0 != 1 }) { add("dilation: \(list(c.dilation))") }
            if c.groups != 1 { add("groups: \(c.groups)") }
            addActivation(c.activation, &parts)
            if !c.useBias { add("useBias: false") }
        case let d as Dense:
            add("units: \(d.units)")
            addActivation(d.activation, &parts)
            if !d.useBias { add("useBias: false") }
        case let p as PoolingLayer:
            add("size: \(p.size)")
            if p.stride != p.size { add("stride: \(p.stride)") }
            addPadding(p.padding, &parts)
        case let d as Dropout: add("rate: \(d.rate)")
        case let r as Reshape: add("shape: \(r.shape)")
        case let e as Embedding: add("vocabularySize: \(e.vocabularySize)"); add("embeddingSize: \(e.embeddingSize)")
        case let u as Upsample2D: add("scale: \(u.scale)")
        case let r as Residual: addActivation(r.activation, &parts)
        case let d as DenseBlock: add("layers: \(d.units.count)"); add("growthRate: \(d.growthRate)")
        case let s as SqueezeExcite: add("ratio: \(s.ratio)")
        case let p as PrimaryCapsules: add("capsules: \(p.capsules)"); add("dimension: \(p.dimension)")
        case let c as Capsules: add("count: \(c.count)"); add("dimension: \(c.dimension)"); add("routing: \(c.routing)")
        case let t as ConvTranspose2D:
            add("filters: \(t.filters)"); add("kernelSize: \(t.kernelSize)")
            if t.stride != 1 { add("stride: \(t.stride)") }
            addPadding(t.padding, &parts)
            addActivation(t.activation, &parts)
        default: break
        }
        if let name = layer.name { add("name: \"\(name)\"") }
        return layer.typeName + "(" + parts.joined(separator: ", ") + ")"
    }

    private static func list(_ xs: [Int]) -> String {
        Set(xs).count == 1 ? "\(xs[0])" : "\(xs)"
    }

    private static func addPadding(_ p: Padding, _ parts: inout [String]) {
        switch p {
        case .valid: break
        case .same: parts.append("padding: .same")
        case .explicit(let xs): parts.append("padding: \(xs)")
        }
    }

    private static func addActivation(_ a: Activation, _ parts: inout [String]) {
        switch a {
        case .identity: break
        case .relu: parts.append("activation: .relu")
        case .sigmoid: parts.append("activation: .sigmoid")
        case .tanh: parts.append("activation: .tanh")
        case .softmax: parts.append("activation: .softmax")
        case .swish: parts.append("activation: .swish")
        case .leakyRelu(let alpha): parts.append("activation: .leakyRelu(alpha: \(alpha))")
        case .elu(let alpha): parts.append("activation: .elu(alpha: \(alpha))")
        }
    }
}
