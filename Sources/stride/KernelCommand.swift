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
        let connection = try ConnectionInfo(contentsOf: URL(fileURLWithPath: connectionFile))
        let signer = try MessageSigner(key: connection.key, scheme: connection.signatureScheme)
        let server = try KernelServer(connection: connection, log: logToStderr)
        try server.bind()
        let session = StrideSession(bindings: StandardBindings.all)
        let history = HistoryStore(fileURL: HistoryStore.defaultFileURL(), log: logToStderr)
        let core = KernelCore(interpreter: session, sink: server, signer: signer, history: history, log: logToStderr)
        // interrupt_mode "signal": SIGINT stops the running cell, never the kernel.
        InterruptSignal.install { [weak core] in core?.interrupt() }
        _ = try server.serve(core)
        // A restart is done by the frontend starting a new process; either way this one ends.
        Foundation.exit(0)
    }
}
