import Foundation
import JupyterProtocol

/// The connection file a frontend writes for a kernel: transport, address, the five
/// ports and the signing key.
public struct ConnectionInfo: Equatable, Sendable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var controlPort: Int
    public var stdinPort: Int
    public var iopubPort: Int
    public var heartbeatPort: Int
    public var key: String
    public var signatureScheme: String

    /// Reads and checks a connection file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TransportError.unreadableConnectionFile(url.path, "\(error.localizedDescription)")
        }
        try self.init(json: Array(data), source: url.path)
    }

    /// Parses connection-file JSON; `source` names it in errors.
    public init(json bytes: [UInt8], source: String = "connection file") throws {
        let document: JSON
        do {
            document = try JSON.parse(bytes)
        } catch {
            throw TransportError.unreadableConnectionFile(source, "\(error)")
        }
        func port(_ name: String) throws -> Int {
            guard let value = document[name]?.intValue, (0...65535).contains(value) else {
                throw TransportError.unreadableConnectionFile(source, "'\(name)' must be a port number")
            }
            return value
        }
        transport = document["transport"]?.stringValue ?? "tcp"
        guard transport == "tcp" || transport == "ipc" else {
            throw TransportError.unreadableConnectionFile(source, "transport '\(transport)' is neither tcp nor ipc")
        }
        ip = document["ip"]?.stringValue ?? "127.0.0.1"
        shellPort = try port("shell_port")
        controlPort = try port("control_port")
        stdinPort = try port("stdin_port")
        iopubPort = try port("iopub_port")
        heartbeatPort = try port("hb_port")
        key = document["key"]?.stringValue ?? ""
        signatureScheme = document["signature_scheme"]?.stringValue ?? "hmac-sha256"
    }

    /// The ZeroMQ endpoint for `port`: `tcp://ip:port`, or `ipc://ip-port` as jupyter_client
    /// names ipc sockets.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// Why the transport could not start or serve.
public enum TransportError: Error, CustomStringConvertible {
    case unreadableConnectionFile(String, String)
    case socket(String, String)

    public var description: String {
        switch self {
        case .unreadableConnectionFile(let path, let reason): return "cannot use connection file \(path): \(reason)"
        case .socket(let what, let reason): return "ZeroMQ \(what) failed: \(reason)"
        }
    }
}
