import StrideEngine
import StrideLanguage

/// What `fit(..., controls: true)` asks of its live controls. The widget library provides
/// them (a learning-rate slider, pause/resume and stop buttons); training knows only this.
protocol FitControls: AnyObject {
    /// Called before every step: serves the controls' pending events, applies the learning
    /// rate the user set to the optimizer, waits while paused. True when the user stopped.
    func shouldStop() -> Bool
    /// Training ended (finished, stopped or failed): the controls are disabled.
    func finish()
}

/// The per-interpreter factory of `FitControls`, set by the widget library
/// (`Interpreter.setHostState(_:for: FitControlsHook.key)`).
final class FitControlsHook {
    static let key = FitControlsHook { _, _ in nil }
    let make: (Optimizer, Interpreter) throws -> FitControls?

    init(make: @escaping (Optimizer, Interpreter) throws -> FitControls?) { self.make = make }

    /// The controls for a fit with `optimizer`, shown now in the running cell.
    static func controls(for interp: Interpreter, optimizer: Optimizer) throws -> FitControls {
        guard let hook = interp.hostState(for: key) as? FitControlsHook,
              let controls = try hook.make(optimizer, interp) else {
            throw StrideError(.valueError, "fit: controls: true needs the widget library (a notebook kernel session)")
        }
        return controls
    }
}
