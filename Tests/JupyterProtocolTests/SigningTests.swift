import Foundation
import XCTest
@testable import JupyterProtocol

final class SigningTests: XCTestCase {
    func testMatchesRFC4231TestCase2() throws {
        let signer = try MessageSigner(key: "Jefe")
        let signature = signer.signature(of: [Array("what do ya want ".utf8), Array("for nothing?".utf8)])
        XCTAssertEqual(String(decoding: signature, as: UTF8.self),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testMatchesPythonHmacOverMessageParts() throws {
        // hmac.new(b"secret-key", header + parent + metadata + content, hashlib.sha256).hexdigest()
        let parts = [#"{"msg_id":"a"}"#, "{}", "{}", #"{"code":"1 + 1"}"#].map { Array($0.utf8) }
        let signer = try MessageSigner(key: "secret-key")
        XCTAssertEqual(String(decoding: signer.signature(of: parts), as: UTF8.self),
                       "870e0fe2731dc1d3231d4306a463d7fa9cbaa3ca100a3eff2e2dde9bf633e0af")
        XCTAssertTrue(signer.verify(signer.signature(of: parts), of: parts))
    }

    func testEmptyKeyMeansUnsigned() throws {
        let signer = try MessageSigner(key: "")
        XCTAssertFalse(signer.isEnabled)
        XCTAssertEqual(signer.signature(of: [[1, 2, 3]]), [])
        XCTAssertTrue(signer.verify([], of: [[1, 2, 3]]))
    }

    func testRejectsUnknownScheme() {
        XCTAssertThrowsError(try MessageSigner(key: "k", scheme: "hmac-md5")) { error in
            XCTAssertEqual(error as? ProtocolError, .unsupportedSignatureScheme("hmac-md5"))
        }
    }

    func testCodecRoundTripKeepsIdentitiesAndBuffers() throws {
        let codec = WireCodec(signer: try MessageSigner(key: "k"))
        let message = Message(identities: [[1, 2], [3]], header: HeaderFactory().header("x_request"),
                              content: ["a": "ü"], buffers: [[9, 9]])
        let decoded = try codec.decode(codec.encode(message))
        XCTAssertEqual(decoded.identities, [[1, 2], [3]])
        XCTAssertEqual(decoded.header, message.header)
        XCTAssertEqual(decoded.content, ["a": "ü"])
        XCTAssertEqual(decoded.buffers, [[9, 9]])
    }

    func testCodecRejectsForgedUnsignedAndMalformedMessages() throws {
        let codec = WireCodec(signer: try MessageSigner(key: "right"))
        let forger = WireCodec(signer: try MessageSigner(key: "wrong"))
        let unsigned = WireCodec(signer: try MessageSigner(key: ""))
        let message = Message(header: HeaderFactory().header("execute_request"), content: ["code": "1"])
        XCTAssertThrowsError(try codec.decode(forger.encode(message))) { XCTAssertEqual($0 as? ProtocolError, .badSignature) }
        XCTAssertThrowsError(try codec.decode(unsigned.encode(message))) { XCTAssertEqual($0 as? ProtocolError, .badSignature) }

        var tampered = codec.encode(message)
        tampered[tampered.count - 1] = Array(#"{"code":"2"}"#.utf8)
        XCTAssertThrowsError(try codec.decode(tampered)) { XCTAssertEqual($0 as? ProtocolError, .badSignature) }

        XCTAssertThrowsError(try codec.decode([[1], [2]])) { XCTAssertEqual($0 as? ProtocolError, .missingDelimiter) }
        XCTAssertThrowsError(try codec.decode([WireCodec.delimiter, []])) { XCTAssertEqual($0 as? ProtocolError, .tooFewFrames(1)) }

        // Correctly signed but not JSON objects: refused after the signature check.
        let parts = [Array("not json".utf8), Array("{}".utf8), Array("{}".utf8), Array("[]".utf8)]
        let frames = [WireCodec.delimiter, codec.signer.signature(of: parts)] + parts
        XCTAssertThrowsError(try codec.decode(frames)) { error in
            guard case .malformedPart(let name, _)? = error as? ProtocolError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "header")
        }
    }
}

final class HeaderFactoryTests: XCTestCase {
    func testMessageIdsAreUniqueAcrossThreads() {
        let factory = HeaderFactory(session: "s")
        let lock = NSLock()
        var ids = Set<String>()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var local: [String] = []
            for _ in 0..<1000 { local.append(factory.header("status")["msg_id"]!.stringValue!) }
            lock.lock(); ids.formUnion(local); lock.unlock()
        }
        XCTAssertEqual(ids.count, 8000)
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("s_") })
    }

    func testTimestampIsISO8601InUTC() throws {
        let stamp = HeaderFactory.timestamp()
        let pattern = try NSRegularExpression(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#)
        XCTAssertEqual(pattern.numberOfMatches(in: stamp, range: NSRange(stamp.startIndex..., in: stamp)), 1, stamp)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try XCTUnwrap(formatter.date(from: String(stamp.prefix(23)) + "Z"))
        XCTAssertLessThan(abs(parsed.timeIntervalSinceNow), 5)
    }
}
