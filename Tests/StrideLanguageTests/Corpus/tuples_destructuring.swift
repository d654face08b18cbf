// Tuples: labels, positions, destructuring, returning several values.
let t = (1, "a")
let (num, letter) = t
print(num, letter)
let point = (x: 3, y: -4)
let (px, py) = point
print(px, py, point.x, point.1)
func divide(_ a: Int, by b: Int) -> (quotient: Int, remainder: Int) {
    return (a / b, a % b)
}
let result = divide(17, by: 5)
print(result.quotient, result.remainder, result)
let (q, r) = divide(-17, by: 5)
print(q, r)
var a = 1
var b = 2
(a, b) = (b, a)
print(a, b)
let (_, second) = (10, 20)
print(second)
let ((p, q2), s) = ((1, 2), "s")
print(p, q2, s)
for (name, age) in [("Ann", 30), ("Bo", 4)] {
    print("\(name) is \(age)")
}
var stats = (min: 0, max: 0)
stats.max = 9
stats.min -= 1
print(stats)
func minMax(_ xs: [Int]) -> (min: Int, max: Int)? {
    guard let first = xs.first else { return nil }
    var lo = first
    var hi = first
    for x in xs {
        lo = min(lo, x)
        hi = max(hi, x)
    }
    return (lo, hi)
}
if let mm = minMax([4, -2, 9, 0]) {
    print(mm.min, mm.max)
}
print(minMax([]) == nil)
