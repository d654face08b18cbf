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
    static let registry = MemberRegistry<LayerValue>(LayerMembers.all + PictureLibrary.layerMembers + ExportMembers.layerMembers)

    /// `layer(x)`: runs the layer on a tensor (in the current learning phase).
    static let call = NativeDeclaration("callAsFunction", kind: .method, [.tensor("_ x")], returns: "Tensor",
                                        doc: "Runs the layer on a tensor (in the current learning phase).")

    func callAsFunction(_ call: NativeCall) throws -> Value {
        let input = try Self.call.match(call).tensor("x")
        if ForwardRecorder.isActive, let recorder = ForwardRecorder.current {
            return .tensor(try engine { try recorder.layer(layer, input) { try layer(input) } })
        }
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
