import Foundation
import JupyterProtocol
import StrideDisplay
import StrideFiles

/// A cell running in a terminal (`stride run`, the REPL): text goes to the given writer,
/// pictures are saved as files next to the script and named in the output, and a live
/// display keeps rewriting its own file.
public final class TerminalCellHost: CellHost {
    private let writeText: (String, StreamName) -> Void
    private let readText: (String) -> String?
    private let pictureDirectory: URL
    private let baseName: String
    private let interactive: Bool
    private var pictureCount = 0
    private var filesByDisplayID: [String: URL] = [:]
    /// A status line (a fit's progress line) being rewritten on the terminal's current line.
    private var statusOnScreen = false
    /// Not a terminal: the latest status line, printed once when other output follows or
    /// the cell ends, so a log shows the final state of each.
    private var pendingStatus: String?
    /// Not a terminal: live pictures (a fit's chart) named once, with their final text, when
    /// other output follows or the cell ends; in a terminal they are named when they appear.
    private var pendingLive: [(id: String, text: String, file: URL)] = []

    /// - Parameters:
    ///   - pictureDirectory: where pictures are saved.
    ///   - baseName: file name stem of saved pictures (`lenet` gives `lenet-1.png`, ...).
    ///   - interactive: whether text displays may be rewritten in place (a terminal).
    ///   - write: prints text to stdout or stderr.
    ///   - read: prints a prompt and reads one line (nil at end of input).
    public init(pictureDirectory: URL, baseName: String, interactive: Bool,
                write: @escaping (String, StreamName) -> Void, read: @escaping (String) -> String?) {
        self.pictureDirectory = pictureDirectory
        self.baseName = baseName
        self.interactive = interactive
        self.writeText = write
        self.readText = read
    }

    public func write(_ text: String, to stream: StreamName) {
        settlePending()
        writeText(text, stream)
    }

    /// Ends the cell's output: a status line still open gets its line end (or, when not a
    /// terminal, is printed). The REPL and `stride run` call it after each cell; the result
    /// says whether it ended a line.
    @discardableResult public func finishCell() -> Bool { settlePending() }

    public func display(_ bundle: DisplayBundle, id: String?) {
        if Self.isStatusLine(bundle) { return showStatus(Self.plainText(bundle)) }
        settlePending()
        if let file = savePicture(bundle, reusing: nil) {
            if let id { filesByDisplayID[id] = file }
            if let id, !interactive {
                pendingLive.append((id, Self.plainText(bundle), file))
            } else {
                writeText("[\(Self.plainText(bundle)) saved to \(file.path)]\n", .stdout)
            }
        } else {
            writeText(Self.plainText(bundle) + "\n", .stdout)
        }
    }

    public func updateDisplay(_ bundle: DisplayBundle, id: String) {
        if Self.isStatusLine(bundle) { return showStatus(Self.plainText(bundle)) }
        if let file = filesByDisplayID[id] {
            _ = savePicture(bundle, reusing: file)
            if let k = pendingLive.firstIndex(where: { $0.id == id }) { pendingLive[k].text = Self.plainText(bundle) }
        } else if interactive && Self.pictureExtension(bundle) == nil {
            // A progress line: rewrite it in place rather than scrolling.
            writeText("\r\u{1B}[K" + Self.plainText(bundle), .stdout)
        } else if let file = savePicture(bundle, reusing: nil) {
            filesByDisplayID[id] = file
            writeText("[\(Self.plainText(bundle)) saved to \(file.path)]\n", .stdout)
        }
    }

    public func clearOutput(wait: Bool) {}

    public func readLine(prompt: String, password: Bool) throws -> String {
        settlePending()
        guard let line = readText(prompt) else { throw InputError.shuttingDown }
        return line
    }

    public func page(_ bundle: DisplayBundle) {
        settlePending()
        writeText(Self.plainText(bundle) + "\n", .stdout)
    }

    static func isStatusLine(_ bundle: DisplayBundle) -> Bool {
        bundle.metadata[MimeType.plainText]?[DisplayRole.key]?.stringValue == DisplayRole.statusLine
    }

    private func showStatus(_ text: String) {
        if interactive {
            writeText("\r\u{1B}[K" + text, .stdout)
            statusOnScreen = true
        } else {
            pendingStatus = text
        }
    }

    /// Ends what is pending before other output: live pictures not yet named, then the
    /// status line. Returns whether it ended a line.
    @discardableResult private func settlePending() -> Bool {
        var ended = false
        for live in pendingLive {
            writeText("[\(live.text) saved to \(live.file.path)]\n", .stdout)
        }
        pendingLive.removeAll()
        if statusOnScreen {
            statusOnScreen = false
            writeText("\n", .stdout)
            ended = true
        }
        if let text = pendingStatus {
            pendingStatus = nil
            writeText(text + "\n", .stdout)
            ended = true
        }
        return ended
    }

    static func plainText(_ bundle: DisplayBundle) -> String { bundle.data["text/plain"]?.stringValue ?? "" }

    static func pictureExtension(_ bundle: DisplayBundle) -> String? {
        if bundle.data["image/png"] != nil { return "png" }
        if bundle.data["image/svg+xml"] != nil { return "svg" }
        if bundle.data["text/html"] != nil { return "html" }
        return nil
    }

    /// Writes the richest form of `bundle` to a file; nil when it has only text or the write failed.
    private func savePicture(_ bundle: DisplayBundle, reusing existing: URL?) -> URL? {
        guard let ext = Self.pictureExtension(bundle) else { return nil }
        let bytes: Data?
        switch ext {
        case "png": bytes = bundle.data["image/png"]?.stringValue.flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }
        case "svg": bytes = bundle.data["image/svg+xml"]?.stringValue.map { Data($0.utf8) }
        default: bytes = bundle.data["text/html"]?.stringValue.map { Data(("<!doctype html><meta charset=\"utf-8\">" + $0).utf8) }
        }
        guard let bytes else { return nil }
        let file: URL
        if let existing {
            file = existing
        } else {
            pictureCount += 1
            file = pictureDirectory.appendingPathComponent("\(baseName)-\(pictureCount).\(ext)")
        }
        do {
            try AtomicFile.write([UInt8](bytes), to: file.path)
            return file
        } catch {
            writeText("could not save \((error as? FileWriteError)?.description ?? "\(file.path): \(error)")\n", .stderr)
            return nil
        }
    }
}
