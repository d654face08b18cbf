import Foundation

/// Where a training run is, for the one-line progress display.
public struct TrainingProgress: Equatable, Sendable {
    /// The current epoch, 1-based.
    public var epoch: Int
    /// The planned number of epochs.
    public var epochs: Int
    /// The step within the epoch, 1-based.
    public var step: Int
    /// Steps in one epoch.
    public var stepsPerEpoch: Int
    /// The latest (or running mean) training loss.
    public var loss: Double
    /// The latest training accuracy in 0…1, when the loss has one.
    public var accuracy: Double?
    /// Throughput.
    public var imagesPerSecond: Double
    /// Estimated seconds until the run ends; nil when not yet known.
    public var secondsRemaining: Double?
    /// True once training has ended (the line then says "done").
    public var finished: Bool

    /// Creates a progress snapshot.
    public init(epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int, loss: Double,
                accuracy: Double? = nil, imagesPerSecond: Double, secondsRemaining: Double? = nil,
                finished: Bool = false) {
        self.epoch = epoch
        self.epochs = epochs
        self.step = step
        self.stepsPerEpoch = stepsPerEpoch
        self.loss = loss
        self.accuracy = accuracy
        self.imagesPerSecond = imagesPerSecond
        self.secondsRemaining = secondsRemaining
        self.finished = finished
    }

    /// Fraction of the whole run done, 0…1.
    var fractionDone: Double {
        let total = Double(max(1, epochs) * max(1, stepsPerEpoch))
        let done = Double((epoch - 1) * stepsPerEpoch + step)
        return finished ? 1 : min(1, max(0, done / total))
    }
}

extension Render {
    /// The progress line: text/plain ("Epoch 3/10 · step 45/63 · loss 0.2345 · accuracy
    /// 93.1% · 1,234 images/s · 0:42 left") and the same with a progress bar as HTML.
    public static func progressLine(_ p: TrainingProgress) -> MimeBundle {
        var parts = ["Epoch \(p.epoch)/\(p.epochs)", "step \(p.step)/\(p.stepsPerEpoch)",
                     "loss \(String(format: "%.4f", p.loss))"]
        if let accuracy = p.accuracy, accuracy.isFinite {
            parts.append("accuracy " + String(format: "%.1f%%", accuracy * 100))
        }
        let rate = p.imagesPerSecond.isFinite ? Int(p.imagesPerSecond.rounded()) : 0
        parts.append("\(Markup.grouped(rate)) images/s")
        if p.finished {
            parts.append("done")
        } else if let remaining = p.secondsRemaining, remaining.isFinite {
            parts.append("\(Markup.duration(remaining)) left")
        }
        let text = parts.joined(separator: " · ")
        let percent = String(format: "%.1f", p.fractionDone * 100)
        let barColor = p.finished ? "#2ca02c" : "#1f77b4"
        let html = "<div style=\"font-family:Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px;line-height:18px;white-space:nowrap\">"
            + "<span style=\"display:inline-block;vertical-align:middle;width:160px;height:8px;background:#e6e6e6;border-radius:4px;overflow:hidden;margin-right:8px\">"
            + "<span style=\"display:block;width:\(percent)%;height:8px;background:\(barColor)\"></span></span>"
            + "<span style=\"vertical-align:middle\">\(Markup.escape(text))</span></div>"
        return MimeBundle(data: [MimeType.plainText: text, MimeType.html: html],
                          metadata: [MimeType.plainText: [DisplayRole.key: DisplayRole.statusLine]])
    }
}
