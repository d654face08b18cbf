import StrideFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes through POSIX calls, with errors that name the file.
enum PosixFile {
    /// Reads the whole file at `path`, in pieces so that a stop request ends a long read; a
    /// file larger than the engine's memory limit is refused before anything is allocated.
    static func readAll(_ path: String) throws -> [UInt8] {
        let (descriptor, size) = try openForReading(path)
        defer { close(descriptor) }
        try EngineLimits.checkAllocation(count: size, bytesEach: 1, what: "the file \(path)")
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                try EngineCancellation.checkpoint()
                let got = read(descriptor, buffer.baseAddress! + filled, Swift.min(size - filled, readPiece))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw DataError(.unreadable, path: path, "read failed (\(errnoText()))")
                }
                if got == 0 { break }
                filled += got
            }
        }
        // The file may shrink while being read; keep what was there.
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    /// Bytes read between two polls of the stop request (a few milliseconds from disk).
    static let readPiece = 1 << 22

    /// Opens the regular file `path` read-only and returns it with its size. Anything else
    /// (a directory, a named pipe, a device) is refused as "not a regular file" without
    /// waiting: the open does not block (`O_NONBLOCK`, which would otherwise wait for a
    /// writer on a FIFO), and the type is read from the opened descriptor, so the file that
    /// was checked is the file that is read.
    static func openForReading(_ path: String) throws -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if descriptor < 0 {
            if errno == ENOENT { throw DataError(.notFound, path: path, "no such file") }
            throw DataError(.unreadable, path: path, "cannot open (\(errnoText()))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let text = errnoText()
            close(descriptor)
            throw DataError(.unreadable, path: path, "cannot read file status (\(text))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw DataError(.unreadable, path: path, "not a regular file (\(fileTypeName(info.st_mode)))")
        }
        // Reads of a regular file never block; clearing the flag keeps them plain all the same.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, Int(info.st_size))
    }

    /// What a file of mode `mode` is, for the refusal of anything but a regular file.
    static func fileTypeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }

    /// Writes `bytes` to `path` through the one atomic writer (StrideFiles.AtomicFile: whole
    /// or not at all, through symlinks, keeping the file's mode, regular files only); a stop
    /// request ends a long write and leaves the old file as it was.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path, checkpoint: EngineCancellation.checkpoint)
        } catch let error as FileWriteError {
            throw DataError(.writeFailed, path: path, error.reason)
        }
    }

    /// True when `path` names an existing regular file.
    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// True when `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory (without `.` and `..`), sorted by their bytes.
    static func listDirectory(_ path: String) throws -> [String] {
        guard let handle = opendir(path) else {
            if errno == ENOENT { throw DataError(.notFound, path: path, "no such directory") }
            throw DataError(.unreadable, path: path, "cannot list the directory (\(errnoText()))")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The directory part of `path` ("." when there is none).
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The text of the current `errno`.
    static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
