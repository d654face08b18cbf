/// What a running cell may do besides returning its result: write to its streams, show
/// and update displays, clear its output, ask for input and open the pager.
/// Created by `KernelCore` for one execute request.
public final class ExecutionContext: @unchecked Sendable {
    /// The execution count of this cell (shown as `In [n]`).
    public let executionCount: Int
    /// Whether the request asked for no broadcast of the result.
    public let isSilent: Bool
    /// Whether the frontend can answer `input_request`s.
    public let allowsInput: Bool

    let request: Message
    private let outbox: Outbox
    private let streams: StreamCoalescer
    private let input: InputBroker
    private(set) var payloads: [JSON] = []

    init(request: Message, executionCount: Int, isSilent: Bool, allowsInput: Bool,
         outbox: Outbox, streams: StreamCoalescer, input: InputBroker) {
        self.request = request
        self.executionCount = executionCount
        self.isSilent = isSilent
        self.allowsInput = allowsInput
        self.outbox = outbox
        self.streams = streams
        self.input = input
    }

    /// Appends `text` to the cell's `stream`; sent within 50 ms, coalesced with neighbours.
    public func write(_ text: String, to stream: StreamName) {
        streams.write(text, to: stream, parent: request)
    }

    /// Sends pending stream text now.
    public func flush() { streams.flush() }

    /// Shows `bundle` as a new output; with `displayID` it can later be replaced by
    /// `updateDisplay`.
    public func display(_ bundle: DisplayBundle, displayID: String? = nil) {
        var content: JSON = ["data": .object(bundle.data), "metadata": .object(bundle.metadata)]
        content["transient"] = displayID.map { ["display_id": .string($0)] } ?? [:]
        publishAfterStreams("display_data", content)
    }

    /// Replaces every output shown with `displayID`, wherever it is in the notebook.
    public func updateDisplay(_ bundle: DisplayBundle, displayID: String) {
        let content: JSON = ["data": .object(bundle.data), "metadata": .object(bundle.metadata),
                             "transient": ["display_id": .string(displayID)]]
        publishAfterStreams("update_display_data", content)
    }

    /// Clears the cell's output; with `wait`, only when the next output arrives (no flicker).
    public func clearOutput(wait: Bool) {
        publishAfterStreams("clear_output", ["wait": .bool(wait)])
    }

    /// Opens the frontend's pager with `bundle` (an execute_reply payload, as `x?` in IPython).
    public func page(_ bundle: DisplayBundle, start: Int = 0) {
        payloads.append(["source": "page", "data": .object(bundle.data), "start": .int(start)])
    }

    /// Asks the user for one line through the stdin channel and waits for it.
    /// - Throws: `InputError` when the frontend cannot answer, or on interrupt or shutdown.
    public func readInput(prompt: String, password: Bool = false) throws -> String {
        guard allowsInput else { throw InputError.notAllowed }
        streams.flush()
        input.begin(for: InputBroker.Asker(session: request.session, identities: request.identities))
        outbox.reply(to: request, type: "input_request",
                     ["prompt": .string(prompt), "password": .bool(password)], on: .stdin)
        return try input.wait()
    }

    private func publishAfterStreams(_ type: String, _ content: JSON) {
        let request = self.request
        let outbox = self.outbox
        streams.flush { outbox.publish(type, content, parent: request) }
    }
}
