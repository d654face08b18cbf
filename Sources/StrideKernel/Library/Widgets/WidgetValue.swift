import Foundation
import JupyterComms
import JupyterProtocol
import StrideLanguage

/// A widget as a language value (`Slider`, `Button`, `HBox`, ...): the kernel side of one
/// `@jupyter-widgets/controls` model. `value` reads and writes the model's state; a change
/// from the frontend or from code runs the `onChange` closures.
final class WidgetValue: NativeObject {
    enum Kind: Equatable {
        case slider(SliderScale), intSlider, dropdown, checkbox, button, text, label, hbox, vbox, output, image
    }

    enum SliderScale: Equatable { case linear, log }

    let kind: Kind
    let model: WidgetModel
    let library: WidgetLibrary
    /// The language name (`Slider`, `IntSlider`, ...).
    let typeName: String
    /// Dropdown options, as given.
    var options: [Value] = []
    /// Box children and interact's parts, kept alive with the widget.
    var children: [WidgetValue] = []
    /// Closures run with the new value after every change.
    var changeHandlers: [Value] = []
    /// Closures run on each click of a Button.
    var clickHandlers: [Value] = []
    /// Host-side observers (interact, fit's controls), run before the closures.
    var observers: [(WidgetValue) -> Void] = []

    init(kind: Kind, typeName: String, model: WidgetModel, library: WidgetLibrary) {
        self.kind = kind
        self.typeName = typeName
        self.model = model
        self.library = library
        model.onFrontendChange.append { [unowned self] names in
            if names.contains(where: { $0 == "value" || $0 == "index" }) { changed() }
        }
        model.onCustom = { [unowned self] content, _ in
            if content["event"]?.stringValue == "click" { clicked() }
        }
    }

    var label: String { model.state["description"]?.stringValue ?? "" }

    /// The widget's value as the language sees it.
    var value: Value {
        switch kind {
        case .slider: return .double(model.state["value"]?.doubleValue ?? 0)
        case .intSlider: return .int(model.state["value"]?.intValue ?? 0)
        case .dropdown:
            guard let index = model.state["index"]?.intValue, options.indices.contains(index) else { return .none }
            return options[index]
        case .checkbox: return .bool(model.state["value"]?.boolValue ?? false)
        case .text, .label: return .string(model.state["value"]?.stringValue ?? "")
        case .button, .hbox, .vbox, .output, .image: return .void
        }
    }

    var description: String {
        let quoted = "\"" + label + "\""
        switch kind {
        case .slider(let scale):
            let range = "\(formatNumber(minimum))...\(formatNumber(maximum))"
            return "Slider(\(quoted), \(range), value: \(value)\(scale == .log ? ", scale: .log" : ""))"
        case .intSlider:
            return "IntSlider(\(quoted), \(model.state["min"]?.intValue ?? 0)...\(model.state["max"]?.intValue ?? 0), "
                + "value: \(value))"
        case .dropdown:
            return "Dropdown(\(quoted), options: \(Value.array(options).debugDescription), value: "
                + "\(value.debugDescription))"
        case .checkbox: return "Checkbox(\(quoted), value: \(value))"
        case .text: return "Text(\(quoted), value: \(value.debugDescription))"
        case .label: return "Label(\(value.debugDescription))"
        case .button: return "Button(\(quoted))"
        case .hbox, .vbox:
            return "\(typeName)(" + children.map(\.description).joined(separator: ", ") + ")"
        case .output: return "Output(\(model.state["outputs"]?.arrayValue?.count ?? 0) outputs)"
        case .image: return "Image(\(model.binary["value"]?.count ?? 0) bytes of "
            + "\(model.state["format"]?.stringValue ?? "png"))"
        }
    }

    /// A slider's range in value units (a log slider's state holds exponents).
    var minimum: Double { boundary("min") }
    var maximum: Double { boundary("max") }

