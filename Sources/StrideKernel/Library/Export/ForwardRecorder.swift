import Foundation
import StrideEngine
import StrideExport
import StrideLanguage

/// Records a user type's forward pass for the exporters: while it runs, the natives report
/// each library-layer call, tensor function, tensor method and operator (TensorFunctions,
/// MemberRegistry, TensorValue, LayerValue call `note...` when `isActive`), and the recorder
/// links them by the tensors they pass: a tensor is known by its storage and shape.
final class ForwardRecorder {
    private static let key = "Stride.ForwardRecorder"
    private static let lock = NSLock()
    private static var activeCount = 0

    /// Cheap check for the natives: true only while some thread records.
    static var isActive: Bool { activeCount > 0 }   // read unlocked: every native asks, and a stale 0 only skips

    /// The recorder of the current thread.
    static var current: ForwardRecorder? {
        guard isActive else { return nil }
        return Thread.current.threadDictionary[key] as? ForwardRecorder
    }

    private struct TensorKey: Hashable {
        let address: UnsafeRawPointer?
        let shape: [Int]
        init(_ t: Tensor) {
            address = t.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            shape = t.shape
        }
    }

    private let root: Layer
    private var indices: [TensorKey: Int] = [:]
    /// Every tensor seen, kept alive so that no storage address is reused while recording.
    private var kept: [Tensor] = []
    private(set) var steps: [ForwardGraph.Step] = []
    /// Inside a library layer's own call, nothing it does is a step of its own.
    private var depth = 0

    private init(root: Layer, input: Tensor) {
        self.root = root
        remember(input, as: 0)
    }

    /// Runs `forward` on `input` under a recorder and returns the recorded graph.
    static func record(_ root: Layer, input: Tensor, forward: (Tensor) throws -> Tensor) throws -> ForwardGraph {
        let recorder = ForwardRecorder(root: root, input: input)
        let saved = Thread.current.threadDictionary[key]
        Thread.current.threadDictionary[key] = recorder
        lock.lock(); activeCount += 1; lock.unlock()
        defer {
            lock.lock(); activeCount -= 1; lock.unlock()
            Thread.current.threadDictionary[key] = saved
        }
        let output = try forward(input)
        guard let index = recorder.indices[TensorKey(output)] else {
            throw EngineError.value("export: \(root.typeName).callAsFunction returned a tensor "
                                    + "not computed from its input")
        }
        return ForwardGraph(steps: recorder.steps, output: index)
    }

    private func remember(_ t: Tensor, as index: Int) {
        indices[TensorKey(t)] = index
        kept.append(t)
    }

    /// The value index of `t`: a recorded one, or a new constant step (a tensor the forward
    /// pass made from nothing it was given).
    private func index(of t: Tensor) -> Int {
        if let i = indices[TensorKey(t)] { return i }
        return append(.constant(t.detached()), inputs: [], output: t)
    }

    @discardableResult
    private func append(_ operation: ForwardGraph.Step.Operation, inputs: [Int],
                        attributes: [String: ForwardGraph.Attribute] = [:], output: Tensor) -> Int {
        steps.append(ForwardGraph.Step(operation, inputs: inputs, attributes: attributes, output: output.detached()))
        remember(output, as: steps.count)
        return steps.count
    }

    // MARK: What the natives report

    /// A library layer called on `input` (`conv(x)`); its own work is not recorded.
    func layer(_ layer: Layer, _ input: Tensor, _ body: () throws -> Tensor) throws -> Tensor {
        guard depth == 0 else { return try body() }
        depth += 1
        let output: Tensor
        do { output = try body(); depth -= 1 } catch { depth -= 1; throw error }
        let path = root.path(of: layer) ?? "?" + layer.typeName
        append(.layer(layer, path: path), inputs: [index(of: input)], output: output)
        return output
    }

    /// A tensor function or method: `name` with its tensor inputs and its result.
    func function(_ name: String, inputs: [Tensor], _ arguments: NativeArguments, result: Value) {
        guard depth == 0, let output = result.asTensor else { return }
        var attributes: [String: ForwardGraph.Attribute] = [:]
        for (key, kind) in Self.attributeKinds[name] ?? [] {
            switch kind {
            case "int": if let v = try? arguments.optionalInt(key) { attributes[key] = .int(v) }
            case "ints": if let v = try? arguments.ints(key) { attributes[key] = .ints(v) }
            case "float": if let v = try? arguments.float(key) { attributes[key] = .float(v) }
            default: if let v = try? arguments.padding() { attributes[key] = .padding(v) }
            }
        }
        append(.function(name), inputs: inputs.map(index(of:)), attributes: attributes, output: output)
    }

    /// `a op b` between tensors.
    func binary(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor, result: Value?) {
        guard depth == 0, let output = result?.asTensor else { return }
        let name: String
        switch op {
        case .add: name = "add"
        case .subtract: name = "subtract"
        case .multiply: name = "multiply"
        case .divide: name = "divide"
        default: name = "operator \(op)"
        }
        append(.function(name), inputs: [index(of: a), index(of: b)], output: output)
    }

    /// The tensors a function applies to: its `_ x` or `_ input` parameter, or the list of
    /// `concat`.
    static func inputs(of arguments: NativeArguments) -> [Tensor]? {
        if let x = (try? arguments.tensor("x")) ?? (try? arguments.tensor("input")) { return [x] }
        guard let list = try? arguments.required("tensors") else { return nil }
        return try? TensorFunctions.tensorList(list, arguments.callee)
    }

    /// The non-tensor arguments the exporters read, by function.
    private static let attributeKinds: [String: [(String, String)]] = {
        var table: [String: [(String, String)]] = [
            "leakyRelu": [("alpha", "float")], "elu": [("alpha", "float")], "softmax": [("axis", "int")],
            "permuted": [("permutation", "ints")], "upsample2d": [("scale", "int")], "concat": [("axis", "int")],
        ]
        for pool in ["maxPool1d", "maxPool2d", "maxPool3d", "avgPool1d", "avgPool2d", "avgPool3d"] {
            table[pool] = [("size", "int"), ("stride", "int"), ("padding", "padding")]
        }
        return table
    }()
}

extension UserLayerAdapter: TraceableLayer {
    func traceForward(_ input: Tensor) throws -> ForwardGraph {
        try ForwardRecorder.record(self, input: input) { try self.forward($0) }
    }
}

