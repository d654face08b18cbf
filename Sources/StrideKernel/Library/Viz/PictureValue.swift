import Foundation
import StrideDisplay
import StrideEngine
import StrideLanguage

/// A rendered picture (image, chart, grid, table) as a language value: a notebook shows its
/// MIME bundle, `print` its text/plain description.
final class PictureValue: NativeObject {
    let bundle: MimeBundle

    init(_ bundle: MimeBundle) { self.bundle = bundle }

    var typeName: String { "Picture" }
    var description: String { bundle.plainText }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "text": return .string(bundle.plainText)
        case "mimeTypes": return .array(bundle.data.keys.sorted().map { .string($0) })
        default: throw StrideError(.typeError, "value of type Picture has no member '\(name)'")
        }
    }
}

/// What `fit` recorded, per epoch and per step, as a language value.
final class HistoryValue: NativeObject {
    let history: History
    /// The epochs that `fit` was asked for (the chart's x axis), when known.
    let plannedEpochs: Int?

    init(_ history: History, plannedEpochs: Int? = nil) {
        self.history = history
        self.plannedEpochs = plannedEpochs
    }

    var typeName: String { "History" }

    var description: String {
        var parts = ["epochs: \(history.loss.count)"]
        func add(_ name: String, _ values: [Double]) {
            if let last = values.last { parts.append("\(name): \(formatMetric(last))") }
        }
        add("loss", history.loss)
        add("accuracy", history.accuracy)
        add("valLoss", history.valLoss)
        add("valAccuracy", history.valAccuracy)
        if history.cancelled { parts.append("interrupted: true") }
        if history.stoppedEarly { parts.append("stoppedEarly: true") }
        return "History(" + parts.joined(separator: ", ") + ")"
    }

    static let memberNames = ["loss", "accuracy", "valLoss", "valAccuracy", "stepLoss", "stepAccuracy",
                              "learningRate", "epochs", "stepsPerEpoch", "stoppedEarly", "interrupted",
                              "restoredEpoch", "plot"]

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        func doubles(_ xs: [Double]) -> Value { .array(xs.map { .double($0) }) }
        switch name {
        case "loss": return doubles(history.loss)
        case "accuracy": return doubles(history.accuracy)
        case "valLoss": return doubles(history.valLoss)
        case "valAccuracy": return doubles(history.valAccuracy)
        case "stepLoss": return doubles(history.stepLoss)
        case "stepAccuracy": return doubles(history.stepAccuracy)
        case "learningRate": return doubles(history.learningRate)
        case "epochs": return .int(history.loss.count)
        case "stepsPerEpoch": return .int(history.stepsPerEpoch)
        case "stoppedEarly": return .bool(history.stoppedEarly)
        case "interrupted": return .bool(history.cancelled)
        case "restoredEpoch": return history.restoredEpoch.map { .some(.int($0)) } ?? .none
        case "plot":
            return .function(Self.plot.function { _ in .native(PictureValue(try self.chart())) })
        default:
            throw StrideError(.typeError, "value of type History has no member '\(name)'")
        }
    }

    static let plot = NativeDeclaration(
        "plot", kind: .method, returns: "Picture",
        doc: "The training chart of this history: loss and accuracy per step and per epoch, training and validation.")

    /// The same chart that `fit` shows while it runs.
    func chart() throws -> MimeBundle {
        let curves = LiveTrainingDisplay.curves(history, stepsPerEpoch: history.stepsPerEpoch,
                                                plannedEpochs: plannedEpochs ?? history.loss.count)
        return try bridgingErrors { try Render.trainingChart(curves) }
    }
}

/// A metric with four significant digits, as the progress line and History print them.
func formatMetric(_ x: Double) -> String {
    guard x.isFinite else { return String(x) }
    let magnitude = abs(x)
    if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) { return String(format: "%.3e", x) }
    return String(format: "%.4g", x)
}
