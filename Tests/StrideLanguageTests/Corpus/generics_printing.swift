struct Stack<Element> {
    private var items: [Element] = []
    mutating func push(_ x: Element) { items.append(x) }
    mutating func pop() -> Element? { items.popLast() }
    var top: Element? { items.last }
    var isEmpty: Bool { items.isEmpty }
}
var s = Stack<Int>()
s.push(1); s.push(2)
print(s)
var t: Stack<String> = Stack()
t.push("a")
print(t, [t])
struct Pair<A, B> { let first: A; let second: B }
print(Pair(first: 1, second: "x"), Pair(first: [1.5], second: true))
func describe<T: CustomStringConvertible>(_ x: T) -> String { "<" + x.description + ">" }
print(describe(3), describe(s.top!))
