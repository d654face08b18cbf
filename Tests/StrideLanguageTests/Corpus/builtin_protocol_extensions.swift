import Foundation
extension Int {
    var squared: Int { self * self }
    func times(_ f: () -> Void) { for _ in 0..<self { f() } }
    var isEven: Bool { self % 2 == 0 }
}
print(5.squared, 4.isEven, 7.isEven)
3.times { print("hi") }

extension String {
    func shout() -> String { uppercased() + "!" }
    var wordCount: Int { split(separator: " ").count }
}
print("hello world".shout(), "a b c".wordCount)

extension Array where Element == Int {
    func sum() -> Int { reduce(0, +) }
}
print([1, 2, 3].sum())

extension Sequence where Element: Numeric {
    func total() -> Element { reduce(0, +) }
}
print([1.5, 2.5].total(), [4, 5].total())

extension Collection {
    var secondItem: Element? { count > 1 ? self[index(after: startIndex)] : nil }
}
print([10, 20, 30].secondItem ?? -1)

extension BinaryInteger {
    var digitCount: Int { String(self).count }
}
print(12345.digitCount)

extension Double {
    func rounded(to places: Int) -> Double {
        var m = 1.0
        for _ in 0..<places { m *= 10 }
        return (self * m).rounded() / m
    }
}
print(3.14159.rounded(to: 2))
