import Foundation

/// The contents of a safetensors file: named tensors converted to Float32, the element type
/// each had in the file, and the free-form `__metadata__` strings.
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors by name.
    public var tensors: [String: HostTensor]
    /// The element type each tensor had in the file.
    public var dtypes: [String: SafeTensorsDType]
    /// The `__metadata__` entries (empty when the file has none).
    public var metadata: [String: String]

    /// The tensor names in sorted order.
    public var names: [String] { tensors.keys.sorted() }
}

/// Reading and writing of the safetensors format (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length N, N bytes of JSON header
/// `{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}`,
/// then the tensors' raw little-endian bytes, offsets counted from the end of the header.
public enum SafeTensors {
    /// The largest header accepted, as in the reference implementation.
    public static let maximumHeaderSize = 100_000_000

    /// Reads and validates the file at `path`.
    public static func read(_ path: String) throws -> SafeTensorsFile {
        try parse(PosixFile.readAll(path), path: path)
    }

    /// Writes `tensors` to `path` atomically (whole or not at all). Each tensor is stored as
    /// F32 unless `dtypes` names another type for it; integer types require whole values.
    public static func write(_ tensors: [String: HostTensor], metadata: [String: String] = [:],
                             dtypes: [String: SafeTensorsDType] = [:], to path: String) throws {
        let bytes = try serialize(tensors, metadata: metadata, dtypes: dtypes, path: path)
        try PosixFile.writeAtomically(bytes, to: path)
    }

