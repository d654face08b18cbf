import JupyterProtocol

/// The model states of `@jupyter-widgets/base` 2.0.0, `@jupyter-widgets/controls` 2.0.0 and
/// `@jupyter-widgets/output` 1.0.0, as the widget schema (`jupyterwidgetmodels` for
/// ipywidgets 8) lists them: every attribute with its default. The caller overrides the
/// attributes it sets (`value`, `min`, `description`, ...).
public enum WidgetSpecs {
    public static let baseModule = "@jupyter-widgets/base"
    public static let controlsModule = "@jupyter-widgets/controls"
    public static let outputModule = "@jupyter-widgets/output"
    public static let moduleVersion = "2.0.0"
    public static let outputModuleVersion = "1.0.0"

    /// The six identity attributes every state carries.
    static func identity(model: String, view: String, module: String = controlsModule,
                         viewModule: String? = nil, version: String = moduleVersion) -> [String: JSON] {
        ["_model_name": .string(model), "_model_module": .string(module), "_model_module_version": .string(version),
         "_view_name": .string(view), "_view_module": .string(viewModule ?? module),
         "_view_module_version": .string(version), "_view_count": .null]
    }

    /// LayoutModel: every CSS attribute unset.
    public static func layout() -> [String: JSON] {
        var state = identity(model: "LayoutModel", view: "LayoutView", module: baseModule)
        for name in layoutAttributes { state[name] = .null }
        return state
    }

    static let layoutAttributes = [
        "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top",
        "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow",
        "grid_auto_rows", "grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns",
        "grid_template_rows", "height", "justify_content", "justify_items", "left", "margin", "max_height",
        "max_width", "min_height", "min_width", "object_fit", "object_position", "order", "overflow", "padding",
        "right", "top", "visibility", "width",
    ]

    /// The style models: `StyleView` of the base module, with each model's own attributes.
    public static func style(_ model: String) -> [String: JSON] {
        var state = identity(model: model, view: "StyleView", viewModule: baseModule)
        state["description_width"] = ""
        let unset: [String]
        switch model {
        case "SliderStyleModel": unset = ["handle_color"]
        case "CheckboxStyleModel": unset = ["background"]
        case "TextStyleModel": unset = ["background", "font_size", "text_color"]
        case "LabelStyleModel":
            unset = ["background", "font_family", "font_size", "font_style", "font_variant", "font_weight",
                     "text_color", "text_decoration"]
        case "ButtonStyleModel":
            state["description_width"] = nil
            unset = ["button_color", "font_family", "font_size", "font_style", "font_variant", "font_weight",
                     "text_color", "text_decoration"]
        default: unset = []
        }
        for name in unset { state[name] = .null }
        return state
    }

    /// Attributes of every DOM widget: `layout` (a reference), classes, tooltip.
    static func domWidget(model: String, view: String, layout: JSON, module: String = controlsModule,
                          version: String = moduleVersion) -> [String: JSON] {
        var state = identity(model: model, view: view, module: module, version: version)
        state["_dom_classes"] = []
        state["layout"] = layout
        state["tabbable"] = .null
        state["tooltip"] = .null
        return state
    }

    /// Attributes of described widgets (sliders, dropdowns, text): a label and its style.
    static func described(model: String, view: String, layout: JSON, style: JSON) -> [String: JSON] {
        var state = domWidget(model: model, view: view, layout: layout)
        state["description"] = ""
        state["description_allow_html"] = false
        state["style"] = style
        return state
    }

    /// FloatSliderModel, FloatLogSliderModel or IntSliderModel (`kind`).
    public static func slider(_ kind: SliderKind, layout: JSON, style: JSON) -> [String: JSON] {
        var state = described(model: kind.rawValue + "Model", view: kind.rawValue + "View", layout: layout,
                              style: style)
        state["behavior"] = "drag-tap"
        state["continuous_update"] = true
        state["disabled"] = false
        state["orientation"] = "horizontal"
        state["readout"] = true
        switch kind {
        case .float:
            state.merge(["min": 0.0, "max": 100.0, "step": 0.1, "value": 0.0, "readout_format": ".2f"]) { $1 }
        case .log:
            state.merge(["min": 0.0, "max": 4.0, "step": 0.1, "value": 1.0, "base": 10.0,
                         "readout_format": ".3g"]) { $1 }
        case .int:
            state.merge(["min": 0, "max": 100, "step": 1, "value": 0, "readout_format": "d"]) { $1 }
        }
        return state
    }

    public enum SliderKind: String {
        case float = "FloatSlider", log = "FloatLogSlider", int = "IntSlider"
    }

    /// DropdownModel: the option labels and the selected index.
    public static func dropdown(labels: [String], index: Int?, layout: JSON, style: JSON) -> [String: JSON] {
        var state = described(model: "DropdownModel", view: "DropdownView", layout: layout, style: style)
        state["_options_labels"] = .array(labels.map { .string($0) })
        state["index"] = index.map { .int($0) } ?? .null
        state["disabled"] = false
        return state
    }

    public static func checkbox(layout: JSON, style: JSON) -> [String: JSON] {
        var state = described(model: "CheckboxModel", view: "CheckboxView", layout: layout, style: style)
        state.merge(["disabled": false, "indent": true, "value": false]) { $1 }
        return state
    }

    public static func button(layout: JSON, style: JSON) -> [String: JSON] {
        var state = domWidget(model: "ButtonModel", view: "ButtonView", layout: layout)
        state.merge(["button_style": "", "description": "", "disabled": false, "icon": "", "style": style]) { $1 }
        return state
    }

    public static func text(layout: JSON, style: JSON) -> [String: JSON] {
        var state = described(model: "TextModel", view: "TextView", layout: layout, style: style)
        state.merge(["continuous_update": true, "disabled": false, "placeholder": "\u{200B}", "value": ""]) { $1 }
        return state
    }

    public static func label(layout: JSON, style: JSON) -> [String: JSON] {
        var state = described(model: "LabelModel", view: "LabelView", layout: layout, style: style)
        state.merge(["placeholder": "\u{200B}", "value": ""]) { $1 }
        return state
    }

    /// HBoxModel or VBoxModel holding `children` (references).
    public static func box(horizontal: Bool, children: [JSON], layout: JSON) -> [String: JSON] {
        let name = horizontal ? "HBox" : "VBox"
        var state = domWidget(model: name + "Model", view: name + "View", layout: layout)
        state["box_style"] = ""
        state["children"] = .array(children)
        return state
    }

    /// OutputModel: `outputs` in the notebook format's output form.
    public static func output(layout: JSON) -> [String: JSON] {
        var state = domWidget(model: "OutputModel", view: "OutputView", layout: layout, module: outputModule,
                              version: outputModuleVersion)
        state["msg_id"] = ""
        state["outputs"] = []
        return state
    }

    /// ImageModel; its `value` (the encoded image) travels as a binary buffer.
    public static func image(layout: JSON) -> [String: JSON] {
        var state = domWidget(model: "ImageModel", view: "ImageView", layout: layout)
        state.merge(["format": "png", "height": "", "width": ""]) { $1 }
        return state
    }
}
