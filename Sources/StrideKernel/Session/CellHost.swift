import JupyterProtocol

/// Where a running cell's effects go: a notebook (through the Jupyter kernel core) or a
/// terminal (`stride run`, the REPL). Natives reach it through `StrideSession.host`.
public protocol CellHost: AnyObject {
    /// Appends text to the cell's stdout or stderr.
    func write(_ text: String, to stream: StreamName)
    /// Shows a new output; with `id` it can be replaced later.
    func display(_ bundle: DisplayBundle, id: String?)
    /// Replaces the output shown under `id`.
    func updateDisplay(_ bundle: DisplayBundle, id: String)
    /// Clears the cell's output (with `wait`, when the next output arrives).
    func clearOutput(wait: Bool)
    /// Reads one line from the user.
    func readLine(prompt: String, password: Bool) throws -> String
    /// Shows documentation in a pager.
    func page(_ bundle: DisplayBundle)
}

/// A cell running in a notebook: everything goes through the kernel core's context.
final class NotebookCellHost: CellHost {
    private let context: ExecutionContext

    init(_ context: ExecutionContext) { self.context = context }

    func write(_ text: String, to stream: StreamName) { context.write(text, to: stream) }
    func display(_ bundle: DisplayBundle, id: String?) { context.display(bundle, displayID: id) }
    func updateDisplay(_ bundle: DisplayBundle, id: String) { context.updateDisplay(bundle, displayID: id) }
    func clearOutput(wait: Bool) { context.clearOutput(wait: wait) }
    func readLine(prompt: String, password: Bool) throws -> String {
        try context.readInput(prompt: prompt, password: password)
    }
    func page(_ bundle: DisplayBundle) { context.page(bundle) }
}
