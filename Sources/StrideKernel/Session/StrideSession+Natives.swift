import JupyterProtocol
import StrideLanguage

extension StrideSession {
    /// The natives that talk to the notebook rather than compute: displays, input, help.
    func installKernelNatives() {
        interpreter.defineNative(
            function: "display", signature: "display(_ value: Any, id: String? = nil)",
            doc: "Shows a value below the cell now, as a picture when it has one. With `id:`, the output can later be replaced by `updateDisplay(_:id:)`."
        ) { [unowned self] call in
            try call.checkLabels([nil, "id"])
            let value = try call.require(nil)
            try activeHost(call).display(displayBundle(for: value), id: try call.string("id"))
            return .void
        }
        interpreter.defineNative(
            function: "updateDisplay", signature: "updateDisplay(_ value: Any, id: String)",
            doc: "Replaces the output shown by `display(_:id:)` with the same id, wherever it is."
        ) { [unowned self] call in
            try call.checkLabels([nil, "id"])
            let value = try call.require(nil)
            guard let id = try call.string("id") else { throw StrideError(.typeError, "updateDisplay: missing argument 'id:'") }
            try activeHost(call).updateDisplay(displayBundle(for: value), id: id)
            return .void
        }
        interpreter.defineNative(
            function: "clearOutput", signature: "clearOutput(wait: Bool = false)",
            doc: "Clears the cell's output. With `wait: true` the old output stays until new output arrives, which avoids flicker in animations."
        ) { [unowned self] call in
            try call.checkLabels(["wait"])
            try activeHost(call).clearOutput(wait: try call.bool("wait") ?? false)
            return .void
        }
        interpreter.defineNative(
            function: "input", signature: "input(_ prompt: String = \"\") -> String",
            doc: "Asks the user for one line of text and returns it (without the newline)."
        ) { [unowned self] call in
            try call.checkLabels([nil])
            let prompt = try call.string(nil) ?? ""
            do {
                return .string(try activeHost(call).readLine(prompt: prompt, password: false))
            } catch let error as InputError {
                switch error {
                case .notAllowed: throw StrideError(.ioError, error.description)
                case .interrupted, .shuttingDown: throw StrideError(.interrupted, error.description)
                }
            }
        }
        interpreter.defineNative(
            function: "help", signature: "help(_ value: Any)",
            doc: "Opens the documentation of a function, type or value in the pager."
        ) { [unowned self] call in
            try call.checkLabels([nil])
            let value = try call.require(nil)
            try activeHost(call).page(DisplayBundle(plainText: helpText(for: value, callIndex: nextHelpCall())))
            return .void
        }
    }

    private func activeHost(_ call: NativeCall) throws -> CellHost {
        guard let host else { throw StrideError(.valueError, "\(call.callee): no cell is running") }
        return host
    }
}
