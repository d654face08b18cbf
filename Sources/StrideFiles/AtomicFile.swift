#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written; the message names the file.
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// The one way Stride writes a file (saved weights and checkpoints, pictures of `stride run`,
/// the kernelspec): the file is either whole or as it was, never torn.
///
/// - The bytes go to a temporary file next to the target, are flushed to disk, and the
///   temporary file is renamed over the target.
/// - A symbolic link is written through: the file it points to is replaced, the link stays.
/// - An existing file keeps its permission bits (and, when allowed, its owner); a new file
///   gets 0666 less the umask, as any program's new file does.
/// - Only regular files are replaced: a directory, a device (`/dev/full`), a pipe or a
///   socket at the path is refused, so running as root never turns a device into a file.
/// - The temporary file is removed when anything fails; one left by a process that was
///   killed mid-write (its name holds the writer's pid) is removed by the next save of the
///   same file.
public enum AtomicFile {
    /// Writes `bytes` to `path`; `checkpoint` runs between pieces and may throw to stop.
    public static func write(_ bytes: [UInt8], to path: String,
                             checkpoint: () throws -> Void = {}) throws {
        let target = try resolvingLinks(path)
        let (directory, base) = split(target)
        guard !base.isEmpty, base != ".", base != ".." else {
            throw FileWriteError(path: path, reason: "the path names a directory, not a file")
        }
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists && (existing.st_mode & S_IFMT) != S_IFREG {
            throw FileWriteError(path: path, reason: "not a regular file (\(typeName(existing.st_mode)))")
        }
        removeAbandonedTemporaries(of: base, in: directory)
        var temporary = ""
        var descriptor: Int32 = -1
        // O_EXCL: never someone else's file; a name taken by a concurrent save is retried.
        for _ in 0..<8 where descriptor < 0 {
            temporary = directory + "/" + temporaryPrefix(of: base) + "\(getpid())-\(uniqueSuffix()).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if descriptor < 0 && errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: "cannot create a file in \(directory) (\(errnoText()))")
        }
        do {
            defer { close(descriptor) }
            if exists {
                // The owner first: fchown may clear set-id bits, which the mode then restores.
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else {
                    throw FileWriteError(path: path, reason: "cannot keep the file's mode (\(errnoText()))")
                }
            }
            try writeAll(bytes, to: descriptor, path: path, checkpoint: checkpoint)
            guard fsync(descriptor) == 0 else {
                throw FileWriteError(path: path, reason: "flushing to disk failed (\(errnoText()))")
            }
            try checkpoint()
            guard rename(temporary, target) == 0 else {
                throw FileWriteError(path: path, reason: "cannot replace the file (\(errnoText()))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; a failure here leaves a complete file, so it is ignored.
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The bytes written between two checkpoints.
    public static let piece = 1 << 22

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String,
                                 checkpoint: () throws -> Void) throws {
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                try checkpoint()
                let count = Glibc.write(descriptor, buffer.baseAddress! + written, min(buffer.count - written, piece))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: path, reason: "write failed (\(errnoText()))")
                }
                written += count
            }
        }
    }

    /// `path` with every symbolic link at its end followed (a dangling link gives the path
    /// it points to, which the write then creates). Links inside the directory part are
    /// followed by the system as usual.
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw FileWriteError(path: path, reason: "cannot read the link (\(errnoText()))") }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : split(current).directory + "/" + destination
        }
        throw FileWriteError(path: path, reason: "too many levels of symbolic links")
    }

    /// Temporary files of `base` in `directory` whose writer is no longer running: removed.
    static func removeAbandonedTemporaries(of base: String, in directory: String) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        let prefix = temporaryPrefix(of: base)
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]) else { continue }
            // A writer still running (this process included) owns its file.
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    private static func temporaryPrefix(of base: String) -> String { ".\(base).stride-" }

    private static func uniqueSuffix() -> String {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        counter &+= 1
        return String(UInt64(time.tv_nsec) &+ UInt64(counter) &* 7919, radix: 16)
    }

    private nonisolated(unsafe) static var counter: UInt64 = 0

    /// The directory and the last component of `path` ("." when there is no directory).
    static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let base = String(path[path.index(after: slash)...])
        if slash == path.startIndex { return ("/", base) }
        return (String(path[..<slash]), base)
    }

    static func typeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
