// Ranges and stride.
for i in stride(from: 0, to: 10, by: 3) { print(i, terminator: " ") }
print()
for i in stride(from: 10, through: 0, by: -5) { print(i, terminator: " ") }
print()
for x in stride(from: 0.0, to: 1.0, by: 0.25) { print(x, terminator: " ") }
print()
for x in stride(from: 1.0, through: 2.0, by: 0.5) { print(x, terminator: " ") }
print()
for i in stride(from: 5, to: 5, by: 1) { print("never", i) }
let r = 0..<5
print(r, r.count, r.contains(4), r.contains(5))
let c = 1...5
print(c, c.count, c.contains(5), c.contains(0))
print((3..<3).count, (3...3).count)
print((1...4).map { $0 * 10 })
print((0..<6).filter { $0 % 2 == 1 })
print((1...10).reduce(0) { $0 + $1 })
var total = 0
for i in -2...2 { total += i * i }
print(total)
let n = 4
for i in 0..<n { print(String(i), terminator: i == n - 1 ? "\n" : ",") }
print((1...3).contains(2))
