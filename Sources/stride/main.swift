import Foundation

// The kernelspec's launch skips the argument parser: its first use of Swift's runtime type
// lookups costs several milliseconds, and every millisecond before the sockets are bound
// counts against start-up (see KernelCommand.serve). Everything else is parsed as usual.
if let connectionFile = KernelCommand.connectionFileOfPlainLaunch(CommandLine.arguments) {
    do {
        try KernelCommand.serve(connectionFile: connectionFile)
    } catch {
        logToStderr("\(error)")
        exit(1)
    }
} else {
    StrideCommand.main()
}
