import ArgumentParser
import Foundation

/// `stride`: the Stride kernel, its installer, a script runner and a REPL (started by main.swift).
struct StrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stride",
        abstract: "Stride: a Swift-like language with a CNN engine built in, and its Jupyter kernel.",
        subcommands: [KernelCommand.self, InstallCommand.self, RunCommand.self, ReplCommand.self],
        defaultSubcommand: ReplCommand.self)
}

/// Prints a diagnostic line to stderr (where Jupyter shows a kernel's own messages).
func logToStderr(_ text: String) {
    FileHandle.standardError.write(Data("[stride] \(text)\n".utf8))
}

/// The absolute path of the running binary.
func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}

/// Runs `body` on a thread with a 1 GiB stack (deep user recursion ends in a RecursionError,
/// not a crash) and waits for it.
func onLargeStack(_ body: @escaping () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    done.wait()
}
