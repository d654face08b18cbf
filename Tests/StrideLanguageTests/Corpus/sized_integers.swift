let a: UInt8 = 250
let b: UInt8 = 5
print(a + b, a &+ 10, UInt8.max, UInt8.min)
let c: Int32 = Int32.max
print(c, Int32.min, Int64.max, UInt64.max, UInt.max)
let d: Int64 = 1 << 40
print(d, type(of: d))
let e = UInt32(7)
print(e * 3, e / 2, e % 4)
print(Int(a) + 1000, UInt8(200) / 3)
let bits: UInt8 = 0b1011_0000
print(bits >> 4, bits & 0x0F, bits | 1, ~bits, bits ^ 0xFF)
print(Int8(-128), Int16.max)
print(UInt8(truncatingIfNeeded: 300), Int8(truncatingIfNeeded: 200))
print(Int(exactly: 3.0) as Any, Int(exactly: 3.5) as Any)
print(UInt8(exactly: 256) as Any)
var h: UInt64 = 14695981039346656037
for byte in "ab".utf8 {
    h ^= UInt64(byte)
    h = h &* 1099511628211
}
print(h)
print(a.bitWidth, Int.bitWidth, (12 as UInt).nonzeroBitCount, (8 as UInt8).leadingZeroBitCount)
