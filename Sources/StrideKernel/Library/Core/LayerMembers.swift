import StrideEngine
import StrideLanguage

/// The members every layer and model has: `parameterCount`, `summary(inputShape:)`,
/// `save(_:)`, `load(_:)`, `parameters`, `layerNames`.
enum LayerMembers {
    typealias Member = MemberRegistry<LayerValue>.Member

    static let all: [Member] = [
        .property("parameterCount", "Int", doc: "The number of trainable scalars (0 for layers not called yet).") {
            .int($0.layer.parameterCount)
        },
        .property("name", "String?", doc: "The name given with `name:`, or nil.") { v in
            v.layer.name.map { .some(.string($0)) } ?? .none
        },
        .property("parameters", "[String: Tensor]",
                  doc: "Every tensor of the model (weights and running statistics) by path, as saved.") { v in
            .dictionary(DictionaryStorage.from(v.layer.namedTensors().map { (.string($0.path), .tensor($0.tensor)) }))
        },
        .property("layerNames", "[String]",
                  doc: "The path of every layer inside the model (\"conv1\", \"3.0\"), depth first.") { v in
            .array(v.layer.layerPaths().map { .string($0) })
        },
        .method(NativeDeclaration("summary", kind: .method, [.ints("inputShape")], returns: "ModelSummary",
            doc: "Runs the model once on zeros of `inputShape` and tabulates each layer: output shape and parameters.")
        ) { v, a in
            let shape = try a.ints("inputShape")
            let summary = try engine { try v.layer.summary(inputShape: shape) }
            return .native(ModelSummaryValue(summary, model: v.layer))
        },
        .method(NativeDeclaration("save", kind: .method, [.string("_ path")],
            doc: "Writes every tensor to a safetensors file named by layer path (PyTorch's names), atomically.")
        ) { v, a in
            try ModelFiles.save(v.layer, to: a.string("path"))
            return .void
        },
        .method(NativeDeclaration("load", kind: .method, [.string("_ path")],
            doc: "Reads weights saved by `save` (or by PyTorch); a missing name or a wrong shape is refused and the "
                + "model is left unchanged.")
        ) { v, a in
            try ModelFiles.load(v.layer, from: a.string("path"))
            return .void
        },
    ]
}

/// Model weights in safetensors files.
enum ModelFiles {
    /// Writes the model's tensors by path; BatchNorm's `num_batches_tracked` is stored as
    /// I64, as PyTorch keeps it. The write is atomic (a temporary file, then a rename).
    static func save(_ model: Layer, to path: String) throws {
        try engine {
            var tensors: [String: HostTensor] = [:]
            var dtypes: [String: SafeTensorsDType] = [:]
            for (name, t) in model.namedTensors() {
                tensors[name] = try HostTensor(shape: t.shape, scalars: t.scalars)
                if name == "num_batches_tracked" || name.hasSuffix(".num_batches_tracked") { dtypes[name] = .int64 }
            }
            try SafeTensors.write(tensors, dtypes: dtypes, to: path)
        }
    }

    /// Loads tensors by path into the model; every name and shape is checked first.
    static func load(_ model: Layer, from path: String) throws {
        let tensors = try TensorFunctions.readSafeTensors(path)
        try engine { try model.loadNamedTensors(tensors) }
    }
}
