import JupyterProtocol

/// The Jupyter widget messaging protocol, version 2 (2.1 with `echo_update`), on the
/// kernel's comms: the `jupyter.widget` target (one comm per model: comm_open with `state`
/// and `buffer_paths`; `update`, `request_state`, `echo_update`, `custom`) and the
/// `jupyter.widget.control` target (`request_states` answered by `update_states`).
public final class WidgetManager {
    /// The widget protocol version sent in each comm_open's metadata.
    public static let protocolVersion = "2.1.0"
    /// The control comm's protocol version.
    public static let controlProtocolVersion = "1.0.0"
    public static let viewMimeType = "application/vnd.jupyter.widget-view+json"

    public let comms: CommManager
    /// Every model created, by id, in creation order (`order`).
    private var models: [String: WidgetModel] = [:]
    private var order: [String] = []
    private let log: (String) -> Void

    public init(comms: CommManager, log: @escaping (String) -> Void = { _ in }) {
        self.comms = comms
        self.log = log
        comms.registerTarget("jupyter.widget") { [unowned self] comm, message in acceptWidgetComm(comm, message) }
        comms.registerTarget("jupyter.widget.control") { [unowned self] comm, message in
            acceptControlComm(comm, message)
        }
    }

    /// Creates a model with `state` and opens its comm (the frontend creates its twin).
    public func create(state: [String: JSON], binary: [String: [UInt8]] = [:]) -> WidgetModel {
        let model = WidgetModel(id: CommManager.newID(), state: state, binary: binary)
        let (json, paths, buffers) = model.serialized()
        let comm = comms.open(target: "jupyter.widget", data: ["state": json, "buffer_paths": paths],
                              metadata: ["version": .string(Self.protocolVersion)], buffers: buffers, id: model.id)
        attach(model, to: comm)
        models[model.id] = model
        order.append(model.id)
        return model
    }

    /// The model with `id`, if it exists.
    public func model(_ id: String) -> WidgetModel? { models[id] }

    /// The display of a model: the widget view MIME type, and `text` for frontends without
    /// a widget manager (nbconvert, GitHub).
    public func displayBundle(for model: WidgetModel, text: String) -> DisplayBundle {
        DisplayBundle(data: [
            Self.viewMimeType: ["model_id": .string(model.id), "version_major": 2, "version_minor": 0],
            "text/plain": .string(text),
        ])
    }

    private func attach(_ model: WidgetModel, to comm: Comm) {
        model.comm = comm
        comm.onMessage = { [unowned self, unowned model] message in receive(message, for: model) }
        comm.onClose = { [weak model] _ in model?.comm = nil }
    }

    private func receive(_ message: Message, for model: WidgetModel) {
        let data = message.content["data"] ?? [:]
        switch data["method"]?.stringValue ?? "" {
        case "update":
            let state = data["state"]?.objectValue ?? [:]
            let (plain, binary) = Self.takeBuffers(state, paths: data["buffer_paths"], buffers: message.buffers)
            model.receiveUpdate(plain, binary: binary)
        case "request_state":
            let (json, paths, buffers) = model.serialized()
            model.comm?.send(["method": "update", "state": json, "buffer_paths": paths],
                             metadata: ["version": .string(Self.protocolVersion)], buffers: buffers)
        case "custom":
            model.onCustom?(data["content"] ?? .null, message.buffers)
        case let method:
            log("widget \(model.id): unknown method '\(method)'; ignored")
        }
    }

    /// A frontend opening a `jupyter.widget` comm: for a model the kernel has (a frontend
    /// reconnecting after `update_states`), the comm becomes the model's; a model the frontend
    /// made itself is kept with the state it sent.
    private func acceptWidgetComm(_ comm: Comm, _ message: Message) -> Bool {
        if let model = models[comm.id] {
            attach(model, to: comm)
            return true
        }
        guard let state = message.content["data"]?["state"]?.objectValue, state["_model_name"] != nil else {
            log("comm_open to jupyter.widget without a known model or a state; closed")
            return false
        }
        let data = message.content["data"] ?? [:]
        let (plain, binary) = Self.takeBuffers(state, paths: data["buffer_paths"], buffers: message.buffers)
        let model = WidgetModel(id: comm.id, state: plain, binary: binary)
        attach(model, to: comm)
        models[model.id] = model
        order.append(model.id)
        return true
    }

    private func acceptControlComm(_ comm: Comm, _ message: Message) -> Bool {
        let version = message.metadata["version"]?.stringValue ?? ""
        guard version.split(separator: ".").first == Self.controlProtocolVersion.split(separator: ".").first else {
            log("jupyter.widget.control comm of version '\(version)' refused; this kernel speaks "
                + "\(Self.controlProtocolVersion)")
            return false
        }
        comm.onMessage = { [unowned self, unowned comm] message in
            let method = message.content["data"]?["method"]?.stringValue ?? ""
            guard method == "request_states" else {
                log("jupyter.widget.control: unknown method '\(method)'; ignored")
                return
            }
            sendStates(on: comm)
        }
        return true
    }

    /// `update_states`: every live model's full state; buffer paths start with the model id
    /// and `state`, as the frontend splits them.
    private func sendStates(on comm: Comm) {
        var states: [String: JSON] = [:]
        var paths: [JSON] = []
        var buffers: [Frame] = []
        for id in order {
            guard let model = models[id], model.comm != nil else { continue }
            let (json, _, _) = model.serialized()
            states[id] = ["model_name": .string(model.modelName),
                          "model_module": model.state["_model_module"] ?? "",
                          "model_module_version": model.state["_model_module_version"] ?? "",
                          "state": json]
            for key in model.binary.keys.sorted() {
                paths.append([.string(id), "state", .string(key)])
                buffers.append(model.binary[key]!)
            }
        }
        comm.send(["method": "update_states", "states": .object(states), "buffer_paths": .array(paths)],
                  buffers: buffers)
    }

    /// Splits a received state into JSON attributes and binary ones. The core models keep
    /// binary data only in top-level attributes, so deeper buffer paths are not taken.
    static func takeBuffers(_ state: [String: JSON], paths: JSON?,
                            buffers: [Frame]) -> ([String: JSON], [String: [UInt8]]) {
        var binary: [String: [UInt8]] = [:]
        for (index, path) in (paths?.arrayValue ?? []).enumerated() where index < buffers.count {
            if let parts = path.arrayValue, parts.count == 1, let key = parts[0].stringValue {
                binary[key] = buffers[index]
            }
        }
        return (state.filter { binary[$0.key] == nil }, binary)
    }
}
