import ArgumentParser
import Foundation
import JupyterProtocol
import StrideKernel
import StrideLanguage
import ZeroMQTransport

/// Writes text to the process's stdout or stderr.
func writeToTerminal(_ text: String, _ stream: StreamName) {
    let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
    handle.write(Data(text.utf8))
}

/// Prints `prompt` and reads a line from stdin.
func readFromTerminal(_ prompt: String) -> String? {
    writeToTerminal(prompt, .stdout)
    return Swift.readLine(strippingNewline: true)
}

/// `stride run FILE.stride`: runs a script in a terminal; pictures are saved next to it.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a Stride script; pictures it displays are saved next to it.")

    @Argument(help: "The script to run.")
    var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let source: String
        do {
            source = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let session = StrideSession(bindings: StandardBindings.all)
        // A Swift file runs as `swiftc FILE.swift && ./FILE` would: its module is named after
        // the file, which is how Swift qualifies its types when it prints them.
        if url.pathExtension == "swift" { session.interpreter.moduleName = Interpreter.moduleName(forFile: url.lastPathComponent) }
        InterruptSignal.install { session.interrupt() }
        let host = TerminalCellHost(pictureDirectory: url.deletingLastPathComponent(),
                                    baseName: url.deletingPathExtension().lastPathComponent,
                                    interactive: isatty(1) != 0, write: writeToTerminal, read: readFromTerminal)
        var outcome = ExecutionOutcome.success(result: nil)
        onLargeStack { outcome = session.run(source, cellName: url.lastPathComponent, host: host) }
        host.finishCell()
        if case .failure(let failure) = outcome {
            writeToTerminal(failure.traceback.joined(separator: "\n") + "\n", .stderr)
            throw ExitCode(1)
        }
    }
}
