import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decompression of gzip files and zlib streams through the system zlib.
public enum Inflate {
    /// The most bytes one stream may decompress to, so that a corrupt or hostile file cannot
    /// exhaust memory (Fashion-MNIST's largest file decompresses to 47 MB).
    public static let maximumOutput = 1 << 32

    /// The container format around DEFLATE data.
    enum Wrapper {
        /// RFC 1952 gzip members (possibly several concatenated, as `gzip` allows).
        case gzip
        /// An RFC 1950 zlib stream (PNG's IDAT data).
        case zlib

        var windowBits: Int32 {
            switch self {
            case .gzip: return 16 + MAX_WBITS   // 16 asks zlib for the gzip wrapper
            case .zlib: return MAX_WBITS
            }
        }
    }

    /// True when `bytes` begin with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// True when the file at `path` begins with the gzip magic number.
    public static func isGzipFile(_ path: String) throws -> Bool {
        let descriptor = try PosixFile.openForReading(path)
        defer { close(descriptor) }
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 2) }
        return count == 2 && isGzip(magic)
    }

    /// Decompresses the gzip file at `path`, reading it in chunks so that the compressed file is
    /// never held in memory whole.
    public static func gunzipFile(_ path: String) throws -> [UInt8] {
        let descriptor = try PosixFile.openForReading(path)
        defer { close(descriptor) }
        var info = stat()
        let fileSize = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        let hint = try sizeHint(descriptor: descriptor, fileSize: fileSize)
        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let inflater = try Inflater(.gzip, path: path, capacity: hint)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(.unreadable, path: path, "read failed (\(PosixFile.errnoText()))")
            }
            if count == 0 { break }
            try chunk.withUnsafeBytes { try inflater.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return try inflater.finish()
    }

    /// Decompresses gzip data held in memory; `path` only names the source in errors.
    public static func gunzip(_ bytes: [UInt8], path: String? = nil) throws -> [UInt8] {
        let inflater = try Inflater(.gzip, path: path, capacity: bytes.count * 4)
        try bytes.withUnsafeBytes { try inflater.feed($0) }
        return try inflater.finish()
    }

    /// Decompresses a zlib stream held in memory; `path` only names the source in errors.
    public static func zlibDecompress(_ bytes: [UInt8], path: String? = nil, expectedSize: Int? = nil) throws -> [UInt8] {
        let inflater = try Inflater(.zlib, path: path, capacity: expectedSize ?? bytes.count * 4)
        try bytes.withUnsafeBytes { try inflater.feed($0) }
        return try inflater.finish()
    }

    /// The uncompressed size of the last gzip member (its ISIZE trailer, the size mod 2^32),
    /// used only to reserve the output buffer once.
    private static func sizeHint(descriptor: Int32, fileSize: Int) throws -> Int {
        guard fileSize >= 18 else { return 1 << 16 }
        var trailer: [UInt8] = [0, 0, 0, 0]
        let count = trailer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, 4, off_t(fileSize - 4)) }
        guard count == 4 else { return 1 << 16 }
        let size = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
        // A corrupt trailer must not make us reserve absurd amounts: DEFLATE expands at most ~1032×.
        return max(1 << 16, min(size, fileSize * 1032))
    }
}

/// One inflate session: input is fed in pieces, output accumulates in a growing buffer.
final class Inflater {
    private var stream = z_stream()
    private let wrapper: Inflate.Wrapper
    private let path: String?
    private var output: [UInt8]
    private var produced = 0
    private var ended = false        // the current member reached its end
    private var sawInput = false
    private var trailingGarbage = false

    init(_ wrapper: Inflate.Wrapper, path: String?, capacity: Int) throws {
        self.wrapper = wrapper
        self.path = path
        output = [UInt8](repeating: 0, count: min(max(capacity, 1024), Inflate.maximumOutput))
        let status = inflateInit2_(&stream, wrapper.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DataError(.unreadable, path: path, "zlib could not start (status \(status))")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates one piece of input.
    func feed(_ input: UnsafeRawBufferPointer) throws {
        guard input.count > 0 else { return }
        var offset = 0
        while offset < input.count {
            if ended {
                // More bytes after a complete stream: gzip allows another member; zeros are padding.
                let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                if wrapper == .gzip && rest.first == 0x1F {
                    inflateReset(&stream)
                    ended = false
                } else if rest.allSatisfy({ $0 == 0 }) {
                    return
                } else {
                    trailingGarbage = true
                    return
                }
            }
            sawInput = true
            let base = input.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(min(input.count - offset, Int(UInt32.max)))
            let given = Int(stream.avail_in)
            while stream.avail_in > 0 && !ended {
                if produced == output.count {
                    guard output.count < Inflate.maximumOutput else {
                        throw DataError(.unsupported, path: path, "the compressed data expands to more than \(Inflate.maximumOutput) bytes")
                    }
                    output.append(contentsOf: repeatElement(0, count: min(output.count, Inflate.maximumOutput - output.count)))
                }
                let status: Int32 = output.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress! + produced
                    stream.avail_out = UInt32(min(buffer.count - produced, Int(UInt32.max)))
                    let before = Int(stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += before - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible with this output space; the loop grows the buffer.
                    if stream.avail_out > 0 && stream.avail_in > 0 { throw corrupt("zlib made no progress") }
                case Z_STREAM_END:
                    ended = true
                case Z_DATA_ERROR:
                    throw corrupt(message() ?? "invalid compressed data")
                case Z_MEM_ERROR:
                    throw DataError(.unreadable, path: path, "zlib ran out of memory")
                default:
                    throw corrupt(message() ?? "zlib failed with status \(status)")
                }
            }
            offset += given - Int(stream.avail_in)
        }
    }

    /// Checks that the stream ended properly and returns everything produced.
    func finish() throws -> [UInt8] {
        let format = wrapper == .gzip ? "gzip" : "zlib"
        guard sawInput else { throw DataError(.truncated, path: path, "the \(format) data is empty") }
        guard ended else {
            throw DataError(.truncated, path: path, "the \(format) data ends before its end marker (truncated after \(produced) decompressed bytes)")
        }
        guard !trailingGarbage else {
            throw DataError(.malformed, path: path, "unexpected bytes after the end of the \(format) data")
        }
        output.removeLast(output.count - produced)
        return output
    }

    private func message() -> String? {
        stream.msg.map { String(cString: $0) }
    }

    private func corrupt(_ detail: String) -> DataError {
        let format = wrapper == .gzip ? "gzip" : "zlib"
        return DataError(.malformed, path: path, "corrupt \(format) data (\(detail))")
    }
}
