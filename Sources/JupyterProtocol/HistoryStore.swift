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

/// The inputs of executed cells across kernel restarts, kept as IPython keeps them: an
/// SQLite database in the user's Jupyter data directory, appended to one row per cell.
///
/// - Nothing is loaded up front: the file is opened at the first use, and every request
///   is a query, so a long history costs a kernel no memory.
/// - Several kernels may use the file at once: each gets its own session number from the
///   database, SQLite's locks order their writes (WAL journal, a busy timeout), and a kill
///   mid-write leaves the last committed state and no temporary file.
/// - Bounded: an input or output longer than `maximumEntryBytes` is stored truncated, and
///   only the newest `maximumEntries` rows are kept.
///
/// All database work runs on one serial queue: appends do not make a cell wait for the disk,
/// and a query sees every append made before it. Problems with the file are logged and the
/// history is then kept in memory for this session; they are never fatal.
public final class HistoryStore: @unchecked Sendable {
    public let maximumEntries: Int
    public let maximumEntryBytes: Int
    private let fileURL: URL?
    private let log: (String) -> Void
    private let queue = DispatchQueue(label: "stride.history")
    // Owned by `queue`.
    private var database: SQLiteDatabase?
    private var sessionNumber = 0

    /// - Parameters:
    ///   - fileURL: where history persists; nil keeps it in memory only.
    ///   - maximumEntries: oldest entries beyond this are deleted.
    ///   - maximumEntryBytes: longer inputs and outputs are stored truncated to this many UTF-8 bytes.
    ///   - log: receives problems reading or writing the file.
    public init(fileURL: URL?, maximumEntries: Int = 10_000, maximumEntryBytes: Int = 64 << 10,
                log: @escaping (String) -> Void = { _ in }) {
        self.fileURL = fileURL
        self.maximumEntries = max(1, maximumEntries)
        self.maximumEntryBytes = max(64, maximumEntryBytes)
        self.log = log
    }

    /// `$JUPYTER_DATA_DIR/stride/history.sqlite`, else `$XDG_DATA_HOME/jupyter/...`, else
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
        return dataDirectory.appendingPathComponent("stride").appendingPathComponent("history.sqlite")
    }

    /// The session number of this kernel process, given by the database at the first use.
    public var session: Int {
        queue.sync { _ = openedDatabase(); return sessionNumber }
    }

    /// Records a cell of this session; written off the caller's thread.
    public func append(line: Int, input: String, output: String?) {
        let input = truncated(input)
        let output = output.map(truncated)
        queue.async { [self] in
            guard let db = openedDatabase() else { return }
            do {
                try db.query("INSERT OR REPLACE INTO history (session, line, input, output) VALUES (?, ?, ?, ?)",
                             [.int(sessionNumber), .int(line), .text(input), output.map { .text($0) } ?? .null])
                let newest = db.lastInsertedRowID
                if newest > maximumEntries {
                    try db.query("DELETE FROM history WHERE id <= ?", [.int(newest - maximumEntries)])
                }
            } catch {
                log("history: could not record line \(line): \(error)")
            }
        }
    }

    /// Waits until every append made so far is written.
    public func flush() { queue.sync {} }

    /// The last `n` entries, oldest first.
    public func tail(_ n: Int) -> [HistoryEntry] {
        entries("SELECT session, line, input, output FROM history ORDER BY id DESC LIMIT ?", [.int(max(0, n))])
            .reversed()
    }

    /// Entries of `session` with `start <= line < stop` (stop nil: to the end). A session of
    /// 0 is the current one; a negative session counts back from it, as in IPython.
    public func range(session requested: Int, start: Int, stop: Int?) -> [HistoryEntry] {
        queue.sync {
            guard openedDatabase() != nil else { return [] }
            let target = requested <= 0 ? sessionNumber + requested : requested
            return rows("SELECT session, line, input, output FROM history WHERE session = ? AND line >= ? AND line < ?"
                        + " ORDER BY line", [.int(target), .int(start), .int(stop ?? Int.max)])
        }
    }

    /// Entries whose input matches the glob `pattern` as a whole (SQLite's GLOB, as IPython
    /// searches); the last `n` of them when `n` is given, and only the latest of equal
    /// inputs when `unique`.
    public func search(_ pattern: String, n: Int?, unique: Bool) -> [HistoryEntry] {
        let matching = unique
            ? "id IN (SELECT max(id) FROM history WHERE input GLOB ? GROUP BY input)"
            : "input GLOB ?"
        // A negative LIMIT is no limit in SQLite.
        return entries("SELECT session, line, input, output FROM history WHERE \(matching) ORDER BY id DESC LIMIT ?",
                       [.text(pattern), .int(n.map { max(0, $0) } ?? -1)]).reversed()
    }

    /// `text`, or its longest prefix of whole characters within `maximumEntryBytes` and a note.
    private func truncated(_ text: String) -> String {
        let size = text.utf8.count
        guard size > maximumEntryBytes else { return text }
        var end = text.startIndex
        var used = 0
        for character in text {
            let width = character.utf8.count
            if used + width > maximumEntryBytes { break }
            used += width
            end = text.index(after: end)
        }
        return String(text[..<end]) + "\n… (truncated: \(size) bytes in all)"
    }

    private func entries(_ sql: String, _ parameters: [SQLiteDatabase.Value]) -> [HistoryEntry] {
        queue.sync {
            guard openedDatabase() != nil else { return [] }
            return rows(sql, parameters)
        }
    }

    /// Runs a query of (session, line, input, output) rows; on `queue`.
    private func rows(_ sql: String, _ parameters: [SQLiteDatabase.Value]) -> [HistoryEntry] {
        do {
            return try database?.query(sql, parameters).compactMap { row in
                guard let session = row[0].int, let line = row[1].int else { return nil }
                return HistoryEntry(session: session, line: line, input: row[2].text ?? "", output: row[3].text)
            } ?? []
        } catch {
            log("history: query failed: \(error)")
            return []
        }
    }

    /// The database, opened (and this session registered) at the first call; on `queue`.
    private func openedDatabase() -> SQLiteDatabase? {
        if let database { return database }
        if let fileURL {
            do {
                try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                database = try prepare(SQLiteDatabase(path: fileURL.path), persistent: true)
            } catch {
                log("history: cannot use \(fileURL.path) (\(error)); keeping this session's history in memory")
            }
        }
        if database == nil { database = try? prepare(SQLiteDatabase(path: ":memory:"), persistent: false) }
        return database
    }

    private func prepare(_ db: SQLiteDatabase, persistent: Bool) throws -> SQLiteDatabase {
        if persistent {
            // WAL lets one kernel read while another writes; NORMAL syncs at checkpoints,
            // which loses at most the last cells on a power cut, never the file.
            try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        }
        try db.execute("""
            CREATE TABLE IF NOT EXISTS sessions (session INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT);
            CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, session INTEGER NOT NULL,
                line INTEGER NOT NULL, input TEXT NOT NULL, output TEXT, UNIQUE (session, line));
            """)
        try db.query("INSERT INTO sessions (started) VALUES (?)", [.text(HeaderFactory.timestamp())])
        sessionNumber = db.lastInsertedRowID
        return db
    }
}
