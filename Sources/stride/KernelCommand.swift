import ArgumentParser
import Foundation
import JupyterProtocol
import StrideKernel
import ZeroMQTransport

/// `stride kernel --connection-file F`: what the kernelspec launches.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kernel", abstract: "Run as a Jupyter kernel.")

    @Option(name: [.customLong("connection-file"), .short], help: "The connection file written by the Jupyter frontend.")
    var connectionFile: String

    func run() throws {
        try KernelCommand.serve(connectionFile: connectionFile)
    }

    /// The connection file of the plain launch `stride kernel --connection-file F` (or `-f F`,
    /// `--connection-file=F`), the only form a kernelspec uses; nil for anything else, which
    /// goes through the argument parser.
    static func connectionFileOfPlainLaunch(_ arguments: [String]) -> String? {
        let args = Array(arguments.dropFirst())
        guard args.first == "kernel" else { return nil }
        if args.count == 3, args[1] == "--connection-file" || args[1] == "-f" { return args[2] }
        if args.count == 2, args[1].hasPrefix("--connection-file="), args[1].count > 18 {
            return String(args[1].dropFirst(18))
        }
        return nil
    }

    /// Binds the sockets first, then builds the session. A frontend connects right after it
    /// launches the kernel; a connection refused because nothing is bound yet is retried
    /// only after ZeroMQ's reconnect interval (100 to 200 ms), so binding within a few
    /// milliseconds of exec is what makes start-up fast.
    static func serve(connectionFile: String) throws {
        // interrupt_mode "signal": SIGINT stops the running cell, never the kernel. Caught
        // before anything else, so one sent the moment after launch (while the connection
        // file is read or the sockets bind) is ignored instead of killing the kernel.
        InterruptSignal.install()
        let connection = try ConnectionInfo(contentsOf: URL(fileURLWithPath: connectionFile))
        let signer = try MessageSigner(key: connection.key, scheme: connection.signatureScheme)
        let server = try KernelServer(connection: connection, log: logToStderr)
        try server.bind()
        // Until the core exists, an interrupt has nothing to stop.
        let interruptTarget = InterruptTarget()
        InterruptSignal.onInterrupt { interruptTarget.core?.interrupt() }
        let session = StrideSession(bindings: StandardBindings.all)
        let history = HistoryStore(fileURL: HistoryStore.defaultFileURL(), log: logToStderr)
        let core = KernelCore(interpreter: session, sink: server, signer: signer, history: history, log: logToStderr)
        core.comms = session.commHandler
        interruptTarget.core = core
        _ = try server.serve(core)
        // A restart is done by the frontend starting a new process; either way this one ends.
        Foundation.exit(0)
    }
}

/// The kernel core a SIGINT interrupts, once it exists.
private final class InterruptTarget: @unchecked Sendable {
    private let lock = NSLock()
    private weak var _core: KernelCore?
    var core: KernelCore? {
        get { lock.lock(); defer { lock.unlock() }; return _core }
        set { lock.lock(); _core = newValue; lock.unlock() }
    }
}