    /// The bytes of a safetensors file holding `tensors`; `path` only names the file in errors.
    public static func serialize(_ tensors: [String: HostTensor], metadata: [String: String] = [:],
                                 dtypes: [String: SafeTensorsDType] = [:], path: String? = nil) throws -> [UInt8] {
        if tensors["__metadata__"] != nil {
            throw DataError(.invalidArgument, path: path, "'__metadata__' is reserved and cannot name a tensor")
        }
        for name in dtypes.keys where tensors[name] == nil {
            throw DataError(.invalidArgument, path: path, "a dtype is given for '\(name)', which is not among the tensors")
        }
        // Larger elements first, then by name, as the reference library orders the data, so
        // that every tensor starts at an offset aligned to its element size.
        let order = tensors.keys.sorted { a, b in
            let sizeA = (dtypes[a] ?? .float32).size, sizeB = (dtypes[b] ?? .float32).size
            return sizeA != sizeB ? sizeA > sizeB : a < b
        }
        var data: [UInt8] = []
        data.reserveCapacity(order.reduce(0) { $0 + tensors[$1]!.scalarCount * (dtypes[$1] ?? .float32).size })
        var entries: [String: String] = [:]
        for name in order {
            let tensor = tensors[name]!
            let dtype = dtypes[name] ?? .float32
            if dtype.isInteger, let bad = tensor.scalars.first(where: { $0.rounded() != $0 || !dtype.integerRange.contains(Double($0)) }) {
                throw DataError(.invalidArgument, path: path, "tensor '\(name)' holds \(bad), which \(dtype.rawValue) cannot store")
            }
            let begin = data.count
            dtype.encode(tensor.scalars, into: &data)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries[name] = "{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(data.count)]}"
        }
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        for name in tensors.keys.sorted() { fields.append("\(jsonString(name)):\(entries[name]!)") }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        // Pad with spaces so that the data starts 8-byte aligned, as the reference library does.
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + data.count)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: headerBytes)
        bytes.append(contentsOf: data)
        return bytes
    }

    /// Parses and validates safetensors bytes; `path` only names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String? = nil) throws -> SafeTensorsFile {
        func fail(_ kind: DataError.Kind, _ reason: String) -> DataError { DataError(kind, path: path, reason) }
        guard bytes.count >= 8 else {
            throw fail(.truncated, "the file has \(bytes.count) bytes but a safetensors file begins with an 8-byte header length")
        }
        let declared = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard declared <= UInt64(maximumHeaderSize) else {
            throw fail(.malformed, "header length \(declared) exceeds the limit of \(maximumHeaderSize) bytes")
        }
        let headerSize = Int(declared)
        guard 8 + headerSize <= bytes.count else {
            throw fail(.truncated, "header length \(headerSize) exceeds the file size \(bytes.count)")
        }
        guard headerSize >= 2 else { throw fail(.malformed, "header length \(headerSize) is too small for a JSON object") }
        let headerBytes = bytes[8..<(8 + headerSize)]
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw fail(.malformed, "the header is not a JSON object (it does not start with '{')")
        }
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            throw fail(.malformed, "the header is not valid UTF-8")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(headerBytes), options: [])
        } catch {
            throw fail(.malformed, "the header is not valid JSON")
        }
        guard let object = json as? [String: Any] else { throw fail(.malformed, "the header is not a JSON object") }

        var metadata: [String: String] = [:]
        if let rawMetadata = object["__metadata__"] {
            guard let entries = rawMetadata as? [String: Any] else {
                throw fail(.malformed, "__metadata__ is not an object of strings")
            }
            for (key, value) in entries {
                guard let text = value as? String else {
                    throw fail(.malformed, "__metadata__ entry '\(key)' is not a string")
                }
                metadata[key] = text
            }
        }

        let dataSize = bytes.count - 8 - headerSize
        var infos: [(name: String, dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in object where name != "__metadata__" {
            guard let entry = value as? [String: Any] else { throw fail(.malformed, "tensor '\(name)' is not described by a JSON object") }
            guard let dtypeName = entry["dtype"] as? String else { throw fail(.malformed, "tensor '\(name)' has no dtype") }
            guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                let known = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(.unsupported, "tensor '\(name)' has dtype \(dtypeName), which is not supported (supported: \(known))")
            }
            guard let shape = nonNegativeIntegers(entry["shape"]) else {
                throw fail(.malformed, "tensor '\(name)' has no valid shape (a list of non-negative integers)")
            }
            guard let offsets = nonNegativeIntegers(entry["data_offsets"]), offsets.count == 2 else {
                throw fail(.malformed, "tensor '\(name)' has no valid data_offsets (two non-negative integers)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end else { throw fail(.malformed, "tensor '\(name)' has data_offsets [\(begin), \(end)] that end before they begin") }
            guard end <= dataSize else {
                throw fail(.truncated, "tensor '\(name)' ends at byte \(end) of the data but the file holds only \(dataSize) data bytes")
            }
            guard let count = HostTensor.elementCount(of: shape),
                  case let (bytesNeeded, overflow) = count.multipliedReportingOverflow(by: dtype.size), !overflow,
                  bytesNeeded == end - begin else {
                throw fail(.malformed, "tensor '\(name)' of shape \(shape) and dtype \(dtypeName) needs \(HostTensor.elementCount(of: shape).map { String($0 * dtype.size) } ?? "too many") bytes but its data_offsets span \(end - begin)")
            }
            infos.append((name, dtype, shape, begin, end))
        }

        // The data must be covered exactly: in offset order, each tensor starts where the previous ends.
        infos.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var position = 0
        for info in infos {
            if info.begin < position {
                throw fail(.malformed, "tensor '\(info.name)' at data_offsets [\(info.begin), \(info.end)] overlaps the previous tensor, which ends at \(position)")
            }
            if info.begin > position {
                throw fail(.malformed, "the data has a gap: tensor '\(info.name)' starts at \(info.begin) but the previous tensor ends at \(position)")
            }
            position = info.end
        }
        if position != dataSize {
            throw fail(.malformed, "the data has \(dataSize - position) bytes after the last tensor")
        }

        var tensors: [String: HostTensor] = [:]
        var dtypes: [String: SafeTensorsDType] = [:]
        bytes.withUnsafeBytes { raw in
            for info in infos {
                let start = 8 + headerSize + info.begin
                let source = UnsafeRawBufferPointer(rebasing: raw[start..<(8 + headerSize + info.end)])
                let count = (info.end - info.begin) / info.dtype.size
                let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    info.dtype.decode(source, into: buffer)
                    initialized = count
                }
                tensors[info.name] = HostTensor(validShape: info.shape, scalars: scalars)
                dtypes[info.name] = info.dtype
            }
        }
        return SafeTensorsFile(tensors: tensors, dtypes: dtypes, metadata: metadata)
    }

    /// The value as [Int] when it is a JSON array of non-negative whole numbers.
    private static func nonNegativeIntegers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in array {
            guard !(element is String), let number = element as? NSNumber else { return nil }
            let double = number.doubleValue
            guard double >= 0, double.rounded() == double, double < 9.0e15 else { return nil }
            let integer = number.int64Value
            guard Double(integer) == double else { return nil }
            result.append(Int(integer))
        }
        return result
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
