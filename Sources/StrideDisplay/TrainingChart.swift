/// The numbers a training run has produced so far, for the live chart.
public struct TrainingCurves: Equatable, Sendable {
    /// Optimizer steps in one epoch (positions per-step values along the epoch axis).
    public var stepsPerEpoch: Int
    /// The planned number of epochs, so the x axis stays still while training grows; nil
    /// fits the axis to the data.
    public var totalEpochs: Int?
    /// Training loss after each step.
    public var stepLoss: [Double]
    /// Training accuracy (0…1) of each step's batch.
    public var stepAccuracy: [Double]
    /// Mean training loss of each finished epoch.
    public var epochLoss: [Double]
    /// Training accuracy of each finished epoch.
    public var epochAccuracy: [Double]
    /// Validation loss after each epoch (empty without validation data).
    public var validationLoss: [Double]
    /// Validation accuracy after each epoch.
    public var validationAccuracy: [Double]

    /// Creates the curves; all series may be empty at the start of training.
    public init(stepsPerEpoch: Int, totalEpochs: Int? = nil, stepLoss: [Double] = [],
                stepAccuracy: [Double] = [], epochLoss: [Double] = [], epochAccuracy: [Double] = [],
                validationLoss: [Double] = [], validationAccuracy: [Double] = []) {
        self.stepsPerEpoch = stepsPerEpoch
        self.totalEpochs = totalEpochs
        self.stepLoss = stepLoss
        self.stepAccuracy = stepAccuracy
        self.epochLoss = epochLoss
        self.epochAccuracy = epochAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
    }
}

extension Render {
    /// The live training chart (SVG): a loss panel and an accuracy panel side by side, the
    /// x axis in epochs; per-step training values as a thin line, per-epoch training and
    /// validation values as lines with points.
    public static func trainingChart(_ curves: TrainingCurves, width: Int = 760,
                                     height: Int = 300) throws -> MimeBundle {
        guard curves.stepsPerEpoch > 0 else {
            throw DisplayError.invalidArgument(
                "A training chart needs at least one step per epoch, found \(curves.stepsPerEpoch).")
        }
        guard width >= 400, height >= 200, width <= 4000, height <= 4000 else {
            throw DisplayError.invalidArgument(
                "A training chart must be between 400×200 and 4000×4000 pixels, found \(width)×\(height).")
        }
        let stepsPerEpoch = Double(curves.stepsPerEpoch)
        let seenEpochs = max(Double(curves.stepLoss.count) / stepsPerEpoch,
                             Double(max(curves.epochLoss.count, curves.validationLoss.count)))
        let xHigh = max(Double(curves.totalEpochs ?? 0), seenEpochs.rounded(.up), 1)
        let xTicks = AxisTicks(low: 0, high: xHigh, count: min(8, max(2, Int(xHigh))))

        var svg = SVGDocument(width: Double(width), height: Double(height))
        let training = ChartFrame.palette[0], validation = ChartFrame.palette[1]
        var legend = [LegendEntry(label: "training (step)", color: training, opacity: 0.35),
                      LegendEntry(label: "training (epoch)", color: training, marker: true)]
        if !curves.validationLoss.isEmpty || !curves.validationAccuracy.isEmpty {
            legend.append(LegendEntry(label: "validation", color: validation, marker: true))
        }
        let legendHeight = drawLegend(legend, into: &svg, x: 60, y: 14,
                                      maxWidth: Double(width) - 80)
        let top = 14 + legendHeight + 22

        var panels: [(title: String, step: [Double], epoch: [Double], val: [Double], accuracy: Bool)] = [
            ("Loss", curves.stepLoss, curves.epochLoss, curves.validationLoss, false),
        ]
        // A loss without accuracy (regression, autoencoders) gets the whole width; while
        // training has not produced any value yet, both panels show.
        let accuracyValues = curves.stepAccuracy + curves.epochAccuracy + curves.validationAccuracy
        let lossValues = curves.stepLoss + curves.epochLoss + curves.validationLoss
        if accuracyValues.contains(where: \.isFinite) || lossValues.isEmpty {
            panels.append(("Accuracy", curves.stepAccuracy, curves.epochAccuracy,
                           curves.validationAccuracy, true))
        }
        let panelWidth = Double(width) / Double(panels.count)

        for (index, panel) in panels.enumerated() {
            let values = (panel.step + panel.epoch + panel.val).filter(\.isFinite)
            let yTicks: AxisTicks
            if panel.accuracy {
                let low = values.min().map { min(max(0, $0), 0.9) } ?? 0
                yTicks = AxisTicks(low: low, high: 1, count: 5)
            } else {
                yTicks = AxisTicks(low: 0, high: values.max() ?? 1, count: 5)
            }
            let left = Double(index) * panelWidth + 16 + ChartFrame.yLabelWidth(yTicks)
            let frame = ChartFrame(left: left, top: top, width: panelWidth - (left - Double(index) * panelWidth) - 14,
                                   height: Double(height) - top - 46, x: xTicks, y: yTicks)
            svg.text(panel.title, x: frame.left + frame.width / 2, y: top - 8, size: 13,
                     anchor: .middle, bold: true)
            frame.drawAxes(into: &svg, xLabel: "epoch", yLabel: nil)
            let stepXs = panel.step.indices.map { Double($0 + 1) / stepsPerEpoch }
            svg.polyline(frame.points(xs: stepXs, ys: panel.step), stroke: training, width: 1,
                         opacity: 0.35)
            for (series, color) in [(panel.epoch, training), (panel.val, validation)] {
                let xs = series.indices.map { Double($0 + 1) }
                let points = frame.points(xs: xs, ys: series)
                svg.polyline(points, stroke: color, width: 2)
                // Points for each epoch while they stay apart; a long run is a plain line.
                if series.count <= 60 {
                    for case let (x, y)? in points { svg.circle(cx: x, cy: y, r: 3, fill: color) }
                }
            }
        }
        return MimeBundle(data: [MimeType.svg: svg.rendered,
                                 MimeType.plainText: trainingSummaryText(curves)])
    }

    static func trainingSummaryText(_ c: TrainingCurves) -> String {
        var parts = ["\(c.epochLoss.count) epochs", "\(c.stepLoss.count) steps"]
        if let loss = c.epochLoss.last ?? c.stepLoss.last { parts.append("loss \(Markup.number(loss))") }
        if let acc = c.epochAccuracy.last ?? c.stepAccuracy.last {
            parts.append("accuracy \(Markup.number(acc))")
        }
        if let v = c.validationLoss.last { parts.append("validation loss \(Markup.number(v))") }
        if let v = c.validationAccuracy.last { parts.append("validation accuracy \(Markup.number(v))") }
        return "<Training chart: " + parts.joined(separator: ", ") + ">"
    }
}
