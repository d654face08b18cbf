import XCTest
@testable import JupyterProtocol

final class GlobPatternTests: XCTestCase {
    /// Expectations from SQLite's GLOB (`SELECT 'text' GLOB 'pattern'`), which IPython's
    /// history search uses.
    func testMatchesLikeSQLiteGlob() {
        let table: [(String, String, Bool)] = [
            ("1 + 1", "1*", true), ("1 + 1", "*+*", true), ("1 + 1", "1?+?1", true), ("1 + 1", "1", false),
            ("print(x)", "print*", true), ("print(x)", "*print", false), ("Print", "print*", false),
            ("abc", "a[bx]c", true), ("abc", "a[!b]c", true), ("abc", "a[^b]c", false), ("]", "[]]", true), ("a", "[]a]", true), ("a-c", "a[a-z-]c", true), ("abc", "a[c-d]c", false),
            ("", "*", true), ("", "?", false), ("x", "", false), ("déjà vu", "d?j? *", true),
            ("aaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*c", false), ("[x", "[x", false),
        ]
        for (text, pattern, expected) in table {
            XCTAssertEqual(GlobPattern(pattern).matches(text), expected, "\(text.debugDescription) GLOB \(pattern.debugDescription)")
        }
    }
}

final class HistoryStoreTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stride-history-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    func testPersistsAcrossStoresAndNumbersSessions() throws {
        let file = directory.appendingPathComponent("stride/history.json")
        let first = HistoryStore(fileURL: file)
        XCTAssertEqual(first.session, 1)
        first.append(line: 1, input: "let x = 1", output: nil)
        first.append(line: 2, input: "x + 1", output: "2")
        first.saveNow()

        let second = HistoryStore(fileURL: file)
        XCTAssertEqual(second.session, 2)
        XCTAssertEqual(second.tail(5), [HistoryEntry(session: 1, line: 1, input: "let x = 1"),
                                        HistoryEntry(session: 1, line: 2, input: "x + 1", output: "2")])
        second.append(line: 1, input: "x * 3", output: "3")
        XCTAssertEqual(second.range(session: 0, start: 1, stop: nil).map(\.input), ["x * 3"])
        XCTAssertEqual(second.range(session: -1, start: 2, stop: 3).map(\.input), ["x + 1"])
        XCTAssertEqual(second.range(session: 1, start: 1, stop: 2).map(\.input), ["let x = 1"])
    }

    func testSavesInTheBackgroundWithoutBeingAsked() throws {
        let file = directory.appendingPathComponent("history.json")
        let store = HistoryStore(fileURL: file)
        store.append(line: 1, input: "1 + 1", output: "2")
        let deadline = Date(timeIntervalSinceNow: 5)
        while !FileManager.default.fileExists(atPath: file.path) && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(HistoryStore(fileURL: file).tail(1).map(\.input), ["1 + 1"])
    }

    func testUnreadableFileIsIgnoredAndReported() throws {
        let file = directory.appendingPathComponent("history.json")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: file)
        var messages: [String] = []
        let store = HistoryStore(fileURL: file, log: { messages.append($0) })
        XCTAssertEqual(store.session, 1)
        XCTAssertEqual(store.tail(10), [])
        XCTAssertEqual(messages.count, 1)
    }

    func testSearchWithGlobsUniqueAndLimit() {
        let store = HistoryStore(fileURL: nil)
        for (line, input) in ["1 + 1", "print(1)", "1 + 1", "12 * 2", "print(2)"].enumerated() {
            store.append(line: line + 1, input: input, output: nil)
        }
        XCTAssertEqual(store.search("1*", n: nil, unique: false).map(\.line), [1, 3, 4])
        XCTAssertEqual(store.search("1*", n: nil, unique: true).map(\.line), [3, 4])
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
                       "/d/stride/history.json")
        XCTAssertEqual(HistoryStore.defaultFileURL(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path,
                       "/x/jupyter/stride/history.json")
        XCTAssertEqual(HistoryStore.defaultFileURL(environment: ["HOME": "/h"]).path,
                       "/h/.local/share/jupyter/stride/history.json")
    }
}
