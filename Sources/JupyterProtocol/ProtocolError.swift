/// Why an incoming message or a kernel setting was refused.
public enum ProtocolError: Error, Equatable, CustomStringConvertible {
    case missingDelimiter
    case tooFewFrames(Int)
    case badSignature
    case duplicateSignature
    case malformedPart(name: String, reason: String)
    case unsupportedSignatureScheme(String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "message has no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let n): return "message has \(n) frames after the delimiter; expected at least 5"
        case .badSignature: return "message signature is missing or wrong"
        case .duplicateSignature: return "message signature was already used (a replayed message)"
        case .malformedPart(let name, let reason): return "message \(name) is not a JSON object: \(reason)"
        case .unsupportedSignatureScheme(let s): return "signature scheme '\(s)' is not supported; expected hmac-sha256"
        }
    }
}
