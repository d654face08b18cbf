func swapped<T>(_ a: T, _ b: T) -> (T, T) { (b, a) }
print(swapped(1, 2), swapped("a", "b"))
func maxOf<T: Comparable>(_ xs: [T]) -> T? {
    guard var best = xs.first else { return nil }
    for x in xs where x > best { best = x }
    return best
}
print(maxOf([3, 7, 2]) as Any, maxOf(["pear", "apple"]) as Any, maxOf([Int]()) as Any)
func allEqual<T: Equatable>(_ xs: [T]) -> Bool { xs.allSatisfy { $0 == xs[0] } }
print(allEqual([1, 1, 1]), allEqual(["a", "b"]))
struct Stack<Element> {
    private var items: [Element] = []
    mutating func push(_ x: Element) { items.append(x) }
    mutating func pop() -> Element? { items.popLast() }
    var top: Element? { items.last }
    var isEmpty: Bool { items.isEmpty }
}
var s = Stack<Int>()
s.push(1); s.push(2)
print(s.pop() as Any, s.top as Any, s.isEmpty)
func sumAll<S: Sequence>(_ s: S) -> Int where S.Element == Int { s.reduce(0, +) }
print(sumAll([1, 2, 3]), sumAll(1...4))
struct Pair<A, B> { let first: A; let second: B }
let pr = Pair(first: 1, second: "one")
print(pr.first, pr.second)
func describe<T: CustomStringConvertible>(_ x: T) -> String { "<" + x.description + ">" }
print(describe(5), describe(2.5))
extension Stack where Element: Numeric {
    func sum() -> Element { items.reduce(0, +) }
}
var ns = Stack<Double>()
ns.push(1.5); ns.push(2)
print(ns.sum())
func firstIndex<T: Equatable>(of x: T, in xs: [T]) -> Int? {
    for (i, v) in xs.enumerated() where v == x { return i }
    return nil
}
print(firstIndex(of: "c", in: ["a", "b", "c"]) as Any)
