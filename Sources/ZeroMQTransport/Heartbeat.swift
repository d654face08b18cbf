import CZeroMQ
import Foundation

/// Echoes heartbeat pings on a REP socket from a thread of its own, so the frontend sees
/// the kernel alive even while a cell computes for minutes.
final class Heartbeat: @unchecked Sendable {
    private let socket: Socket
    private let finished = DispatchSemaphore(value: 0)

    init(socket: Socket) { self.socket = socket }

    func start() {
        let thread = Thread { [socket, finished] in
            while true {
                var message = zmq_msg_t()
                zmq_msg_init(&message)
                if zmq_msg_recv(&message, socket.handle, 0) < 0 {
                    zmq_msg_close(&message)
                    if zmq_errno() == EINTR { continue }
                    break   // ETERM: the context is shutting down
                }
                let more = zmq_msg_more(&message) != 0
                if zmq_msg_send(&message, socket.handle, more ? ZMQ_SNDMORE : 0) < 0 { zmq_msg_close(&message) }
            }
            socket.close()
            finished.signal()
        }
        thread.name = "stride.heartbeat"
        thread.start()
    }

    /// Waits for the thread to end after the context was shut down.
    func wait(timeout: Double) { _ = finished.wait(timeout: .now() + timeout) }
}
