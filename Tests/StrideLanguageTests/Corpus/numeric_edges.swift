import Foundation
// Edge values of Int and Double that stay within range.
print(Int.max - 1 + 1 == Int.max, Int.min + 1 - 1 == Int.min)
print(abs(Int.min + 1))
print(Int.max / -1, Int.min / 2)
print(1e-7, 123e20, 0.1 * 0.1, 1.0 / 3.0 * 3.0)
print(2.0 * 1e308, -2.0 * 1e308)
print(Double(9007199254740992) + 1, Double(9007199254740993))
print(Int(1e18), Int(-1e18), Int(0.9999999999999999))
print(-0.0 == 0.0, -0.0 + 0.0, 0.0 * -1)
print(1.5.squareRoot(), (-1.0).squareRoot().isNaN)
print(0.1 + 0.7, 3.3 - 1.1, 4.35 * 100)
print(100000000.0, 1000000000000000000.0, 0.000001, 0.0000001)
print(Double(Int.max) == Double(Int.max - 1))
var sum = 0.0
for _ in 0..<10 { sum += 0.1 }
print(sum, sum == 1.0)
print(7 / 7, -7 / 7, 0 / -3, -0 % 5)
print(max(Int.min, -1), min(Int.max, 1))
