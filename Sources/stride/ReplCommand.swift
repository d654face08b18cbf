import ArgumentParser
import Foundation
import JupyterProtocol
import StrideKernel
import ZeroMQTransport

/// `stride` alone: a line REPL. A statement that is not finished (an open brace, a
/// trailing operator) continues on the next line, as the notebook's is_complete decides.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "An interactive read-eval-print loop.")

    func run() throws {
        let session = StrideSession(bindings: StandardBindings.all)
        // Ctrl-C stops the running statement; the session and its names live on.
        InterruptSignal.install { session.interrupt() }
        let host = TerminalCellHost(pictureDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                    baseName: "stride-output", interactive: isatty(1) != 0,
                                    write: writeToTerminal, read: readFromTerminal)
        writeToTerminal("\(KernelMetadata.kernelInfo().banner)\nCtrl-C stops a statement, Ctrl-D quits.\n", .stdout)
        var cell = 0
        while let source = readStatement(session) {
            guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            cell += 1
            // A Ctrl-C pressed at the prompt stops nothing.
            session.clearInterrupt()
            var outcome = ExecutionOutcome.success(result: nil)
            onLargeStack { outcome = session.run(source, cellName: "<repl \(cell)>", host: host) }
            let endedLine = host.finishCell()
            switch outcome {
            case .success(let result?):
                writeToTerminal((result.data["text/plain"]?.stringValue ?? "") + "\n", .stdout)
            case .success(nil):
                break
            case .failure(let failure):
                // The terminal echoed ^C where the cursor was: the report starts on a line of its own.
                if failure.name == "Interrupted" && isatty(1) != 0 && !endedLine { writeToTerminal("\n", .stderr) }
                writeToTerminal(failure.traceback.joined(separator: "\n") + "\n", .stderr)
            }
        }
        writeToTerminal("\n", .stdout)
    }

    /// Reads lines until they form a complete statement; nil at end of input.
    private func readStatement(_ session: StrideSession) -> String? {
        var lines: [String] = []
        var indent = ""
        while true {
            let prompt = lines.isEmpty ? "stride> " : "   ...> " + indent
            guard let line = readFromTerminal(prompt) else { return lines.isEmpty ? nil : lines.joined(separator: "\n") }
            lines.append(indent + line)
            let source = lines.joined(separator: "\n")
            switch session.isComplete(source) {
            case .incomplete(let next):
                indent = next
            case .complete, .invalid, .unknown:
                return source
            }
        }
    }
}
