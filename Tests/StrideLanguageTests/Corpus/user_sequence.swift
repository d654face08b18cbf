struct Countdown: Sequence, IteratorProtocol {
    var count: Int
    mutating func next() -> Int? {
        if count == 0 { return nil }
        defer { count -= 1 }
        return count
    }
}
for n in Countdown(count: 3) { print(n) }
print(Countdown(count: 4).map { $0 * 10 })
print(Countdown(count: 5).filter { $0 % 2 == 1 })
print(Countdown(count: 4).reduce(0, +))

struct Fibs: Sequence {
    let limit: Int
    func makeIterator() -> FibIterator { FibIterator(limit: limit) }
}
struct FibIterator: IteratorProtocol {
    let limit: Int
    var a = 0, b = 1
    init(limit: Int) { self.limit = limit }
    mutating func next() -> Int? {
        guard a <= limit else { return nil }
        let r = a
        (a, b) = (b, a + b)
        return r
    }
}
print(Array(Fibs(limit: 50)))
print(Fibs(limit: 100).contains(89), Fibs(limit: 10).max() ?? 0)
var it = Fibs(limit: 5).makeIterator()
while let x = it.next() { print(x, terminator: " ") }
print()
for (i, f) in Fibs(limit: 8).enumerated() { print(i, f) }
