import Foundation
import JupyterComms
import JupyterProtocol
import StrideLanguage

/// The widget types of LANGUAGE.md §5 as language types: each constructor makes the
/// `@jupyter-widgets/controls` model (with its Layout and style models) and its comm.
enum WidgetConstructors {
    static let memberNames = ["value", "description", "disabled", "modelID", "onChange"]

    static func install(_ library: WidgetLibrary) {
        func type(_ name: String, _ parameters: [NativeParameter], _ doc: String, extra: [String] = [],
                  _ construct: @escaping (NativeArguments) throws -> WidgetValue) {
            library.interpreter.defineNativeType(NativeTypeInfo(
                NativeDeclaration(name, parameters, doc: doc),
                construct: { call in .native(try construct(call)) },
                memberNames: memberNames + extra,
                isInstance: { value in
                    guard case .native(let object) = value, let widget = object as? WidgetValue else { return false }
                    return widget.typeName == name
                }))
        }
        let label = NativeParameter.string("_ label")
        type("Slider", [label, .value("_ range", "ClosedRange<Double>"), .init("value", "Double?", .none),
                        .init("scale", ".linear or .log", .value(.symbol(Symbol(name: "linear")))),
                        .init("step", "Double?", .none)],
             "A slider over a range of numbers; `scale: .log` spaces it by powers of ten (a learning rate). `value` "
                 + "is what the user set last.") { call in
            try slider(call, library)
        }
        type("IntSlider", [label, .value("_ range", "ClosedRange<Int>"), .optionalInt("value"), .int("step", 1)],
             "A slider over whole numbers.") { call in
            let label = try call.string("label")
            let (lo, hi) = try intRange(call)
            let step = try call.int("step")
            guard step >= 1 else { throw StrideError(.valueError, "IntSlider: step must be at least 1, got \(step)") }
            let value = try call.optionalInt("value") ?? lo
            guard value >= lo && value <= hi else { throw StrideError(.valueError, "IntSlider: value \(value) is "
                + "outside \(lo)...\(hi)") }
            return library.make(.intSlider, "IntSlider", styleModel: "SliderStyleModel") { layout, style in
                var state = WidgetSpecs.slider(.int, layout: layout, style: style)
                state.merge(["description": .string(label), "min": .int(lo), "max": .int(hi), "step": .int(step),
                             "value": .int(value)]) { $1 }
                return state
            }
        }
        type("Dropdown", [label, .value("options", "[Any]"), .optionalValue("value", "Any?")],
             "A choice of one of `options` (shown by their description); `value` is the chosen "
                 + "option.", extra: ["options"]) { call in
            let label = try call.string("label")
            guard case .array(let options) = try call.required("options") else {
                throw StrideError(.typeError, "Dropdown: argument 'options:' must be an array")
            }
            var index: Int? = options.isEmpty ? nil : 0
            if let v = try call.value("value") {
                guard let i = options.firstIndex(where: { $0.debugDescription == v.debugDescription }) else {
                    throw StrideError(.valueError, "Dropdown: value \(v.debugDescription) is not one of its options")
                }
                index = i
            }
            let labels = options.map { option -> String in
                if case .string(let s) = option { return s }
                return option.description
            }
            let widget = library.make(.dropdown, "Dropdown", styleModel: "DescriptionStyleModel") { layout, style in
                var state = WidgetSpecs.dropdown(labels: labels, index: index, layout: layout, style: style)
                state["description"] = .string(label)
                return state
            }
            widget.options = options
            return widget
        }
        type("Checkbox", [label, .bool("value", false)], "A check box; `value` is whether it is ticked.") { call in
            let label = try call.string("label")
            let value = try call.bool("value")
            return library.make(.checkbox, "Checkbox", styleModel: "CheckboxStyleModel") { layout, style in
                var state = WidgetSpecs.checkbox(layout: layout, style: style)
                state.merge(["description": .string(label), "value": .bool(value)]) { $1 }
                return state
            }
        }
        type("Button", [label, .init("_ action", "(() -> Void)?", .none, trailingClosure: true)],
             "A button; its trailing closure (and each `onClick` closure) runs on every "
                 + "click.", extra: ["onClick", "click"]) { call in
            let label = try call.string("label")
            let widget = library.make(.button, "Button", styleModel: "ButtonStyleModel") { layout, style in
                var state = WidgetSpecs.button(layout: layout, style: style)
                state["description"] = .string(label)
                return state
            }
            if call.given("action") != nil { widget.clickHandlers.append(try call.closure("action")) }
            return widget
        }
        type("Text", [label, .string("value", ""), .optionalString("placeholder")],
             "A line of editable text.") { call in
            let label = try call.string("label")
            let value = try call.string("value")
            let placeholder = try call.optionalString("placeholder")
            return library.make(.text, "Text", styleModel: "TextStyleModel") { layout, style in
                var state = WidgetSpecs.text(layout: layout, style: style)
                state.merge(["description": .string(label), "value": .string(value)]) { $1 }
                if let placeholder { state["placeholder"] = .string(placeholder) }
                return state
            }
        }
        type("Label", [.string("_ text")], "A line of text that code can change through `value`.") { call in
            let text = try call.string("text")
            return library.make(.label, "Label", styleModel: "LabelStyleModel") { layout, style in
                var state = WidgetSpecs.label(layout: layout, style: style)
                state["value"] = .string(text)
                return state
            }
        }
        for horizontal in [true, false] {
            let name = horizontal ? "HBox" : "VBox"
            type(name, [.variadic("_ widgets", "Widget")], "Lays widgets out "
                + "\(horizontal ? "side by side" : "one under another").") { call in
                try box(call, library, horizontal: horizontal)
            }
        }
        type("Output", [], "An area that shows what `capture { ... }` prints and "
            + "displays.", extra: ["capture", "clear"]) { _ in
            return library.make(.output, "Output", styleModel: nil) { layout, _ in WidgetSpecs.output(layout: layout) }
        }
        type("Image", [.optionalValue("_ picture", "Picture?")],
             "A picture that code can replace through `value` (imshow(x), a feature map).") { call in
            let bytes = try call.value("picture").map { try library.pngBytes($0) }
            let binary = bytes.map { ["value": $0] } ?? [:]
            return library.make(.image, "Image", styleModel: nil, binary: binary) { layout, _ in
                WidgetSpecs.image(layout: layout)
            }
        }
    }

