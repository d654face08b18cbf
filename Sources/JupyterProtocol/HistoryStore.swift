import Foundation

/// One executed cell as the history channel reports it.
public struct HistoryEntry: Equatable, Sendable {
    /// The kernel session (one per kernel start) that ran it.
    public var session: Int
    /// Its execution count in that session.
    public var line: Int
    public var input: String
    /// The plain text of its result, if it had one.
    public var output: String?

    public init(session: Int, line: Int, input: String, output: String? = nil) {
        self.session = session
        self.line = line
        self.input = input
        self.output = output
    }
}

/// The inputs of executed cells, across kernel restarts: kept in memory, saved as JSON in
/// the user's Jupyter data directory (written to a temporary file, then renamed, so a crash
/// never leaves half a file). Thread-safe.
public final class HistoryStore: @unchecked Sendable {
    /// The session number of this kernel process: one more than the last one saved.
    public let session: Int
    private let fileURL: URL?
    private let maximumEntries: Int
    private let log: (String) -> Void
    private let lock = NSLock()
    private var entries: [HistoryEntry]
    private var saveScheduled = false
    private let saver = DispatchQueue(label: "stride.history-saver")

    /// - Parameters:
    ///   - fileURL: where history persists; nil keeps it in memory only.
    ///   - maximumEntries: oldest entries beyond this are forgotten.
    ///   - log: receives problems reading or writing the file (they are never fatal).
    public init(fileURL: URL?, maximumEntries: Int = 10_000, log: @escaping (String) -> Void = { _ in }) {
        self.fileURL = fileURL
        self.maximumEntries = maximumEntries
        self.log = log
        var loaded: [HistoryEntry] = []
        if let fileURL, FileManager.default.fileExists(atPath: fileURL.path) {
            do {
                loaded = try HistoryStore.decode(Data(contentsOf: fileURL))
            } catch {
                log("history: ignoring unreadable \(fileURL.path): \(error)")
            }
        }
        entries = loaded
        session = (loaded.map(\.session).max() ?? 0) + 1
    }

    /// `$JUPYTER_DATA_DIR/stride/history.json`, else `$XDG_DATA_HOME/jupyter/...`, else
    /// `~/.local/share/jupyter/...` — where Jupyter keeps per-user data.
    public static func defaultFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let dataDirectory: URL
        if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
            dataDirectory = URL(fileURLWithPath: dir)
        } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataDirectory = URL(fileURLWithPath: xdg).appendingPathComponent("jupyter")
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataDirectory = URL(fileURLWithPath: home).appendingPathComponent(".local/share/jupyter")
        }
        return dataDirectory.appendingPathComponent("stride").appendingPathComponent("history.json")
    }

    /// Records a cell of this session; the file is rewritten shortly after, off the caller's thread.
    public func append(line: Int, input: String, output: String?) {
        lock.lock()
        entries.append(HistoryEntry(session: session, line: line, input: input, output: output))
        if entries.count > maximumEntries { entries.removeFirst(entries.count - maximumEntries) }
        let needsSave = fileURL != nil && !saveScheduled
        if needsSave { saveScheduled = true }
        lock.unlock()
        // Saving is batched: many quick cells cost one write, and no reply waits for the disk.
        if needsSave {
            saver.asyncAfter(deadline: .now() + 0.2) { [weak self] in self?.saveNow() }
        }
    }

    /// Writes the file now (also called at shutdown).
    public func saveNow() {
        guard let fileURL else { return }
        lock.lock()
        let snapshot = entries
        saveScheduled = false
        lock.unlock()
        do {
            try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(HistoryStore.encode(snapshot)).write(to: fileURL, options: .atomic)
        } catch {
            log("history: could not write \(fileURL.path): \(error)")
        }
    }

    /// The last `n` entries, oldest first.
    public func tail(_ n: Int) -> [HistoryEntry] {
        lock.lock()
        defer { lock.unlock() }
        return Array(entries.suffix(max(0, n)))
    }

    /// Entries of `session` with `start <= line < stop` (stop nil: to the end). A session of
    /// 0 is the current one; a negative session counts back from it, as in IPython.
    public func range(session requested: Int, start: Int, stop: Int?) -> [HistoryEntry] {
        let target = requested <= 0 ? session + requested : requested
        lock.lock()
        defer { lock.unlock() }
        return entries.filter { entry in
            entry.session == target && entry.line >= start && (stop.map { entry.line < $0 } ?? true)
        }
    }

    /// Entries whose input matches the glob `pattern` as a whole; the last `n` of them when
    /// `n` is given, and only the latest of equal inputs when `unique`.
    public func search(_ pattern: String, n: Int?, unique: Bool) -> [HistoryEntry] {
        let glob = GlobPattern(pattern)
        lock.lock()
        var found = entries.filter { glob.matches($0.input) }
        lock.unlock()
        if unique {
            var seen = Set<String>()
            var kept: [HistoryEntry] = []
            for entry in found.reversed() where seen.insert(entry.input).inserted { kept.append(entry) }
            found = kept.reversed()
        }
        if let n { found = Array(found.suffix(max(0, n))) }
        return found
    }

    static func encode(_ entries: [HistoryEntry]) -> [UInt8] {
        let list: [JSON] = entries.map {
            ["session": .int($0.session), "line": .int($0.line), "input": .string($0.input),
             "output": $0.output.map { .string($0) } ?? .null]
        }
        let document: JSON = ["format": "stride-history", "version": 1, "entries": .array(list)]
        return document.serialized()
    }

    static func decode(_ data: Data) throws -> [HistoryEntry] {
        let document = try JSON.parse(Array(data))
        guard let list = document["entries"]?.arrayValue else {
            throw JSONParseError(offset: 0, reason: "expected an object with an 'entries' array")
        }
        return list.compactMap { item in
            guard let session = item["session"]?.intValue, let line = item["line"]?.intValue,
                  let input = item["input"]?.stringValue else { return nil }
            return HistoryEntry(session: session, line: line, input: input, output: item["output"]?.stringValue)
        }
    }
}
