import Foundation
import XCTest
@testable import StrideEngine

final class SafeTensorsTests: XCTestCase {
    /// Every tensor of the file written by the Python `safetensors` package from PyTorch tensors
    /// reads back with PyTorch's float32 conversion of each element.
    func testReadsTheReferenceFileWrittenByPython() throws {
        let file = try SafeTensors.read(DataFixtures.path("reference.safetensors"))
        let reference = try DataFixtures.json("reference_values.json")
        let expected = try XCTUnwrap(reference["tensors"] as? [String: [String: Any]])
        XCTAssertEqual(file.names, expected.keys.sorted())
        XCTAssertEqual(file.metadata, reference["metadata"] as? [String: String])
        let dtypeNames: [String: SafeTensorsDType] = [
            "float32": .float32, "float64": .float64, "float16": .float16, "bfloat16": .bfloat16,
            "int64": .int64, "int32": .int32, "uint8": .uint8,
        ]
        for (name, entry) in expected {
            let tensor = try XCTUnwrap(file.tensors[name], name)
            XCTAssertEqual(tensor.shape, entry["shape"] as? [Int], name)
            XCTAssertEqual(file.dtypes[name], dtypeNames[entry["dtype"] as! String], name)
            let values = (entry["values"] as! [NSNumber]).map { Float($0.doubleValue) }
            XCTAssertEqual(tensor.scalars.count, values.count, name)
            for (got, want) in zip(tensor.scalars, values) {
                XCTAssertEqual(got.bitPattern, want.bitPattern, "\(name): \(got) != \(want)")
            }
        }
    }

