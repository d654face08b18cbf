func swapTwoValues<T>(_ a: inout T, _ b: inout T) {
    let temporaryA = a
    a = b
    b = temporaryA
}
var someString = "hello"
var anotherString = "world"
swapTwoValues(&someString, &anotherString)
print(someString, anotherString)
func countMatching<S: Sequence>(_ s: S, _ pred: (S.Element) -> Bool) -> Int {
    var n = 0
    for x in s where pred(x) { n += 1 }
    return n
}
print(countMatching([1, 5, 8, 12], { $0 > 4 }), countMatching("banana", { $0 == "a" }))
extension Array where Element: Comparable {
    func isSorted() -> Bool {
        for i in indices.dropFirst() where self[i - 1] > self[i] { return false }
        return true
    }
}
print([1, 2, 3].isSorted(), [3, 1].isSorted(), ["a", "b"].isSorted())
extension Collection where Element: Equatable {
    func countOf(_ x: Element) -> Int { filter { $0 == x }.count }
}
print([1, 2, 1, 1].countOf(1), "mississippi".countOf("s"))
struct Pair<T: Comparable> {
    var a: T, b: T
    var larger: T { a > b ? a : b }
    func sortedPair() -> Pair<T> { a <= b ? self : Pair(a: b, b: a) }
}
print(Pair(a: 3, b: 9).larger, Pair(a: "pear", b: "apple").sortedPair())
func sumOf<T: Numeric>(_ xs: [T]) -> T { xs.reduce(0, +) }
print(sumOf([1, 2, 3]), sumOf([0.5, 0.25]))
