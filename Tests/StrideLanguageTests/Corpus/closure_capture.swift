// Closures capture variables, not values.
func makeCounter() -> () -> Int {
    var count = 0
    return {
        count += 1
        return count
    }
}
let next = makeCounter()
let another = makeCounter()
print(next(), next(), next())
print(another())

var x = 1
let readX = { x * 10 }
x = 5
print(readX())

var total = 0
let add: (Int) -> Void = { total += $0 }
add(3)
add(4)
print(total)

var closures: [() -> Int] = []
for i in 0..<3 {
    closures.append { i * i }
}
for f in closures {
    print(f(), terminator: " ")
}
print()

var shared = 0
var incrementers: [() -> Void] = []
for _ in 0..<3 {
    incrementers.append { shared += 1 }
}
for f in incrementers { f() }
print(shared)

func makeAccumulator(start: Int) -> (Int) -> Int {
    var sum = start
    func accumulate(_ n: Int) -> Int {
        sum += n
        return sum
    }
    return accumulate
}
let acc = makeAccumulator(start: 100)
print(acc(1), acc(2), acc(3))
