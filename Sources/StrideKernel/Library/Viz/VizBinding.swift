import JupyterProtocol
import StrideDisplay
import StrideLanguage

/// Data, training with its live chart, and the pictures that look inside a model
/// (LANGUAGE.md §3 Training and Data, §4). Installs after the core library, whose layer
/// type it extends with `fit`, `evaluate`, `predict`, `history`, `featureMaps` and `filters`.
public struct VizBinding: LibraryBinding {
    public init() {}

    public func install(into session: StrideSession) {
        let histories = ModelHistories()
        DataLibrary.install(into: session.interpreter)
        TrainingLibrary.install(into: session.interpreter, histories: histories) { [weak session] in
            session?.host.map(CellHostSurface.init)
        }
        PictureLibrary.install(into: session.interpreter)
    }
}

/// The live training display of a cell running in a notebook or a terminal.
final class CellHostSurface: TrainingDisplaySurface {
    private let host: CellHost
    init(_ host: CellHost) { self.host = host }
    func show(_ bundle: MimeBundle, id: String) { host.display(bundle.displayBundle, id: id) }
    func replace(_ bundle: MimeBundle, id: String) { host.updateDisplay(bundle.displayBundle, id: id) }
}

extension MimeBundle {
    /// The bundle in the kernel protocol's form.
    var displayBundle: DisplayBundle {
        DisplayBundle(strings: data, metadata: metadata.mapValues { JSON(strings: $0) })
    }
}

extension PictureValue: RichRepresentable {
    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]]) {
        (bundle.data, bundle.metadata)
    }
}
