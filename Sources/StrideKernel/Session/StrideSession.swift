import JupyterProtocol
import StrideEngine
import StrideLanguage

/// One user's Stride session: owns the interpreter (whose top-level names persist from cell
/// to cell), forwards its output to the running cell's host, turns errors and results into
/// what Jupyter shows, and installs the kernel-facing natives and the library bindings.
public final class StrideSession: KernelInterpreter {
    /// The language interpreter of this session.
    public let interpreter: Interpreter
    /// Where the running cell's effects go; nil between cells.
    public private(set) var host: CellHost?
    /// The source of the running cell.
    public private(set) var currentSource = ""
    private var renderers: [ValueRenderer] = []
    private let sink = HostOutputSink()
    public let kernelInfo: KernelInfo
    /// Serves the kernel's comms (the widget library sets it); the kernel attaches it to its core.
    public var commHandler: CommHandler?

    /// A session with the kernel natives and `bindings` installed, in order.
    public init(bindings: [LibraryBinding] = []) {
        interpreter = Interpreter()
        kernelInfo = KernelMetadata.kernelInfo()
        interpreter.output = sink
        installKernelNatives()
        for binding in bindings { binding.install(into: self) }
    }

    /// Adds a renderer tried before the built-in ones (later additions first).
    public func addRenderer(_ renderer: @escaping ValueRenderer) {
        renderers.insert(renderer, at: 0)
    }

    /// Whether the user asked the running cell to stop; long library loops poll this.
    public var isInterrupted: Bool { interpreter.interruptFlag.isSet }

    /// How `value` shows in a notebook: a registered renderer's bundle, a rich native's
    /// bundle, or its debug description as text.
    public func displayBundle(for value: Value) -> DisplayBundle {
        for renderer in renderers {
            if let bundle = renderer(value) { return bundle }
        }
        if case .native(let object) = value, let rich = object as? RichRepresentable {
            let (data, metadata) = rich.mimeBundle()
            var bundle = DisplayBundle(strings: data, metadata: metadata.mapValues { JSON(strings: $0) })
            if bundle.data["text/plain"] == nil { bundle.data["text/plain"] = .string(value.debugDescription) }
            return bundle
        }
        return DisplayBundle(plainText: value.debugDescription)
    }

    /// Runs `code` with its effects sent to `host`.
    public func run(_ code: String, cellName: String = "<cell>", host: CellHost) -> ExecutionOutcome {
        self.host = host
        sink.host = host
        currentSource = code
        defer {
            self.host = nil
            sink.host = nil
        }
        // Long engine kernels (a large convolution) poll the same flag as the interpreter.
        let flag = interpreter.interruptFlag
        let result = EngineCancellation.whileRunning(check: { flag.isSet }) {
            interpreter.execute(code, cellName: cellName)
        }
        switch result {
        case .value(nil):
            return .success(result: nil)
        case .value(let value?):
            return .success(result: displayBundle(for: value))
        case .error(let error):
            return .failure(StrideSession.failure(from: error))
        }
    }

    /// Runs `body` (a widget's callback, between cells or inside a running one) with its
    /// effects sent to `host`, stoppable like a cell, then gives the outer host back.
    public func withHost<T>(_ host: CellHost, _ body: () throws -> T) rethrows -> T {
        let outer = self.host
        self.host = host
        sink.host = host
        defer {
            self.host = outer
            sink.host = outer
        }
        let flag = interpreter.interruptFlag
        return try EngineCancellation.whileRunning(check: { flag.isSet }) { try body() }
    }

    /// The Jupyter form of a Stride error: kind name, message, and the rendered report
    /// (message, location with caret, traceback) as traceback lines.
    public static func failure(from error: StrideError) -> ExecutionFailure {
        ExecutionFailure(name: error.kind.name, value: error.message,
                         traceback: error.rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    // MARK: - KernelInterpreter

    public func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
        run(code, cellName: "<cell>", host: NotebookCellHost(context))
    }

    public func complete(_ code: String, cursor: Int) -> CompletionMatches {
        let found = interpreter.complete(code, cursor: cursor)
        return CompletionMatches(matches: found.matches, cursorStart: found.start, cursorEnd: found.end)
    }

    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> DisplayBundle? {
        interpreter.inspect(code, cursor: cursor, detailLevel: detailLevel).map { DisplayBundle(plainText: $0) }
    }

    public func isComplete(_ code: String) -> CodeCompleteness {
        switch interpreter.isComplete(code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    public func interrupt() { interpreter.interruptFlag.set() }

    public func clearInterrupt() { interpreter.interruptFlag.clear() }
}

/// Receives the interpreter's print/eprint output and passes it to the running cell.
private final class HostOutputSink: OutputSink {
    weak var host: CellHost?

    func write(_ text: String, to stream: OutputStreamKind) {
        switch stream {
        case .stdout: host?.write(text, to: .stdout)
        case .stderr: host?.write(text, to: .stderr)
        }
    }
}
