import Foundation
import JupyterComms
import JupyterProtocol
import StrideDisplay
import StrideLanguage

/// The widgets of LANGUAGE.md §5: installs the constructors and `interact`, shows a widget
/// as the widget-view MIME type (with its description as text/plain), and runs the closures
/// that the frontend triggers, with their output sent where the triggering message belongs.
public struct WidgetsBinding: LibraryBinding {
    public init() {}

    public func install(into session: StrideSession) {
        let library = WidgetLibrary(session: session)
        session.commHandler = library.comms
        library.install()
    }
}

final class WidgetLibrary {
    unowned let session: StrideSession
    let comms: CommManager
    let manager: WidgetManager
    /// Every widget made, by model id: a widget lives as long as its model, as in ipywidgets,
    /// so a displayed `interact` keeps working after the cell that made it drops its value.
    private var widgets: [String: WidgetValue] = [:]

    init(session: StrideSession) {
        self.session = session
        comms = CommManager(log: logToStandardError)
        manager = WidgetManager(comms: comms, log: logToStandardError)
    }

    var interpreter: Interpreter { session.interpreter }

    func install() {
        // A running cell serves the notebook's widget messages at its interrupt checks, so a
        // loop that reads `stop.value` sees the checkbox change (LANGUAGE.md §5).
        interpreter.checkpointHook = { [weak self] in
            guard let self, comms.isConnected, !widgets.isEmpty else { return }
            comms.processPendingMessages()
        }
        session.addRenderer { [unowned self] value in
            guard case .native(let object) = value, let widget = object as? WidgetValue else { return nil }
            return manager.displayBundle(for: widget.model, text: widget.description)
        }
        WidgetConstructors.install(self)
        InteractLibrary.install(self)
        ExploreLibrary.install(self)
        interpreter.setHostState(FitControlsHook { [unowned self] optimizer, _ in
            try FitControlPanel(library: self, optimizer: optimizer)
        }, for: FitControlsHook.key)
    }

    // MARK: - Models

    /// A widget of `kind` with its own Layout model (and a style model of `styleModel`).
    /// A description longer than the front end's default label width (about ten characters)
    /// gets its full width (`description_width: "initial"`), so "learning rate" is not cut.
    func make(_ kind: WidgetValue.Kind, _ typeName: String, styleModel: String?, binary: [String: [UInt8]] = [:],
              _ state: (_ layout: JSON, _ style: JSON) -> [String: JSON]) -> WidgetValue {
        let layout = manager.create(state: WidgetSpecs.layout())
        var styleState = styleModel.map(WidgetSpecs.style)
        // The label is known only once the state is built: build it with a placeholder style id.
        let probe = state(layout.reference, .null)
        if let label = probe["description"]?.stringValue, label.count > 10, styleState?["description_width"] != nil {
            styleState?["description_width"] = "initial"
        }
        let style = styleState.map { manager.create(state: $0) }
        let model = manager.create(state: state(layout.reference, style?.reference ?? .null), binary: binary)
        let widget = WidgetValue(kind: kind, typeName: typeName, model: model, library: self)
        model.validate = { [unowned widget] in widget.corrected($0) }
        widgets[model.id] = widget
        return widget
    }

    // MARK: - Callbacks

    /// The host that a callback's output goes to: the comm message being served (its
    /// output lands under that message), else the running cell.
    func callbackHost() -> CellHost? {
        if let context = comms.currentContext { return NotebookCellHost(context) }
        return session.host
    }

    /// Runs a user closure for a widget event. Its error is shown on stderr (with the
    /// widget's name) and never ends the widget: later events run the closure again.
    func runCallback(_ closure: Value, _ arguments: [Value], from widget: WidgetValue) {
        let host = callbackHost() ?? SilentCellHost()
        session.withHost(host) {
            do {
                _ = try interpreter.call(closure, arguments)
            } catch let error as StrideError {
                host.write("\(widget.typeName) \"\(widget.label)\": \(error.rendered)\n", to: .stderr)
            } catch {
                host.write("\(widget.typeName) \"\(widget.label)\": \(error)\n", to: .stderr)
            }
        }
    }

    /// Runs `body` with its prints, displays and result shown in the Output widget `output`
    /// (replacing what it showed); an error becomes an error output there.
    func capture(into output: WidgetValue, _ body: () throws -> Value) {
        let capturing = CapturingCellHost()
        session.withHost(capturing) {
            do {
                let result = try body()
                if result.isNotVoid, !isNoneValue(result) {
                    capturing.display(session.displayBundle(for: result), id: nil)
                }
            } catch let error as StrideError {
                capturing.fail(StrideSession.failure(from: error))
            } catch {
                capturing.fail(ExecutionFailure(name: "Error", value: "\(error)", traceback: ["\(error)"]))
            }
        }
        output.model.set(["outputs": .array(capturing.outputs)])
        // No widget front end (`stride run`, the REPL, nbconvert-style hosts without comms):
        // what the closure showed goes to the cell itself, so it is not lost.
        if !comms.isConnected, let host = session.host { replay(capturing.outputs, to: host) }
    }

    private func replay(_ outputs: [JSON], to host: CellHost) {
        for output in outputs {
            switch output["output_type"]?.stringValue {
            case "stream":
                host.write(output["text"]?.stringValue ?? "", to: output["name"] == "stderr" ? .stderr : .stdout)
            case "display_data":
                host.display(DisplayBundle(data: output["data"]?.objectValue ?? [:],
                                           metadata: output["metadata"]?.objectValue ?? [:]), id: nil)
            default:
                let lines = output["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
                host.write(lines.joined(separator: "\n") + "\n", to: .stderr)
            }
        }
    }

    private func isNoneValue(_ v: Value) -> Bool { if case .none = v { return true }; return false }

    /// An Image widget's picture: a Picture with a PNG (from `imshow`, `featureMaps`, ...).
    func setImage(_ widget: WidgetValue, _ value: Value) throws {
        widget.model.set(["format": "png"], binary: ["value": try pngBytes(value)])
    }

    /// The PNG of a picture value (from `imshow`, `featureMaps`, ...).
    func pngBytes(_ value: Value) throws -> [UInt8] {
        guard case .native(let object) = value.unwrappedOptional, let rich = object as? RichRepresentable,
              let base64 = rich.mimeBundle().data[MimeType.png], let bytes = Data(base64Encoded: base64) else {
            throw StrideError(.typeError, "Image: expected a picture with a PNG (such as imshow(x)), got "
                + "\(value.typeName)")
        }
        return [UInt8](bytes)
    }
}

/// A host for callbacks that run with no cell and no comm message (a widget set from host
/// code outside any request): output is dropped.
final class SilentCellHost: CellHost {
    func write(_ text: String, to stream: StreamName) {}
    func display(_ bundle: DisplayBundle, id: String?) {}
    func updateDisplay(_ bundle: DisplayBundle, id: String) {}
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }
    func page(_ bundle: DisplayBundle) {}
}

private func logToStandardError(_ line: String) {
    FileHandle.standardError.write(Data(("stride widgets: " + line + "\n").utf8))
}
