import StrideEngine
import StrideExport
import StrideLanguage

/// Models leaving Stride (LANGUAGE.md §6): the export members of every layer and model
/// (user types declared `: Layer` get them through the protocol extension).
enum ExportMembers {
    typealias Member = MemberRegistry<LayerValue>.Member

    static let layerMembers: [Member] = [
        .method(NativeDeclaration("exportONNX", kind: .method, [.string("_ path"), .ints("inputShape")],
                                  doc: "Writes the model as an ONNX file (opset 17, batch axis dynamic) that onnxruntime "
                                      + "runs with the same outputs; a layer ONNX lacks is refused by name.")) { v, a in
            let path = try a.string("path"), shape = try a.ints("inputShape")
            try engine {
                try ONNXExport.write(v.layer, inputShape: shape, to: path, producerVersion: KernelMetadata.version)
            }
            return .void
        },
    ]
}
