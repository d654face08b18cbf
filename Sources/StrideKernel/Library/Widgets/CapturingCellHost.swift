import JupyterProtocol

/// A cell host that keeps what a closure prints and displays as notebook-format outputs
/// (`stream`, `display_data`, `error`), for an Output widget's `outputs` attribute.
final class CapturingCellHost: CellHost {
    private(set) var outputs: [JSON] = []
    /// Display ids → index in `outputs`, so `updateDisplay` replaces in place (a fit's chart).
    private var displayed: [String: Int] = [:]

    func write(_ text: String, to stream: StreamName) {
        // Consecutive text on one stream is one output, as the notebook format merges it.
        if let last = outputs.last, last["output_type"] == "stream", last["name"]?.stringValue == stream.rawValue,
           let previous = last["text"]?.stringValue {
            outputs[outputs.count - 1]["text"] = .string(previous + text)
        } else {
            outputs.append(["output_type": "stream", "name": .string(stream.rawValue), "text": .string(text)])
        }
    }

    func display(_ bundle: DisplayBundle, id: String?) {
        if let id { displayed[id] = outputs.count }
        outputs.append(Self.displayData(bundle))
    }

    func updateDisplay(_ bundle: DisplayBundle, id: String) {
        guard let index = displayed[id] else { return }
        outputs[index] = Self.displayData(bundle)
    }

    func clearOutput(wait: Bool) {
        outputs = []
        displayed = [:]
    }

    func readLine(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }

    func page(_ bundle: DisplayBundle) { display(bundle, id: nil) }

    func fail(_ failure: ExecutionFailure) {
        outputs.append(["output_type": "error", "ename": .string(failure.name), "evalue": .string(failure.value),
                        "traceback": .array(failure.traceback.map { .string($0) })])
    }

    static func displayData(_ bundle: DisplayBundle) -> JSON {
        ["output_type": "display_data", "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
    }
}
