import JupyterProtocol

/// The kernel side of one Jupyter widget model (widget messaging protocol 2): its state,
/// kept in sync with every frontend over its `jupyter.widget` comm. Binary attributes (an
/// Image's `value`) are kept apart and travel as buffers with `buffer_paths`.
public final class WidgetModel {
    /// The model id, which is also its comm id (`IPY_MODEL_<id>` in references).
    public let id: String
    /// The JSON-serialisable attributes, `_model_name` and the rest included.
    public private(set) var state: [String: JSON]
    /// Binary attributes by name.
    public private(set) var binary: [String: [UInt8]]
    /// Called after the frontend changed attributes (their names), on the evaluation thread.
    public var onFrontendChange: [([String]) -> Void] = []
    /// Called for a `custom` message from the frontend (its content and buffers).
    public var onCustom: ((JSON, [Frame]) -> Void)?
    /// Corrects a frontend's update before it is applied (clamps a value to its range); the
    /// corrected attributes are sent back as an `update`.
    public var validate: (([String: JSON]) -> [String: JSON])?
    var comm: Comm?

    init(id: String, state: [String: JSON], binary: [String: [UInt8]]) {
        self.id = id
        self.state = state
        self.binary = binary
    }

    /// The reference to this model that other models' state holds.
    public var reference: JSON { .string("IPY_MODEL_" + id) }

    /// `_model_name` (e.g. `FloatSliderModel`).
    public var modelName: String { state["_model_name"]?.stringValue ?? "" }

    /// Changes attributes here and on every frontend (one `update` message).
    public func set(_ changes: [String: JSON], binary changedBinary: [String: [UInt8]] = [:]) {
        for (key, value) in changes { state[key] = value }
        for (key, value) in changedBinary { binary[key] = value }
        sendUpdate(changes, binary: changedBinary)
    }

    /// Sends a `custom` message to the frontend.
    public func send(custom content: JSON, buffers: [Frame] = []) {
        comm?.send(["method": "custom", "content": content], buffers: buffers)
    }

    /// The full state as the protocol sends it: JSON state, buffer paths and buffers.
    func serialized() -> (state: JSON, bufferPaths: JSON, buffers: [Frame]) {
        let keys = binary.keys.sorted()
        return (.object(state), .array(keys.map { [.string($0)] }), keys.map { binary[$0]! })
    }

    func sendUpdate(_ changes: [String: JSON], binary changedBinary: [String: [UInt8]] = [:],
                    method: String = "update") {
        let keys = changedBinary.keys.sorted()
        comm?.send(["method": .string(method), "state": .object(changes),
                    "buffer_paths": .array(keys.map { [.string($0)] })],
                   metadata: ["version": .string(WidgetManager.protocolVersion)],
                   buffers: keys.map { changedBinary[$0]! })
    }

    /// Applies an `update` from a frontend: echoes it to every frontend first (protocol
    /// 2.1's `echo_update`, so other views learn the value), then applies, corrects and notifies.
    func receiveUpdate(_ incoming: [String: JSON], binary incomingBinary: [String: [UInt8]]) {
        let known = incoming.filter { state[$0.key] != nil }
        guard !known.isEmpty || !incomingBinary.isEmpty else { return }
        sendUpdate(known, binary: incomingBinary, method: "echo_update")
        var applied = known
        if let validate { applied = validate(known) }
        for (key, value) in applied { state[key] = value }
        for (key, value) in incomingBinary { binary[key] = value }
        let corrected = applied.filter { known[$0.key] != $0.value }
        if !corrected.isEmpty { sendUpdate(corrected) }
        let names = Array(applied.keys).sorted() + incomingBinary.keys.sorted()
        for observer in onFrontendChange { observer(names) }
    }
}
