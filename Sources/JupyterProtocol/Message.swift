import Foundation

/// One frame of a multipart ZeroMQ message.
public typealias Frame = [UInt8]

/// The five sockets of a Jupyter kernel.
public enum Channel: String, Sendable, CaseIterable {
    case shell, control, stdin, iopub, heartbeat
}

/// A Jupyter message (protocol version 5): routing identities, the four JSON parts and
/// any binary buffers.
public struct Message: Sendable {
    /// ZeroMQ routing prefix (ROUTER identities, or the iopub topic).
    public var identities: [Frame]
    public var header: JSON
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [Frame]

    public init(identities: [Frame] = [], header: JSON, parentHeader: JSON = [:], metadata: JSON = [:],
                content: JSON = [:], buffers: [Frame] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// `header.msg_type`, or "" when missing.
    public var messageType: String { header["msg_type"]?.stringValue ?? "" }
    /// `header.msg_id`, or "" when missing.
    public var messageID: String { header["msg_id"]?.stringValue ?? "" }
    /// `header.session`, or "" when missing.
    public var session: String { header["session"]?.stringValue ?? "" }
}

/// The version of the messaging protocol this kernel speaks.
public let jupyterProtocolVersion = "5.5"

/// Makes message headers for one kernel session.
public struct HeaderFactory: Sendable {
    /// The kernel's session id, fixed for the life of the process.
    public let session: String
    /// The user name put in headers the kernel originates.
    public let username: String
    private let counter = MessageCounter()

    public init(session: String = UUID().uuidString.lowercased(), username: String = "kernel") {
        self.session = session
        self.username = username
    }

    /// A fresh header of type `messageType`. Message ids are the session id and a counter,
    /// as jupyter_client makes them: unique without asking the system for randomness (a
    /// UUID per message costs a read of /dev/urandom, five times per cell).
    public func header(_ messageType: String) -> JSON {
        [
            "msg_id": .string("\(session)_\(counter.next())"),
            "session": .string(session),
            "username": .string(username),
            "date": .string(HeaderFactory.timestamp()),
            "msg_type": .string(messageType),
            "version": .string(jupyterProtocolVersion),
        ]
    }

    /// Current UTC time in ISO 8601 with microseconds, as jupyter_client writes it.
    public static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(Int(now.tv_nsec) / 1000, 6))Z"
    }
}

/// A thread-safe increasing counter.
private final class MessageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
