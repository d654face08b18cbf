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

    /// The most a connection file may hold; a real one is a few hundred bytes.
    static let maximumFileSize = 1 << 20

    /// Reads and checks a connection file. Read with plain open/read (Foundation refuses
    /// anything but a regular file), so a pipe works too: `--connection-file <(...)`.
    public init(contentsOf url: URL) throws {
        try self.init(json: try ConnectionInfo.readAll(url.path), source: url.path)
    }

    private static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TransportError.unreadableConnectionFile(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw TransportError.unreadableConnectionFile(path, String(cString: strerror(errno)))
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maximumFileSize {
                throw TransportError.unreadableConnectionFile(path, "larger than \(maximumFileSize) bytes")
            }
        }
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