    func testRoundTripOfEveryWritableDType() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/round.safetensors"
        let values: [Float] = [0, 1, -2, 100, 3, 7]
        var tensors: [String: HostTensor] = [:]
        var dtypes: [String: SafeTensorsDType] = [:]
        for dtype in SafeTensorsDType.allCases {
            let scalars = dtype == .bool ? [0, 1, 1, 0, 1, 0] : dtype == .uint8 ? values.map(abs) : values
            tensors["t_" + dtype.rawValue] = try HostTensor(shape: [2, 3], scalars: scalars)
            dtypes["t_" + dtype.rawValue] = dtype
        }
        tensors["scalar"] = try HostTensor(shape: [], scalars: [0.1])
        tensors["empty"] = try HostTensor(shape: [3, 0], scalars: [])
        try SafeTensors.write(tensors, metadata: ["format": "pt"], dtypes: dtypes, to: path)
        let file = try SafeTensors.read(path)
        XCTAssertEqual(file.tensors, tensors)
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertEqual(file.dtypes["scalar"], .float32)
        XCTAssertEqual(file.dtypes["t_BF16"], .bfloat16)
        // Only the destination remains in the directory: the temporary file was renamed.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["round.safetensors"])
    }

    func testLayoutIsDeterministicAndAligned() throws {
        let a = try HostTensor(shape: [1], scalars: [1]), b = try HostTensor(shape: [2], scalars: [2, 3])
        let bytes = try SafeTensors.serialize(["b": b, "a": a, "c": a], dtypes: ["c": .float16])
        XCTAssertEqual(bytes, try SafeTensors.serialize(["c": a, "a": a, "b": b], dtypes: ["c": .float16]))
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual((8 + headerLength) % 8, 0)
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        XCTAssertEqual(header.trimmingCharacters(in: .whitespaces),
                       #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},"c":{"dtype":"F16","shape":[1],"data_offsets":[12,14]}}"#)
    }

    func testHalfPrecisionConversionsFollowIEEE() {
        // Bit patterns from the IEEE 754 binary16 definition.
        XCTAssertEqual(SafeTensorsDType.halfToFloat(0x3C00), 1)
        XCTAssertEqual(SafeTensorsDType.halfToFloat(0x0001), 0x1.0p-24)
        XCTAssertEqual(SafeTensorsDType.halfToFloat(0x7BFF), 65504)
        XCTAssertEqual(SafeTensorsDType.halfToFloat(0xFC00), -.infinity)
        XCTAssertTrue(SafeTensorsDType.halfToFloat(0x7E00).isNaN)
        XCTAssertEqual(SafeTensorsDType.floatToHalf(1), 0x3C00)
        XCTAssertEqual(SafeTensorsDType.floatToHalf(0.1), 0x2E66)
        XCTAssertEqual(SafeTensorsDType.floatToHalf(65519), 0x7BFF)
        XCTAssertEqual(SafeTensorsDType.floatToHalf(65520), 0x7C00)
        XCTAssertEqual(SafeTensorsDType.floatToHalf(-0x1.0p-25), 0x8000)   // a tie rounds to even zero
        XCTAssertEqual(SafeTensorsDType.floatToHalf(0x1.8p-24), 0x0002)    // a tie rounds to even 2
        XCTAssertEqual(SafeTensorsDType.floatToBFloat16(1), 0x3F80)
        XCTAssertEqual(SafeTensorsDType.floatToBFloat16(Float(bitPattern: 0x3F80_8000)), 0x3F80)   // tie to even
        XCTAssertEqual(SafeTensorsDType.floatToBFloat16(Float(bitPattern: 0x3F81_8000)), 0x3F82)
    }

    func testWritingRefusesBadInput() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let half = try HostTensor(shape: [1], scalars: [0.5])
        DataFixtures.assertError(try SafeTensors.write(["n": half], dtypes: ["n": .int32], to: directory + "/x"),
                                 .invalidArgument, "\(directory)/x: tensor 'n' holds 0.5, which I32 cannot store")
        DataFixtures.assertError(try SafeTensors.write(["__metadata__": half], to: directory + "/x"),
                                 .invalidArgument, "\(directory)/x: '__metadata__' is reserved and cannot name a tensor")
        DataFixtures.assertError(try SafeTensors.write(["a": half], to: directory + "/missing/x.safetensors"),
                                 .writeFailed, "\(directory)/missing/x.safetensors: cannot create a file in \(directory)/missing (No such file or directory)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/x"))
    }

    func testAFailedWriteLeavesTheOldFileWhole() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/keep.safetensors"
        let old = try HostTensor(shape: [2], scalars: [1, 2])
        try SafeTensors.write(["w": old], to: path)
        let bad = try HostTensor(shape: [1], scalars: [-1])
        XCTAssertThrowsError(try SafeTensors.write(["w": bad], dtypes: ["w": .uint8], to: path))
        XCTAssertEqual(try SafeTensors.read(path).tensors["w"], old)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["keep.safetensors"])
    }

    /// A file whose header is `json` (padded to 8 bytes) followed by `dataBytes` zero bytes.
    private func file(_ json: String, dataBytes: Int, declaredLength: UInt64? = nil) -> [UInt8] {
        var header = Array(json.utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let length = declaredLength ?? UInt64(header.count)
        return withUnsafeBytes(of: length.littleEndian) { Array($0) } + header + [UInt8](repeating: 0, count: dataBytes)
    }

    func testMalformedFilesAreRefusedWithTheReason() {
        func check(_ bytes: [UInt8], _ kind: DataError.Kind, _ reason: String, line: UInt = #line) {
            DataFixtures.assertError(try SafeTensors.parse(bytes, path: "m.safetensors"), kind, "m.safetensors: " + reason, line: line)
        }
        let entry = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        check([1, 2, 3], .truncated, "the file has 3 bytes but a safetensors file begins with an 8-byte header length")
        check(file(entry, dataBytes: 8, declaredLength: 1 << 40), .malformed, "header length 1099511627776 exceeds the limit of 100000000 bytes")
        check(file(entry, dataBytes: 8, declaredLength: 4000), .truncated, "header length 4000 exceeds the file size 72")
        check(file("[1, 2]", dataBytes: 0), .malformed, "the header is not a JSON object (it does not start with '{')")
        check(file(#"{"w": {"dtype": "F32""#, dataBytes: 0), .malformed, "the header is not valid JSON")
        check(file(#"{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, dataBytes: 8), .unsupported,
              "tensor 'w' has dtype C64, which is not supported (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)")
        check(file(#"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 4), .malformed, "tensor 'w' has no dtype")
        check(file(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, dataBytes: 4), .malformed,
              "tensor 'w' has no valid shape (a list of non-negative integers)")
        check(file(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, dataBytes: 4), .malformed,
              "tensor 'w' has no valid data_offsets (two non-negative integers)")
        check(file(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, dataBytes: 4), .malformed,
              "tensor 'w' has data_offsets [4, 0] that end before they begin")
        check(file(entry, dataBytes: 4), .truncated, "tensor 'w' ends at byte 8 of the data but the file holds only 4 data bytes")
        check(file(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, dataBytes: 8), .malformed,
              "tensor 'w' of shape [3] and dtype F32 needs 12 bytes but its data_offsets span 8")
        check(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8),
              .malformed, "tensor 'b' at data_offsets [4, 8] overlaps the previous tensor, which ends at 8")
        check(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, dataBytes: 12),
              .malformed, "the data has a gap: tensor 'b' starts at 8 but the previous tensor ends at 4")
        check(file(entry, dataBytes: 12), .malformed, "the data has 4 bytes after the last tensor")
        check(file(#"{"__metadata__":{"k":1}}"#, dataBytes: 0), .malformed, "__metadata__ entry 'k' is not a string")
        check(file(#"{"w":[1]}"#, dataBytes: 0), .malformed, "tensor 'w' is not described by a JSON object")
    }

    func testFloat8FileIsRefusedAsUnsupported() {
        let path = DataFixtures.path("float8.safetensors")
        DataFixtures.assertError(try SafeTensors.read(path), .unsupported,
                                 "\(path): tensor 'f8' has dtype F8_E4M3, which is not supported (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)")
    }

    /// A file written here is read by the Python `safetensors` package with the same values.
    func testPythonReadsAFileWrittenHere() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else { throw XCTSkip("no /usr/bin/env to find python3") }
        let probe = try DataFixtures.run("/usr/bin/env", ["python3", "-c", "import safetensors.numpy, numpy"])
        guard probe.0 == 0 else {
            throw XCTSkip("python3 with the safetensors and numpy packages is not available: \(probe.2.suffix(200))")
        }
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/from-swift.safetensors"
        let tensors = [
            "conv1.weight": try HostTensor(shape: [2, 1, 2, 2], scalars: [0.5, -1, 2, 1e-7, 3.25, -0, 1e30, 7]),
            "bn.num_batches_tracked": try HostTensor(shape: [], scalars: [12]),
            "half": try HostTensor(shape: [3], scalars: [0.1, -2, 65504]),
        ]
        try SafeTensors.write(tensors, metadata: ["format": "pt"],
                              dtypes: ["bn.num_batches_tracked": .int64, "half": .float16], to: path)
        let script = """
        import json, sys
        from safetensors import safe_open
        out = {}
        with safe_open(sys.argv[1], framework="numpy") as f:
            out["__metadata__"] = f.metadata()
            for k in f.keys():
                t = f.get_tensor(k)
                out[k] = {"dtype": str(t.dtype), "shape": list(t.shape), "values": [float(v) for v in t.astype("float64").flatten()]}
        print(json.dumps(out))
        """
        let (status, output, error) = try DataFixtures.run("/usr/bin/env", ["python3", "-c", script, path])
        XCTAssertEqual(status, 0, error)
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: output) as? [String: Any])
        XCTAssertEqual(result["__metadata__"] as? [String: String], ["format": "pt"])
        let conv = try XCTUnwrap(result["conv1.weight"] as? [String: Any])
        XCTAssertEqual(conv["dtype"] as? String, "float32")
        XCTAssertEqual(conv["shape"] as? [Int], [2, 1, 2, 2])
        XCTAssertEqual((conv["values"] as? [Double])?.map { Float($0) }, tensors["conv1.weight"]!.scalars)
        let count = try XCTUnwrap(result["bn.num_batches_tracked"] as? [String: Any])
        XCTAssertEqual(count["dtype"] as? String, "int64")
        XCTAssertEqual(count["shape"] as? [Int], [])
        XCTAssertEqual(count["values"] as? [Double], [12])
        let half = try XCTUnwrap(result["half"] as? [String: Any])
        XCTAssertEqual(half["dtype"] as? String, "float16")
        // numpy's own float16 rounding of 0.1 is 0.0999755859375.
        XCTAssertEqual(half["values"] as? [Double], [0.0999755859375, -2, 65504])
    }
}
