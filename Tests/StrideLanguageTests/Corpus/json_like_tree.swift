import Foundation
indirect enum JSON: CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
        case .string(let s): return "\"" + s + "\""
        case .array(let xs): return "[" + xs.map(\.description).joined(separator: ",") + "]"
        case .object(let kv): return "{" + kv.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    var depth: Int {
        switch self {
        case .array(let xs): return 1 + (xs.map(\.depth).max() ?? 0)
        case .object(let kv): return 1 + (kv.map { $0.1.depth }.max() ?? 0)
        default: return 0
        }
    }
}

let doc = JSON.object([
    ("name", .string("Stride")),
    ("version", .number(1.5)),
    ("tags", .array([.string("cnn"), .string("swift")])),
    ("meta", .object([("stars", .number(42)), ("public", .bool(true)), ("license", .null)])),
])
print(doc)
print("depth", doc.depth)
if case .object(let fields) = doc {
    for (k, v) in fields { print(k, "=>", v) }
}
