import Foundation
import XCTest
@testable import StrideEngine
import StrideFiles

/// Saves go through one writer (StrideFiles.AtomicFile): through symlinks, keeping the
/// file's mode, refusing what is not a regular file, never leaving a temporary file behind.
final class AtomicFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "stride-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        return info.st_mode & 0o7777
    }

    func testASaveThroughASymlinkReplacesTheFileItPointsTo() throws {
        let real = directory + "/real.safetensors", link = directory + "/link.safetensors"
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.safetensors")
        try saveTensors(["w": Tensor([1, 2, 3])], to: link)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real.safetensors")
        XCTAssertEqual(try loadTensors(link)["w"]?.scalars, [1, 2, 3])
        XCTAssertEqual(try loadTensors(real)["w"]?.scalars, [1, 2, 3])
        XCTAssertEqual(try names(), ["link.safetensors", "real.safetensors"])
    }

    func testADanglingSymlinkCreatesItsTarget() throws {
        let link = directory + "/link.png"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory + "/made.png")
        try AtomicFile.write([1, 2, 3], to: link)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/made.png")), Data([1, 2, 3]))
        XCTAssertEqual(try names(), ["link.png", "made.png"])
    }

    func testAnExistingFileKeepsItsMode() throws {
        let path = directory + "/private.safetensors"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(chmod(path, 0o600), 0)
        try saveTensors(["w": Tensor([4])], to: path)
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try AtomicFile.write([9], to: path)
        XCTAssertEqual(mode(path), 0o640)
    }

    func testANewFileGetsTheUmasksMode() throws {
        let old = umask(0o027)
        defer { umask(old) }
        let path = directory + "/new.bin"
        try AtomicFile.write([1], to: path)
        XCTAssertEqual(mode(path), 0o640)
    }

    /// A character device to save onto: as root a private node like /dev/full's (a regression
    /// then replaces that node, never the machine's /dev/full); else /dev/full itself.
    private func device() -> String {
        guard geteuid() == 0 else { return "/dev/full" }
        let path = directory + "/full"
        XCTAssertEqual(mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | 7)), 0)  // makedev(1, 7), as glibc encodes it
        return path
    }

    func testNonRegularTargetsAreRefusedAndLeftAlone() throws {
        let device = device()
        for target in [device, directory!] {
            XCTAssertThrowsError(try AtomicFile.write([1, 2], to: target)) { error in
                XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
            }
        }
        var info = stat()
        XCTAssertEqual(stat(device, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "the device is still a device")
        let fifo = directory + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try saveTensors(["w": Tensor([1])], to: fifo)) { error in
            XCTAssertTrue("\(error)".contains("not a regular file (a named pipe)"), "\(error)")
        }
        XCTAssertEqual(try names().filter { $0 != "full" }, ["pipe"], "no temporary file is left")
    }

    func testAFailedWriteRemovesItsTemporaryFile() throws {
        let path = directory + "/stopped.bin"
        struct Stop: Error {}
        var calls = 0
        XCTAssertThrowsError(try AtomicFile.write([UInt8](repeating: 7, count: 3 * AtomicFile.piece), to: path) {
            calls += 1
            if calls == 2 { throw Stop() }
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try names(), [])
    }

    func testATemporaryFileOfAKilledWriterIsRemovedByTheNextSave() throws {
        // A process that has ended: a child that exits at once.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let abandoned = directory + "/.weights.safetensors.stride-\(dead)-1f.tmp"
        let running = directory + "/.weights.safetensors.stride-\(getppid())-2f.tmp"
        let unrelated = directory + "/.other.safetensors.stride-\(dead)-3f.tmp"
        for path in [abandoned, running, unrelated] {
            try Data(count: 10).write(to: URL(fileURLWithPath: path))
        }
        try saveTensors(["w": Tensor([1])], to: directory + "/weights.safetensors")
        XCTAssertEqual(try names(), [".other.safetensors.stride-\(dead)-3f.tmp",
                                     ".weights.safetensors.stride-\(getppid())-2f.tmp", "weights.safetensors"])
    }
}
