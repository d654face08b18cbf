import ArgumentParser
import Foundation
import StrideFiles
import StrideKernel

/// `stride install`: writes the kernelspec into a Jupyter kernels directory, pointing at
/// this binary by its absolute path.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Stride kernelspec for Jupyter.",
        discussion: "Without a location option the kernelspec goes to the system-wide /usr/local/share/jupyter/kernels, as ipykernel does.")

    @Flag(help: "Install for the current user ($JUPYTER_DATA_DIR or ~/.local/share/jupyter).")
    var user = false

    @Option(help: "Install under PREFIX/share/jupyter/kernels.")
    var prefix: String?

    @Flag(name: .customLong("sys-prefix"), help: "Install into the prefix of the python3 on PATH (a virtualenv or conda env).")
    var sysPrefix = false

    @Option(help: "The kernelspec's folder name.")
    var name = "stride"

    @Option(name: .customLong("display-name"), help: "The name shown in Jupyter's launcher.")
    var displayName = "Stride"

    func validate() throws {
        if [user, prefix != nil, sysPrefix].filter({ $0 }).count > 1 {
            throw ValidationError("choose at most one of --user, --prefix and --sys-prefix")
        }
    }

    func run() throws {
        let kernels = try kernelsDirectory()
        let destination = kernels.appendingPathComponent(name)
        let files = FileManager.default
        try files.createDirectory(at: destination, withIntermediateDirectories: true)

        // Logos come from the checkout's kernelspec folder; kernel.json is written here so
        // that argv holds this binary's absolute path.
        let executable = executablePath()
        if let root = KernelMetadata.packageRoot(near: URL(fileURLWithPath: executable)) {
            let source = root.appendingPathComponent("kernelspec/stride")
            for logo in ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"] {
                let from = source.appendingPathComponent(logo), to = destination.appendingPathComponent(logo)
                guard files.fileExists(atPath: from.path) else { continue }
                try AtomicFile.write([UInt8](Data(contentsOf: from)), to: to.path)
            }
        } else {
            logToStderr("kernelspec logos not found next to \(executable); installing kernel.json only")
        }
        let spec: [String: Any] = [
            "argv": [executable, "kernel", "--connection-file", "{connection_file}"],
            "display_name": displayName,
            "language": "stride",
            "interrupt_mode": "signal",
            "metadata": ["debugger": false],
        ]
        let json = try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try AtomicFile.write([UInt8](json), to: destination.appendingPathComponent("kernel.json").path)
        print("Installed kernelspec \(name) in \(destination.path)")
    }

    private func kernelsDirectory() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if user {
            let data: URL
            if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
                data = URL(fileURLWithPath: dir)
            } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
                data = URL(fileURLWithPath: xdg).appendingPathComponent("jupyter")
            } else {
                data = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/jupyter")
            }
            return data.appendingPathComponent("kernels")
        }
        if let prefix { return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels") }
        if sysPrefix { return URL(fileURLWithPath: try pythonPrefix()).appendingPathComponent("share/jupyter/kernels") }
        return URL(fileURLWithPath: "/usr/local/share/jupyter/kernels")
    }

    /// `sys.prefix` of the python3 on PATH.
    private func pythonPrefix() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !output.isEmpty else {
            throw ValidationError("--sys-prefix: could not ask python3 for sys.prefix")
        }
        return output
    }
}
