let d: Double = 1 / 3
let f: Float = 1 / 3
let big: UInt64 = 1 << 63
let small: Int8 = -128
var ratio: Double = 0
ratio = 7 / 2
func half() -> Double { return 1 / 2 }
func area(width: Double, height: Double) -> Double { width * height }
struct P { var x: Double; var y: Int }
print(d, f, big, small, ratio, half(), area(width: 7 / 2, height: 2))
print(P(x: 1 / 4, y: 7 / 2))
var acc: Double = 1
acc += 1 / 2
print(acc, 1 / 2, 7 % 3)
let mixed: Double = 3 * 2.5 / 2
print(mixed)
