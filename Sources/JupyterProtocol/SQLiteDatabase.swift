import CSQLite
import Foundation

/// A failed SQLite call, with SQLite's own message.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite connection, used by one thread at a time (the history store's queue), with
/// just what the history needs: run statements with bound text and integers, read rows.
final class SQLiteDatabase {
    /// A value bound to a `?` of a statement, or read from a column.
    enum Value: Equatable {
        case int(Int)
        case text(String)
        case null

        var int: Int? { if case .int(let v) = self { return v } else { return nil } }
        var text: String? { if case .text(let v) = self { return v } else { return nil } }
    }

    private var handle: OpaquePointer?

    /// Opens (creating) the database at `path`; ":memory:" is a private in-memory one.
    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            handle = nil
            throw SQLiteError(code: rc, message: message)
        }
        // Another kernel writing the same file holds its lock for a moment; wait for it
        // rather than failing.
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit { sqlite3_close(handle) }

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "failed"
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    /// Runs `sql` with `parameters` bound in order; returns every row it yields.
    @discardableResult
    func query(_ sql: String, _ parameters: [Value] = []) throws -> [[Value]] {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil))
        defer { sqlite3_finalize(statement) }
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            switch parameter {
            case .int(let value): try check(sqlite3_bind_int64(statement, position, Int64(value)))
            case .text(let value):
                // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                // The length in bytes, so text with a NUL inside is kept whole.
                try check(sqlite3_bind_text64(statement, position, value, sqlite3_uint64(value.utf8.count), transient,
                                              UInt8(SQLITE_UTF8)))
            case .null: try check(sqlite3_bind_null(statement, position))
            }
        }
        var rows: [[Value]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { try check(rc); return rows }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: return .int(Int(sqlite3_column_int64(statement, column)))
                case SQLITE_NULL: return .null
                default:
                    guard let text = sqlite3_column_text(statement, column) else { return .null }
                    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
                    return .text(String(decoding: bytes, as: UTF8.self))
                }
            })
        }
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
        }
    }
}
