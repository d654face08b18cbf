import Foundation
import XCTest
@testable import StrideEngine

/// Reads the float32 safetensors files that scripts/make_torch_fixtures.py writes
/// (an 8-byte little-endian header length, a JSON header, then raw data).
enum TorchFixtures {
    static func load(_ name: String) throws -> [String: Tensor] {
        guard let url = Bundle.module.url(forResource: "Fixtures/torch/\(name)", withExtension: "safetensors") else {
            throw EngineError.io("fixture \(name).safetensors is missing")
        }
        let data = try Data(contentsOf: url)
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + headerLength))) as! [String: Any]
        var result: [String: Tensor] = [:]
        for (key, value) in header where key != "__metadata__" {
            let entry = value as! [String: Any]
            guard entry["dtype"] as? String == "F32" else { throw EngineError.io("fixture \(key) is not F32") }
            let shape = entry["shape"] as! [Int]
            let offsets = entry["data_offsets"] as! [Int]
            let bytes = data.subdata(in: (8 + headerLength + offsets[0])..<(8 + headerLength + offsets[1]))
            let scalars = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            result[key] = try Tensor(shape: shape, scalars: scalars)
        }
        return result
    }
}

extension Dictionary where Key == String, Value == Tensor {
    /// The tensor named `key`, failing the test when it is missing.
    func get(_ key: String) throws -> Tensor {
        guard let t = self[key] else { throw EngineError.value("fixture has no \(key)") }
        return t
    }
}