    private static func slider(_ call: NativeArguments, _ library: WidgetLibrary) throws -> WidgetValue {
        let label = try call.string("label")
        guard case .range(let range) = try call.required("range"), let ends = range.doubleEnds,
              ends.lower.isFinite, ends.upper.isFinite, ends.lower < ends.upper else {
            throw StrideError(.typeError, "Slider: the second argument must be a range such as 0.0...1.0 with lower < "
                + "upper")
        }
        let log = try call.choice("scale", ["linear", "log"]) == "log"
        let value = try call.optionalDouble("value") ?? ends.lower
        guard value >= ends.lower && value <= ends.upper else {
            throw StrideError(.valueError, "Slider: value \(formatNumber(value)) is outside "
                + "\(formatNumber(ends.lower))...\(formatNumber(ends.upper))")
        }
        if log {
            guard ends.lower > 0 else { throw StrideError(.valueError, "Slider: a .log scale needs a range above 0, "
                + "got \(formatNumber(ends.lower))...") }
            let low = log10(ends.lower), high = log10(ends.upper)
            let step = try call.optionalDouble("step") ?? (high - low) / 100
            return library.make(.slider(.log), "Slider", styleModel: "SliderStyleModel") { layout, style in
                var state = WidgetSpecs.slider(.log, layout: layout, style: style)
                state.merge(["description": .string(label), "min": .double(low), "max": .double(high),
                             "step": .double(step), "value": .double(value)]) { $1 }
                return state
            }
        }
        let step = try call.optionalDouble("step") ?? (ends.upper - ends.lower) / 100
        guard step > 0, step.isFinite else { throw StrideError(.valueError, "Slider: step must be positive") }
        return library.make(.slider(.linear), "Slider", styleModel: "SliderStyleModel") { layout, style in
            var state = WidgetSpecs.slider(.float, layout: layout, style: style)
            state.merge(["description": .string(label), "min": .double(ends.lower), "max": .double(ends.upper),
                         "step": .double(step), "value": .double(value), "readout_format": ".3g"]) { $1 }
            return state
        }
    }

    private static func intRange(_ call: NativeArguments) throws -> (Int, Int) {
        guard case .range(let range) = try call.required("range"),
              let lo = range.lower, let hi = range.upper, range.doubleEnds != nil else {
            throw StrideError(.typeError, "IntSlider: the second argument must be a range of Ints such as 1...9")
        }
        let top = range.closed ? hi : hi - 1
        guard lo <= top else { throw StrideError(.valueError, "IntSlider: the range \(lo)...\(top) is empty") }
        return (lo, top)
    }

    private static func box(_ call: NativeArguments, _ library: WidgetLibrary, horizontal: Bool) throws -> WidgetValue {
        let name = horizontal ? "HBox" : "VBox"
        var items = call.variadic("widgets")
        if items.count == 1, case .array(let list) = items[0].unwrappedOptional { items = list }
        let children = try items.map { item -> WidgetValue in
            guard case .native(let object) = item.unwrappedOptional, let widget = object as? WidgetValue else {
                throw StrideError(.typeError, "\(name): each item must be a widget, got \(item.typeName)")
            }
            return widget
        }
        let widget = library.make(horizontal ? .hbox : .vbox, name, styleModel: nil) { layout, _ in
            WidgetSpecs.box(horizontal: horizontal, children: children.map(\.model.reference), layout: layout)
        }
        widget.children = children
        return widget
    }
}
