/// Where the kernel core's frames go: implemented by a transport (ZeroMQ sockets) or by
/// a test double. `send` may be called from any thread and must keep the order of calls.
public protocol MessageSink: AnyObject {
    /// Sends one encoded message on `channel`.
    func send(_ frames: [Frame], on channel: Channel)
}

/// Builds, signs and sends the messages the kernel originates.
final class Outbox: @unchecked Sendable {
    let headers: HeaderFactory
    let codec: WireCodec
    let sink: MessageSink

    init(headers: HeaderFactory, codec: WireCodec, sink: MessageSink) {
        self.headers = headers
        self.codec = codec
        self.sink = sink
    }

    /// Broadcasts a message on iopub; `parent` is the request it belongs to, if any.
    func publish(_ type: String, _ content: JSON, parent: Message?, metadata: JSON = [:], buffers: [Frame] = []) {
        let topic = Array("kernel.\(headers.session).\(type)".utf8)
        let message = Message(identities: [topic], header: headers.header(type),
                              parentHeader: parent?.header ?? [:], metadata: metadata, content: content,
                              buffers: buffers)
        sink.send(codec.encode(message), on: .iopub)
    }

    /// Sends a reply to `request` on `channel`, routed to the request's sender.
    func reply(to request: Message, type: String, _ content: JSON, on channel: Channel, metadata: JSON = [:]) {
        let message = Message(identities: request.identities, header: headers.header(type),
                              parentHeader: request.header, metadata: metadata, content: content)
        sink.send(codec.encode(message), on: channel)
    }

    /// The frames greeting a new iopub subscriber (protocol 5.5 `iopub_welcome`).
    func welcome(subscription: Frame) -> [Frame] {
        let topic = String(decoding: subscription, as: UTF8.self)
        let message = Message(identities: [subscription], header: headers.header("iopub_welcome"),
                              content: ["subscription": .string(topic)])
        return codec.encode(message)
    }
}
