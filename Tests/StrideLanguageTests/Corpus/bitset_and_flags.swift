struct Permissions: CustomStringConvertible {
    private(set) var raw: UInt8 = 0
    static let read: UInt8 = 1 << 0
    static let write: UInt8 = 1 << 1
    static let execute: UInt8 = 1 << 2

    mutating func grant(_ flag: UInt8) { raw |= flag }
    mutating func revoke(_ flag: UInt8) { raw &= ~flag }
    func has(_ flag: UInt8) -> Bool { raw & flag != 0 }

    var description: String {
        (has(Permissions.read) ? "r" : "-") + (has(Permissions.write) ? "w" : "-") + (has(Permissions.execute) ? "x" : "-")
    }
}

var p = Permissions()
print(p, p.raw)
p.grant(Permissions.read)
p.grant(Permissions.execute)
print(p, p.raw)
p.revoke(Permissions.read)
p.grant(Permissions.write)
print(p, p.raw)

func popcount(_ x: UInt32) -> Int {
    var x = x, n = 0
    while x != 0 { x &= x - 1; n += 1 }
    return n
}
let values: [UInt32] = [0, 1, 255, 0xF0F0, UInt32.max]
print(values.map(popcount), values.map(\.nonzeroBitCount))
var checksum: UInt16 = 0
for b in "checksum".utf8 { checksum = checksum &* 31 &+ UInt16(b) }
print(checksum)
let big: UInt64 = UInt64(1) << 63
print(big, big >> 62, UInt64.max - big)
let neg: Int8 = -100
print(neg, Int8(bitPattern: 200), UInt8(bitPattern: neg))