    private func boundary(_ key: String) -> Double {
        let v = model.state[key]?.doubleValue ?? 0
        if case .slider(.log) = kind { return pow(model.state["base"]?.doubleValue ?? 10, v) }
        return v
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "value":
            guard value.isNotVoid else { throw StrideError(.typeError, "value of type \(typeName) has no member "
                + "'value'") }
            return value
        case "description": return .string(label)
        case "disabled": return .bool(model.state["disabled"]?.boolValue ?? false)
        case "modelID": return .string(model.id)
        case "options" where kind == .dropdown: return .array(options)
        case "onChange":
            return method("onChange", [.value("_ action", "(Value) -> Void")],
                          "Runs `action` with the new value after every change, from the notebook or from "
                              + "code.") { call in
                self.changeHandlers.append(try call.closure("action"))
                return .void
            }
        case "onClick" where kind == .button:
            return method("onClick", [.value("_ action", "() -> Void")], "Runs `action` on every click.") { call in
                self.clickHandlers.append(try call.closure("action"))
                return .void
            }
        case "click" where kind == .button:
            return method("click", [], "Clicks the button from code (runs its actions).") { _ in
                self.clicked()
                return .void
            }
        case "clear" where kind == .output:
            return method("clear", [], "Removes every output shown in this Output.") { _ in
                self.model.set(["outputs": []])
                return .void
            }
        case "capture" where kind == .output:
            return method("capture", [.value("_ body", "() -> Void")],
                          "Runs `body` and shows what it prints and displays in this Output, replacing what it "
                              + "showed.") { call in
                let body = try call.closure("body")
                self.library.capture(into: self) { try call.interpreter.call(body, []) }
                return .void
            }
        default:
            throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
        }
    }

    func setMember(_ name: String, _ newValue: Value) throws {
        switch name {
        case "value": try setValue(newValue)
        case "description":
            guard case .string(let s) = newValue.unwrappedOptional else {
                throw StrideError(.typeError, "\(typeName).description must be a String, got \(newValue.typeName)")
            }
            model.set(["description": .string(s)])
        case "disabled":
            guard case .bool(let b) = newValue.unwrappedOptional else {
                throw StrideError(.typeError, "\(typeName).disabled must be a Bool, got \(newValue.typeName)")
            }
            model.set(["disabled": .bool(b)])
        default:
            throw StrideError(.typeError, "cannot assign to property '\(name)' of \(typeName)")
        }
    }

    /// Sets the value from code: checked, sent to the frontend, then the change handlers run.
    func setValue(_ newValue: Value) throws {
        let v = newValue.unwrappedOptional
        switch kind {
        case .slider:
            guard let d = v.asDoubleValue, d.isFinite else { throw valueError("a number", v) }
            guard d >= minimum && d <= maximum else {
                throw StrideError(.valueError, "\(typeName) \"\(label)\": \(formatNumber(d)) is outside "
                    + "\(formatNumber(minimum))...\(formatNumber(maximum))")
            }
            model.set(["value": .double(d)])
        case .intSlider:
            guard case .int(let i) = v else { throw valueError("an Int", v) }
            let lo = model.state["min"]?.intValue ?? 0, hi = model.state["max"]?.intValue ?? 0
            guard i >= lo && i <= hi else { throw StrideError(.valueError, "IntSlider \"\(label)\": \(i) is outside "
                + "\(lo)...\(hi)") }
            model.set(["value": .int(i)])
        case .dropdown:
            guard let index = options.firstIndex(where: { $0.debugDescription == v.debugDescription }) else {
                throw StrideError(.valueError, "Dropdown \"\(label)\": \(v.debugDescription) is not one of its options")
            }
            model.set(["index": .int(index)])
        case .checkbox:
            guard case .bool(let b) = v else { throw valueError("a Bool", v) }
            model.set(["value": .bool(b)])
        case .text, .label:
            guard case .string(let s) = v else { throw valueError("a String", v) }
            model.set(["value": .string(s)])
        case .image:
            try library.setImage(self, v)
            return
        case .button, .hbox, .vbox, .output:
            throw StrideError(.typeError, "cannot assign to property 'value' of \(typeName)")
        }
        changed()
    }

    private func valueError(_ expected: String, _ found: Value) -> StrideError {
        StrideError(.typeError, "\(typeName).value must be \(expected), got \(found.typeName)")
    }

    /// A frontend's update made safe before it is applied: an attribute of the wrong JSON type
    /// keeps its current value, numbers are clamped into range, a Dropdown index must name an
    /// option. What differs from what was sent goes back to the frontend as an update.
    func corrected(_ incoming: [String: JSON]) -> [String: JSON] {
        var fixed = incoming
        for (key, value) in incoming {
            if let current = model.state[key], !Self.sameKind(current, value) { fixed[key] = current }
        }
        switch kind {
        case .slider:
            if let v = fixed["value"]?.doubleValue { fixed["value"] = .double(min(max(v, minimum), maximum)) }
        case .intSlider:
            if let v = fixed["value"]?.doubleValue {
                let lo = model.state["min"]?.intValue ?? 0, hi = model.state["max"]?.intValue ?? 0
                // Clamped as a Double first: a huge value must not trap in Int(_:).
                fixed["value"] = .int(Int(min(max(v.rounded(), Double(lo)), Double(hi))))
            }
        case .dropdown:
            if let index = fixed["index"], !(index.intValue.map(options.indices.contains) ?? index.isNull) {
                fixed["index"] = model.state["index"] ?? .null
            }
        default: break
        }
        return fixed
    }

    /// Whether `value` may replace `current`: the same JSON kind (any two numbers; anything for
    /// an attribute that is unset now).
    private static func sameKind(_ current: JSON, _ value: JSON) -> Bool {
        switch (current, value) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double), (.bool, .bool), (.string, .string),
             (.array, .array), (.object, .object), (.null, _):
            return true
        default:
            return false
        }
    }

    /// Runs the observers and then the change closures with the current value.
    func changed() {
        for observer in observers { observer(self) }
        guard !changeHandlers.isEmpty else { return }
        let current = value
        for handler in changeHandlers { library.runCallback(handler, [current], from: self) }
    }

    func clicked() {
        for observer in observers { observer(self) }
        for handler in clickHandlers { library.runCallback(handler, [], from: self) }
    }

    private func method(_ name: String, _ parameters: [NativeParameter], _ doc: String,
                        _ body: @escaping (NativeArguments) throws -> Value) -> Value {
        .function(NativeDeclaration(name, parameters, doc: doc).function(body))
    }
}

extension JSON {
    /// A number as a Double (JSON integers included).
    var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
}

extension Value {
    var isNotVoid: Bool { if case .void = self { return false }; return true }
}

/// A number as a slider shows it: integral values without a fraction.
func formatNumber(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}
