/// A MIME bundle as Jupyter carries it: `data` keyed by MIME type ("text/plain",
/// "image/png" as base64, ...) and per-type `metadata`.
public struct DisplayBundle: Equatable, Sendable {
    public var data: [String: JSON]
    public var metadata: [String: JSON]

    public init(data: [String: JSON], metadata: [String: JSON] = [:]) {
        self.data = data
        self.metadata = metadata
    }

    /// A bundle of string-valued MIME types.
    public init(strings: [String: String], metadata: [String: JSON] = [:]) {
        self.init(data: strings.mapValues { .string($0) }, metadata: metadata)
    }

    /// A bundle holding only plain text.
    public init(plainText: String) { self.init(strings: ["text/plain": plainText]) }
}

/// The two output streams of a cell.
public enum StreamName: String, Sendable {
    case stdout, stderr
}

/// A failed execution, as sent in the `error` iopub message and the execute reply.
public struct ExecutionFailure: Error, Equatable, Sendable {
    /// The error's kind, e.g. "NameError" or "Interrupted".
    public var name: String
    /// The error's message.
    public var value: String
    /// Lines shown to the user, in order.
    public var traceback: [String]

    public init(name: String, value: String, traceback: [String]) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }
}

/// How a cell ended.
public enum ExecutionOutcome: Equatable, Sendable {
    /// Ran to the end; `result` is the cell's value to show as `execute_result`, if any.
    case success(result: DisplayBundle?)
    case failure(ExecutionFailure)
}

/// The answer to a completion request; positions count Unicode scalars.
public struct CompletionMatches: Equatable, Sendable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int

    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// Whether a piece of code is ready to run (is_complete_reply).
public enum CodeCompleteness: Equatable, Sendable {
    case complete
    /// More input is needed; `indent` is the suggested indentation of the next line.
    case incomplete(indent: String)
    case invalid
    case unknown
}

/// Why `ExecutionContext.readInput` could not return a line.
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// The frontend sent `allow_stdin: false` (it cannot answer input requests).
    case notAllowed
    /// The cell was interrupted while waiting for the answer.
    case interrupted
    /// The kernel is shutting down.
    case shuttingDown

    public var description: String {
        switch self {
        case .notAllowed: return "input() is not available: this frontend does not support input requests (allow_stdin is false)"
        case .interrupted: return "input() was interrupted"
        case .shuttingDown: return "input() was cancelled: the kernel is shutting down"
        }
    }
}

/// Static facts for `kernel_info_reply`.
public struct KernelInfo: Equatable, Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var banner: String
    /// The `language_info` object (name, version, mimetype, file_extension, ...).
    public var languageInfo: JSON
    /// (text, url) pairs shown in the frontend's Help menu.
    public var helpLinks: [HelpLink]

    /// One entry of the Help menu.
    public struct HelpLink: Equatable, Sendable {
        public var text: String
        public var url: String
        public init(text: String, url: String) { self.text = text; self.url = url }
    }

    public init(implementation: String, implementationVersion: String, banner: String,
                languageInfo: JSON, helpLinks: [HelpLink]) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.banner = banner
        self.languageInfo = languageInfo
        self.helpLinks = helpLinks
    }
}

/// What a language must provide to be served by `KernelCore`. Every method except
/// `interrupt()` is called on the kernel's single evaluation thread, one at a time.
public protocol KernelInterpreter: AnyObject {
    /// Facts for kernel_info_reply.
    var kernelInfo: KernelInfo { get }
    /// Runs one cell. Outputs go through `context`; the returned outcome becomes the reply.
    func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome
    /// Completions at `cursor` (Unicode scalars from the start of `code`).
    func complete(_ code: String, cursor: Int) -> CompletionMatches
    /// Documentation of the name at `cursor`, or nil when nothing is known there.
    func inspect(_ code: String, cursor: Int, detailLevel: Int) -> DisplayBundle?
    /// Whether `code` can run as is.
    func isComplete(_ code: String) -> CodeCompleteness
    /// Asks the running cell to stop soon. Called from any thread, including a signal thread;
    /// the core calls it only while a cell is running.
    func interrupt()
    /// Forgets an interrupt request. The core calls it when a cell starts and when it ends, so
    /// a request made between cells stops nothing and one made as a cell starts still counts.
    func clearInterrupt()
}
