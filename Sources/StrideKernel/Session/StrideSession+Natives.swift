import JupyterProtocol
import StrideLanguage

extension StrideSession {
    /// The natives that talk to the notebook rather than compute: displays, input, help.
    func installKernelNatives() {
        interpreter.defineNative(NativeDeclaration(
            "display", [.value("_ value", "Any"), .optionalString("id")],
            doc: "Shows a value below the cell now, as a picture when it has one. With `id:`, the output can later be replaced by `updateDisplay(_:id:)`.")
        ) { [unowned self] a in
            let value = try a.required("value")
            try activeHost(a.call).display(displayBundle(for: value), id: try a.optionalString("id"))
            return .void
        }
        interpreter.defineNative(NativeDeclaration(
            "updateDisplay", [.value("_ value", "Any"), .string("id")],
            doc: "Replaces the output shown by `display(_:id:)` with the same id, wherever it is.")
        ) { [unowned self] a in
            let value = try a.required("value"), id = try a.string("id")
            try activeHost(a.call).updateDisplay(displayBundle(for: value), id: id)
            return .void
        }
        interpreter.defineNative(NativeDeclaration(
            "clearOutput", [.bool("wait", false)],
            doc: "Clears the cell's output. With `wait: true` the old output stays until new output arrives, which avoids flicker in animations.")
        ) { [unowned self] a in
            try activeHost(a.call).clearOutput(wait: try a.bool("wait"))
            return .void
        }
        interpreter.defineNative(NativeDeclaration(
            "input", [.string("_ prompt", "")], returns: "String",
            doc: "Asks the user for one line of text and returns it (without the newline).")
        ) { [unowned self] a in
            let prompt = try a.string("prompt")
            do {
                return .string(try activeHost(a.call).readLine(prompt: prompt, password: false))
            } catch let error as InputError {
                switch error {
                case .notAllowed: throw StrideError(.ioError, error.description)
                case .interrupted, .shuttingDown: throw StrideError(.interrupted, error.description)
                }
            }
        }
        interpreter.defineNative(NativeDeclaration(
            "help", [.value("_ value", "Any")],
            doc: "Opens the documentation of a function, type or value in the pager.")
        ) { [unowned self] a in
            // The value the call passed, so `help(f)` in a loop or a function pages what it was given.
            let text = a.interpreter.documentation(of: try a.required("value"))
            try activeHost(a.call).page(DisplayBundle(plainText: text))
            return .void
        }
    }

    private func activeHost(_ call: NativeCall) throws -> CellHost {
        guard let host else { throw StrideError(.valueError, "\(call.callee): no cell is running") }
        return host
    }
}
