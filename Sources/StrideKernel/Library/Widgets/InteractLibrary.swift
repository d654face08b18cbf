import Foundation
import JupyterComms
import StrideLanguage

/// `interact(controls...) { values in ... }`: shows the controls above one Output widget, runs
/// the closure with the controls' values, and re-runs it whenever a control changes,
/// replacing its output in place. While a control is dragged the re-runs are throttled to
/// `maximumRunsPerSecond`; the last change always gets its own run, so the output ends on
/// the final value. An error in the closure is shown as an error output and the controls
/// stay alive.
enum InteractLibrary {
    static func install(_ library: WidgetLibrary) {
        library.interpreter.defineNative(NativeDeclaration(
            "interact", [.variadic("_ controls", "Widget"), .trailingClosure("body", "(values...) -> Any")],
            returns: "VBox",
            doc: "Shows the controls and the output of `body` run with their values; re-runs it when a control "
                + "changes, replacing the output in place (at most a few times a second while dragging, always ending "
                + "on the final value).")
        ) { call in
            let values = call.variadic("controls")
            guard values.count >= 2 else {
                throw StrideError(.typeError, "interact: give one or more controls and a trailing closure")
            }
            let body = try call.closure("body")
            let controls = try values.dropLast().map { item -> WidgetValue in
                guard case .native(let object) = item.unwrappedOptional, let widget = object as? WidgetValue,
                      widget.value.isNotVoid else {
                    throw StrideError(.typeError, "interact: each control must be a widget with a value (Slider, "
                        + "Dropdown, ...), got \(item.typeName)")
                }
                return widget
            }
            return .native(interact(library, controls: controls, body: body))
        }
    }

    /// The controls above one Output widget showing `body` run with their values; the
    /// closure runs once now and again after each change (throttled).
    static func interact(_ library: WidgetLibrary, controls: [WidgetValue], body: Value) -> WidgetValue {
        let output = library.make(.output, "Output", styleModel: nil) { layout, _ in
            WidgetSpecs.output(layout: layout)
        }
        let runner = InteractRunner(library: library, controls: controls, output: output, body: body)
        let box = library.make(.vbox, "VBox", styleModel: nil) { layout, _ in
            WidgetSpecs.box(horizontal: false, children: (controls + [output]).map(\.model.reference), layout: layout)
        }
        box.children = controls + [output]
        // The controls keep the runner alive (the library keeps every widget alive).
        for control in controls { control.observers.append { _ in runner.controlChanged() } }
        runner.run()
        return box
    }
}

/// Re-runs one `interact` closure, throttled.
final class InteractRunner {
    /// The most re-runs per second while controls keep changing.
    static let maximumRunsPerSecond = 4.0

    private unowned let library: WidgetLibrary
    private let controls: [WidgetValue]
    private let output: WidgetValue
    private let body: Value
    private var lastRun = Date.distantPast
    private var running = false
    private let key = "interact-" + UUID().uuidString

    init(library: WidgetLibrary, controls: [WidgetValue], output: WidgetValue, body: Value) {
        self.library = library
        self.controls = controls
        self.output = output
        self.body = body
    }

    /// A control changed: run now when the last run is old enough, else once the interval
    /// has passed (later changes before then share that one run, which reads their values).
    func controlChanged() {
        // Without a front end nothing is dragged, and no kernel loop runs deferred work.
        guard library.comms.isConnected else { return run() }
        let due = lastRun.addingTimeInterval(1 / Self.maximumRunsPerSecond)
        if due <= Date() && !running {
            library.comms.cancelDeferredWork(key)
            run()
        } else {
            library.comms.deferWork(key, until: due) { [weak self] in self?.run() }
        }
    }

    /// Runs the closure with the controls' current values into the Output widget.
    func run() {
        running = true
        defer {
            running = false
            lastRun = Date()
        }
        let values = controls.map(\.value)
        library.capture(into: output) { try library.interpreter.call(body, values) }
    }
}
