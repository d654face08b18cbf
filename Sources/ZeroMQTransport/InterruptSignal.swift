import Foundation
import Glibc

/// Write end of the self-pipe the SIGINT handler writes to (write(2) is async-signal-safe).
private nonisolated(unsafe) var interruptPipeWriteEnd: Int32 = -1

/// Turns SIGINT (the kernelspec's `interrupt_mode: signal`) into a call of `handler` on an
/// ordinary thread, instead of the default action that would kill the kernel.
public enum InterruptSignal {
    /// Installs the SIGINT handler and starts the thread that calls `handler` for each signal.
    public static func install(_ handler: @escaping @Sendable () -> Void) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        interruptPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(interruptPipeWriteEnd, &byte, 1)
        }
        action.sa_flags = Int32(SA_RESTART)
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { handler() } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
        thread.name = "stride.sigint"
        thread.start()
    }
}
