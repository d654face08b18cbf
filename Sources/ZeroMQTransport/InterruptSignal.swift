import Foundation
import Glibc

/// Write end of the self-pipe the SIGINT handler writes to (write(2) is async-signal-safe).
private nonisolated(unsafe) var interruptPipeWriteEnd: Int32 = -1

/// Turns SIGINT (the kernelspec's `interrupt_mode: signal`) into a call of a handler on an
/// ordinary thread, instead of the default action that would kill the process.
///
/// Installing the signal handler and naming what it calls are separate steps, so that a
/// kernel catches SIGINT from its first instructions (a frontend may interrupt a kernel it
/// has just launched) and only later says what an interrupt stops. A signal arriving while
/// no handler is set is ignored.
public enum InterruptSignal {
    private static let lock = NSLock()
    private nonisolated(unsafe) static var handler: (@Sendable () -> Void)?
    private nonisolated(unsafe) static var installed = false

    /// Installs the SIGINT handler and starts the thread that calls `handler` for each signal.
    public static func install(_ handler: @escaping @Sendable () -> Void) {
        install()
        onInterrupt(handler)
    }

    /// Catches SIGINT from now on; until `onInterrupt` names a handler, a signal does nothing.
    /// Installing twice is harmless.
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        installed = true
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
                if n == 1 { currentHandler()?() } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
        thread.name = "stride.sigint"
        thread.start()
    }

    /// What each later SIGINT calls (replacing any earlier handler).
    public static func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        self.handler = handler
        lock.unlock()
    }

    private static func currentHandler() -> (@Sendable () -> Void)? {
        lock.lock()
        defer { lock.unlock() }
        return handler
    }
}
