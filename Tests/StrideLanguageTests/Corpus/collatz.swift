// Collatz sequences.
func collatzLength(_ start: Int) -> Int {
    var n = start
    var steps = 0
    while n != 1 {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1
        steps += 1
    }
    return steps
}
var best = (start: 1, length: 0)
for s in 1..<1000 {
    let len = collatzLength(s)
    if len > best.length { best = (s, len) }
}
print(best)
func sequence(_ start: Int) -> [Int] {
    var out = [start]
    var n = start
    repeat {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1
        out.append(n)
    } while n != 1
    return out
}
print(sequence(6))
print(sequence(27).count, sequence(27).max()!)
