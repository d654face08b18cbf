import Foundation
import StrideDisplay
import StrideEngine

/// Where the live training display sends its two outputs: a notebook cell, or a recorder in tests.
protocol TrainingDisplaySurface: AnyObject {
    /// Shows a new output that later calls replace by `id`.
    func show(_ bundle: MimeBundle, id: String)
    /// Replaces the output shown under `id`.
    func replace(_ bundle: MimeBundle, id: String)
}

/// One report of a running fit: where it is, its running metrics and the history so far.
struct FitSnapshot {
    /// The epoch (0-based) and the total; the step in the epoch (1-based) and the total.
    var epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int
    var loss: Double, accuracy: Double?
    var imagesPerSecond: Double, remaining: Double
    var history: History
}

extension FitSnapshot {
    /// The snapshot of an engine progress report.
    init(_ p: StrideEngine.TrainingProgress) {
        self.init(epoch: p.epoch, epochs: p.epochs, step: p.step, stepsPerEpoch: p.stepsPerEpoch, loss: p.loss,
                  accuracy: p.accuracy, imagesPerSecond: p.imagesPerSecond, remaining: p.remaining, history: p.history)
    }
}

/// The live view of a running `fit`: exactly one chart and one progress line, both shown once
/// with a display id and then replaced in place, at most `maximumUpdatesPerSecond` times a
/// second, so a fit of any length produces the same few outputs (a progress bar that appends
/// lines floods and freezes browsers). `finish` always sends a last update, so the saved
/// notebook keeps the final chart.
final class LiveTrainingDisplay {
    /// The most replacements of the pair per second.
    static let maximumUpdatesPerSecond = 4.0
    /// The most points of the per-step curve drawn; longer runs are averaged into buckets so
    /// the chart's size stays bounded however long the fit runs.
    static let maximumStepPoints = 600
    /// The most planned epochs the chart's x axis spans from the start.
    static let maximumPlannedAxis = 200

    let chartID: String
    let progressID: String
    private let surface: TrainingDisplaySurface
    private let clock: () -> Double
    private let epochs: Int
    private var stepsPerEpoch: Int
    private var lastUpdate = -Double.infinity
    private var latest: FitSnapshot?
    private var progressShown = false

    /// A display for a fit of `epochs` epochs of `stepsPerEpoch` steps; `clock` gives seconds.
    init(surface: TrainingDisplaySurface, epochs: Int, stepsPerEpoch: Int,
         clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.surface = surface
        self.epochs = epochs
        self.stepsPerEpoch = max(1, stepsPerEpoch)
        self.clock = clock
        let token = UUID().uuidString.lowercased()
        chartID = "stride-fit-chart-" + token
        progressID = "stride-fit-progress-" + token
    }

    /// Shows the empty chart; the progress line appears with the first step's report.
    func begin() {
        surface.show(chart(History()), id: chartID)
        lastUpdate = clock()
    }

    /// Takes one report from `fit`; redraws when the last redraw is old enough.
    func report(_ progress: FitSnapshot) {
        latest = progress
        stepsPerEpoch = max(1, progress.stepsPerEpoch)
        let now = clock()
        guard !progressShown || now - lastUpdate >= 1 / Self.maximumUpdatesPerSecond else { return }
        redraw(progress, history: progress.history, finished: false)
        lastUpdate = now
    }

    /// The last update, sent whatever the throttle says: the whole history, and the progress
    /// line in its final state (`completed` false when training stopped before its end).
    func finish(history: History, completed: Bool) {
        guard let progress = latest else {
            surface.replace(chart(history), id: chartID)
            return
        }
        redraw(progress, history: history, finished: completed)
    }

    private func redraw(_ p: FitSnapshot, history: History, finished: Bool) {
        surface.replace(chart(history), id: chartID)
        let line = Render.progressLine(StrideDisplay.TrainingProgress(
            epoch: p.epoch + 1, epochs: p.epochs, step: p.step, stepsPerEpoch: p.stepsPerEpoch,
            loss: p.loss, accuracy: p.accuracy, imagesPerSecond: p.imagesPerSecond,
            secondsRemaining: finished ? nil : p.remaining, finished: finished))
        if progressShown {
            surface.replace(line, id: progressID)
        } else {
            surface.show(line, id: progressID)
            progressShown = true
        }
    }

    /// The training chart of `history`.
    func chart(_ history: History) -> MimeBundle {
        do {
            return try Render.trainingChart(Self.curves(history, stepsPerEpoch: stepsPerEpoch, plannedEpochs: epochs))
        } catch {
            return MimeBundle(plainText: "<Training chart: \(error)>")
        }
    }

    /// The chart's curves for `history`, the per-step values averaged into buckets (each inside
    /// one epoch, so the x axis in epochs holds) when there are more than `maximumStepPoints`.
    static func curves(_ history: History, stepsPerEpoch: Int, plannedEpochs: Int) -> TrainingCurves {
        let steps = max(1, stepsPerEpoch)
        let epochsSoFar = (history.stepLoss.count + steps - 1) / steps
        // The x axis spans the planned epochs, so it holds still while training; a very long
        // plan (a fit meant to be stopped by hand) spans the epochs seen so far instead.
        let seen = max(1, epochsSoFar, history.loss.count)
        let epochs = plannedEpochs <= maximumPlannedAxis ? max(plannedEpochs, seen) : seen
        let perEpoch = max(1, min(steps, maximumStepPoints / epochs))
        return TrainingCurves(
            stepsPerEpoch: perEpoch, totalEpochs: epochs,
            stepLoss: bucketed(history.stepLoss, stepsPerEpoch: steps, buckets: perEpoch),
            stepAccuracy: bucketed(history.stepAccuracy, stepsPerEpoch: steps, buckets: perEpoch),
            epochLoss: history.loss, epochAccuracy: history.accuracy,
            validationLoss: history.valLoss, validationAccuracy: history.valAccuracy)
    }

    /// `values` (per step, `stepsPerEpoch` per epoch) averaged into `buckets` per epoch; a
    /// partial last epoch yields only its complete buckets plus one for the remainder.
    static func bucketed(_ values: [Double], stepsPerEpoch: Int, buckets: Int) -> [Double] {
        guard buckets < stepsPerEpoch, !values.isEmpty else { return values }
        var result: [Double] = []
        var epochStart = 0
        while epochStart < values.count {
            for b in 0..<buckets {
                let from = epochStart + b * stepsPerEpoch / buckets
                let to = min(values.count, epochStart + (b + 1) * stepsPerEpoch / buckets)
                guard from < to else { break }
                result.append(values[from..<to].reduce(0, +) / Double(to - from))
            }
            epochStart += stepsPerEpoch
        }
        return result
    }
}
