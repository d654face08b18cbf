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
        let (descriptor, _) = try PosixFile.openForReading(path)
        defer { close(descriptor) }
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 2) }
        return count == 2 && isGzip(magic)
    }

    /// The most bytes a stream may decompress to: `maximumOutput`, or less when the engine's
    /// memory limit is lower, so that a gzip bomb is a `MemoryError` and not an exhausted machine.
    public static var outputLimit: Int { min(maximumOutput, EngineLimits.maximumTensorBytes) }

    /// Decompresses the gzip file at `path`, reading it in chunks so that the compressed file is
    /// never held in memory whole. `limit` bounds the output (a caller that turns each byte into
    /// a 4-byte float passes a quarter of the memory limit); the gzip trailer's size, when it
    /// already exceeds it, refuses the file before anything is decompressed.
    public static func gunzipFile(_ path: String, limit: Int = outputLimit) throws -> [UInt8] {
        let (descriptor, fileSize) = try PosixFile.openForReading(path)
        defer { close(descriptor) }
        let hint = try sizeHint(descriptor: descriptor, fileSize: fileSize)
        if hint > limit { throw Inflater.tooLarge(path: path, limit: limit) }
        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let inflater = try Inflater(.gzip, path: path, capacity: hint, limit: limit)
        while true {
            try EngineCancellation.checkpoint()
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
    public static func gunzip(_ bytes: [UInt8], path: String? = nil, limit: Int = outputLimit) throws -> [UInt8] {
        let inflater = try Inflater(.gzip, path: path, capacity: min(bytes.count, 1 << 28) * 4, limit: limit)
        try inflater.feed(bytes)
        return try inflater.finish()
    }

    /// Decompresses a zlib stream held in memory; `path` only names the source in errors.
    /// With `expectedSize` (a PNG's pixel rows), the output stops there: the buffer never
    /// grows past what the caller needs, whatever the compressed data or a header claims.
    public static func zlibDecompress(_ bytes: [UInt8], path: String? = nil, expectedSize: Int? = nil) throws -> [UInt8] {
        // Reserved ahead: what is expected, but never more than the data can expand to.
        let reach = min(bytes.count, Int.max / maximumRatio) * maximumRatio
        let inflater = try Inflater(.zlib, path: path, capacity: min(expectedSize ?? min(bytes.count, 1 << 28) * 4, reach),
                                    limit: expectedSize ?? outputLimit, stopAtLimit: expectedSize != nil)
        try inflater.feed(bytes)
        return try inflater.finish()
    }

    /// DEFLATE's largest expansion: one 258-byte match per 2 bits at best, about 1032 to 1.
    static let maximumRatio = 1032

    /// The uncompressed size of the last gzip member (its ISIZE trailer, the size mod 2^32),
    /// used only to reserve the output buffer once.
    private static func sizeHint(descriptor: Int32, fileSize: Int) throws -> Int {
        guard fileSize >= 18 else { return 1 << 16 }
        var trailer: [UInt8] = [0, 0, 0, 0]
        let count = trailer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, 4, off_t(fileSize - 4)) }
        guard count == 4 else { return 1 << 16 }
        let size = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
        // A corrupt trailer must not make us reserve absurd amounts: DEFLATE expands at most ~1032×.
        return max(1 << 16, min(size, fileSize * maximumRatio))
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
    /// The most bytes this session produces.
    private let limit: Int
    /// At the limit, stop (the caller needs no more) rather than refuse.
    private let stopAtLimit: Bool
    private var stoppedAtLimit = false
    /// Compressed bytes fed so far: the output reserved ahead never exceeds what they can
    /// expand to, so a 100-byte stream never reserves gigabytes whatever it claims.
    private var consumed = 0

    init(_ wrapper: Inflate.Wrapper, path: String?, capacity: Int, limit: Int, stopAtLimit: Bool = false) throws {
        self.wrapper = wrapper
        self.path = path
        self.limit = min(max(limit, 0), Int.max - 1)
        self.stopAtLimit = stopAtLimit
        output = [UInt8](repeating: 0, count: max(1, min(capacity, self.limit + 1)))
        let status = inflateInit2_(&stream, wrapper.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DataError(.unreadable, path: path, "zlib could not start (status \(status))")
        }
    }

    deinit { inflateEnd(&stream) }

    /// The refusal of a stream whose output would exceed `limit` bytes.
    static func tooLarge(path: String?, limit: Int) -> EngineError {
        EngineError.memory(requestedBytes: limit + 1, limitBytes: limit,
                           what: "the decompressed data\(path.map { " of \($0)" } ?? "")")
    }

    /// Inflates bytes held in memory, a piece at a time so that a stop request is heard.
    func feed(_ bytes: [UInt8]) throws {
        var start = 0
        repeat {
            try EngineCancellation.checkpoint()
            let end = min(bytes.count, start + (1 << 18))
            try bytes.withUnsafeBytes { try feed(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            start = end
        } while start < bytes.count && !stoppedAtLimit
    }

    /// Inflates one piece of input.
    func feed(_ input: UnsafeRawBufferPointer) throws {
        guard input.count > 0, !stoppedAtLimit else { return }
        consumed += input.count
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
                if produced > limit || (produced == limit && stopAtLimit) {
                    if stopAtLimit { stoppedAtLimit = true; return }
                    throw Inflater.tooLarge(path: path, limit: limit)
                }
                if produced == output.count {
                    // Grow by doubling, but never past one byte over the limit (which tells a
                    // stream of exactly `limit` bytes from a longer one) nor past what the input
                    // so far can expand to: the stream may still end well short of either.
                    let reach = consumed.multipliedReportingOverflow(by: Inflate.maximumRatio)
                    let bound = min(limit + 1, reach.overflow ? Int.max : max(reach.partialValue, output.count + 1024))
                    output.append(contentsOf: repeatElement(0, count: max(1, min(output.count, bound - output.count))))
                    try EngineCancellation.checkpoint()
                }
                let status: Int32 = output.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress! + produced
                    stream.avail_out = UInt32(min(buffer.count - produced, Int(UInt32.max)))
                    let before = Int(stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += before - Int(stream.avail_out)
                    return status
                }
                if produced > limit && !stopAtLimit { throw Inflater.tooLarge(path: path, limit: limit) }
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
        if stoppedAtLimit { output.removeLast(output.count - produced); return output }
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
