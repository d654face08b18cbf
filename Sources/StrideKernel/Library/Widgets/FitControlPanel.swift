import Foundation
import JupyterComms
import JupyterProtocol
import StrideEngine
import StrideLanguage

/// The controls of `fit(..., controls: true)`: a learning-rate slider (log scale, two decades
/// either side of the optimizer's rate) that the optimizer reads at the next step, a
/// pause/resume button and a stop button. Stop ends training as stopping the cell does
/// (weights and History kept). The running fit serves the controls' events before every step.
final class FitControlPanel: FitControls {
    /// How long a paused fit waits for an event before it checks for an interrupt again.
    static let pausedPoll = 0.1

    private let library: WidgetLibrary
    private let optimizer: Optimizer
    private let interrupt: InterruptFlag
    let rate: WidgetValue
    let pause: WidgetValue
    let stop: WidgetValue
    let panel: WidgetValue
    private var paused = false
    private var stopped = false
    /// The rate last given to the optimizer or shown on the slider, to tell who changed it.
    private var applied: Double

    init(library: WidgetLibrary, optimizer: Optimizer) throws {
        self.library = library
        self.optimizer = optimizer
        interrupt = library.interpreter.interruptFlag
        // Through its shortest decimal form: the Float 1e-3 is 0.0010000000474974513 as a Double.
        let current = Double("\(optimizer.learningRate)") ?? Double(optimizer.learningRate)
        guard current > 0, current.isFinite else {
            throw StrideError(.valueError, "fit: controls: true needs a positive learning rate, got \(current)")
        }
        applied = current
        let exponent = log10(current)
        rate = library.make(.slider(.log), "Slider", styleModel: "SliderStyleModel") { layout, style in
            var state = WidgetSpecs.slider(.log, layout: layout, style: style)
            state.merge(["description": "learning rate", "min": .double(exponent - 2), "max": .double(exponent + 2),
                         "step": 0.01, "value": .double(current), "continuous_update": false]) { $1 }
            return state
        }
        pause = library.make(.button, "Button", styleModel: "ButtonStyleModel") { layout, style in
            var state = WidgetSpecs.button(layout: layout, style: style)
            state.merge(["description": "pause", "icon": "pause"]) { $1 }
            return state
        }
        stop = library.make(.button, "Button", styleModel: "ButtonStyleModel") { layout, style in
            var state = WidgetSpecs.button(layout: layout, style: style)
            state.merge(["description": "stop", "icon": "stop", "button_style": "danger"]) { $1 }
            return state
        }
        let children = [rate, pause, stop]
        panel = library.make(.hbox, "HBox", styleModel: nil) { layout, _ in
            WidgetSpecs.box(horizontal: true, children: children.map(\.model.reference), layout: layout)
        }
        panel.children = children
        pause.observers.append { [unowned self] _ in togglePause() }
        stop.observers.append { [unowned self] _ in
            stopped = true
            stop.model.set(["description": "stopping", "disabled": true])
        }
        library.session.host?.display(library.manager.displayBundle(for: panel.model, text: panel.description), id: nil)
    }

    func shouldStop() -> Bool {
        library.comms.processPendingMessages()
        while paused && !stopped && !interrupt.isSet {
            library.comms.processPendingMessages(timeout: Self.pausedPoll)
        }
        syncRate()
        return stopped
    }

    func finish() {
        for widget in [rate, pause, stop] { widget.model.set(["disabled": true]) }
    }

    private func togglePause() {
        paused.toggle()
        pause.model.set(paused ? ["description": "resume", "icon": "play"] : ["description": "pause", "icon": "pause"])
    }

    /// The slider moved: the optimizer takes its rate. A schedule changed the optimizer's
    /// rate (at an epoch's start): the slider shows it.
    private func syncRate() {
        let chosen = rate.model.state["value"]?.doubleValue ?? applied
        let used = Double("\(optimizer.learningRate)") ?? Double(optimizer.learningRate)
        if chosen != applied {
            optimizer.learningRate = Float(chosen)
            applied = chosen
        } else if abs(used - applied) > 1e-12 * max(1, abs(used)) {
            applied = used
            rate.model.set(["value": .double(min(max(used, rate.minimum), rate.maximum))])
        }
    }
}
