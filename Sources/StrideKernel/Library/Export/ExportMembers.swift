import StrideEngine
import StrideExport
import StrideLanguage

/// Models leaving Stride (LANGUAGE.md §6): the export members of every layer and model
/// (user types declared `: Layer` get them through the protocol extension).
enum ExportMembers {
    typealias Member = MemberRegistry<LayerValue>.Member

    static let layerMembers: [Member] = [
        .method(NativeDeclaration("exportONNX", kind: .method, [.string("_ path"), .ints("inputShape")],
                                  doc: "Writes the model as an ONNX file (opset 17, batch axis dynamic) that "
                                      + "onnxruntime runs with the same outputs; a layer ONNX lacks is refused "
                                      + "by name.")) { v, a in
            let path = try a.string("path"), shape = try a.ints("inputShape")
            try engine {
                try ONNXExport.write(v.layer, inputShape: shape, to: path, producerVersion: KernelMetadata.version)
            }
            return .void
        },
        .method(NativeDeclaration("exportPyTorch", kind: .method, [.string("_ path"), .optionalInts("inputShape")],
                                  doc: "Writes NAME.py (a PyTorch nn.Module whose state_dict names are Stride's), "
                                      + "NAME.safetensors (its weights) and NAME_train_ddp.py (training under "
                                      + "torchrun); a user type's forward pass is recorded on zeros of inputShape."))
        { v, a in
            let path = try a.string("path"), shape = try a.optionalInts("inputShape")
            try engine {
                try PyTorchExport.write(v.layer, to: path, inputShape: shape, producerVersion: KernelMetadata.version)
            }
            return .void
        },
    ]

    /// `dataset.export(path)`: the samples and labels as one safetensors file.
    static let datasetMembers: [MemberRegistry<DatasetValue>.Member] = [
        .method(NativeDeclaration("export", kind: .method, [.string("_ path")],
                                  doc: "Writes the samples (\"images\", float32) and labels (\"labels\", int64) to a "
                                      + "safetensors file, for the training script of exportPyTorch.")) { d, a in
            let path = try a.string("path")
            try engine { try DatasetExport.write(d.dataset, to: path) }
            return .void
        },
    ]
}
