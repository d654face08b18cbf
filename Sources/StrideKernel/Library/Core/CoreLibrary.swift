import StrideEngine
import StrideLanguage

/// Installs the engine's core library into an interpreter: `Tensor` and its functions,
/// gradients, every layer type, losses, optimizers and schedules (LANGUAGE.md §2–3).
public func installCoreLibrary(into interp: Interpreter) {
    TensorFunctions.install(into: interp)
    GradientFunctions.install(into: interp)
    LayerTypes.install(into: interp)
    LossFunctions.install(into: interp)
    OptimizerTypes.install(into: interp)
}

/// Offers every member registered so far (by this library and by later ones, such as
/// `fit`) after `.` in completions of tensors and layers. Call it once every library has
/// installed.
public func refreshLibraryCompletions(in interp: Interpreter) {
    TensorFunctions.defineTensorType(interp)
    LayerTypes.install(into: interp)
}

/// The check that long engine operations (a fit, an evaluation, a prediction) poll: true
/// once the user asked the running cell to stop.
func cancellationCheck(_ interp: Interpreter) -> () -> Bool {
    let flag = interp.interruptFlag
    return { flag.isSet }
}
