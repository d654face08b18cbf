// Functions as values: map, filter, reduce, composition, closures in collections.
let squares = (1...5).map { $0 * $0 }
let evens = squares.filter { x in x % 2 == 0 }
print(squares, evens)
for (i, s) in squares.enumerated() where s > 4 { print(i, s) }
let sum = squares.reduce(0) { $0 + $1 }
let product = squares.reduce(1, { acc, x in acc * x })
print(sum, product)
let words = ["swift", "is", "fun"]
print(words.map { $0.uppercased() })
print(words.map { $0.count }.reduce(0) { $0 + $1 })
print(words.filter { $0.count > 2 })

func twice(_ f: (Int) -> Int, _ x: Int) -> Int { f(f(x)) }
print(twice({ $0 + 3 }, 10))
func compose(_ f: @escaping (Int) -> Int, _ g: @escaping (Int) -> Int) -> (Int) -> Int {
    return { x in g(f(x)) }
}
let addThenDouble = compose({ $0 + 1 }, { $0 * 2 })
print(addThenDouble(4))

func square(_ x: Int) -> Int { x * x }
let f: (Int) -> Int = square
print(f(7), [1, 2, 3].map(square))

let operations: [String: (Int, Int) -> Int] = [
    "add": { $0 + $1 },
    "mul": { a, b in a * b },
]
print(operations["add"]!(2, 3), operations["mul"]!(2, 3))

let typed = { (a: Int, b: Int) -> Int in
    let s = a + b
    return s * s
}
print(typed(1, 2))

func apply(times n: Int, to x: Int, _ step: (Int) -> Int) -> Int {
    var v = x
    for _ in 0..<n { v = step(v) }
    return v
}
print(apply(times: 5, to: 1) { $0 * 2 })
print(apply(times: 3, to: 100) { v in v - 7 })
let nested = [[1, 2], [3], [4, 5, 6]]
print(nested.map { $0.count }, nested.map { $0.reduce(0, { $0 + $1 }) })
