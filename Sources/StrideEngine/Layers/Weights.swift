/// Conversions between the engine's tensors and the host arrays that the data and file
/// readers produce, and weights files in the safetensors format, named as PyTorch names them.
extension Tensor {
    /// A tensor holding a host array's values.
    public init(_ host: HostTensor) throws {
        try self.init(shape: host.shape, scalars: host.scalars)
    }

    /// The values as a host array (for the file writers).
    public var host: HostTensor {
        // A tensor's shape always matches its scalar count.
        try! HostTensor(shape: shape, scalars: scalars)
    }
}

/// Maps the readers' errors to the engine's: bad arguments are value errors, the rest I/O.
func engineError(_ error: Error) -> Error {
    guard let e = error as? DataError else { return error }
    return e.kind == .invalidArgument ? EngineError.value(e.description) : EngineError.io(e.description)
}

/// Writes named tensors to a safetensors file, atomically.
public func saveTensors(_ tensors: [String: Tensor], to path: String) throws {
    do { try SafeTensors.write(tensors.mapValues { $0.host }, to: path) } catch { throw engineError(error) }
}

/// Reads every tensor of a safetensors file (any numeric dtype, converted to Float32).
public func loadTensors(_ path: String) throws -> [String: Tensor] {
    let file: SafeTensorsFile
    do { file = try SafeTensors.read(path) } catch { throw engineError(error) }
    var result: [String: Tensor] = [:]
    for (name, host) in file.tensors { result[name] = try Tensor(host) }
    return result
}

extension Layer {
    /// Saves every parameter and state tensor by path ("conv1.weight", "bn.running_var"),
    /// with PyTorch's layouts; `num_batches_tracked` is stored as I64 as PyTorch stores it.
    /// The file is written atomically (a temporary file, then a rename).
    public func save(to path: String) throws {
        let named = namedTensors()
        guard !named.isEmpty else {
            throw EngineError.value("the model has no parameters yet: call it once (or use summary(inputShape:)) before saving")
        }
        var tensors: [String: HostTensor] = [:]
        var dtypes: [String: SafeTensorsDType] = [:]
        for (name, tensor) in named {
            tensors[name] = tensor.host
            if name.hasSuffix("num_batches_tracked") { dtypes[name] = .int64 }
        }
        do { try SafeTensors.write(tensors, dtypes: dtypes, to: path) } catch { throw engineError(error) }
    }

    /// Loads weights saved by `save(to:)` or by PyTorch (`safetensors.torch.save_file(model.state_dict())`).
    /// A missing name or a wrong shape is refused with an error naming it, and the model is
    /// left unchanged; layers never called are built from the file's shapes.
    public func load(from path: String) throws {
        try loadNamedTensors(loadTensors(path))
    }
}
