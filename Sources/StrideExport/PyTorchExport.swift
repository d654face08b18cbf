import Foundation
import StrideEngine
import StrideFiles

/// Writes a Stride model as PyTorch source: `NAME.py` defining `class Model(nn.Module)`
/// (constructible with no arguments) whose `state_dict` names are Stride's parameter paths,
/// `NAME.safetensors` with the weights (loaded with `strict=True`), and `NAME_train_ddp.py`,
/// which trains it with DistributedDataParallel under torchrun. The sizes come from the
/// model's weights, so it must have run once (or been loaded); nothing depends on the input
/// size, which PyTorch keeps free (`.same` pads are computed from each input).
public enum PyTorchExport {
    /// The three files, by file name.
    public struct Files {
        public let module: String
        public let trainScript: String
        public let weights: [(path: String, tensor: Tensor)]
    }

    /// The sources for a model whose module file is `stem.py`.
    public static func files(of model: Layer, stem: String, inputShape: [Int]?,
                             producerVersion: String) throws -> Files {
        guard stem.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
            throw EngineError.value("exportPyTorch: '\(stem)' is not a Python module name (letters, digits and _; "
                                    + "not starting with a digit), so the training script could not import it")
        }
        let writer = PyTorchWriter(inputShape: inputShape)
        let root = try writer.module(model, path: "")
        let title = model.name ?? model.typeName
        var source = "\"\"\"A PyTorch module exported from Stride \(producerVersion): \(title).\n\n"
        source += "Its state_dict names are Stride's parameter names. The weights are beside this file:\n\n"
        source += "    model = Model()\n    model.load_state_dict(load_file(WEIGHTS), strict=True)\n\"\"\"\n"
        source += PyTorchHelpers.source + "\n\n"
        for definition in writer.classes { source += definition + "\n\n" }
        source += "class Model(\(root.type)):\n"
        source += "    \"\"\"The exported model; `Model()` builds it with fresh weights, "
        source += "`load_model()` with Stride's.\"\"\"\n\n"
        source += "    def __init__(self):\n"
        source += "        super().__init__(\(root.arguments.map { $0.indented(by: 8) }.joined(separator: ", ")))\n"
        for wrapper in root.wrappers {
            source += "        \(wrapper.function)(\((["self"] + wrapper.arguments).joined(separator: ", ")))\n"
        }
        source += "\n\ndef load_model(path=WEIGHTS):\n"
        source += "    \"\"\"The model with the exported weights (or those of `path`), every name checked.\"\"\"\n"
        source += "    model = Model()\n"
        source += "    model.load_state_dict(load_file(str(path)), strict=True)\n    return model\n"
        return Files(module: source, trainScript: PyTorchTrainScript.source(stem: stem),
                     weights: model.namedTensors())
    }

    /// Writes `path` (ending in `.py`), the weights beside it and the torchrun script.
    public static func write(_ model: Layer, to path: String, inputShape: [Int]? = nil,
                             producerVersion: String) throws {
        guard path.hasSuffix(".py") else { throw EngineError.value("exportPyTorch: '\(path)' must end in .py") }
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let files = try files(of: model, stem: stem, inputShape: inputShape, producerVersion: producerVersion)
        var tensors: [String: HostTensor] = [:]
        var dtypes: [String: SafeTensorsDType] = [:]
        for (name, t) in files.weights {
            tensors[name] = try HostTensor(shape: t.shape, scalars: t.detached().scalars)
            // PyTorch keeps BatchNorm's count as int64; strict loading compares dtypes too.
            if name == "num_batches_tracked" || name.hasSuffix(".num_batches_tracked") { dtypes[name] = .int64 }
        }
        let base = url.deletingPathExtension()
        try SafeTensors.write(tensors, dtypes: dtypes, to: base.appendingPathExtension("safetensors").path)
        let trainURL = base.deletingLastPathComponent().appendingPathComponent(stem + "_train_ddp.py")
        do {
            try AtomicFile.write(Array(files.module.utf8), to: url.path)
            try AtomicFile.write(Array(files.trainScript.utf8), to: trainURL.path)
        } catch {
            throw EngineError.io("exportPyTorch: cannot write '\(path)': \((error as? FileWriteError)?.description ?? "\(error)")")
        }
    }
}

/// A PyTorch module as Python source: `type(arguments...)`, then wrapped by helper
/// functions that add hooks without renaming parameters (`activated(module, F.relu)`).
struct PyModule {
    var type: String
    var arguments: [String] = []
    var wrappers: [(function: String, arguments: [String])] = []

    /// The expression that builds it.
    var expression: String {
        var text = "\(type)(\(arguments.joined(separator: ", ")))"
        for w in wrappers { text = "\(w.function)(\(([text] + w.arguments).joined(separator: ", ")))" }
        return text
    }

    func wrapped(_ function: String, _ arguments: [String] = []) -> PyModule {
        var copy = self
        copy.wrappers.append((function, arguments))
        return copy
    }
}

extension String {
    /// Later lines indented by `spaces` more (for nested module lists).
    func indented(by spaces: Int) -> String {
        replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: spaces))
    }
}

/// Python literals.
enum Py {
    static func string(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    static func float(_ f: Float) -> String { "\(f)" }
    static func tuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(\(values.map(String.init).joined(separator: ", ")))"
    }
    static func list(_ values: [Int]) -> String { "[\(values.map(String.init).joined(separator: ", "))]" }

    /// `OrderedDict([("name", module), ...])` over several lines.
    static func modules(_ entries: [(String, PyModule)]) -> String {
        guard !entries.isEmpty else { return "OrderedDict()" }
        let lines = entries.map { "    (\(string($0.0)), \($0.1.expression.indented(by: 4)))," }
        return "OrderedDict([\n" + lines.joined(separator: "\n") + "\n])"
    }
}
