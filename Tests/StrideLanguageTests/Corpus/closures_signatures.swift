let double = { (x: Int) -> Int in x * 2 }
let add: (Int, Int) -> Int = { a, b in a + b }
let greet = { (name: String) in "hi " + name }
print(double(4), add(2, 3), greet("z"))
let squares = [1, 2, 3].map { x -> Int in x * x }
print(squares)
let parsed = ["1", "2"].map { s -> Int in
    let v = Int(s) ?? 0
    return v * 10
}
print(parsed)
var counter = 0
let inc = { counter += 1 }
inc(); inc()
print(counter)
func makeMultiplier(_ k: Int) -> (Int) -> Int { return { $0 * k } }
let triple = makeMultiplier(3)
print(triple(5), makeMultiplier(2)(8))
func apply(_ f: (Int) -> Int, to x: Int) -> Int { f(x) }
print(apply({ $0 + 100 }, to: 1), apply(triple, to: 2))
var x = 10
let captured = { [x] in x * 2 }
x = 20
print(captured(), x)
func compose<A, B, C>(_ f: @escaping (A) -> B, _ g: @escaping (B) -> C) -> (A) -> C { { g(f($0)) } }
print(compose(double, triple)(1))
let sorted = ["ccc", "a", "bb"].sorted { (a: String, b: String) -> Bool in a.count < b.count }
print(sorted)
var handlers: [() -> Void] = []
for i in 0..<3 { handlers.append { print("handler", i) } }
handlers.forEach { $0() }
let noArgs: () -> String = { "nothing" }
print(noArgs())
func fetch(completion: (Result<Int, Error>) -> Void) { completion(.success(5)) }
fetch { r in if case .success(let v) = r { print("success", v) } }
