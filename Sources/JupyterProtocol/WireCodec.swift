/// Converts messages to and from ZeroMQ multipart frames:
/// `identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…`.
public struct WireCodec: Sendable {
    /// The frame separating routing identities from the message.
    public static let delimiter: Frame = Array("<IDS|MSG>".utf8)

    public let signer: MessageSigner
    /// Signatures already accepted by `decode`; nil accepts repeats (a codec that only encodes).
    public let history: SignatureHistory?

    public init(signer: MessageSigner, history: SignatureHistory? = nil) {
        self.signer = signer
        self.history = history
    }

    /// The frames of `message`, signed.
    public func encode(_ message: Message) -> [Frame] {
        let parts: [Frame] = [message.header.serialized(), message.parentHeader.serialized(),
                              message.metadata.serialized(), message.content.serialized()]
        var frames = message.identities
        frames.reserveCapacity(frames.count + 6 + message.buffers.count)
        frames.append(WireCodec.delimiter)
        frames.append(signer.signature(of: parts))
        frames.append(contentsOf: parts)
        frames.append(contentsOf: message.buffers)
        return frames
    }

    /// The message in `frames`, after checking its signature (and, with a history, that it
    /// was not seen before) before parsing any JSON.
    public func decode(_ frames: [Frame]) throws -> Message {
        guard let split = frames.firstIndex(of: WireCodec.delimiter) else { throw ProtocolError.missingDelimiter }
        let rest = frames[(split + 1)...]
        guard rest.count >= 5 else { throw ProtocolError.tooFewFrames(rest.count) }
        let signature = rest[rest.startIndex]
        let parts = Array(rest[(rest.startIndex + 1)..<(rest.startIndex + 5)])
        guard signer.verify(signature, of: parts) else { throw ProtocolError.badSignature }
        // Unsigned traffic (no key) has no signature to tell a repeat by.
        if signer.isEnabled, let history, !history.insert(signature) { throw ProtocolError.duplicateSignature }
        let names = ["header", "parent_header", "metadata", "content"]
        var json: [JSON] = []
        for (name, part) in zip(names, parts) {
            do {
                let value = try JSON.parse(part)
                guard case .object = value else {
                    throw ProtocolError.malformedPart(name: name, reason: "found \(value.text.prefix(40))")
                }
                json.append(value)
            } catch let error as JSONParseError {
                throw ProtocolError.malformedPart(name: name, reason: error.description)
            }
        }
        guard json[0]["msg_type"]?.stringValue != nil else {
            throw ProtocolError.malformedPart(name: "header", reason: "no msg_type")
        }
        return Message(identities: Array(frames[..<split]), header: json[0], parentHeader: json[1],
                       metadata: json[2], content: json[3], buffers: Array(rest.dropFirst(5)))
    }
}
