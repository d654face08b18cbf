// Argument labels, `_`, default values and implicit returns.
func area(width w: Double, height h: Double = 1) -> Double {
    return w * h
}
print(area(width: 3))
print(area(width: 3, height: 2.5))
func greet(_ name: String, greeting: String = "Hello", punctuation: String = "!") -> String {
    "\(greeting), \(name)\(punctuation)"
}
print(greet("Ann"))
print(greet("Bo", greeting: "Hi"))
print(greet("Cy", punctuation: "?"))
print(greet("Di", greeting: "Hey", punctuation: "."))
func move(from start: Int, to end: Int) -> Int { end - start }
print(move(from: 3, to: 10))
func sum(_ a: Int, _ b: Int) -> Int { a + b }
print(sum(2, 3))
func range(of xs: [Int]) -> Int {
    guard let lo = xs.min(), let hi = xs.max() else { return 0 }
    return hi - lo
}
print(range(of: [4, 9, -1]), range(of: []))
func noResult(_ x: Int) {
    print("side effect", x)
}
noResult(5)
func earlyReturn(_ x: Int) {
    if x < 0 { return }
    print("non-negative", x)
}
earlyReturn(-1)
earlyReturn(2)
func makeGreeter(prefix: String) -> (String) -> String {
    func greeter(_ name: String) -> String { prefix + name }
    return greeter
}
let hello = makeGreeter(prefix: "hello ")
print(hello("world"))
func outer() -> Int {
    func inner(_ x: Int) -> Int { x * 2 }
    let y = inner(4)
    return inner(y)
}
print(outer())
func total(of xs: [Double], scaledBy factor: Double = 1.0) -> Double {
    var s = 0.0
    for x in xs { s += x * factor }
    return s
}
print(total(of: [1, 2, 3]), total(of: [1, 2, 3], scaledBy: 0.5))
