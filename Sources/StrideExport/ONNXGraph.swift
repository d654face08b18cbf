import Foundation
import ONNXProto
import StrideEngine

/// An ONNX graph under construction: nodes in execution order, weights as initializers,
/// and names made unique, so the exporters only say which operator reads what.
struct ONNXGraph {
    /// One attribute of a node, in the few kinds the exporters use.
    enum Attribute {
        case int(Int)
        case ints([Int])
        case float(Float)
        case string(String)
    }

    private(set) var nodes: [Onnx_NodeProto] = []
    private(set) var initializers: [Onnx_TensorProto] = []
    private var usedNames: Set<String> = []
    private var counters: [String: Int] = [:]

    /// A name not used yet, built from `base` ("conv1.weight", "Relu_3").
    mutating func uniqueName(_ base: String) -> String {
        var name = base
        while usedNames.contains(name) {
            counters[base, default: 0] += 1
            name = "\(base)_\(counters[base]!)"
        }
        usedNames.insert(name)
        return name
    }

    /// Reserves a name the graph's inputs or outputs use.
    mutating func reserve(_ name: String) { usedNames.insert(name) }

    /// Adds a float32 weight named (as near as possible) `name` and returns its name.
    mutating func constant(_ name: String, _ tensor: Tensor) -> String {
        constant(name, shape: tensor.shape, floats: tensor.detached().scalars)
    }

    /// Adds a float32 initializer of `shape`, stored as little-endian raw bytes.
    mutating func constant(_ name: String, shape: [Int], floats: [Float]) -> String {
        var proto = Onnx_TensorProto()
        proto.name = uniqueName(name)
        proto.dims = shape.map(Int64.init)
        proto.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var bytes = Data(capacity: floats.count * 4)
        for value in floats { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        proto.rawData = bytes
        initializers.append(proto)
        return proto.name
    }

    /// Adds a 1-D int64 initializer (the shapes, axes and sizes that operators take as inputs).
    mutating func integers(_ name: String, _ values: [Int]) -> String {
        var proto = Onnx_TensorProto()
        proto.name = uniqueName(name)
        proto.dims = [Int64(values.count)]
        proto.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        proto.int64Data = values.map(Int64.init)
        initializers.append(proto)
        return proto.name
    }

    /// Appends a node of `op` reading `inputs` ("" for an omitted optional input) and returns
    /// the name of its one output.
    @discardableResult
    mutating func node(_ op: String, _ inputs: [String], _ attributes: [String: Attribute] = [:],
                       output: String? = nil) -> String {
        var proto = Onnx_NodeProto()
        proto.opType = op
        proto.name = uniqueName(op)
        proto.input = inputs
        let out = output ?? uniqueName(proto.name + "_out")
        proto.output = [out]
        // Sorted: the same model gives the same bytes on every export.
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            proto.attribute.append(Self.attribute(name, value))
        }
        nodes.append(proto)
        return out
    }

    private static func attribute(_ name: String, _ value: Attribute) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        switch value {
        case .int(let i): a.type = .int; a.i = Int64(i)
        case .ints(let list): a.type = .ints; a.ints = list.map(Int64.init)
        case .float(let f): a.type = .float; a.f = f
        case .string(let s): a.type = .string; a.s = Data(s.utf8)
        }
        return a
    }

    /// A float32 tensor's type with a symbolic batch axis ("N") and fixed other axes.
    static func valueInfo(_ name: String, shape: [Int]) -> Onnx_ValueInfoProto {
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var shapeProto = Onnx_TensorShapeProto()
        for (axis, size) in shape.enumerated() {
            var dim = Onnx_TensorShapeProto.Dimension()
            if axis == 0 { dim.dimParam = "N" } else { dim.dimValue = Int64(size) }
            shapeProto.dim.append(dim)
        }
        tensorType.shape = shapeProto
        var type = Onnx_TypeProto()
        type.tensorType = tensorType
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type = type
        return info
    }
}
