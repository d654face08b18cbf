import Foundation
import XCTest
@testable import JupyterProtocol

final class HistoryStoreTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stride-history-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// Expectations from SQLite's GLOB (`SELECT 'text' GLOB 'pattern'` in the sqlite3 shell),
    /// which IPython's history search uses and the store's search runs.
    func testSearchMatchesLikeSQLiteGlob() {
        let table: [(String, String, Bool)] = [
            ("1 + 1", "1*", true), ("1 + 1", "*+*", true), ("1 + 1", "1?+?1", true), ("1 + 1", "1", false),
            ("print(x)", "print*", true), ("print(x)", "*print", false), ("Print", "print*", false),
            ("abc", "a[bx]c", true), ("abc", "a[!b]c", true), ("abc", "a[^b]c", false), ("]", "[]]", true),
            ("a", "[]a]", true), ("a-c", "a[a-z-]c", true), ("abc", "a[c-d]c", false),
            ("", "*", true), ("", "?", false), ("x", "", false), ("déjà vu", "d?j? *", true),
            ("aaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*c", false), ("[x", "[x", false),
        ]
        for (text, pattern, expected) in table {
            let store = HistoryStore(fileURL: nil)
            store.append(line: 1, input: text, output: nil)
            XCTAssertEqual(store.search(pattern, n: nil, unique: false).count, expected ? 1 : 0,
                           "\(text.debugDescription) GLOB \(pattern.debugDescription)")
        }
    }

    func testPersistsAcrossStoresAndNumbersSessions() throws {
        let file = directory.appendingPathComponent("stride/history.sqlite")
        let first = HistoryStore(fileURL: file)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path), "nothing is opened before the first use")
        XCTAssertEqual(first.session, 1)
        first.append(line: 1, input: "let x = 1", output: nil)
        first.append(line: 2, input: "x + 1", output: "2")
        first.flush()   // appends are written off the caller's thread

        let second = HistoryStore(fileURL: file)
        XCTAssertEqual(second.session, 2)
        XCTAssertEqual(second.tail(5), [HistoryEntry(session: 1, line: 1, input: "let x = 1"),
                                        HistoryEntry(session: 1, line: 2, input: "x + 1", output: "2")])
        second.append(line: 1, input: "x * 3", output: "3")
        XCTAssertEqual(second.range(session: 0, start: 1, stop: nil).map(\.input), ["x * 3"])
        XCTAssertEqual(second.range(session: -1, start: 2, stop: 3).map(\.input), ["x + 1"])
        XCTAssertEqual(second.range(session: 1, start: 1, stop: 2).map(\.input), ["let x = 1"])
    }

    func testTwoKernelsAtOnceKeepEveryEntry() throws {
        let file = directory.appendingPathComponent("history.sqlite")
        let stores = [HistoryStore(fileURL: file), HistoryStore(fileURL: file)]
        let sessions = stores.map(\.session)
        XCTAssertEqual(Set(sessions).count, 2, "each kernel gets its own session")
        DispatchQueue.concurrentPerform(iterations: 2) { which in
            for line in 1...200 { stores[which].append(line: line, input: "kernel \(which) cell \(line)", output: nil) }
            stores[which].flush()
        }
        let reader = HistoryStore(fileURL: file)
        for (which, session) in sessions.enumerated() {
            XCTAssertEqual(reader.range(session: session, start: 1, stop: nil).map(\.input),
                           (1...200).map { "kernel \(which) cell \($0)" })
        }
        XCTAssertEqual(reader.tail(1000).count, 400)
    }

    func testLongEntriesAreStoredTruncated() {
        let store = HistoryStore(fileURL: nil, maximumEntryBytes: 1000)
        let input = String(repeating: "é", count: 600)           // 1200 UTF-8 bytes
        store.append(line: 1, input: input, output: String(repeating: "x", count: 5000))
        store.append(line: 2, input: "short", output: "ok")
        let entries = store.tail(2)
        XCTAssertEqual(entries[0].input, String(repeating: "é", count: 500) + "\n… (truncated: 1200 bytes in all)")
        XCTAssertEqual(entries[0].output, String(repeating: "x", count: 1000) + "\n… (truncated: 5000 bytes in all)")
        XCTAssertEqual(entries[1], HistoryEntry(session: store.session, line: 2, input: "short", output: "ok"))
    }

    func testUnusableFileIsReportedAndHistoryKeptInMemory() throws {
        let file = directory.appendingPathComponent("history.sqlite")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{not a database, but long enough to have a header of sorts}".utf8).write(to: file)
        let messages = LogLines()
        let store = HistoryStore(fileURL: file, log: messages.append)
        store.append(line: 1, input: "1 + 1", output: "2")
        XCTAssertEqual(store.tail(10).map(\.input), ["1 + 1"])
        XCTAssertEqual(messages.lines.count, 1)
        XCTAssertTrue(messages.lines[0].contains("keeping this session's history in memory"), messages.lines[0])
    }

    func testSearchWithGlobsUniqueAndLimit() {
        let store = HistoryStore(fileURL: nil)
        for (line, input) in ["1 + 1", "print(1)", "1 + 1", "12 * 2", "print(2)"].enumerated() {
            store.append(line: line + 1, input: input, output: nil)
        }
        XCTAssertEqual(store.search("1*", n: nil, unique: false).map(\.line), [1, 3, 4])
        XCTAssertEqual(store.search("1*", n: nil, unique: true).map(\.line), [3, 4])
        XCTAssertEqual(store.search("1*", n: 1, unique: true).map(\.line), [4])
        XCTAssertEqual(store.search("print(?)", n: 1, unique: false).map(\.input), ["print(2)"])
        XCTAssertEqual(store.search("nothing*", n: 3, unique: false), [])
    }

    func testKeepsOnlyTheNewestEntries() {
        let store = HistoryStore(fileURL: nil, maximumEntries: 3)
        for line in 1...5 { store.append(line: line, input: "cell \(line)", output: nil) }
        XCTAssertEqual(store.tail(10).map(\.line), [3, 4, 5])
    }

    func testDefaultLocationFollowsJupyterDataDir() {
        XCTAssertEqual(HistoryStore.defaultFileURL(environment: ["JUPYTER_DATA_DIR": "/d", "HOME": "/h"]).path,
                       "/d/stride/history.sqlite")
        XCTAssertEqual(HistoryStore.defaultFileURL(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path,
                       "/x/jupyter/stride/history.sqlite")
        XCTAssertEqual(HistoryStore.defaultFileURL(environment: ["HOME": "/h"]).path,
                       "/h/.local/share/jupyter/stride/history.sqlite")
    }
}

/// Log lines collected from the store's queue.
private final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return collected }
    func append(_ line: String) { lock.lock(); collected.append(line); lock.unlock() }
}
