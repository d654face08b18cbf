import COpenSSL

/// HMAC-SHA256 signing of the four JSON parts of a message, as the connection file's
/// `key` and `signature_scheme` ask. An empty key means messages are neither signed nor
/// checked.
public struct MessageSigner: Sendable {
    private let key: [UInt8]

    /// Whether signatures are made and checked.
    public var isEnabled: Bool { !key.isEmpty }

    /// A signer for `key` under `scheme`; only "hmac-sha256" is supported (and any scheme
    /// with an empty key).
    public init(key: String, scheme: String = "hmac-sha256") throws {
        self.key = Array(key.utf8)
        if !self.key.isEmpty && scheme != "hmac-sha256" {
            throw ProtocolError.unsupportedSignatureScheme(scheme)
        }
    }

    /// The lowercase hex signature of `parts`, or an empty frame when signing is off.
    public func signature(of parts: [Frame]) -> Frame {
        guard isEnabled else { return [] }
        let digest = hmac(parts)
        let hex = Array("0123456789abcdef".utf8)
        var out = Frame()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return out
    }

    /// Whether `signature` is the right one for `parts`, compared in constant time.
    public func verify(_ signature: Frame, of parts: [Frame]) -> Bool {
        guard isEnabled else { return true }
        let expected = self.signature(of: parts)
        guard signature.count == expected.count else { return false }
        return expected.withUnsafeBytes { a in
            signature.withUnsafeBytes { b in
                CRYPTO_memcmp(a.baseAddress, b.baseAddress, expected.count) == 0
            }
        }
    }

    private func hmac(_ parts: [Frame]) -> [UInt8] {
        var data = Frame()
        data.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { data.append(contentsOf: part) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { dataBytes in
                _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(key.count),
                         dataBytes.bindMemory(to: UInt8.self).baseAddress, data.count, &digest, &length)
            }
        }
        return Array(digest.prefix(Int(length)))
    }
}
