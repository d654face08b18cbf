import CZeroMQ
import Foundation
import JupyterProtocol

/// A thin owner of one ZeroMQ socket. Like every ZeroMQ socket it must be used by one
/// thread at a time; `SocketLoop` gives each socket a single owning thread.
final class Socket {
    let handle: UnsafeMutableRawPointer
    let name: String

    init(context: UnsafeMutableRawPointer, type: Int32, name: String) throws {
        guard let handle = zmq_socket(context, type) else { throw Socket.lastError("socket(\(name))") }
        self.handle = handle
        self.name = name
        try setOption(ZMQ_LINGER, 1000)
    }

    func setOption(_ option: Int32, _ value: Int32) throws {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else {
            throw Socket.lastError("setsockopt(\(name))")
        }
    }

    func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw Socket.lastError("bind(\(name), \(endpoint))") }
    }

    /// The next complete multipart message, or nil when none is waiting.
    func receiveMultipart() -> [Frame]? {
        var frames: [Frame] = []
        while true {
            var part = zmq_msg_t()
            zmq_msg_init(&part)
            defer { zmq_msg_close(&part) }
            let flags: Int32 = frames.isEmpty ? ZMQ_DONTWAIT : 0
            let size = zmq_msg_recv(&part, handle, flags)
            if size < 0 { return frames.isEmpty ? nil : frames }
            let data = zmq_msg_data(&part)
            if let data, size > 0 {
                frames.append(Frame(UnsafeRawBufferPointer(start: data, count: Int(size))))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&part) == 0 { return frames }
        }
    }

    /// Sends `frames` as one multipart message; false when ZeroMQ refused it.
    @discardableResult
    func sendMultipart(_ frames: [Frame]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags: Int32 = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if rc < 0 { return false }
        }
        return true
    }

    func close() { zmq_close(handle) }

    static func lastError(_ what: String) -> TransportError {
        TransportError.socket(what, String(cString: zmq_strerror(zmq_errno())))
    }
}
