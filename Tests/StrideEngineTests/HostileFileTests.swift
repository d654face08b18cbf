import Foundation
import XCTest
@testable import StrideEngine

/// Files that a hostile or mistaken user points the readers at: a named pipe, a device, a
/// directory, a PNG or gzip file that asks for gigabytes, a CSV file whose labels ask for
/// billions of classes. Each is refused with the right error kind before anything large is
/// allocated and without waiting.
final class HostileFileTests: XCTestCase {
    /// Runs `body` with the engine's memory limit set to `bytes`.
    private func withMemoryLimit<T>(_ bytes: Int, _ body: () throws -> T) rethrows -> T {
        let saved = EngineLimits.maximumTensorBytes
        EngineLimits.maximumTensorBytes = bytes
        defer { EngineLimits.maximumTensorBytes = saved }
        return try body()
    }

    private func assertMemoryError<T>(_ body: @autoclosure () throws -> T, _ fragment: String = "",
                                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual((error as? EngineError)?.kind, "MemoryError", "\(error)", file: file, line: line)
            XCTAssertTrue(fragment.isEmpty || "\(error)".contains(fragment), "\(error)", file: file, line: line)
        }
    }

    /// The largest resident size this process has had, in KiB.
    private func peakResidentKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    func testNonRegularFilesAreRefusedWithoutBlocking() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let fifo = directory + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // Should a read block on the pipe after all, a writer arrives later and ends it, so the
        // test fails on the missing error instead of hanging.
        let rescue = DispatchWorkItem {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 5, execute: rescue)
        defer { rescue.cancel() }
        for path in [fifo, "/dev/null", directory] {
            let readers: [(String, () throws -> Any)] = [
                ("readAll", { try PosixFile.readAll(path) }),
                ("loadTensors", { try loadTensors(path) }),
                ("IDX", { try IDX.read(path) }),
                ("PNG", { try PNGDecoder.decode(file: path) }),
                ("CSV", { try Dataset.csv(path) }),
                ("gzip", { try Inflate.gunzipFile(path) }),
            ]
            for (name, read) in readers {
                XCTAssertThrowsError(try read(), "\(name) of \(path)") { error in
                    XCTAssertTrue("\(error)".contains("\(path): not a regular file"), "\(name): \(error)")
                }
            }
        }
        XCTAssertThrowsError(try PosixFile.readAll(fifo)) { error in
            XCTAssertEqual(error as? DataError, DataError(.unreadable, path: fifo, "not a regular file (a named pipe)"))
        }
    }

    func testAFileLargerThanTheMemoryLimitIsNotRead() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/sparse.safetensors"
        // A sparse file: 64 GiB long, no blocks on disk.
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        XCTAssertEqual(truncate(path, 64 << 30), 0)
        let before = peakResidentKiB()
        try withMemoryLimit(1 << 30) { assertMemoryError(try loadTensors(path), "the file \(path) of 64.0 GiB") }
        XCTAssertLessThan(peakResidentKiB() - before, 256 << 10, "nothing near 64 GiB was allocated")
    }

    func testGzipBombIsAMemoryError() throws {
        // 24 MiB of zeros compress to about 24 KiB.
        let bomb = try DataFixtures.gzip([UInt8](repeating: 0, count: 24 << 20))
        XCTAssertLessThan(bomb.count, 1 << 20)
        let directory = try DataFixtures.temporaryDirectory(self)
        try DataFixtures.write(bomb, to: directory + "/bomb.gz")
        try withMemoryLimit(8 << 20) {
            assertMemoryError(try Inflate.gunzipFile(directory + "/bomb.gz"), "the decompressed data of \(directory)/bomb.gz")
            assertMemoryError(try Inflate.gunzip(bomb))
            // Each byte of an IDX file becomes a 4-byte float: a quarter of the limit is the most.
            assertMemoryError(try IDX.read(directory + "/bomb.gz"))
        }
        // Under a limit it fits, the same file decompresses whole.
        XCTAssertEqual(try withMemoryLimit(32 << 20) { try Inflate.gunzipFile(directory + "/bomb.gz").count }, 24 << 20)
    }

    func testGzipOfExactlyTheLimitDecompresses() throws {
        let data = [UInt8](repeating: 7, count: 100_000)
        let compressed = try DataFixtures.gzip(data)
        XCTAssertEqual(try Inflate.gunzip(compressed, limit: 100_000), data)
        XCTAssertThrowsError(try Inflate.gunzip(compressed, limit: 99_999))
    }

    /// A PNG whose header asks for `width`×`height` RGBA pixels of 16 bits, with a few stored
    /// bytes of image data: about 100 bytes in all.
    private func tinyPNG(width: UInt32, height: UInt32) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            // The CRC of the PNG specification (ISO 3309), bit by bit.
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let body = Array(type.utf8) + data
            png += be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        chunk("IHDR", be32(width) + be32(height) + [16, 6, 0, 0, 0])
        // A zlib stream of one stored block of 8 zero bytes (then its Adler-32, which is 8 for zeros).
        chunk("IDAT", [0x78, 0x01, 0x01, 8, 0, 0xF7, 0xFF] + [UInt8](repeating: 0, count: 8) + be32(8 << 16 | 1))
        chunk("IEND", [])
        return png
    }

    func testATinyPNGAskingForGigabytesAllocatesNothingLarge() throws {
        let png = tinyPNG(width: 16384, height: 16384)   // 2^28 pixels × 8 bytes: 2 GiB of rows
        XCTAssertLessThan(png.count, 100)
        let before = peakResidentKiB()
        XCTAssertThrowsError(try PNGDecoder.decode(png, path: "bomb.png")) { error in
            XCTAssertEqual((error as? DataError)?.kind, .truncated, "\(error)")
        }
        XCTAssertLessThan(peakResidentKiB() - before, 256 << 10, "the 2 GiB the header claims were not reserved")
        try withMemoryLimit(64 << 20) { assertMemoryError(try PNGDecoder.decode(png, path: "bomb.png"), "16384×16384 image bomb.png") }
    }

    func testCSVLabelsAskingForBillionsOfClassesAreAMemoryError() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/labels.csv"
        try DataFixtures.write(Array("1,2,0\n3,4,2000000000\n".utf8), to: path)
        let before = peakResidentKiB()
        // Two billion names would take 32 GB; refused whatever this machine's limit (a quarter of memory).
        try withMemoryLimit(1 << 30) { assertMemoryError(try Dataset.csv(path), "class names 0...2000000000") }
        XCTAssertLessThan(peakResidentKiB() - before, 256 << 10)
        try DataFixtures.write(Array("1,2,0\n3,4,\(Int.max)\n".utf8), to: path)
        assertMemoryError(try Dataset.csv(path), "too large to count")
        // A label within reason still names every class up to it.
        try DataFixtures.write(Array("1,2,0\n3,4,12\n".utf8), to: path)
        XCTAssertEqual(try Dataset.csv(path).classes.count, 13)
    }

    func testIDXDimensionsHiddenBehindAZeroAreRefused() throws {
        // [0, 2^32-1, 2^32-1, 2^32-1]: no elements, but a sample of 2^96 values.
        var bytes: [UInt8] = [0, 0, 0x08, 4, 0, 0, 0, 0]
        for _ in 0..<3 { bytes += [0xFF, 0xFF, 0xFF, 0xFF] }
        DataFixtures.assertError(try IDX.parse(bytes, path: "z.idx"), .malformed,
                                 "z.idx: IDX dimensions [0, 4294967295, 4294967295, 4294967295] are too large")
    }

    func testReadsStopWhenAsked() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/big.csv"
        try DataFixtures.write(Array(String(repeating: "1,2,3\n", count: 100_000).utf8), to: path)
        let gz = directory + "/big.csv.gz"
        try DataFixtures.write(try DataFixtures.gzip(Array(String(repeating: "1,2,3\n", count: 100_000).utf8)), to: gz)
        for file in [path, gz] {
            // Stop from the third poll on: past the read, inside the parse of the rows.
            let check = CancellationTests.CountingCheck(after: 3)
            XCTAssertThrowsError(try EngineCancellation.whileRunning(check: { check() }) { try Dataset.csv(file) }) { error in
                XCTAssertEqual((error as? EngineError)?.kind, "Interrupted", "\(error)")
            }
            XCTAssertEqual(try Dataset.csv(file).count, 100_000)
        }
    }
}
