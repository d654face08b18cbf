import Foundation
import ONNXProto
import StrideEngine
import StrideFiles
import SwiftProtobuf

/// Writes a Stride model as an ONNX model (opset 17) that onnxruntime, OpenVINO or TensorRT
/// run: the layer tree is walked once on a sample of `inputShape`, each layer becoming the
/// ONNX operators that compute the same function in inference (BatchNorm with its running
/// statistics, Dropout the identity). The batch axis is symbolic ("N"), so any batch size runs.
public enum ONNXExport {
    /// The operator set the graphs use.
    public static let opset = 17
    /// The IR version that goes with opset 17 (ONNX 1.12).
    static let irVersion: Int64 = 8

    /// The model as ONNX's protobuf message.
    public static func model(of layer: Layer, inputShape: [Int],
                             producerVersion: String = "") throws -> Onnx_ModelProto {
        guard inputShape.count >= 1, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw EngineError.value("exportONNX: inputShape \(inputShape) must be positive sizes, the batch first")
        }
        return try withLearningPhase(.inference) {
            let sample = try Tensor(zeros: inputShape)
            // A first call builds every lazily created weight (and Residual's projection).
            let expected = try layer(sample)
            var exporter = ONNXExporter()
            exporter.graph.reserve("input")
            let traced = try exporter.emit(layer, path: "", Traced(name: "input", sample: sample))
            guard traced.sample.shape == expected.shape else {
                throw EngineError.shape(op: "exportONNX", lhs: traced.sample.shape, rhs: expected.shape)
            }
            // The graph's output gets its fixed name through an Identity node.
            exporter.graph.reserve("output")
            exporter.graph.node("Identity", [traced.name], output: "output")

            var graph = Onnx_GraphProto()
            graph.name = layer.name ?? layer.typeName
            graph.node = exporter.graph.nodes
            graph.initializer = exporter.graph.initializers
            graph.input = [ONNXGraph.valueInfo("input", shape: inputShape)]
            graph.output = [ONNXGraph.valueInfo("output", shape: expected.shape)]

            var model = Onnx_ModelProto()
            model.irVersion = irVersion
            var opsetID = Onnx_OperatorSetIdProto()
            opsetID.domain = ""
            opsetID.version = Int64(opset)
            model.opsetImport = [opsetID]
            model.producerName = "Stride"
            model.producerVersion = producerVersion
            model.graph = graph
            return model
        }
    }

    /// The model's bytes (the `.onnx` file's content).
    public static func serialized(_ layer: Layer, inputShape: [Int], producerVersion: String = "") throws -> Data {
        let proto = try model(of: layer, inputShape: inputShape, producerVersion: producerVersion)
        return try proto.serializedData()
    }

    /// Writes the model to `path`, atomically (a refused export leaves no file behind).
    public static func write(_ layer: Layer, inputShape: [Int], to path: String, producerVersion: String = "") throws {
        let bytes = try serialized(layer, inputShape: inputShape, producerVersion: producerVersion)
        do {
            try AtomicFile.write([UInt8](bytes), to: path)
        } catch {
            throw EngineError.io("exportONNX: cannot write '\(path)': \((error as? FileWriteError)?.reason ?? "\(error)")")
        }
    }
}

/// A value of the graph being built: its ONNX name, and the tensor Stride computes for it
/// on the sample input (whose shape the next layer's attributes are derived from).
struct Traced {
    let name: String
    let sample: Tensor
    var shape: [Int] { sample.shape }
    var rank: Int { sample.rank }
}

/// Walks a layer tree into an `ONNXGraph`; one `emit` per layer (ONNXLayers.swift for the
/// single layers, ONNXComposites.swift for those holding others).
struct ONNXExporter {
    var graph = ONNXGraph()

    /// Emits `layer` (at `path` in the model, "" for the model itself) applied to `x`.
    mutating func emit(_ layer: Layer, path: String, _ x: Traced) throws -> Traced {
        let name: String
        if let composite = try emitComposite(layer, path: path, x) {
            name = composite
        } else if let single = try emitSingle(layer, path: path, x) {
            name = single
        } else {
            throw refusal(layer, path: path)
        }
        return Traced(name: name, sample: try layer.forward(x.sample))
    }

    /// The error for a layer with no ONNX form, naming it and where it sits.
    func refusal(_ layer: Layer, path: String) -> EngineError {
        let place = path.isEmpty ? "" : " (at '\(path)')"
        switch layer.typeName {
        case "Capsules":
            return .value("exportONNX: Capsules\(place) has no ONNX form: routing by agreement is an iterative "
                          + "loop that ONNX's operators do not express")
        default:
            return .value("exportONNX: \(layer.typeName)\(place) has no ONNX form")
        }
    }

    /// The dotted path of a child.
    static func join(_ path: String, _ child: String) -> String { path.isEmpty ? child : path + "." + child }

    /// The full name of a layer's parameter, as `save` names it.
    static func parameterName(_ path: String, _ local: String) -> String { join(path, local) }

    /// Emits every child of `layer` in order on `x` (a Sequential, or the children of a
    /// layer whose forward pass is exactly that).
    mutating func emitChain(_ layer: Layer, path: String, _ x: Traced) throws -> String {
        var current = x
        for (name, child) in layer.children { current = try emit(child, path: Self.join(path, name), current) }
        return current.name
    }

    /// The ONNX operators of an activation applied to `x` (of `rank` axes).
    mutating func activation(_ a: Activation, _ x: String, rank: Int) -> String {
        switch a {
        case .identity: return x
        case .relu: return graph.node("Relu", [x])
        case .sigmoid: return graph.node("Sigmoid", [x])
        case .tanh: return graph.node("Tanh", [x])
        case .softmax: return graph.node("Softmax", [x], ["axis": .int(rank > 1 ? 1 : 0)])
        case .swish: return graph.node("Mul", [x, graph.node("Sigmoid", [x])])
        case .leakyRelu(let alpha): return graph.node("LeakyRelu", [x], ["alpha": .float(alpha)])
        case .elu(let alpha): return graph.node("Elu", [x], ["alpha": .float(alpha)])
        }
    }
}
